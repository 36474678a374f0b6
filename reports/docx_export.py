"""The yearly report as a Word document (python-docx): headings, tables and the charts as
images, so the coordinator can go on writing in it. Same content and order as the page."""

import io

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

from centres.models import Weekday
from reports.chart_images import bar_chart_png, heat_map_png
from reports.templatetags.figures import figure
from reports.yearly import CentreYear, Figure, YearlyReport

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class _Styles(dict):
    """The document's styles looked up once: python-docx finds a style by name by walking
    every style, which for a report of twenty centres took longer than the rest together."""

    def __init__(self, document):
        names = [
            "Title",
            "Heading 1",
            "Heading 2",
            "Heading 3",
            "List Bullet",
            "Light Grid Accent 1",
        ]
        super().__init__((name, document.styles[name]) for name in names)


def _heading(document, styles: _Styles, text: str, *, level: int) -> None:
    document.add_paragraph(text, style=styles["Title" if level == 0 else f"Heading {level}"])


def _table(document, styles: _Styles, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = styles["Light Grid Accent 1"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_paragraph()


def _figures_table(document, styles: _Styles, figures: list[Figure]) -> None:
    _table(
        document,
        styles,
        [_("Figure"), _("This period"), _("Same period last year"), _("Change")],
        [
            [
                str(item.label),
                item.value_text,
                item.last_year_text,
                item.change_text,
            ]
            for item in figures
        ],
    )


def _coverage(document, styles: _Styles, lines: list[tuple[str, str]]) -> None:
    _heading(document, styles, _("How complete the data is"), level=3)
    for label, value in lines:
        paragraph = document.add_paragraph(style=styles["List Bullet"])
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)


def _texts(document, styles: _Styles, texts, *, level: int) -> None:
    for _section, label, text in texts:
        if text is None or not text.text:
            continue
        _heading(document, styles, label, level=level)
        for part in text.text.split("\n\n"):
            document.add_paragraph(part.strip())


def _image(document, png: bytes, *, width_cm: float, caption: str) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(width_cm))
    paragraph = document.add_paragraph(caption)
    paragraph.runs[0].italic = True


def _centre(document, styles: _Styles, row: CentreYear) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _heading(document, styles, row.centre.name, level=1)
    _figures_table(document, styles, row.figures)
    if row.estimate is not None:
        document.add_paragraph(
            _("Regular users: about %(n)s (the centre's estimate: %(method)s)")
            % {"n": figure(row.estimate.estimate), "method": row.estimate.method}
        )
    else:
        document.add_paragraph(_("Regular users: no estimate given."))
    hours = [h for h in range(24) if any(day[h] for day in row.heat)]
    if hours:
        shown = list(range(hours[0], hours[-1] + 1))
        _image(
            document,
            heat_map_png(
                [str(label) for _value, label in Weekday.choices],
                [f"{h:02d}" for h in shown],
                [[day[h] for h in shown] for day in row.heat],
            ),
            width_cm=min(16, 2.5 + 0.9 * len(shown)),
            caption=_("When people come: visits per weekday and hour; darker is busier."),
        )
    _heading(document, styles, _("House meetings"), level=3)
    if row.meetings:
        _table(
            document,
            styles,
            [_("Date"), _("Service users present"), _("Staff present"), _("Minutes")],
            [
                [
                    formats.date_format(meeting.date, "DATE_FORMAT"),
                    figure(meeting.users_present),
                    figure(meeting.staff_present),
                    _("published") if meeting.published else _("not published yet"),
                ]
                for meeting in row.meetings
            ],
        )
    else:
        document.add_paragraph(_("No house meetings recorded in the period."))
    _texts(document, styles, row.texts, level=2)
    _coverage(document, styles, row.coverage.lines())


def yearly_docx(report: YearlyReport) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    document.styles["Normal"].font.size = Pt(11)
    styles = _Styles(document)

    period = report.period
    _heading(document, styles, _("Yearly report %(year)d") % {"year": report.year}, level=0)
    document.add_paragraph(
        _("Meeting places, %(start)s – %(end)s. Compared with %(before_start)s – %(before_end)s.")
        % {
            "start": formats.date_format(period.start, "DATE_FORMAT"),
            "end": formats.date_format(period.end, "DATE_FORMAT"),
            "before_start": formats.date_format(report.previous.start, "DATE_FORMAT"),
            "before_end": formats.date_format(report.previous.end, "DATE_FORMAT"),
        }
    )
    if report.attendance.compared_to_date:
        document.add_paragraph(
            _(
                "The period is not over: figures up to today, %(today)s, compared with last "
                "year up to %(day)s."
            )
            % {
                "today": formats.date_format(report.today, "DATE_FORMAT"),
                "day": formats.date_format(report.attendance.compared_to_date, "DATE_FORMAT"),
            }
        )
    _heading(document, styles, _("Key figures"), level=1)
    _figures_table(document, styles, report.figures)
    if report.regular_users is not None:
        document.add_paragraph(
            _(
                "Regular users: about %(n)s, the centres' own estimate (%(given)d of %(all)d "
                "centres gave one). Taps are anonymous, so this is never counted."
            )
            % {
                "n": figure(report.regular_users),
                "given": report.estimates_given,
                "all": len(report.centres),
            }
        )
    _texts(document, styles, report.service_texts, level=2)
    trend = report.attendance.trend
    if any(point.visits for point in trend):
        _image(
            document,
            bar_chart_png(
                [formats.date_format(point.start, pgettext("chart month", "M")) for point in trend],
                [
                    (_("This period"), [point.visits for point in trend]),
                    (_("Same period last year"), [point.last_year for point in trend]),
                ],
            ),
            width_cm=16,
            caption=_("Visits per month, this period and the same period last year."),
        )
    _heading(document, styles, _("Per meeting place"), level=2)
    _table(
        document,
        styles,
        [_("Meeting place"), _("Visits"), _("Per opening day"), _("Regular users (estimate)")],
        [
            [
                row.centre.name,
                figure(row.figures[0].value),
                figure(row.figures[1].value, 1),
                figure(row.estimate.estimate) if row.estimate else "—",
            ]
            for row in report.centres
        ],
    )
    _coverage(document, styles, report.coverage.lines())
    for row in report.centres:
        _centre(document, styles, row)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
