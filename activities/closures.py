"""Closing a centre for a date or a range, and reopening it: the closure (``centres``) and the
sessions it cancels (here). Lives in activities because it touches both; centres never
imports this.

A closure cancels every session in its range that is not cancelled already, with the
closure's reason, and remembers it on the session (``Occurrence.closure``). Reopening restores
only those sessions that still carry the mark: a session staff cancelled, restored or moved by
hand since then has lost the mark and stays as they left it. Sessions created later for a
weekly series (``services.ensure_occurrences``) are cancelled at once when they fall in a
closure (``cancel_new_sessions``).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from activities.models import Activity, Occurrence
from centres import calendar
from centres.audit import update_with_history
from centres.models import Centre, Closure

public_holidays = calendar.public_holidays


@transaction.atomic
def close(
    centre: Centre, *, starts_on: datetime.date, ends_on: datetime.date, reason: str
) -> Closure:
    """Close ``centre`` from ``starts_on`` to ``ends_on`` and cancel the sessions then.
    Raises ``ValidationError`` (nothing changed) for a bad range, an overlap or no reason."""
    calendar.lock_centre(centre)
    reason = calendar.check_closure(centre, starts_on=starts_on, ends_on=ends_on, reason=reason)
    closure = Closure.objects.create(
        centre=centre, starts_on=starts_on, ends_on=ends_on, reason=reason
    )
    _cancel_sessions(closure)
    return closure


def _cancel_sessions(closure: Closure) -> int:
    """Sessions with a recorded attendance took place: a closure entered afterwards (for the
    reports) leaves them as they are."""
    covered = (
        Occurrence.objects.for_centre(closure.centre_id)
        .between(closure.starts_on, closure.ends_on)
        .not_cancelled()
        .filter(attendance__isnull=True)
    )
    return update_with_history(
        covered, is_cancelled=True, cancel_reason=closure.reason[:200], closure=closure
    )


@transaction.atomic
def reopen(closure: Closure) -> int:
    """Delete the closure and restore the sessions it cancelled (and only those)."""
    calendar.lock_centre(closure.centre)
    restored = update_with_history(
        Occurrence.objects.filter(closure=closure, is_cancelled=True),
        is_cancelled=False,
        cancel_reason="",
        closure=None,
    )
    closure.delete()
    return restored


def cancel_new_sessions(activity: Activity, dates: list[datetime.date]) -> None:
    """Cancel an activity's freshly created sessions on ``dates`` that fall in a closure (a
    weekly series extended, a new activity). One query when no closure is near."""
    if not dates:
        return
    closures = Closure.objects.for_centre(activity.centre_id).overlapping(min(dates), max(dates))
    for closure in closures:
        new = Occurrence.objects.filter(
            activity=activity,
            date__in=[day for day in dates if closure.starts_on <= day <= closure.ends_on],
            is_cancelled=False,
            moved_from__isnull=True,
        )
        update_with_history(
            new, is_cancelled=True, cancel_reason=closure.reason[:200], closure=closure
        )


@dataclass
class Outcome:
    closed: list[Closure]
    skipped: list[tuple[Centre, str]]  # a centre and why it was not closed


def close_many(
    centres: Iterable[Centre], *, starts_on: datetime.date, ends_on: datetime.date, reason: str
) -> Outcome:
    """The coordinator closes several centres at once; a centre already closed then, or with
    a special opening in the range, is skipped with the reason."""
    outcome = Outcome([], [])
    for centre in centres:
        try:
            closure = close(centre, starts_on=starts_on, ends_on=ends_on, reason=reason)
            outcome.closed.append(closure)
        except ValidationError as error:
            outcome.skipped.append((centre, " ".join(error.messages)))
    return outcome


# Public holidays ------------------------------------------------------------------------------


@transaction.atomic
def add_public_holidays(centre: Centre, *, days: Iterable[tuple[datetime.date, str]]) -> Outcome:
    """Close ``centre`` on each chosen holiday (a one-day closure named after it). Days already
    closed, or with a special opening, are skipped with the reason."""
    outcome = Outcome([], [])
    for day, name in days:
        try:
            with transaction.atomic():
                outcome.closed.append(close(centre, starts_on=day, ends_on=day, reason=name))
        except ValidationError as error:
            outcome.skipped.append((centre, " ".join(error.messages)))
    return outcome
