import os

from django.urls import path

from activities.views.public import centre_page
from centres.views import api, coordinator, desk, devices, public, reports, staff, visits

app_name = "centres"

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", public.healthz, name="healthz"),
    # The public page is mostly activities and proposals; the activities app renders it.
    path("c/<slug:slug>/", centre_page, name="public"),
    path("api/v1/openapi.json", api.openapi, name="api-openapi"),
    path("api/v1/centres/", api.centre_list, name="api-centres"),
    path("api/v1/centres/<slug:slug>/visits/", api.visits, name="api-visits"),
    path("api/v1/centres/<slug:slug>/visits/<str:tap_id>/", api.visit, name="api-visit"),
    path("desk/", desk.desk, name="desk"),
    path("desk/pair/", desk.pair, name="desk-pair"),
    path("desk/sw.js", desk.service_worker, name="desk-sw"),
    path("staff/", staff.home, name="staff-home"),
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
    path("staff/<slug:slug>/", staff.centre_overview, name="staff-centre"),
    path("staff/<slug:slug>/visits/", visits.overview, name="staff-visits"),
    path("staff/<slug:slug>/visits/<str:day>/", visits.day_view, name="staff-visit-day"),
    path(
        "staff/<slug:slug>/visits/<str:day>/corrections/add/",
        visits.add_correction,
        name="staff-visit-correction-add",
    ),
    path("staff/<slug:slug>/devices/", devices.device_list, name="staff-devices"),
    path("staff/<slug:slug>/devices/pair/", devices.device_pair, name="staff-device-pair"),
    path(
        "staff/<slug:slug>/devices/<int:pk>/revoke/",
        devices.device_revoke,
        name="staff-device-revoke",
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
    path("coordinator/centres/", coordinator.centre_list, name="coordinator-centres"),
    path("coordinator/centres/add/", coordinator.centre_create, name="coordinator-centre-add"),
    path(
        "coordinator/centres/<slug:slug>/edit/",
        coordinator.centre_edit,
        name="coordinator-centre-edit",
    ),
    path("coordinator/staff/", coordinator.staff_list, name="coordinator-staff"),
    path("coordinator/staff/add/", coordinator.staff_create, name="coordinator-staff-add"),
    path(
        "coordinator/staff/<int:pk>/edit/",
        coordinator.staff_edit,
        name="coordinator-staff-edit",
    ),
    path(
        "coordinator/staff/<int:pk>/unlock/",
        coordinator.staff_unlock,
        name="coordinator-staff-unlock",
    ),
]

# The benchmark's baseline (python -m bench): a view that touches no database. Only when the
# benchmark starts the server with MEETINGPLACE_BENCH=1; never in a normal deployment.
if os.environ.get("MEETINGPLACE_BENCH") == "1":
    urlpatterns.append(path("bench/noop", api.bench_noop, name="bench-noop"))
