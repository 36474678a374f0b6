"""Anonymous sign-up for sessions with limited places ("Jeg blir med"), and its waiting list.

The same rules as "I'd join": nothing about the person is stored. The browser gets a random id
in a signed cookie (one per session it signed up for); the database keeps only the id's
SHA-256, so one browser holds one place per session, can give it back exactly once, and a
replayed request changes nothing. Writes take the session's row lock
(``select_for_update``), so simultaneous sign-ups on PostgreSQL never take more places than
there are; on SQLite every write transaction is already serialised (``BEGIN IMMEDIATE``).
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from activities.models import Occurrence, SignUp
from centres.models import Centre

NICKNAME_MAX = 40
PAPER_MAX = 50


def new_token() -> str:
    return secrets.token_urlsafe(18)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Places:
    capacity: int
    taken: int
    waiting: int

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.taken)

    @property
    def is_full(self) -> bool:
        return self.taken >= self.capacity


def check_open(occurrence: Occurrence, *, now: datetime.datetime) -> None:
    """Sign-up is open: limited places, not cancelled, not closed by staff, not started."""
    if not occurrence.activity.capacity:
        raise ValidationError(_("This activity has no sign-up; just come."))
    if occurrence.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if occurrence.signup_closed:
        raise ValidationError(_("Sign-up for this session is closed."))
    if occurrence.has_started(now):
        raise ValidationError(_("This session has already started."))


def _locked(occurrence: Occurrence) -> Occurrence:
    return Occurrence.objects.select_for_update().select_related("activity").get(pk=occurrence.pk)


def _taken(occurrence: Occurrence) -> int:
    return occurrence.signups.placed().count()


@transaction.atomic
def sign_up(
    occurrence: Occurrence, *, token: str, nickname: str = "", now: datetime.datetime
) -> SignUp:
    """Take a place for the browser holding ``token``, or a place on the waiting list when the
    places are gone. Signing up again with the same token returns the existing sign-up."""
    occurrence = _locked(occurrence)
    check_open(occurrence, now=now)
    digest = token_hash(token)
    existing = occurrence.signups.filter(token_hash=digest).first()
    if existing is not None:
        return existing
    waiting = _taken(occurrence) >= occurrence.activity.capacity
    try:
        with transaction.atomic():
            return SignUp.objects.create(
                occurrence=occurrence,
                token_hash=digest,
                nickname=(nickname or "").strip()[:NICKNAME_MAX],
                is_waiting=waiting,
            )
    except IntegrityError:  # the same browser, twice at once: the other request won
        return occurrence.signups.get(token_hash=digest)


@transaction.atomic
def give_back(occurrence: Occurrence, *, token: str) -> bool:
    """The browser gives its place (or waiting-list place) back; the first on the waiting list
    gets a freed place. False when there was nothing to give back (a replay)."""
    occurrence = _locked(occurrence)
    signup = occurrence.signups.filter(token_hash=token_hash(token)).first()
    if signup is None:
        return False
    signup.delete()
    _promote(occurrence)
    return True


def _promote(occurrence: Occurrence) -> None:
    free = occurrence.activity.capacity - _taken(occurrence)
    if free > 0:
        first = occurrence.signups.waiting().in_order().values_list("pk", flat=True)[:free]
        SignUp.objects.filter(pk__in=list(first)).update(is_waiting=False)


@transaction.atomic
def add_on_paper(occurrence: Occurrence, *, nicknames: list[str]) -> list[SignUp]:
    """Staff add people who signed up on the paper list; over the places they wait."""
    occurrence = _locked(occurrence)
    if not occurrence.activity.capacity:
        raise ValidationError(_("This activity has no limited places, so no sign-up list."))
    if occurrence.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if not 1 <= len(nicknames) <= PAPER_MAX:
        raise ValidationError(_("Add between 1 and %(n)d people at a time.") % {"n": PAPER_MAX})
    free = max(0, occurrence.activity.capacity - _taken(occurrence))
    rows = [
        SignUp(
            occurrence=occurrence,
            nickname=name.strip()[:NICKNAME_MAX],
            on_paper=True,
            is_waiting=n >= free,
        )
        for n, name in enumerate(nicknames)
    ]
    return SignUp.objects.bulk_create(rows)


@transaction.atomic
def remove(signup: SignUp) -> None:
    """Staff take someone off the list (they called to say they cannot come)."""
    occurrence = _locked(signup.occurrence)
    signup.delete()
    _promote(occurrence)


def fill_freed_places(activity) -> None:
    """After staff raised the number of places: the waiting lists move up, first come first.
    (Lowering it moves nobody down: a place once given is kept.)"""
    if not activity.capacity:
        return
    waiting = Occurrence.objects.filter(activity=activity, signups__is_waiting=True).distinct()
    for pk in waiting.values_list("pk", flat=True):
        with transaction.atomic():
            _promote(_locked(Occurrence(pk=pk)))


def set_closed(occurrence: Occurrence, *, closed: bool) -> None:
    occurrence.signup_closed = closed
    occurrence.save(update_fields=["signup_closed"])


def erase_names(centre: Centre, *, today: datetime.date) -> int:
    """Erase nicknames and browser hashes of sign-ups for the centre's sessions before
    ``today`` (the day after the session); the rows stay, so the count is kept."""
    return SignUp.objects.filter(pk__in=SignUp.objects.to_erase(centre, today).values("pk")).update(
        nickname="", token_hash=None
    )
