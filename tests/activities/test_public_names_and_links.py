"""A user leader's name reaches the public web only with consent recorded by staff;
otherwise the public pages say "one of us"."""

from activities.models import LedBy
from tests.activities.conftest import make_activity


def _html(client, centre) -> str:
    client.cookies["django_language"] = "en"
    return client.get(f"/c/{centre.slug}/plan/?week=2026-W48").content.decode()


def test_without_consent_a_user_leader_is_one_of_us(client, centre, clock):
    make_activity(centre, title="Strikkekafé", led_by=LedBy.USER, leader_display_name="Randi")
    html = _html(client, centre)
    assert "Strikkekafé" in html
    assert "Randi" not in html
    assert "Led by one of us (a service user)" in html


def test_with_consent_the_name_is_shown(client, centre, clock):
    make_activity(
        centre,
        title="Strikkekafé",
        led_by=LedBy.USER,
        leader_display_name="Randi",
        leader_name_public=True,
    )
    assert "Led by Randi, one of us" in _html(client, centre)


def test_staff_tick_the_consent_box_on_the_activity_form(staff_client, centre, clock):
    html = staff_client.get(f"/staff/{centre.slug}/activities/add/").content.decode()
    assert 'name="leader_name_public"' in html


def test_a_plan_entry_that_came_from_an_idea_links_back_to_it(client, centre, clock):
    from tests.activities.conftest import make_proposal

    idea = make_proposal(centre, title="Bowling")
    make_activity(centre, title="Bowling", proposal=idea)
    html = _html(client, centre)
    assert "An idea from the house meeting" in html
    assert f'href="{idea.get_absolute_url()}"' in html


def test_the_centre_pages_short_entries_keep_the_consent_rule_and_the_link_back(
    client, centre, clock
):
    from tests.activities.conftest import make_proposal

    make_activity(centre, title="Strikkekafé", led_by=LedBy.USER, leader_display_name="Randi")
    idea = make_proposal(centre, title="Bowling")
    make_activity(centre, title="Bowling", proposal=idea)
    client.cookies["django_language"] = "en"
    html = client.get(f"/c/{centre.slug}/").content.decode()
    assert 'class="occurrence-short' in html
    assert "Strikkekafé" in html
    assert "Randi" not in html
    assert f'href="{idea.get_absolute_url()}"' in html
