import datetime

import pytest

from reports.periods import Period, PeriodForm, preset_period, shift_year

D = datetime.date
TODAY = D(2026, 11, 28)  # a Saturday


@pytest.mark.parametrize(
    ("preset", "start", "end"),
    [
        ("this-week", D(2026, 11, 23), D(2026, 11, 29)),
        ("this-month", D(2026, 11, 1), D(2026, 11, 30)),
        ("last-month", D(2026, 10, 1), D(2026, 10, 31)),
        ("this-year", D(2026, 1, 1), D(2026, 12, 31)),
        ("last-year", D(2025, 1, 1), D(2025, 12, 31)),
    ],
)
def test_presets_mean_what_people_expect(preset, start, end):
    assert preset_period(preset, TODAY) == Period(start, end)


def test_last_month_in_january_is_last_years_december():
    assert preset_period("last-month", D(2027, 1, 15)) == Period(D(2026, 12, 1), D(2026, 12, 31))


def test_the_same_period_last_year_handles_leap_days():
    assert shift_year(D(2028, 2, 29), -1) == D(2027, 2, 28)
    assert Period(D(2026, 12, 20), D(2027, 1, 10)).previous_year() == Period(
        D(2025, 12, 20), D(2026, 1, 10)
    )


def test_the_trend_granularity_follows_the_length_of_the_period():
    assert Period(D(2026, 11, 1), D(2026, 11, 30)).default_granularity() == "day"
    assert Period(D(2026, 6, 1), D(2026, 11, 30)).default_granularity() == "week"
    assert Period(D(2026, 1, 1), D(2026, 12, 31)).default_granularity() == "month"


def test_an_empty_form_means_this_month():
    form = PeriodForm({}, today=TODAY)
    assert form.is_valid()
    assert form.cleaned_data["range"] == Period(D(2026, 11, 1), D(2026, 11, 30))
    assert form.granularity() == "day"


def test_a_custom_range_spanning_a_year_boundary():
    form = PeriodForm({"start": "2026-12-15", "end": "2027-01-15", "by": "week"}, today=TODAY)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["range"].days == 32
    assert form.granularity() == "week"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"period": "custom", "start": "2026-05-01", "end": "2026-04-01"}, "før"),
        ({"period": "custom", "start": "2026-13-01", "end": "2026-12-01"}, "ÅÅÅÅ-MM-DD"),
        ({"period": "custom", "start": "01.05.2026", "end": "2026-06-01"}, "ÅÅÅÅ-MM-DD"),
        ({"period": "custom", "start": "2000-01-01", "end": "2026-01-01"}, "20 år"),
        ({"period": "custom", "start": "2026-01-01"}, "både"),
        ({"period": "forever"}, "gyldig"),
    ],
)
def test_bad_ranges_get_a_clear_message(data, message):
    form = PeriodForm(data, today=TODAY)
    assert not form.is_valid()
    assert message in str(form.errors)
    assert form.period_or_default() == preset_period("this-month", TODAY)
