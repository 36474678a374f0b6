"""The attendance export as an Excel workbook (openpyxl, write-only mode).

Sheet one has the attendance CSV's rows (``date, centre, visits, newcomers``: the same
generator, the same order) with real dates and numbers, so Norwegian Excel opens it without
an import dialogue and "Grünerløkka" stays whole. Further sheets hold the report's tables for
the same period. Write-only mode streams rows to a temporary file, so three years of every
centre take no more memory than one day's rows (``python -m bench reports`` measures it).
"""

import datetime
from typing import BinaryIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from reports import attendance as attendance_reports
from reports.csv_export import escape_cell
from reports.yearly import Figure, YearlyReport

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0"


def _text(value):
    # A text cell that starts with "=" would become a formula (as in the CSV export).
    return escape_cell(str(value)) if value is not None else None


def _header(sheet, names) -> None:
    bold = Font(bold=True)
    cells = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=_text(name))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)


def _figure_value(value, item: Figure):
    # Nothing of the kind recorded yet: an empty cell, never a 0.
    if value is None or not item.recorded:
        return None
    return round(value, 1) if (item.decimals or item.percent) else int(value)


def write_workbook(target: BinaryIO, centres, period, report: YearlyReport) -> None:
    workbook = Workbook(write_only=True)

    sheet = workbook.create_sheet(_("Attendance"))
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 18
    sheet.freeze_panes = "A2"
    _header(sheet, attendance_reports.CSV_HEADER)
    for day, slug, visits, newcomers in attendance_reports.attendance_rows(
        centres, period.start, period.end
    ):
        # A date object becomes a real spreadsheet date (openpyxl sets yyyy-mm-dd).
        sheet.append([datetime.date.fromisoformat(day), slug, visits, newcomers])

    figures = workbook.create_sheet(_("Key figures"))
    figures.column_dimensions["A"].width = 44
    _header(
        figures,
        [_("Figure"), _("This period"), _("Same period last year"), _("Change in percent")],
    )
    for item in report.figures:
        figures.append(
            [
                _text(item.label),
                _figure_value(item.value, item),
                None if item.last_year is None else _figure_value(item.last_year, item),
                None if item.change is None else round(item.change, 1),
            ]
        )
    if report.regular_users is not None:
        figures.append([_text(_("Regular users (the centres' estimate)")), report.regular_users])

    per_centre = workbook.create_sheet(_("Per meeting place"))
    per_centre.column_dimensions["A"].width = 30
    _header(
        per_centre,
        [
            _("Meeting place"),
            *(str(item.label) for item in report.figures),
            _("Regular users (estimate)"),
            _("How it was estimated"),
            _("Days with visits recorded"),
            _("Counting visits since"),
        ],
    )
    for row in report.centres:
        per_centre.append(
            [
                _text(row.centre.name),
                *(_figure_value(item.value, item) for item in row.figures),
                row.estimate.estimate if row.estimate else None,
                _text(row.estimate.method) if row.estimate else None,
                row.coverage.days_with_data,
                row.coverage.since,
            ]
        )

    kinds = workbook.create_sheet(_("Activities by kind"))
    kinds.column_dimensions["A"].width = 24
    _header(kinds, [_("Kind of activity"), _("Sessions held"), _("Led by service users")])
    for kind in report.activities.by_category:
        kinds.append([_text(kind.label), kind.held, kind.user_led])

    reasons = workbook.create_sheet(_("Reasons for no"))
    reasons.column_dimensions["A"].width = 24
    _header(reasons, [_("Reason"), _("No"), _("Not now")])
    for reason in report.proposals.reasons:
        reasons.append([_text(reason.label), reason.declined, reason.postponed])

    workbook.save(target)
