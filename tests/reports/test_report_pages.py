"""The report pages: who sees what, bad input, the print view, and a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import ProposalStatus, ReasonCategory
from centres.models import Centre, Closure, SpecialOpening
from house_meetings.models import Chair, HouseMeeting, MeetingStatus
from tests.factories import (
    TODAY,
    add_fix,
    add_taps,
    make_activity,
    make_centre,
    make_proposal,
    make_user,
)

D = datetime.date
# The report opens on this month.
MONTH = TODAY.replace(day=1)
PAGES = ["/coordinator/", "/coordinator/print/"]
STAFF_PAGES = ["/staff/reports/", "/staff/reports/print/"]
ALL = [
    *PAGES,
    "/coordinator/attendance.csv",
    "/coordinator/activities.csv",
    *STAFF_PAGES,
    "/staff/reports/attendance.csv",
    "/staff/reports/activities.csv",
]


def fill(centre, *, days: int, per_day: int, activities: int = 2, proposals: int = 3) -> None:
    """Taps on ``days`` days of this month (and the year before), corrections, sessions and
    proposals with answers: enough rows that a query per row or per centre would show."""
    for n in range(days):
        day = MONTH + datetime.timedelta(days=n)
        add_taps(centre, day, n=per_day, newcomers=1, hour=10 + n % 5)
        add_taps(centre, day.replace(year=2025), n=per_day // 2 + 1)
    add_fix(centre, MONTH + datetime.timedelta(days=1), visits=3)
    for n in range(activities):
        make_activity(
            centre,
            title=f"Gruppe {n}",
            weekday=n % 5,
            starts_on=D(2026, 9, 7),  # a Monday, two months before
            today=TODAY,
            cost=n * 50,
        )
    for n in range(2):
        HouseMeeting.objects.get_or_create(
            centre=centre,
            date=MONTH + datetime.timedelta(days=1 + 7 * n),
            start_time=datetime.time(13),
            defaults={
                "status": MeetingStatus.HELD,
                "users_present": 6 + n,
                "staff_present": 2,
                "chaired_by": Chair.SERVICE_USER,
            },
        )
    for n in range(proposals):
        status = [ProposalStatus.ACCEPTED, ProposalStatus.DECLINED, ProposalStatus.POSTPONED][n % 3]
        make_proposal(
            centre,
            title=f"Idé {n}",
            created_on=MONTH,
            status=status,
            decided_on=MONTH + datetime.timedelta(days=n % 9),
            reason_category="" if status == ProposalStatus.ACCEPTED else ReasonCategory.COST,
            decision_reason="" if status == ProposalStatus.ACCEPTED else "Det koster for mye.",
        )


@pytest.fixture(autouse=True)
def english(client):
    """The report in English, so the tests read the source strings (Norwegian is tested in
    test_the_report_is_in_norwegian_by_default)."""
    client.cookies["django_language"] = "en"


# Who sees what -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL)
def test_anonymous_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", ALL)
def test_the_report_only_reads(coordinator_client, path):
    assert coordinator_client.post(path).status_code == 405


@pytest.mark.parametrize("path", [*PAGES, "/coordinator/attendance.csv"])
def test_staff_cannot_open_the_coordinators_door(staff_client, path):
    assert staff_client.get(path).status_code == 403


def test_the_coordinator_sees_every_centre_with_the_management_links(
    coordinator_client, centre, other_centre, clock
):
    fill(centre, days=3, per_day=4)
    fill(other_centre, days=2, per_day=7)
    response = coordinator_client.get("/coordinator/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Møteplassen Sentrum" in html
    assert "Treffpunktet Tøyen" in html
    assert 'href="/coordinator/centres/"' in html
    assert 'href="/coordinator/staff/"' in html
    attendance = response.context["attendance"]
    assert attendance.total.visits == 3 * 4 + 3 + 2 * 7 + 3


def test_staff_see_the_same_report_for_their_own_centres_only(
    staff_client, centre, other_centre, clock
):
    fill(centre, days=3, per_day=4)
    fill(other_centre, days=2, per_day=7)
    response = staff_client.get("/staff/reports/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Møteplassen Sentrum" in html
    assert "Treffpunktet Tøyen" not in html
    assert "/coordinator/centres/" not in html
    assert [row.centre for row in response.context["rows"]] == [centre]
    assert response.context["attendance"].total.visits == 3 * 4 + 3
    assert response.context["activities"].total.held == sum(
        figures.held for figures in response.context["activities"].by_centre.values()
    )
    assert set(response.context["proposals"].by_centre) == {centre.pk}
    assert 'href="/staff/reports/attendance.csv?' in html


def test_staff_naming_another_centre_get_an_error_and_none_of_its_numbers(
    staff_client, centre, other_centre, clock
):
    fill(other_centre, days=2, per_day=7)
    response = staff_client.get(f"/staff/reports/?centre={other_centre.slug}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no meeting place “toyen” among the ones you can see." in html
    assert "Treffpunktet Tøyen" not in html
    assert "attendance" not in response.context


def test_the_coordinator_can_choose_some_centres(coordinator_client, centre, other_centre, clock):
    fill(centre, days=3, per_day=4)
    fill(other_centre, days=2, per_day=7)
    response = coordinator_client.get(f"/coordinator/?centre={other_centre.slug}")
    assert response.status_code == 200
    assert [row.centre for row in response.context["rows"]] == [other_centre]
    assert f"centre={other_centre.slug}" in response.context["links"]["attendance_csv"]


def test_the_staff_home_links_to_the_report(staff_client, centre):
    assert 'href="/staff/reports/"' in staff_client.get("/staff/").content.decode()


# Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("period=custom&start=2026-03-10&end=2026-03-01", "The end date is before the start date."),
        ("period=custom&start=2026-02-30&end=2026-03-01", "Write the date as YYYY-MM-DD"),
        ("start=10.03.2026&end=2026-03-12", "Write the date as YYYY-MM-DD"),
        ("period=custom&start=2000-01-01&end=2026-03-01", "Choose a period of at most 20 years."),
        ("period=custom", "Give both a start and an end date."),
        ("period=next-year", "Select a valid choice."),
        ("by=hour", "Select a valid choice."),
        ("centre=nowhere", "There is no meeting place “nowhere” among the ones you can see."),
    ],
)
@pytest.mark.parametrize("path", PAGES)
def test_a_bad_choice_gets_400_with_a_plain_message(
    coordinator_client, clock, path, query, message
):
    response = coordinator_client.get(f"{path}?{query}")
    assert response.status_code == 400
    html = response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
    assert message in html


# The page ------------------------------------------------------------------------------------


def test_the_page_explains_its_figures_and_draws_its_charts(coordinator_client, centre, clock):
    fill(centre, days=5, per_day=6)
    html = coordinator_client.get("/coordinator/").content.decode()
    for text in (
        "Every tap at the front table, plus staff corrections.",
        "an open day with no visitors counts as 0",
        "Corrections are not included: they are for a whole day, not an hour.",
        "Sessions held",
        "Led by service users",
        "Days to an answer",
        "House meetings held",
    ):
        assert text in html
    # Trend, heat map, kinds of activity, reasons; the trend and the heat map also narrow.
    assert html.count('role="img"') == 6
    assert html.count('class="chart-svg chart-line chart-narrow"') == 1
    assert html.count('class="chart-svg chart-heatmap chart-narrow"') == 1
    assert "<table" in html
    assert not re.search(r'(x|y|width|height|cx|cy|x1|x2|y1|y2)="\d+,\d', html)


def test_the_trend_can_be_switched_between_day_week_and_month(coordinator_client, centre, clock):
    fill(centre, days=5, per_day=6)
    assert coordinator_client.get("/coordinator/").context["granularity"] == "day"
    response = coordinator_client.get("/coordinator/?by=week")
    assert response.context["granularity"] == "week"
    assert "Visits per week" in response.content.decode()
    links = {option["value"]: option["url"] for option in response.context["links"]["by"]}
    assert links["month"].startswith("/coordinator/?")
    assert "by=month" in links["month"]


def test_too_many_days_are_drawn_by_week_and_the_page_says_so(coordinator_client, centre, clock):
    response = coordinator_client.get(
        "/coordinator/?period=custom&start=2024-01-01&end=2026-03-01&by=day"
    )
    assert response.status_code == 200
    assert response.context["granularity"] == "week"
    assert "Too many points to draw for this period" in response.content.decode()


def test_the_report_is_in_norwegian_by_default(coordinator_client, centre, clock):
    fill(centre, days=2, per_day=3)
    del coordinator_client.cookies["django_language"]
    html = coordinator_client.get("/coordinator/").content.decode()
    assert "Oppmøte" in html
    assert "Hvert trykk i resepsjonen" in html


def test_names_are_escaped(coordinator_client, clock):
    make_centre(name="<script>alert(1)</script>", slug="x")
    html = coordinator_client.get("/coordinator/").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_the_print_view_has_no_navigation_and_every_table_open(coordinator_client, centre, clock):
    fill(centre, days=5, per_day=6)
    response = coordinator_client.get("/coordinator/print/?period=this-month")
    assert response.status_code == 200
    html = response.content.decode()
    assert "site-header" not in html
    assert "site-footer" not in html
    assert "report-form" not in html
    assert html.count('<details class="chart-data" open>') == 4
    assert "css/report.css" in html
    assert "js/print.js" in html
    assert "Meeting places: report for 1 November 2026 – 30 November 2026" in html


# A fixed number of queries -------------------------------------------------------------------


def queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize(
    ("user_kind", "path", "expected"),
    [
        ("coordinator", "/coordinator/", 17),
        ("coordinator", "/coordinator/print/", 17),
        ("coordinator", "/coordinator/?period=last-year&by=week", 17),
        ("staff", "/staff/reports/", 18),
        ("staff", "/staff/reports/print/?by=month", 18),
    ],
)
def test_every_report_page_makes_the_same_number_of_queries_however_much_data(
    client, db, clock, django_assert_num_queries, user_kind, path, expected
):
    centres = [make_centre() for _ in range(2)]
    user = make_user(centres=centres, coordinator=user_kind == "coordinator")
    client.force_login(user)
    fill(centres[0], days=2, per_day=2, activities=1, proposals=1)
    few = queries_for(client, path)

    for centre in centres:
        fill(centre, days=10, per_day=30, activities=4, proposals=9)
    for _ in range(4):
        more = make_centre()
        user.memberships.create(centre=more)
        fill(more, days=10, per_day=20, activities=3, proposals=6)
    for n, centre in enumerate(Centre.objects.all()):
        day = datetime.date(2026, 2, 1) + datetime.timedelta(days=3 * n)
        Closure.objects.create(centre=centre, starts_on=day, ends_on=day, reason="Stengt")
        SpecialOpening.objects.create(
            centre=centre,
            date=day + datetime.timedelta(days=1),
            opens=datetime.time(10),
            closes=datetime.time(14),
        )
    many = queries_for(client, path)

    assert few == many
    # Session, user, permissions (and for staff: do they work anywhere), the centres; then the
    # report: opening weekdays, closures, special openings, when each centre started counting,
    # ONE statement for each
    # period (this one and last year), activities per centre and per kind, proposals per
    # centre, their median (or the day counts it is taken from), the reasons, house meetings.
    with django_assert_num_queries(expected):
        client.get(path)


def test_a_new_installation_without_centres_shows_an_empty_report(coordinator_client, clock):
    response = coordinator_client.get("/coordinator/")
    assert response.status_code == 200
    assert response.context["attendance"].total.visits == 0
    csv = coordinator_client.get("/coordinator/attendance.csv?start=2026-03-01&end=2026-03-02")
    assert b"".join(csv.streaming_content) == b"date,centre,visits,newcomers\r\n"


def test_a_centres_staff_page_links_to_its_report(staff_client, centre):
    html = staff_client.get(f"/staff/{centre.slug}/").content.decode()
    assert 'href="/staff/reports/?centre=sentrum"' in html
