"""Factories and a fixed clock for the house-meetings tests.

The clock stands at Wednesday 25 November 2026, 10:30 in Oslo (as in the activities tests);
``MEETING_DAY`` is the Tuesday before, when the house meeting took place.
"""

import datetime

import pytest
from django.utils import translation

from activities.models import Activity, Occurrence, Proposal
from house_meetings import services
from house_meetings.models import (
    AgendaItem,
    Decision,
    FollowUp,
    HouseMeeting,
    HouseRule,
    HouseRuleVersion,
)
from tests.activities.conftest import NOW, Clock
from tests.activities.conftest import make_proposal as _make_proposal

D = datetime.date
T = datetime.time

TODAY = NOW.date()
MEETING_DAY = D(2026, 11, 24)
ONE_PM = T(13)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch, NOW)


@pytest.fixture(autouse=True)
def english(client):
    """Pages and messages in English (the browser test reads Norwegian, as staff do)."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def make_proposal(centre, **kw) -> Proposal:
    """A proposal made in the summer, before the meetings of these tests."""
    kw.setdefault("created_on", D(2026, 6, 1))
    return _make_proposal(centre, **kw)


def make_meeting(centre, *, date=MEETING_DAY, start_time=ONE_PM, **kw) -> HouseMeeting:
    return HouseMeeting.objects.create(centre=centre, date=date, start_time=start_time, **kw)


def record(meeting: HouseMeeting, *, users: int = 9, staff: int = 2, chair: str = "user"):
    meeting.record(users_present=users, staff_present=staff, chaired_by=chair, today=TODAY)
    return meeting


def on_agenda(meeting: HouseMeeting, *proposals: Proposal) -> list[AgendaItem]:
    return services.add_proposals(meeting, proposals=proposals, today=TODAY)


def decide(item: AgendaItem, outcome: str, *, by=None, today=TODAY, **kw) -> Decision:
    if outcome in ("no", "not_now"):
        kw.setdefault("reason_category", "cost")
        kw.setdefault("reason", "We cannot afford it this autumn.")
    if outcome in ("adopt", "change"):
        kw.setdefault("rule_text", "We tidy up after ourselves.")
    if item.summary == "":
        item.summary = "We talked about it."
        item.save(update_fields=["summary"])
    return services.decide(item, outcome=outcome, by=by, today=today, **kw)


def published_meeting(centre, decisions: dict, *, date=MEETING_DAY, by=None) -> HouseMeeting:
    """A held meeting with ``{proposal: outcome}`` decided, and its minutes published."""
    meeting = record(make_meeting(centre, date=date))
    items = on_agenda(meeting, *decisions)
    for item, outcome in zip(items, decisions.values(), strict=True):
        decide(item, outcome, by=by)
    return services.publish(meeting, by=by, today=TODAY)


def rule_item(meeting: HouseMeeting, *, rule: HouseRule | None = None, title="A rule"):
    return services.add_item(meeting, kind="rule", title=title, rule=rule)


def snapshot() -> tuple:
    """Every row a house-meetings action could touch, to show a refused one changed nothing."""
    return tuple(
        list(model.objects.order_by("pk").values())
        for model in (
            HouseMeeting,
            AgendaItem,
            Decision,
            FollowUp,
            HouseRule,
            HouseRuleVersion,
            Proposal,
            Activity,
            Occurrence,
        )
    )


__all__ = [
    "MEETING_DAY",
    "TODAY",
    "D",
    "T",
    "decide",
    "make_meeting",
    "make_proposal",
    "on_agenda",
    "published_meeting",
    "record",
    "rule_item",
    "snapshot",
]
