"""Fixtures for the house-meetings tests (the factories are in tests/factories.py).

The clock stands at Wednesday 25 November 2026, 10:30 in Oslo; ``MEETING_DAY`` is the Tuesday
before, when the house meeting took place. A proposal that meeting decides is made in the
summer: ``make_proposal(centre, created_on=SUMMER)``.
"""

import pytest
from django.utils import translation

from activities.models import Activity, Occurrence, Proposal
from house_meetings.models import (
    AgendaItem,
    AgendaPolicy,
    Decision,
    FollowUp,
    HouseMeeting,
    HouseRule,
    HouseRuleVersion,
)
from tests.factories import (
    MEETING_DAY,
    SUMMER,
    TODAY,
    D,
    T,
    decide,
    make_meeting,
    make_proposal,
    on_agenda,
    published_meeting,
    record,
    rule_item,
)


@pytest.fixture(autouse=True)
def english(client):
    """Pages and messages in English (the browser test reads Norwegian, as staff do)."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def snapshot() -> tuple:
    """Every row a house-meetings action could touch, to show a refused one changed nothing."""
    return tuple(
        list(model.objects.order_by("pk").values())
        for model in (
            AgendaPolicy,
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
    "SUMMER",
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
