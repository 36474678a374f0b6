"""The house rules register: rules are adopted, changed and retired as decisions of a rule item
at a house meeting, take effect when the minutes are published, and keep every wording."""

import pytest
from django.core.exceptions import ValidationError

from house_meetings import services
from house_meetings.models import HouseRule, HouseRuleVersion
from tests.factories import TODAY, D, decide, make_meeting, record, rule_item


def meeting_on(centre, day):
    return record(make_meeting(centre, date=day))


def adopt(centre, day, text: str) -> HouseRule:
    meeting = meeting_on(centre, day)
    item = rule_item(meeting, title="A new rule")
    decide(item, "adopt", rule_text=text)
    services.publish(meeting, by=None, today=TODAY)
    item.refresh_from_db()
    return item.rule


def test_a_rule_is_adopted_when_the_minutes_are_published(centre, clock):
    meeting = meeting_on(centre, D(2026, 11, 3))
    item = rule_item(meeting, title="Tidying up")
    decide(item, "adopt", rule_text="We tidy up after ourselves.")
    assert not HouseRule.objects.exists()  # minutes still a draft

    services.publish(meeting, by=None, today=TODAY)
    rule = HouseRule.objects.get()
    assert rule.number == 1
    version = rule.versions.get()
    assert (version.version, version.text, version.adopted_at) == (
        1,
        "We tidy up after ourselves.",
        meeting,
    )
    assert version.valid_from == D(2026, 11, 3)
    assert version.is_current


def test_rules_are_numbered_per_centre(centre, other_centre, clock):
    assert adopt(centre, D(2026, 11, 3), "Ingen rusmidler i huset.").number == 1
    assert adopt(centre, D(2026, 11, 10), "Vi snakker pent til hverandre.").number == 2
    assert adopt(other_centre, D(2026, 11, 10), "Mobilen på lydløs.").number == 1


def test_changing_a_rule_keeps_the_earlier_wording(client, centre, clock):
    rule = adopt(centre, D(2026, 11, 3), "Vi rydder etter oss.")
    meeting = meeting_on(centre, D(2026, 11, 17))
    item = rule_item(meeting, rule=rule, title="Rule 1: the washing up")
    decide(item, "change", rule_text="Vi rydder etter oss og tar oppvasken.")
    services.publish(meeting, by=None, today=TODAY)

    first, second = rule.versions.order_by("version")
    assert (first.is_current, first.valid_until) == (False, D(2026, 11, 17))
    assert (second.is_current, second.version, second.adopted_at) == (True, 2, meeting)

    page = client.get(f"/c/{centre.slug}/rules/").content.decode()
    assert "Vi rydder etter oss og tar oppvasken." in page
    assert "Changed at the house meeting on Tuesday 17 November 2026" in page
    assert f'href="/c/{centre.slug}/meetings/{meeting.pk}/"' in page
    history = client.get(f"/c/{centre.slug}/rules/1/").content.decode()
    assert history.index("Vi rydder etter oss og tar oppvasken.") < history.index(
        "“Vi rydder etter oss.”"
    )
    assert "From 03/11/2026 until 17/11/2026." in history
    centre_page = client.get(f"/c/{centre.slug}/").content.decode()
    rules = centre_page[centre_page.index('id="rules-heading"') :]
    assert "Vi rydder etter oss og tar oppvasken." in rules
    assert "Changed at the house meeting on Tuesday 17 November 2026" in rules
    assert f'href="/c/{centre.slug}/rules/1/"' in rules


def test_retiring_a_rule_takes_it_off_the_current_rules(client, centre, clock):
    rule = adopt(centre, D(2026, 11, 3), "Ingen mobil i fellesrommet.")
    meeting = meeting_on(centre, D(2026, 11, 17))
    decide(rule_item(meeting, rule=rule), "retire", reason="Silent is enough.")
    services.publish(meeting, by=None, today=TODAY)
    rule.refresh_from_db()
    assert (rule.retired_on, rule.retired_at) == (D(2026, 11, 17), meeting)
    assert not HouseRuleVersion.objects.current().exists()
    page = client.get(f"/c/{centre.slug}/rules/").content.decode()
    retired = page[page.index("Rules we no longer have") :]
    assert "Ingen mobil i fellesrommet." in retired
    assert "Retired at the house meeting on Tuesday 17 November 2026" in retired
    minutes = client.get(meeting.get_absolute_url()).content.decode()
    assert "The rule is retired." in minutes
    assert "Silent is enough." in minutes


def test_no_change_leaves_the_rule_as_it_was(centre, clock):
    rule = adopt(centre, D(2026, 11, 3), "Vi snakker pent til hverandre.")
    meeting = meeting_on(centre, D(2026, 11, 17))
    decide(rule_item(meeting, rule=rule), "keep")
    services.publish(meeting, by=None, today=TODAY)
    assert rule.versions.count() == 1
    assert rule.versions.get().is_current


def test_a_new_rule_the_meeting_said_no_to_is_not_a_rule(centre, clock):
    meeting = meeting_on(centre, D(2026, 11, 17))
    decide(rule_item(meeting, title="No phones at all"), "keep", reason="Most were against.")
    services.publish(meeting, by=None, today=TODAY)
    assert not HouseRule.objects.exists()


def test_correcting_a_rule_decision_adds_a_version(client, centre, clock):
    meeting = meeting_on(centre, D(2026, 11, 17))
    item = rule_item(meeting, title="Smoking")
    decide(item, "adopt", rule_text="Røyking bare ute.")
    services.publish(meeting, by=None, today=TODAY)
    item.refresh_from_db()
    services.decide(
        item,
        outcome="change",
        rule_text="Røyking bare ute, ved benken bak huset.",
        change_note="The place was left out of the minutes.",
        by=None,
        today=TODAY,
    )
    versions = list(item.rule.versions.order_by("version"))
    assert [v.text for v in versions] == [
        "Røyking bare ute.",
        "Røyking bare ute, ved benken bak huset.",
    ]
    assert [v.is_current for v in versions] == [False, True]
    history = client.get(f"/c/{centre.slug}/rules/{item.rule.number}/").content.decode()
    assert "Corrected on 25/11/2026" in history

    # "No change" after all: the rule was new at that meeting, so it is retired again.
    services.decide(item, outcome="keep", change_note="It was not agreed.", by=None, today=TODAY)
    item.rule.refresh_from_db()
    assert item.rule.is_retired
    assert not item.rule.versions.current().exists()


def test_a_rule_item_can_only_name_a_rule_of_its_own_centre(centre, other_centre, clock):
    foreign = adopt(other_centre, D(2026, 11, 3), "Their rule.")
    meeting = make_meeting(centre, date=D(2026, 12, 1))
    with pytest.raises(ValidationError, match="another meeting place"):
        rule_item(meeting, rule=foreign)
    with pytest.raises(ValidationError, match="Only a house-rule item"):
        services.add_item(
            meeting, kind="information", title="x", rule=adopt(centre, D(2026, 11, 3), "Ours.")
        )
    assert not meeting.items.exists()


def test_the_rules_pages_have_fixed_queries(client, centre, clock, django_assert_num_queries):
    for n in range(2):
        adopt(centre, D(2026, 11, 3 + n), f"Rule {n}")
    client.get(f"/c/{centre.slug}/rules/")
    with django_assert_num_queries(3) as few:
        client.get(f"/c/{centre.slug}/rules/")
    for n in range(2, 12):
        adopt(centre, D(2026, 10, 1 + n), f"Rule {n}")
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(f"/c/{centre.slug}/rules/").content.decode()
    assert "Rule 11" in html
    with django_assert_num_queries(3):
        assert client.get(f"/c/{centre.slug}/rules/3/").status_code == 200


def test_an_unknown_rule_is_404(client, centre):
    assert client.get(f"/c/{centre.slug}/rules/9/").status_code == 404
