"""Report periods: the presets people think in, custom ranges, and their validation."""

import datetime
import re
from dataclasses import dataclass
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from centres.dates import check_in_range
from centres.forms_common import date_widget

MAX_YEARS = 20
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DAY, WEEK, MONTH = "day", "week", "month"
GRANULARITIES = [(DAY, _("by day")), (WEEK, _("by week")), (MONTH, _("by month"))]

PRESETS = [
    ("this-week", _("This week")),
    ("this-month", _("This month")),
    ("last-month", _("Last month")),
    ("this-year", _("This year")),
    ("last-year", _("Last year")),
    ("custom", _("Choose dates")),
]


def shift_year(day: datetime.date, years: int) -> datetime.date:
    """The same calendar date ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def dates(self) -> list[datetime.date]:
        return [self.start + datetime.timedelta(days=n) for n in range(self.days)]

    def previous_year(self) -> "Period":
        return Period(shift_year(self.start, -1), shift_year(self.end, -1))

    def default_granularity(self) -> str:
        if self.days <= 31:
            return DAY
        if self.days <= 190:
            return WEEK
        return MONTH


def preset_period(preset: str, today: datetime.date) -> Period:
    """The period a preset means on ``today`` (weeks start on Monday)."""
    if preset == "this-week":
        start = today - datetime.timedelta(days=today.weekday())
        return Period(start, start + datetime.timedelta(days=6))
    if preset == "this-month":
        start = today.replace(day=1)
        following = (start + datetime.timedelta(days=32)).replace(day=1)
        return Period(start, following - datetime.timedelta(days=1))
    if preset == "last-month":
        end = today.replace(day=1) - datetime.timedelta(days=1)
        return Period(end.replace(day=1), end)
    if preset == "this-year":
        return Period(datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31))
    if preset == "last-year":
        return Period(datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31))
    raise ValueError(f"unknown preset {preset!r}")


def check_range(start: datetime.date, end: datetime.date) -> None:
    if end < start:
        raise forms.ValidationError(_("The end date is before the start date."), code="order")
    if end > shift_year(start, MAX_YEARS):
        raise forms.ValidationError(
            _("Choose a period of at most %(years)d years.") % {"years": MAX_YEARS},
            code="too_long",
        )


class ISODateField(forms.DateField):
    """Only YYYY-MM-DD: the format of the stable CSV contract and of <input type=date>."""

    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": _("Write the date as YYYY-MM-DD, e.g. 2026-03-31.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", date_widget())
        super().__init__(**kwargs)

    def to_python(self, value):
        # strptime would also take "2026-3-1"; the contract is four, two and two digits.
        if isinstance(value, str) and value.strip() and not ISO_DATE.match(value.strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        day = super().to_python(value)
        if day is not None:
            # Reports compare with a year earlier: the years 1 and 9999 would overflow.
            check_in_range(day)
        return day


class PeriodForm(forms.Form):
    """Which period a report covers. Unbound or empty means this month."""

    period = forms.ChoiceField(label=_("Period"), choices=PRESETS, required=False)
    start = ISODateField(label=_("From"), required=False)
    end = ISODateField(label=_("To"), required=False)
    by = forms.ChoiceField(label=_("Trend"), choices=GRANULARITIES, required=False)

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        super().clean()
        data = self.cleaned_data
        preset = data.get("period") or ("custom" if data.get("start") else "this-month")
        data["period"] = preset
        if preset == "custom":
            start, end = data.get("start"), data.get("end")
            if not self.errors:
                if start is None or end is None:
                    raise forms.ValidationError(_("Give both a start and an end date."))
                check_range(start, end)
                data["range"] = Period(start, end)
        else:
            data["range"] = preset_period(preset, self.today)
        return data

    def period_or_default(self) -> Period:
        """The chosen period, or this month when the form is not valid."""
        if self.is_valid():
            return self.cleaned_data["range"]
        return preset_period("this-month", self.today)

    def granularity(self) -> str:
        chosen = self.cleaned_data.get("by") if self.is_valid() else None
        return chosen or self.period_or_default().default_granularity()


# The coordinator's report and its CSV exports ------------------------------------------------

# A trend line with more points than this is unreadable; the report then draws the next
# coarser granularity and says so.
MAX_TREND_POINTS = 400
COARSER = {DAY: WEEK, WEEK: MONTH}


def trend_points(period: Period, granularity: str) -> int:
    if granularity == DAY:
        return period.days
    if granularity == WEEK:
        first = period.start - datetime.timedelta(days=period.start.weekday())
        return (period.end - first).days // 7 + 1
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1


class CentreChoiceField(forms.MultipleChoiceField):
    """Centres by slug, among the ones the reader may see (``centres`` of the form)."""

    default_error_messages = {
        "invalid_choice": _("There is no meeting place “%(value)s” among the ones you can see."),
    }


class ReportForm(PeriodForm):
    """The report's period, trend granularity and centres (none ticked means all)."""

    centre = CentreChoiceField(
        label=_("Meeting places"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked means all."),
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.centres = list(centres)
        cast(forms.ChoiceField, self.fields["centre"]).choices = [
            (centre.slug, centre.name) for centre in self.centres
        ]
        cast(forms.ChoiceField, self.fields["by"]).choices = [("", _("Automatic")), *GRANULARITIES]
        for name in ("period", "by"):
            self.fields[name].widget.attrs["class"] = "form-select"
        for name in ("start", "end"):
            self.fields[name].widget.attrs["class"] = "form-control"
        self.fields["centre"].widget.attrs["class"] = "form-check-input"

    def chosen_centres(self) -> list:
        slugs = set(self.cleaned_data.get("centre") or ())
        return [centre for centre in self.centres if not slugs or centre.slug in slugs]

    def trend_granularity(self) -> tuple[str, bool]:
        """The granularity to draw, and whether it had to be coarser than asked for."""
        period = self.cleaned_data["range"]
        chosen = self.granularity()
        coarser = chosen
        while coarser in COARSER and trend_points(period, coarser) > MAX_TREND_POINTS:
            coarser = COARSER[coarser]
        return coarser, coarser != chosen


class ExportForm(forms.Form):
    """``?start=YYYY-MM-DD&end=YYYY-MM-DD[&centre=<slug>…]`` of the CSV exports."""

    start = ISODateField(
        label="start",
        error_messages={"required": _("Give the first day: start=YYYY-MM-DD.")},
    )
    end = ISODateField(
        label="end",
        error_messages={"required": _("Give the last day: end=YYYY-MM-DD.")},
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("start") and data.get("end"):
            check_range(data["start"], data["end"])
            data["range"] = Period(data["start"], data["end"])
        return data

    def messages(self) -> list[str]:
        """Every problem, one plain sentence each."""
        return [str(message) for errors in self.errors.values() for message in errors]
