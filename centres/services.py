"""Writes that span several centres models."""

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from centres.models import Centre, Membership, OpeningHours

if TYPE_CHECKING:
    from django.contrib.auth.models import User
else:
    User = get_user_model()


@transaction.atomic
def set_opening_hours(
    centre: Centre, *, hours: dict[int, tuple[datetime.time, datetime.time] | None]
) -> None:
    """Replace a centre's weekly opening hours; ``None`` for a weekday means closed."""
    centre.opening_hours.all().delete()
    bulk_create_with_history(
        [
            OpeningHours(centre=centre, weekday=day, opens=span[0], closes=span[1])
            for day, span in sorted(hours.items())
            if span is not None
        ],
        OpeningHours,
    )


@transaction.atomic
def set_memberships(user, *, centres: Iterable[Centre]) -> None:
    wanted = {centre.pk for centre in centres}
    Membership.objects.filter(user=user).exclude(centre_id__in=wanted).delete()
    existing = set(Membership.objects.filter(user=user).values_list("centre_id", flat=True))
    bulk_create_with_history(
        [Membership(user=user, centre_id=pk) for pk in sorted(wanted - existing)], Membership
    )


@transaction.atomic
def save_staff_user(user: User, *, password: str | None, centres: Iterable[Centre]) -> User:
    """Save a staff account with its new password (if any) and the centres it works at."""
    if password:
        user.set_password(password)
    user.save()
    set_memberships(user, centres=centres)
    return user
