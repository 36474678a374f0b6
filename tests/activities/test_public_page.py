"""The centre's public page /c/<slug>/: what a person sees after scanning the poster."""

import datetime

from activities.models import ProposalStatus, ReasonCategory
from tests.factories import make_activity, make_centre, make_proposal

D = datetime.date
T = datetime.time


def page(client, centre):
    client.cookies["django_language"] = "en"
    return client.get(f"/c/{centre.slug}/")


def test_the_page_shows_today_this_week_and_coming_trips_with_costs_and_leaders(
    client, centre, clock
):
    # Wednesday 25 November 2026.
    make_activity(
        centre,
        title="Kunstgruppa",
        weekday=2,
        starts_on=D(2026, 11, 1),
        start_time=T(12),
        end_time=T(14, 30),
        leader_display_name="Ingrid",
    )
    make_activity(
        centre,
        title="Strikkekafé",
        weekday=3,
        starts_on=D(2026, 11, 1),
        led_by="user",
        leader_display_name="Randi",
        leader_name_public=True,
    )
    make_activity(centre, title="Sjakk", weekday=4, starts_on=D(2026, 11, 1), led_by="user")
    make_activity(
        centre,
        title="Kino",
        starts_on=D(2026, 12, 10),
        start_time=T(18),
        end_time=T(20, 30),
        place_kind="community",
        place_name="Ringen kino",
        cost="110",
        centre_covers_part=True,
        centre_covers_note="the centre pays half the ticket",
        capacity=10,
    )
    html = page(client, centre).content.decode()
    today = html.index("Today, Wednesday 25 November")
    later = html.index("Later this week")
    events = html.index("Trips and events coming up")
    assert today < html.index("Kunstgruppa") < later
    assert later < html.index("Strikkekafé") < events
    assert "12:00–14:30" in html
    assert "Led by staff (Ingrid)" in html
    assert "Led by Randi, one of us" in html
    assert "Led by one of us (a service user)" in html
    assert events < html.index("Kino")
    assert "Out: Ringen kino" in html
    assert "110 kr per person" in html
    assert "the centre pays half the ticket" in html
    assert "0 of 10 places taken" in html
    assert html.count('class="badge badge-free"') == 3
    assert "Storgata" not in html  # no address was set for this centre
    assert "Opening hours" in html
    assert "10:00–15:00" in html


def test_the_page_shows_the_address_and_links_to_the_plan_proposing_and_following(client, db):
    centre = make_centre(slug="kafeen", street_address="Storgata 12", area="Sentrum")
    html = page(client, centre).content.decode()
    assert "Storgata 12, Sentrum" in html
    assert 'href="/c/kafeen/plan/"' in html
    assert 'href="/c/kafeen/propose/"' in html
    assert 'action="/c/kafeen/proposals/follow/"' in html


def test_a_cancelled_session_today_says_so(client, centre, clock):
    series = make_activity(centre, title="Kunstgruppa", weekday=2, starts_on=D(2026, 11, 1))
    series.occurrences.get(date=D(2026, 11, 25)).cancel(reason="Personalmøte")
    html = page(client, centre).content.decode()
    assert "Cancelled: Personalmøte" in html
    assert 'class="badge text-bg-danger">Cancelled<' in html


def test_drafts_are_not_shown(client, centre, clock):
    make_activity(centre, title="Hemmelig utkast", starts_on=D(2026, 11, 25))
    from activities.models import Activity

    Activity.objects.filter(title="Hemmelig utkast").update(is_draft=True)
    assert "Hemmelig utkast" not in page(client, centre).content.decode()


def test_open_proposals_show_their_join_counts_and_decisions_show_their_reasons(
    client, centre, clock
):
    make_proposal(
        centre,
        title="Brettspillkveld",
        join_count=4,
        nickname="Spill-Ola",
        nickname_public=True,  # staff recorded consent (tests/centres/test_name_consent.py)
    )
    make_proposal(centre, title="Grillfest", status=ProposalStatus.ON_AGENDA)
    make_proposal(
        centre,
        title="Tusenfryd",
        status=ProposalStatus.DECLINED,
        decided_on=D(2026, 11, 10),
        reason_category=ReasonCategory.COST,
        decision_reason="The tickets cost too much this year.",
    )
    make_proposal(
        centre,
        title="Yoga",
        status=ProposalStatus.POSTPONED,
        decided_on=D(2026, 11, 12),
        reason_category=ReasonCategory.CAPACITY,
        decision_reason="The room is taken on Tuesdays until New Year.",
    )
    make_proposal(
        centre, title="Fruktskål", status=ProposalStatus.ACCEPTED, decided_on=D(2026, 11, 3)
    )
    make_proposal(centre, title="Skjult", is_hidden=True, hidden_reason="It named a person.")
    html = page(client, centre).content.decode()
    ideas = html.index("Ideas for the house meeting")
    decisions = html.index("What happened to earlier ideas")
    assert ideas < html.index("Brettspillkveld") < decisions
    assert "4 people would join" in html
    assert "On the agenda of the next house meeting" in html
    assert "Skjult" not in html
    # The page fits a phone: the latest decision, and a link to all of them.
    assert decisions < html.index("Not now, because:")
    assert "The room is taken on Tuesdays until New Year." in html
    assert "No, because:" not in html
    assert "Yes – it is going on the plan" not in html
    assert "All decisions" in html
    assert html.count('/join/"') == 2  # only the open ones can be joined
    everything = client.get(f"/c/{centre.slug}/proposals/").content.decode()
    assert "proposed by Spill-Ola" in everything
    assert "A proposal was hidden by staff: It named a person." in everything
    assert "Skjult" not in everything
    assert "No, because:" in everything
    assert "The tickets cost too much this year." in everything
    assert "Yes – it is going on the plan" in everything


def test_the_centre_page_shows_the_two_most_wanted_ideas_and_links_to_all(client, centre, clock):
    for n, joins in enumerate([1, 9, 0, 5, 7]):
        make_proposal(centre, title=f"Idé {n}", join_count=joins)
    html = page(client, centre).content.decode()
    assert html.index("Idé 1") < html.index("Idé 4")
    assert "Idé 3" not in html
    assert "Idé 0" not in html
    assert "Idé 2" not in html
    assert f'href="/c/{centre.slug}/proposals/"' in html


def test_text_with_script_renders_escaped_on_the_public_page(client, centre, clock):
    make_proposal(centre, title="<script>alert('x')</script>", description="<img src=x>")
    make_activity(centre, title="<script>evil()</script>", starts_on=D(2026, 11, 25))
    html = page(client, centre).content.decode()
    assert "<script>alert" not in html
    assert "<script>evil" not in html
    assert "<img src=x>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    listed = client.get(f"/c/{centre.slug}/proposals/").content.decode()
    assert "<img src=x>" not in listed
    assert "&lt;img src=x&gt;" in listed


def test_the_page_404s_for_an_unknown_or_deactivated_centre(client, db):
    make_centre(slug="stengt", is_active=False)
    assert client.get("/c/finnes-ikke/").status_code == 404
    assert client.get("/c/stengt/").status_code == 404


def test_the_page_only_reads(client, centre):
    assert client.post(f"/c/{centre.slug}/").status_code == 405


def test_the_pages_query_count_is_fixed_however_much_there_is(
    client, centre, clock, django_assert_num_queries
):
    def add(n: int, offset: int):
        for i in range(offset, offset + n):
            make_activity(centre, title=f"Gruppe {i}", weekday=i % 7, starts_on=D(2026, 11, 1))
            make_activity(
                centre,
                title=f"Tur {i}",
                starts_on=D(2026, 12, 1) + datetime.timedelta(days=i),
                place_kind="community",
                place_name="Byen",
            )
            make_proposal(centre, title=f"Idé {i}", join_count=i)
            make_proposal(
                centre,
                title=f"Avgjort {i}",
                status=ProposalStatus.DECLINED,
                decided_on=D(2026, 11, 1),
                decision_reason="Too expensive.",
            )

    add(2, 0)
    page(client, centre)
    # 9 for activities and proposals (with the weekly outings and the places taken), 2 for the
    # calendar (closures, special openings), 4 for the house meetings' parts (this week's
    # meetings on the plan, next meeting, latest minutes, house rules).
    with django_assert_num_queries(14) as few:
        assert page(client, centre).status_code == 200
    add(30, 2)
    with django_assert_num_queries(len(few.captured_queries)):
        html = page(client, centre).content.decode()
    assert "Gruppe 31" in html
    assert "Idé 31" in html
