"""Factories and a fixed clock for the activities tests."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core.cache import cache

from activities.models import Activity, Occurrence, Proposal, Recurrence
from activities.services import save_activity

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
# A Wednesday in ISO week 48 of 2026, mid-morning in Oslo.
NOW = datetime.datetime(2026, 11, 25, 10, 30, tzinfo=OSLO)


class Clock:
    """``timezone.now()`` frozen at a moment that tests can move."""

    def __init__(self, monkeypatch, moment: datetime.datetime):
        self.moment = moment
        monkeypatch.setattr("django.utils.timezone.now", lambda: self.moment)

    def set(self, moment: datetime.datetime) -> None:
        self.moment = moment

    @property
    def today(self) -> datetime.date:
        return self.moment.astimezone(OSLO).date()


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch, NOW)


@pytest.fixture
def clean_cache(db):
    """Rate-limit counters live in the shared cache; start each test without any."""
    cache.clear()
    yield
    cache.clear()


def make_activity(centre, *, today: datetime.date | None = None, **kw) -> Activity:
    """A published activity with its occurrences. One-off on ``starts_on`` unless ``weekday``."""
    today = today or centre.today()
    kw.setdefault("title", "Strikkekafé")
    kw.setdefault("starts_on", today)
    kw.setdefault("start_time", datetime.time(11))
    kw.setdefault("end_time", datetime.time(13))
    if kw.get("weekday") is not None:
        kw.setdefault("recurrence", Recurrence.WEEKLY)
    if "cost" in kw:
        kw["cost"] = Decimal(kw["cost"])
    return save_activity(Activity(centre=centre, **kw), today=today)


def make_proposal(centre, **kw) -> Proposal:
    kw.setdefault("title", "Bowling")
    kw.setdefault("description", "Bowling og pizza en fredag.")
    kw.setdefault("created_on", centre.today())
    proposal = Proposal(centre=centre, **kw)
    proposal.save_new()
    return proposal


def snapshot() -> tuple:
    """Every row of this app, to show that a refused request changed nothing."""
    return (
        list(Activity.objects.order_by("pk").values()),
        list(Occurrence.objects.order_by("pk").values()),
        list(Proposal.objects.order_by("pk").values()),
    )
