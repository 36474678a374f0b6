"""The report routes. ``meetingplace/urls.py`` puts them in the ``centres`` namespace, where
their names have always been (``centres:coordinator``, ``centres:staff-reports``, ...)."""

from django.urls import path

from reports import audit
from reports import views as reports

urlpatterns = [
    # The report for staff: their centres only. Before "staff/<slug>/", so "reports" is not read
    # as a centre's short name (CentreForm keeps that name free).
    path("staff/reports/", reports.report, {"scope": "staff"}, name="staff-reports"),
    path(
        "staff/reports/print/",
        reports.report,
        {"scope": "staff", "print_view": True},
        name="staff-reports-print",
    ),
    path(
        "staff/reports/attendance.csv",
        reports.attendance_csv,
        {"scope": "staff"},
        name="staff-reports-attendance-csv",
    ),
    path(
        "staff/reports/activities.csv",
        reports.activities_csv,
        {"scope": "staff"},
        name="staff-reports-activities-csv",
    ),
    # The report across all centres; the CSV's address and format are a stable contract.
    path("coordinator/", reports.report, {"scope": "coordinator"}, name="coordinator"),
    path(
        "coordinator/print/",
        reports.report,
        {"scope": "coordinator", "print_view": True},
        name="coordinator-print",
    ),
    path(
        "coordinator/attendance.csv",
        reports.attendance_csv,
        {"scope": "coordinator"},
        name="coordinator-attendance-csv",
    ),
    path(
        "coordinator/activities.csv",
        reports.activities_csv,
        {"scope": "coordinator"},
        name="coordinator-activities-csv",
    ),
    # The audit trail: who changed what, when; per centre (?centre=<slug>) and per object.
    path("coordinator/history/", audit.history, name="coordinator-history"),
    path(
        "coordinator/history/<str:model>/<str:pk>/",
        audit.object_history,
        name="coordinator-history-object",
    ),
]
