"""The weekly plan /c/<slug>/plan/?week=YYYY-Www: Monday to Sunday, printable, fixed queries."""

import datetime
import re

import pytest

from activities.models import Occurrence
from activities.weeks import IsoWeek, WeekError
from tests.activities.conftest import snapshot
from tests.factories import make_activity, make_centre

D = datetime.date
T = datetime.time


# Weeks ----------------------------------------------------------------------------------------


def test_2026_has_a_week_53_that_ends_in_2027():
    week = IsoWeek.parse("2026-W53")
    assert (week.monday, week.sunday) == (D(2026, 12, 28), D(2027, 1, 3))
    assert str(week.next) == "2027-W01"
    assert str(week.previous) == "2026-W52"
    assert str(IsoWeek.parse("2027-W01").previous) == "2026-W53"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-W99", "There is no week 99 in 2026"),
        ("2025-W53", "There is no week 53 in 2025"),
        ("2026-W00", "There is no week 0 in 2026"),
        ("next week", "is not a week"),
        ("2026-48", "is not a week"),
        ("<script>", "is not a week"),
        ("1999-W10", "does not go back before 2000"),
    ],
)
def test_a_week_that_does_not_exist_is_refused_with_a_reason(text, message, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"), pytest.raises(WeekError, match=message):
        IsoWeek.parse(text)


def test_week_strings_are_read_generously():
    assert IsoWeek.parse(" 2026-w5 ") == IsoWeek(2026, 5)
    assert IsoWeek.parse("2026W48") == IsoWeek(2026, 48)


# The plan page --------------------------------------------------------------------------------


def plan(client, centre, week: str | None = None, **headers):
    url = f"/c/{centre.slug}/plan/"
    if week is not None:
        url += f"?week={week}"
    return client.get(url, **headers)


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_plan_shows_the_current_week_in_the_centres_time_zone(client, centre, clock):
    # 23:30 UTC on Sunday 29 November is already Monday 30 November in Oslo: week 49.
    clock.set(datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC))
    make_activity(centre, title="Mandagstrim", weekday=0, starts_on=D(2026, 11, 2))
    html = plan(english(client), centre).content.decode()
    assert "Week 49" in html
    assert "Mandagstrim" in html
    assert "?week=2026-W48" in html
    assert "?week=2026-W50" in html


def test_the_plan_shows_monday_to_sunday_with_time_place_leader_cost(client, centre, clock):
    make_activity(
        centre,
        title="Strikkekafé",
        weekday=1,
        starts_on=D(2026, 11, 1),
        led_by="user",
        leader_display_name="Randi",
        leader_name_public=True,
    )
    make_activity(
        centre,
        title="Bowling",
        starts_on=D(2026, 11, 27),
        start_time=T(13),
        end_time=T(15),
        place_kind="community",
        place_name="Oslo Bowlingsenter",
        cost="80",
        centre_covers_part=True,
        centre_covers_note="the centre pays the shoes",
    )
    response = plan(english(client), centre, "2026-W48")
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Monday 23 November",
        "Sunday 29 November",
        "Strikkekafé",
        "11:00–13:00",
        "Led by Randi, one of us",
        "Free",
        "Bowling",
        "Out: Oslo Bowlingsenter",
        "80 kr per person",
        "the centre pays the shoes",
        "Open 10:00–15:00",
        "Closed",
    ):
        assert text in html, text
    assert html.index("Strikkekafé") < html.index("Bowling")
    assert 'href="/static/css/plan-print.css"' in html


def test_a_cancelled_session_is_clearly_marked_on_the_plan(client, centre, clock):
    series = make_activity(centre, title="Kunstgruppa", weekday=2, starts_on=D(2026, 11, 1))
    series.occurrences.get(date=D(2026, 12, 2)).cancel(reason="Personalmøte")
    html = plan(english(client), centre, "2026-W49").content.decode()
    assert "is-cancelled" in html
    assert "Cancelled: Personalmøte" in html


def test_week_53_of_2026_shows_the_days_into_2027(client, centre, clock):
    make_activity(
        centre, title="Nyttårskaffe", starts_on=D(2027, 1, 1), start_time=T(12), end_time=T(14)
    )
    make_activity(
        centre,
        title="Torsdagsmiddag",
        weekday=3,
        starts_on=D(2026, 11, 1),
        start_time=T(17),
        end_time=T(18),
    )
    response = plan(english(client), centre, "2026-W53")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Monday 28 December" in html
    assert "Sunday 3 January" in html
    assert "Nyttårskaffe" in html
    assert "Torsdagsmiddag" in html  # Thursday 31 December
    assert "?week=2027-W01" in html
    assert "?week=2026-W52" in html


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2026-W99", "There is no week 99 in 2026"),
        ("2025-W53", "There is no week 53 in 2025"),
        ("soon", "is not a week"),
        ("2026-W%00", "is not a week"),
        ("9999-W52", "two years ahead"),
        ("1850-W10", "before 2000"),
    ],
)
def test_a_bad_week_gets_a_clear_message_and_changes_nothing(client, centre, clock, week, message):
    make_activity(centre, weekday=1, starts_on=D(2026, 11, 1))
    before = snapshot()
    response = plan(english(client), centre, week)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "?week=2026-W48" in response.content.decode()  # a way back to this week
    assert snapshot() == before


def test_the_plan_of_an_unknown_or_closed_centre_is_404(client, db):
    make_centre(slug="stengt", is_active=False)
    assert client.get("/c/nope/plan/").status_code == 404
    assert client.get("/c/stengt/plan/").status_code == 404


def test_the_plan_only_reads(client, centre):
    assert client.post(f"/c/{centre.slug}/plan/").status_code == 405


def test_the_plan_escapes_what_staff_wrote(client, centre, clock):
    make_activity(
        centre,
        title="<script>alert(1)</script>",
        place_kind="community",
        place_name="<b>park</b>",
        starts_on=D(2026, 11, 26),
    )
    html = plan(client, centre, "2026-W48").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;park&lt;/b&gt;" in html


def test_the_plans_query_count_does_not_grow_with_the_number_of_activities(
    client, centre, clock, django_assert_num_queries
):
    def add(n: int):
        for i in range(n):
            make_activity(
                centre,
                title=f"Gruppe {i}",
                weekday=i % 7,
                starts_on=D(2026, 11, 1),
                start_time=T(9 + i % 8),
                end_time=T(10 + i % 8),
                led_by="user" if i % 2 else "staff",
                proposal=None,
            )

    add(3)
    plan(client, centre, "2026-W48")  # warm up (session, language)
    # centre, series check, sessions, and the calendar (hours, closures, special openings)
    # and the house meetings of the week.
    with django_assert_num_queries(7) as few:
        assert plan(client, centre, "2026-W48").status_code == 200
    add(40)
    with django_assert_num_queries(len(few.captured_queries)):
        response = plan(client, centre, "2026-W48")
    assert len(re.findall(r'<li class="occurrence[ "]', response.content.decode())) == 43
    assert Occurrence.objects.between(D(2026, 11, 23), D(2026, 11, 29)).count() == 43
