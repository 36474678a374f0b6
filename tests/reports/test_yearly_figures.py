"""The yearly figures against numbers counted by hand on the small year of ``year_data``."""

import datetime

from reports.yearly import year_period, yearly_report

D = datetime.date


def weekdays(start, end) -> int:
    return sum(
        1
        for n in range((end - start).days + 1)
        if (start + datetime.timedelta(days=n)).weekday() < 5
    )


def by_key(figures):
    return {item.key: item for item in figures}


def test_the_yearly_figures_of_a_centre_match_a_hand_count(year_data):
    sentrum, _toyen = year_data
    report = yearly_report(
        [sentrum], year_period(2025), year=2025, today=D(2026, 2, 16), all_centres=False
    )
    row = report.centres[0]
    figures = by_key(row.figures)
    # 5 + 3 + 1 taps (one undone tap not counted) + a correction of 2.
    assert figures["visits"].value == 11
    assert figures["newcomers"].value == 2
    # Monday to Friday from 3 March to 31 December 2025 (218 days), plus the Saturday it opened.
    assert weekdays(D(2025, 3, 3), D(2025, 12, 31)) == 218
    assert figures["opening-days"].value == 219
    assert figures["average"].value == 11 / 219
    assert figures["activities"].value == 2
    assert figures["user-led"].value == 50
    assert figures["proposals"].value == 2
    assert figures["proposals"].detail == "1 yes, 1 no, 0 not now"
    assert figures["meetings"].value == 1
    # Not using the app in 2024: no figure, never a 0.
    assert all(item.last_year is None for item in row.figures)
    assert all(item.last_year_text == "not recorded" for item in row.figures)
    assert all(item.change is None for item in row.figures)
    coverage = row.coverage
    assert coverage.days_with_data == 4
    assert coverage.open_without_data == 219 - 4
    # Monday to Friday from 1 January to 2 March 2025.
    assert coverage.before_counting == weekdays(D(2025, 1, 1), D(2025, 3, 2)) == 43
    assert coverage.days_to_come == 0
    assert coverage.since == D(2025, 3, 3)
    assert coverage.latest_tap == datetime.datetime(2025, 3, 8, 12)
    assert coverage.last_year == "none"
    assert [meeting.users_present for meeting in row.meetings] == [7]
    assert row.heat[0][10] == 5  # Monday 10:00–10:59 (corrections are not in the heat map)
    assert row.heat[5][12] == 1


def test_last_years_figures_are_given_for_a_centre_that_was_counting_then(year_data):
    _sentrum, toyen = year_data
    report = yearly_report(
        [toyen], year_period(2025), year=2025, today=D(2026, 2, 16), all_centres=False
    )
    figures = by_key(report.centres[0].figures)
    assert figures["visits"].value == 6
    assert figures["visits"].last_year == 4
    # Counting from 3 June 2024: part of last year only, so no change in percent.
    assert report.centres[0].coverage.last_year == "part"
    assert figures["visits"].change is None
    assert "counting from" in figures["visits"].last_year_text


def test_the_totals_add_up_the_centres_and_say_how_many_were_counting_last_year(year_data):
    sentrum, toyen = year_data
    report = yearly_report([sentrum, toyen], year_period(2025), year=2025, today=D(2026, 2, 16))
    figures = by_key(report.figures)
    assert figures["visits"].value == 17
    assert figures["visits"].last_year == 4
    assert figures["visits"].last_year_text == "4 (1 of 2 meeting places counting)"
    assert figures["newcomers"].value == 3
    # The centres' averages added up: 11 visits over 219 days, 6 over Tøyen's opening days.
    toyen_days = by_key(report.centres[1].figures)["opening-days"].value
    assert toyen_days == weekdays(D(2025, 1, 1), D(2025, 12, 31)) == 261
    assert figures["average"].value == 11 / 219 + 6 / 261
    assert report.coverage.days_with_data == 5
    assert report.coverage.latest_tap == datetime.datetime(2025, 6, 2, 11)
    # Neither had activities or proposals before 2025.
    assert figures["activities"].last_year is None
    assert figures["proposals"].last_year is None


def test_a_period_that_runs_past_today_compares_last_year_up_to_the_same_date(centre, year_clock):
    from tests.centres.conftest import add_taps

    add_taps(centre, D(2024, 12, 2), n=1)
    add_taps(centre, D(2025, 1, 6), n=2)
    add_taps(centre, D(2025, 6, 2), n=9)  # after 16 February of last year: not compared
    add_taps(centre, D(2026, 1, 5), n=3)
    report = yearly_report([centre], year_period(2026), year=2026, today=D(2026, 2, 16))
    figures = by_key(report.figures)
    assert figures["visits"].value == 3
    assert figures["visits"].last_year == 2
    assert figures["visits"].change == 50
    assert report.coverage.days_to_come == (D(2026, 12, 31) - D(2026, 2, 16)).days


def test_activities_and_ideas_before_the_app_was_used_for_them_are_not_recorded_not_zero(
    year_data,
):
    _sentrum, toyen = year_data
    report = yearly_report(
        [toyen], year_period(2025), year=2025, today=D(2026, 2, 16), all_centres=False
    )
    figures = by_key(report.centres[0].figures)
    for key in ("activities", "user-led", "proposals", "meetings"):
        assert figures[key].value_text == "not recorded"
        assert figures[key].change is None
    assert figures["visits"].value_text == "6"
