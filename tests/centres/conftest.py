"""Fixtures for the tally: devices, and helpers to post taps."""

import datetime
import json
import uuid

import pytest
from django.test import Client

from tests.factories import OSLO, add_fix, add_taps, make_device

__all__ = ["OSLO", "add_fix", "add_taps", "make_device", "post_tap", "tap_body"]


@pytest.fixture
def device(centre):
    return make_device(centre)


@pytest.fixture
def other_device(other_centre):
    return make_device(other_centre, name="Other front table")


@pytest.fixture
def device_client(device):
    return Client(headers={"Authorization": f"Bearer {device.token}"})


def tap_body(at: datetime.datetime, *, newcomer=False, tap_id=None) -> dict:
    return {"id": str(tap_id or uuid.uuid4()), "at": at.isoformat(), "newcomer": newcomer}


def post_tap(client, centre, body, **extra):
    return client.post(
        f"/api/v1/centres/{centre.slug}/visits/",
        data=json.dumps(body) if not isinstance(body, str | bytes) else body,
        content_type="application/json",
        **extra,
    )
