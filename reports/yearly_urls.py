from django.urls import path

from reports import yearly_views

app_name = "reports"

urlpatterns = [
    # The yearly report (DESIGN.md: /coordinator/year/<YYYY>/ and its report.docx).
    path(
        "coordinator/year/",
        yearly_views.year_index,
        {"scope": "coordinator"},
        name="coordinator-year-index",
    ),
    path(
        "coordinator/year/<int:year>/",
        yearly_views.year_page,
        {"scope": "coordinator"},
        name="coordinator-year",
    ),
    path(
        "coordinator/year/<int:year>/report.docx",
        yearly_views.year_docx,
        {"scope": "coordinator"},
        name="coordinator-year-docx",
    ),
    path(
        "coordinator/year/<int:year>/texts/",
        yearly_views.service_texts,
        name="coordinator-year-texts",
    ),
    path(
        "coordinator/attendance.xlsx",
        yearly_views.attendance_xlsx,
        {"scope": "coordinator"},
        name="coordinator-attendance-xlsx",
    ),
    # The same for staff: their centres only.
    path(
        "staff/reports/year/",
        yearly_views.year_index,
        {"scope": "staff"},
        name="staff-reports-year-index",
    ),
    path(
        "staff/reports/year/<int:year>/",
        yearly_views.year_page,
        {"scope": "staff"},
        name="staff-reports-year",
    ),
    path(
        "staff/reports/year/<int:year>/report.docx",
        yearly_views.year_docx,
        {"scope": "staff"},
        name="staff-reports-year-docx",
    ),
    path(
        "staff/reports/attendance.xlsx",
        yearly_views.attendance_xlsx,
        {"scope": "staff"},
        name="staff-reports-attendance-xlsx",
    ),
    path(
        "staff/<slug:slug>/year/<int:year>/",
        yearly_views.centre_texts,
        name="staff-centre-year",
    ),
]
