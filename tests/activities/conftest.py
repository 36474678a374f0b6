"""Fixtures for the activities tests (the factories are in tests/factories.py)."""

import pytest
from django.core.cache import cache

from activities.models import Activity, Occurrence, Proposal
from tests.factories import NOW, OSLO, Clock, make_activity, make_proposal

__all__ = ["NOW", "OSLO", "Clock", "make_activity", "make_proposal", "snapshot"]


@pytest.fixture
def clean_cache(db):
    """Rate-limit counters live in the shared cache; start each test without any."""
    cache.clear()
    yield
    cache.clear()


def snapshot() -> tuple:
    """Every row of this app, to show that a refused request changed nothing."""
    return (
        list(Activity.objects.order_by("pk").values()),
        list(Occurrence.objects.order_by("pk").values()),
        list(Proposal.objects.order_by("pk").values()),
    )
