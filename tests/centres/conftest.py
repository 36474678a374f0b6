"""Fixtures for the tally: devices, a fixed clock, and a helper to post taps."""

import datetime
import json
import uuid
import zoneinfo

import pytest
from django.test import Client

from centres.devices import create_device

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def make_device(centre, name="Front table"):
    device, token = create_device(centre, name=name)
    device.token = token
    return device


@pytest.fixture
def device(centre):
    return make_device(centre)


@pytest.fixture
def other_device(other_centre):
    return make_device(other_centre, name="Other front table")


@pytest.fixture
def device_client(device):
    return Client(headers={"Authorization": f"Bearer {device.token}"})


@pytest.fixture
def clock(monkeypatch):
    """A fixed "now": ``clock.set(datetime)``; starts at a Tuesday noon in Oslo."""

    class Clock:
        now = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=OSLO)

        def set(self, moment: datetime.datetime) -> None:
            self.now = moment

    fixed = Clock()
    monkeypatch.setattr("django.utils.timezone.now", lambda: fixed.now.astimezone(datetime.UTC))
    return fixed


def tap_body(at: datetime.datetime, *, newcomer=False, tap_id=None) -> dict:
    return {"id": str(tap_id or uuid.uuid4()), "at": at.isoformat(), "newcomer": newcomer}


def post_tap(client, centre, body, **extra):
    return client.post(
        f"/api/v1/centres/{centre.slug}/visits/",
        data=json.dumps(body) if not isinstance(body, str | bytes) else body,
        content_type="application/json",
        **extra,
    )


# Reports ---------------------------------------------------------------------------------------


def add_taps(centre, day, *, hour=11, n=1, newcomers=0, undone=0):
    """``n`` counted taps (``newcomers`` of them new) and ``undone`` undone ones, in one go."""
    from centres.models import Visit

    Visit.objects.bulk_create(
        [
            Visit(
                id=uuid.uuid4(),
                centre=centre,
                local_date=day,
                hour=hour,
                newcomer=i < newcomers,
                undone=i >= n,
            )
            for i in range(n + undone)
        ]
    )


def add_fix(centre, day, *, visits=0, newcomers=0, by=None):
    """A correction of a day's count, stored as is (``tally.add_correction`` checks more)."""
    from centres.models import VisitCorrection
    from tests.conftest import make_user

    return VisitCorrection.objects.create(
        centre=centre,
        date=day,
        visits_delta=visits,
        newcomers_delta=newcomers,
        reason="Counted on paper.",
        created_by=by or make_user(),
    )
