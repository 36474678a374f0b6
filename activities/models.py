"""Activities on a centre's plan, their dated occurrences, and proposals from anyone.

Times are local wall-clock times in the centre's time zone: "knitting every Tuesday 11:00" stays
at 11:00 across daylight-saving changes, because nothing here is stored in UTC. An occurrence is
a database row (not computed on the fly) so that reports can count and sum them in the database
and the weekly plan is one query.
"""

import datetime
import re
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from centres.audit import update_with_history
from centres.models import Centre, CentreScopedQuerySet, Closure, Weekday

# Receipt codes like "K7Q-42": letters and digits that cannot be mistaken for each other when
# read aloud or copied from a screen (no 0/O, no 1/I/L).
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_DIGITS = "23456789"
RECEIPT_CODE_RE = re.compile(rf"^[{CODE_LETTERS}]{{3}}-[{CODE_DIGITS}]{{2}}$")


def new_receipt_code() -> str:
    head = "".join(secrets.choice(CODE_LETTERS) for _ in range(3))
    tail = "".join(secrets.choice(CODE_DIGITS) for _ in range(2))
    return f"{head}-{tail}"


def normalise_receipt_code(text: str) -> str | None:
    """``"k7q 42"``, ``"K7Q42"``, ``" k7q-42 "`` → ``"K7Q-42"``; ``None`` if it cannot be one."""
    compact = re.sub(r"[^0-9A-Za-z]", "", text or "").upper()[:10]
    if len(compact) != 5:
        return None
    code = f"{compact[:3]}-{compact[3:]}"
    return code if RECEIPT_CODE_RE.match(code) else None


# Activities -----------------------------------------------------------------------------------


REVIEW_INTERVAL = datetime.timedelta(weeks=6)


class PlaceKind(models.TextChoices):
    CENTRE = "centre", _("At the centre")
    COMMUNITY = "community", _("Out in the community")


class LedBy(models.TextChoices):
    STAFF = "staff", _("Staff")
    USER = "user", _("A service user")


class Recurrence(models.TextChoices):
    ONCE = "once", _("Once")
    WEEKLY = "weekly", _("Every week")


class Category(models.TextChoices):
    """What kind of activity it is, so the coordinator can see what the centres do."""

    CRAFTS = "crafts", _("Arts and crafts")
    EXERCISE = "exercise", _("Exercise and outdoors")
    MEAL = "meal", _("Meal")
    CULTURE = "culture", _("Culture and entertainment")
    SOCIAL = "social", _("Social and conversation")
    MARKET = "market", _("Market and sales")
    OTHER = "other", _("Other")


# The named sets as conditions. The QuerySet methods below filter with them, and reports count
# with them (``Count("pk", filter=held_session(today))``), so each set is defined once.


def published_activity(prefix: str = "") -> Q:
    """On the public plan: not a draft. ``prefix`` reaches it from a related model."""
    return Q(**{f"{prefix}is_draft": False})


def held_session(today: datetime.date) -> Q:
    """A session that took place: on or before ``today``, and not cancelled."""
    return Q(is_cancelled=False, date__lte=today)


def event_session() -> Q:
    """Trips and one-off events: sessions of activities that happen once. A weekly series, even
    out in the community, is listed once with its rhythm instead (``weekly_outings``)."""
    return Q(activity__recurrence=Recurrence.ONCE)


def visible_proposal() -> Q:
    """Not hidden by staff, not merged into another proposal, not withdrawn by its proposer."""
    return Q(is_hidden=False, merged_into__isnull=True, withdrawn_by_proposer=False)


def open_proposal() -> Q:
    """Waiting for the house meeting: people can still say they would join."""
    return visible_proposal() & Q(status__in=OPEN_STATUSES)


def decided_proposal() -> Q:
    """The house meeting said yes, no or not now (the public state, with its date)."""
    return Q(status__in=DECIDED_STATUSES, decided_on__isnull=False)


class ActivityQuerySet(CentreScopedQuerySet):
    def published(self):
        return self.filter(published_activity())

    def weekly(self):
        return self.filter(recurrence=Recurrence.WEEKLY)

    def review_due(self, today: datetime.date):
        """User-led weekly series whose review date has come: time to ask the leader how it
        goes, and whether they need a pause or a stand-in."""
        return (
            self.published()
            .filter(
                led_by=LedBy.USER,
                recurrence=Recurrence.WEEKLY,
                review_on__lte=today,
            )
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        )

    def weekly_outings(self, today: datetime.date):
        """Weekly series out in the community that still run: listed once with their rhythm."""
        return (
            self.published()
            .weekly()
            .filter(place_kind=PlaceKind.COMMUNITY)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .order_by("weekday", "start_time", "title")
        )

    def needing_occurrences(self, through: datetime.date):
        """Published weekly series whose occurrences do not yet reach ``through``."""
        behind = Q(materialised_through__lt=through) & (
            Q(ends_on__isnull=True) | Q(ends_on__gt=F("materialised_through"))
        )
        return self.published().weekly().filter(Q(materialised_through__isnull=True) | behind)


class Activity(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(
        _("what it is"), max_length=1000, blank=True, validators=[MaxLengthValidator(1000)]
    )
    category = models.CharField(
        _("kind of activity"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    place_kind = models.CharField(
        _("where"), max_length=20, choices=PlaceKind.choices, default=PlaceKind.CENTRE
    )
    place_name = models.CharField(
        _("place"),
        max_length=120,
        blank=True,
        help_text=_("Where out in the community, e.g. “Rebel bowling, Torggata 16”."),
    )
    led_by = models.CharField(
        _("led by"), max_length=10, choices=LedBy.choices, default=LedBy.STAFF
    )
    leader_display_name = models.CharField(
        _("leader's first name or nickname"),
        max_length=40,
        blank=True,
        help_text=_(
            "Optional. For a service user, only the first name or nickname they chose to show."
        ),
    )
    # A service user's name reaches the public web only with consent recorded by staff;
    # without it the public pages say "one of us" (the kiosk in the centre may show it).
    leader_name_public = models.BooleanField(
        _("the leader agreed to have the name on the public web"), default=False
    )
    cost = models.DecimalField(
        _("cost per person (kr)"),
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("0 means free."),
    )
    centre_covers_part = models.BooleanField(_("the centre pays part of it"), default=False)
    centre_covers_note = models.CharField(
        _("what the centre pays"),
        max_length=120,
        blank=True,
        help_text=_("Optional, e.g. “the centre pays half the ticket”."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Optional: how many can come."),
    )
    proposal = models.ForeignKey(
        "Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("came from the proposal"),
    )
    is_draft = models.BooleanField(
        _("draft"),
        default=False,
        help_text=_("A draft is not on the public plan yet."),
    )
    recurrence = models.CharField(
        _("how often"), max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    starts_on = models.DateField(_("date"), null=True, blank=True)
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, null=True, blank=True
    )
    ends_on = models.DateField(_("last date"), null=True, blank=True)
    start_time = models.TimeField(_("starts"), null=True, blank=True)
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    # The last date for which this series' occurrences have been created (weekly series).
    # Care for user leaders: a user-led series is reviewed with its leader (six weeks apart by
    # default), so that nobody carries it alone through a bad period.
    review_on = models.DateField(_("review with the leader on"), null=True, blank=True)
    materialised_through = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivityQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["centre", "recurrence", "materialised_through"])]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="activity_cost_not_negative"),
            models.CheckConstraint(
                condition=Q(is_draft=True)
                | (
                    Q(starts_on__isnull=False)
                    & Q(start_time__isnull=False)
                    & Q(end_time__isnull=False)
                ),
                name="activity_published_has_date_and_times",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="activity_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="activity_last_date_not_before_first",
            ),
            models.CheckConstraint(
                condition=~Q(recurrence="weekly") | Q(is_draft=True) | Q(weekday__isnull=False),
                name="activity_weekly_has_weekday",
            ),
            models.CheckConstraint(
                condition=~Q(place_kind="community") | ~Q(place_name=""),
                name="activity_community_place_named",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def public_leader_name(self) -> str:
        """The leader's name as the public web may show it: a user's only with consent."""
        if self.led_by == LedBy.USER and not self.leader_name_public:
            return ""
        return self.leader_display_name

    def name_for(self, *, in_full: bool) -> str:
        """The leader's name for a page: all of it on the kiosk, else as the public web may."""
        return self.leader_display_name if in_full else self.public_leader_name

    @property
    def is_free(self) -> bool:
        return self.cost == 0

    @property
    def is_user_led(self) -> bool:
        return self.led_by == LedBy.USER

    @property
    def is_weekly(self) -> bool:
        return self.recurrence == Recurrence.WEEKLY

    def plan_review(self, *, today: datetime.date) -> None:
        """A user-led weekly series gets a review date when it has none."""
        if self.is_user_led and self.is_weekly and self.review_on is None:
            self.review_on = max(self.starts_on or today, today) + REVIEW_INTERVAL

    def mark_reviewed(self, *, today: datetime.date) -> None:
        self.review_on = today + REVIEW_INTERVAL
        self.save(update_fields=["review_on", "updated_at"])

    def get_staff_url(self) -> str:
        return reverse(
            "activities:staff-activity-detail", kwargs={"slug": self.centre.slug, "pk": self.pk}
        )

    def series_dates(self, start: datetime.date, end: datetime.date) -> list[datetime.date]:
        """The dates in ``start..end`` (inclusive) on which this activity is scheduled."""
        if self.is_draft or self.starts_on is None:
            return []
        if not self.is_weekly:
            return [self.starts_on] if start <= self.starts_on <= end else []
        first = max(start, self.starts_on)
        last = min(end, self.ends_on) if self.ends_on else end
        if self.weekday is None or first > last:
            return []
        first += datetime.timedelta(days=(self.weekday - first.weekday()) % 7)
        days = []
        while first <= last:
            days.append(first)
            first += datetime.timedelta(weeks=1)
        return days


class OccurrenceQuerySet(CentreScopedQuerySet):
    centre_field = "activity__centre"

    def public(self):
        """On the public plan: activities that are not drafts (cancelled ones are shown too)."""
        return self.filter(published_activity("activity__"))

    def between(self, start: datetime.date, end: datetime.date):
        return self.filter(date__gte=start, date__lte=end)

    def on(self, day: datetime.date):
        return self.filter(date=day)

    def cancelled(self):
        return self.filter(is_cancelled=True)

    def not_cancelled(self):
        return self.filter(is_cancelled=False)

    def held(self, today: datetime.date):
        """Took place: before ``today`` (or today) and not cancelled. What reports count."""
        return self.filter(held_session(today))

    def events(self):
        """Trips and one-off events: sessions of activities that happen once. A weekly series
        (a walking group, even out in the community) is not an event: the centre page lists it
        once with its rhythm (``ActivityQuerySet.weekly_outings``)."""
        return self.filter(event_session())

    def untouched(self):
        """Occurrences nobody changed by hand: series edits may regenerate these."""
        return self.filter(is_cancelled=False, moved_from__isnull=True, attendance__isnull=True)

    def awaiting_attendance(self, now: datetime.datetime):
        """Started already (local wall-clock ``now``), not cancelled, no number recorded yet."""
        return self.not_cancelled().filter(
            Q(date__lt=now.date()) | Q(date=now.date(), start_time__lte=now.time()),
            attendance__isnull=True,
        )

    def in_plan_order(self):
        return self.order_by("date", "start_time", "activity__title", "pk")

    def with_places(self):
        """Each session with ``places_taken`` and ``places_waiting`` (sign-ups), as
        subqueries, so a list stays one query."""

        def count(waiting: bool):
            rows = (
                SignUp.objects.filter(occurrence=OuterRef("pk"), is_waiting=waiting)
                .order_by()
                .values("occurrence")
                .annotate(n=models.Count("*"))
                .values("n")
            )
            return Coalesce(Subquery(rows), 0)

        return self.annotate(places_taken=count(False), places_waiting=count(True))


class Occurrence(models.Model):
    """One dated session of an activity, in the centre's local wall-clock time."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="occurrences")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    cancel_reason = models.CharField(
        _("reason (shown publicly)"),
        max_length=200,
        blank=True,
        help_text=_("Optional, e.g. “the leader is away”. Do not write anyone's health details."),
    )
    moved_from = models.DateField(_("moved from"), null=True, blank=True)
    attendance = models.PositiveSmallIntegerField(_("how many came"), null=True, blank=True)
    needs_stand_in = models.BooleanField(_("needs a stand-in"), default=False)
    # The closure that cancelled this session: reopening restores only these. Cleared when
    # staff change the session by hand, so their change stays.
    closure = models.ForeignKey(
        Closure, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signup_closed = models.BooleanField(_("sign-up closed"), default=False)

    objects = OccurrenceQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        indexes = [models.Index(fields=["date", "activity"])]
        constraints = [
            # One occurrence per series date: the date it had in the series before any move.
            # Makes extending a series idempotent, also when two requests extend it at once.
            models.UniqueConstraint(
                F("activity"), Coalesce("moved_from", "date"), name="one_occurrence_per_series_date"
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="occurrence_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(attendance__isnull=True) | Q(attendance__gte=0),
                name="occurrence_attendance_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.date:%Y-%m-%d} {self.start_time:%H:%M}"

    @property
    def series_date(self) -> datetime.date:
        return self.moved_from or self.date

    @property
    def is_moved(self) -> bool:
        return self.moved_from is not None

    def starts_at(self, tz) -> datetime.datetime:
        """The aware start in ``tz`` (the centre's zone); wall-clock time kept across DST."""
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=tz)

    def has_started(self, now: datetime.datetime) -> bool:
        """``now`` is the centre's local time (``centre.local_now()``)."""
        return (self.date, self.start_time) <= (now.date(), now.time())

    def cancel(self, *, reason: str = "") -> None:
        """Cancelled by staff by hand: no longer the closure's to restore."""
        self.is_cancelled = True
        self.cancel_reason = reason.strip()
        self.closure = None
        self.save(update_fields=["is_cancelled", "cancel_reason", "closure"])

    def uncancel(self) -> None:
        self.is_cancelled = False
        self.cancel_reason = ""
        self.closure = None
        self.save(update_fields=["is_cancelled", "cancel_reason", "closure"])

    def move(
        self, *, date: datetime.date, start_time: datetime.time, end_time: datetime.time
    ) -> None:
        if end_time <= start_time:
            raise ValidationError(_("The end must be after the start."))
        if self.moved_from is None:
            self.moved_from = self.date
        if self.moved_from == date and (start_time, end_time) == (
            self.activity.start_time,
            self.activity.end_time,
        ):
            # Moved back to where the series has it: it is an ordinary occurrence again.
            self.moved_from = None
        self.date, self.start_time, self.end_time = date, start_time, end_time
        self.closure = None
        self.save(update_fields=["date", "start_time", "end_time", "moved_from", "closure"])

    def record_attendance(self, count: int | None, *, now: datetime.datetime) -> None:
        """How many came (a number, no names). ``None`` clears a mistaken number."""
        if count is not None:
            if count < 0:
                raise ValidationError(_("The number cannot be negative."))
            if self.is_cancelled:
                raise ValidationError(_("This session was cancelled, so nobody could come."))
            if not self.has_started(now):
                raise ValidationError(_("You can record how many came once it has started."))
        self.attendance = count
        self.save(update_fields=["attendance"])


# Sign-ups for sessions with limited places --------------------------------------------------


class SignUpQuerySet(models.QuerySet):
    def placed(self):
        return self.filter(is_waiting=False)

    def waiting(self):
        return self.filter(is_waiting=True)

    def in_order(self):
        """First come, first served: the waiting list is promoted in this order."""
        return self.order_by("pk")

    def to_erase(self, centre: Centre, today: datetime.date):
        """Sign-ups of the centre's sessions before ``today`` that still carry a nickname or a
        browser's hash: erased the day after the session, only the count stays."""
        return self.filter(occurrence__activity__centre=centre, occurrence__date__lt=today).filter(
            ~Q(nickname="") | Q(token_hash__isnull=False)
        )


class SignUp(models.Model):
    """One place on a session with limited places, or a place on its waiting list.

    Anonymous: the browser that signed up holds a random id in a signed cookie; we keep only its
    SHA-256, so one browser holds one place per session and can give it back, and nobody else
    can. A paper sign-up, added by staff, has no id. The optional nickname or initials are for
    the ticket list; they and the hash are erased the day after the session, the row (the count)
    stays.
    """

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="signups")
    # NULL, not "", for "no browser": NULLs are distinct in the unique constraint below.
    token_hash = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, editable=False
    )
    nickname = models.CharField(_("nickname or initials"), max_length=40, blank=True)
    on_paper = models.BooleanField(_("signed up on paper"), default=False)
    is_waiting = models.BooleanField(_("on the waiting list"), default=False)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        indexes = [models.Index(fields=["occurrence", "is_waiting"], name="signup_occ_waiting_idx")]
        constraints = [
            # NULLs are distinct: paper sign-ups and erased rows do not collide.
            models.UniqueConstraint(
                fields=["occurrence", "token_hash"], name="one_signup_per_browser"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurrence} #{self.pk}{' (waiting)' if self.is_waiting else ''}"


# Proposals ------------------------------------------------------------------------------------


class ProposalStatus(models.TextChoices):
    NEW = "new", _("New")
    ON_AGENDA = "on_agenda", _("On the agenda")
    ACCEPTED = "accepted", _("Yes")
    DECLINED = "declined", _("No")
    POSTPONED = "postponed", _("Not now")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DONE = "done", _("Done")


OPEN_STATUSES = (ProposalStatus.NEW, ProposalStatus.ON_AGENDA)
DECIDED_STATUSES = (ProposalStatus.ACCEPTED, ProposalStatus.DECLINED, ProposalStatus.POSTPONED)
AGENDA_STATUSES = (ProposalStatus.NEW, ProposalStatus.POSTPONED)


class DecidedBy(models.TextChoices):
    """Who gave the current answer: the house meeting, or staff between meetings (e.g. a
    budget answer). The public text says which; the coordinator's report counts both."""

    MEETING = "meeting", _("The house meeting")
    STAFF = "staff", _("Staff, between meetings")


class IdeaKind(models.TextChoices):
    """What kind of idea it is: it decides what a "yes" makes and how the public page reads."""

    ACTIVITY = "activity", _("An activity or a trip")
    HOUSE = "house", _("Something about how we have it here")
    RULE = "rule", _("A house rule")


class ReasonCategory(models.TextChoices):
    """Why a proposal got a "no" or "not now"; the coordinator counts these."""

    COST = "cost", _("Cost")
    SAFETY = "safety", _("Safety")
    CAPACITY = "capacity", _("Staffing or capacity")
    PRACTICAL = "practical", _("Practical reasons")
    HOUSE_RULES = "house_rules", _("Against the house rules")
    OTHER = "other", _("Other")


def reason_errors(
    category: str, reason: str, *, category_field: str = "category"
) -> dict[str, str]:
    """The one rule for a "no" or "not now", by the house meeting or by staff: a reason
    category and a sentence saying why, both public. Errors keyed by field (the house meetings'
    form calls its category field ``reason_category``)."""
    errors: dict[str, str] = {}
    if category not in ReasonCategory.values:
        errors[category_field] = str(_("Choose a reason: a “no” or “not now” always says why."))
    if not reason.strip():
        errors["reason"] = str(_("Write the reason in one sentence; it is shown publicly."))
    return errors


class ProposalQuerySet(CentreScopedQuerySet):
    def visible(self):
        """Not hidden by staff, not merged into another proposal, not withdrawn by its proposer."""
        return self.filter(visible_proposal())

    def open(self):
        """Waiting for the house meeting: people can still say they would join."""
        return self.filter(open_proposal())

    def decided(self):
        return self.filter(decided_proposal())

    def can_go_on_agenda(self):
        """New ones, and earlier "not now"s: what an agenda can take (``can_go_on_agenda``)."""
        return self.visible().filter(status__in=AGENDA_STATUSES)

    def newest_first(self):
        return self.order_by("-created_on", "-pk")

    def held_back(self):
        return self.exclude(held_back_reason="")

    def not_held_back(self):
        return self.filter(held_back_reason="")

    def waiting(self):
        """New ideas no agenda has taken up yet, and that staff have not held back."""
        return self.visible().filter(status=ProposalStatus.NEW).not_held_back()

    def due_for_agenda(self, *, on: datetime.date, after_days: int, at_joins: int):
        """Waiting ideas that have waited longer than ``after_days`` on ``on``, or that at least
        ``at_joins`` people joined: they go on the next agenda unless held back with a reason."""
        return self.waiting().filter(
            Q(created_on__lt=on - datetime.timedelta(days=after_days)) | Q(join_count__gte=at_joins)
        )


class Proposal(models.Model):
    """An idea for an activity from anyone, without an account. No personal data is kept:
    not who proposed it, not when to the second, not from where; only an optional nickname."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(
        _("kind of idea"), max_length=20, choices=IdeaKind.choices, default=IdeaKind.ACTIVITY
    )
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(
        _("what it is"), max_length=1000, validators=[MaxLengthValidator(1000)]
    )
    when_text = models.CharField(_("when"), max_length=100, blank=True)
    rough_cost = models.DecimalField(
        _("rough cost per person (kr)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    wants_to_lead = models.BooleanField(_("would like to lead it"), default=False)
    nickname = models.CharField(_("first name or nickname"), max_length=40, blank=True)
    # The nickname reaches the public web only with consent recorded by staff; without it the
    # public pages leave it out (the kiosk in the centre shows it).
    nickname_public = models.BooleanField(
        _("the proposer agreed to have the name on the public web"), default=False
    )
    receipt_code = models.CharField(_("receipt code"), max_length=6, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.NEW
    )
    # A date, never a timestamp: enough to order and to measure "time to decision" in days.
    created_on = models.DateField(_("proposed on"))
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    # The current decision, kept here so that public pages and reports need no join. The
    # house-meetings app records where and how it was decided (and its corrections).
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reason_category = models.CharField(
        _("reason"), max_length=20, choices=ReasonCategory.choices, blank=True
    )
    decision_reason = models.CharField(_("reason, in one sentence"), max_length=300, blank=True)
    decided_by = models.CharField(
        _("decided by"), max_length=10, choices=DecidedBy.choices, blank=True
    )
    join_count = models.PositiveIntegerField(_("would join"), default=0)
    is_hidden = models.BooleanField(_("hidden by staff"), default=False)
    hidden_reason = models.CharField(
        _("why it was hidden (shown publicly)"), max_length=200, blank=True
    )
    # Ideas go on the next agenda by default; staff may keep one off only with a public reason.
    held_back_reason = models.CharField(
        _("why staff hold it back from the agenda (shown publicly)"), max_length=200, blank=True
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_proposals",
        verbose_name=_("merged into"),
    )
    # The proposer took it back with the withdrawal key of their receipt: its text is erased
    # and it leaves the public pages; a decision already made stays, as "a withdrawn idea".
    withdrawn_by_proposer = models.BooleanField(_("withdrawn by the proposer"), default=False)
    # When its free text (and nickname) was erased: on withdrawal, or by the retention run.
    text_erased_on = models.DateField(_("text erased on"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    # Not the "I'd join" count: an anonymous counter, not a change by someone.
    history = HistoricalRecords(excluded_fields=["join_count"])

    class Meta:
        ordering = ["-created_on", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["centre", "status"]),
            models.Index(fields=["centre", "created_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rough_cost__isnull=True) | Q(rough_cost__gte=0),
                name="proposal_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(is_hidden=False) | ~Q(hidden_reason=""),
                name="proposal_hidden_with_reason",
            ),
            # A "no" or "not now" is always told with its reason.
            models.CheckConstraint(
                condition=~Q(status__in=["declined", "postponed"]) | ~Q(decision_reason=""),
                name="proposal_no_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=F("pk")),
                name="proposal_not_merged_into_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "activities:proposal-detail",
            kwargs={"slug": self.centre.slug, "code": self.receipt_code},
        )

    def get_staff_url(self) -> str:
        return reverse(
            "activities:staff-proposal-detail", kwargs={"slug": self.centre.slug, "pk": self.pk}
        )

    @property
    def public_nickname(self) -> str:
        """The proposer's nickname as the public web may show it: only with consent."""
        return self.nickname if self.nickname_public else ""

    def name_for(self, *, in_full: bool) -> str:
        """The nickname for a page: on staff pages and the kiosk, or else with consent."""
        return self.nickname if in_full else self.public_nickname

    @property
    def is_activity(self) -> bool:
        """Only an activity or trip becomes a draft activity on a "yes"."""
        return self.kind == IdeaKind.ACTIVITY

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES and not self.is_hidden and self.merged_into_id is None

    def prefilled_activity(self, **fields) -> "Activity":
        """An unsaved draft activity filled in from this proposal (a "yes" at the meeting).

        When the proposer wanted to lead it, it is user-led under the nickname they gave (or
        none). ``fields`` override or add to what the proposal gives.
        """
        return Activity(
            **{
                "centre": self.centre,
                "title": self.title,
                "description": self.description,
                "cost": self.rough_cost or 0,
                "led_by": LedBy.USER if self.wants_to_lead else LedBy.STAFF,
                "leader_display_name": self.nickname if self.wants_to_lead else "",
                # The same person, the same name: their consent to show it carries over.
                "leader_name_public": self.wants_to_lead and self.nickname_public,
                "proposal": self,
                "is_draft": True,
                **fields,
            }
        )

    def save_new(self, *, attempts: int = 20) -> None:
        """Insert with a fresh receipt code, trying another when one is taken."""
        for _attempt in range(attempts):
            self.receipt_code = new_receipt_code()
            try:
                with transaction.atomic():
                    self.save(force_insert=True)
                return
            except IntegrityError:
                if not Proposal.objects.filter(receipt_code=self.receipt_code).exists():
                    raise
        raise RuntimeError("no free receipt code found")  # 1.9 million codes: not in practice

    def _set_status(self, status: str, *, today: datetime.date) -> None:
        self.status = status
        self.status_changed_on = today
        self.save(update_fields=["status", "status_changed_on"])

    # The house meeting ---------------------------------------------------------------------

    @property
    def can_go_on_agenda(self) -> bool:
        """New ideas, and ones the house meeting said "not now" to, can go on an agenda."""
        return (
            self.status in AGENDA_STATUSES
            and not self.is_hidden
            and self.merged_into_id is None
            and not self.withdrawn_by_proposer
        )

    def put_on_agenda(self, *, today: datetime.date) -> None:
        if not self.can_go_on_agenda:
            raise ValidationError(
                _("Only a new proposal, or one that got “not now”, can go on an agenda.")
            )
        self._set_status(ProposalStatus.ON_AGENDA, today=today)

    def take_off_agenda(self, *, today: datetime.date) -> None:
        """Back to where it was before: waiting (new), or "not now" with its earlier reason."""
        if self.status != ProposalStatus.ON_AGENDA:
            return
        earlier_not_now = self.decided_on is not None and bool(self.decision_reason)
        self._set_status(
            ProposalStatus.POSTPONED if earlier_not_now else ProposalStatus.NEW, today=today
        )

    def accept(self, *, decided_on: datetime.date, today: datetime.date) -> None:
        self._decide(ProposalStatus.ACCEPTED, decided_on=decided_on, today=today)

    def answer_between_meetings(
        self, *, status: str, category: str = "", reason: str = "", today: datetime.date
    ) -> None:
        """Staff answer a waiting idea themselves (e.g. "the budget is spent"); the public
        text says staff decided, not the house meeting. One on an agenda is the meeting's."""
        if status not in DECIDED_STATUSES:
            raise ValidationError(_("Choose yes, no or not now."))
        if not (self.status == ProposalStatus.NEW and self.is_open):
            raise ValidationError(
                _("Only a waiting idea that is not on an agenda can be answered by staff.")
            )
        self._decide(
            status,
            decided_on=today,
            today=today,
            category=category,
            reason=reason,
            by=DecidedBy.STAFF,
        )

    def decline(
        self, *, category: str, reason: str, decided_on: datetime.date, today: datetime.date
    ) -> None:
        self._decide(
            ProposalStatus.DECLINED,
            category=category,
            reason=reason,
            decided_on=decided_on,
            today=today,
        )

    def postpone(
        self, *, category: str, reason: str, decided_on: datetime.date, today: datetime.date
    ) -> None:
        self._decide(
            ProposalStatus.POSTPONED,
            category=category,
            reason=reason,
            decided_on=decided_on,
            today=today,
        )

    def _decide(
        self,
        status: str,
        *,
        decided_on: datetime.date,
        today: datetime.date,
        category: str = "",
        reason: str = "",
        by: str = DecidedBy.MEETING,
    ) -> None:
        """The house meeting's decision as the public sees it (the meeting's minutes keep
        where it was decided and every correction)."""
        if self.status in (ProposalStatus.WITHDRAWN, ProposalStatus.DONE):
            raise ValidationError(_("This proposal was withdrawn or is done already."))
        reason = reason.strip()
        if status != ProposalStatus.ACCEPTED and (errors := reason_errors(category, reason)):
            raise ValidationError(errors)
        self.status = status
        self.decided_on = decided_on
        self.status_changed_on = today
        self.reason_category = "" if status == ProposalStatus.ACCEPTED else category
        self.decision_reason = "" if status == ProposalStatus.ACCEPTED else reason
        self.decided_by = by
        self.save(
            update_fields=[
                "status",
                "decided_by",
                "decided_on",
                "status_changed_on",
                "reason_category",
                "decision_reason",
            ]
        )

    # Withdrawal by the proposer -----------------------------------------------------------------

    # The free text a proposer wrote, erased on withdrawal and by the retention run. The title
    # too on withdrawal; the retention run keeps it, as the name of what was decided.
    ERASED_FIELDS = ("description", "when_text", "nickname")

    def withdrawal_key(self) -> str:
        """The secret that lets the proposer withdraw it: shown once, on the receipt.

        The receipt code is public (it is in every proposal's address), so it cannot be the
        proof. The key is derived from the code with the secret key: nothing extra is stored.
        """
        digest = salted_hmac("proposal-withdrawal", self.receipt_code).digest()
        letters = "".join(CODE_LETTERS[byte % len(CODE_LETTERS)] for byte in digest[:8])
        return f"{letters[:4]}-{letters[4:]}"

    def withdrawal_key_matches(self, key: str) -> bool:
        given = "".join(ch for ch in key.upper() if ch.isalnum())
        return constant_time_compare(given, self.withdrawal_key().replace("-", ""))

    def withdraw_by_proposer(self, *, today: datetime.date) -> None:
        """Erase the text, take it off the public pages; a decision made stays."""
        with transaction.atomic():
            if self.status in OPEN_STATUSES:
                self.status = ProposalStatus.WITHDRAWN
                self.status_changed_on = today
            self.title = ""
            for name in self.ERASED_FIELDS:
                setattr(self, name, "")
            self.withdrawn_by_proposer = True
            self.text_erased_on = today
            self.save(
                update_fields=[
                    "status",
                    "status_changed_on",
                    "title",
                    *self.ERASED_FIELDS,
                    "withdrawn_by_proposer",
                    "text_erased_on",
                ]
            )
            # Earlier versions in the audit trail held the same text.
            Proposal.history.filter(id=self.pk).update(
                title="", **dict.fromkeys(self.ERASED_FIELDS, "")
            )

    @property
    def display_title(self) -> str:
        return str(_("A withdrawn idea")) if self.withdrawn_by_proposer else self.title

    def withdraw(self, *, today: datetime.date) -> None:
        """The proposer asked staff to take it back."""
        if self.status in (ProposalStatus.WITHDRAWN, ProposalStatus.DONE, ProposalStatus.DECLINED):
            raise ValidationError(_("This proposal can no longer be withdrawn."))
        self._set_status(ProposalStatus.WITHDRAWN, today=today)

    def mark_done(self, *, today: datetime.date) -> None:
        if self.status not in (*OPEN_STATUSES, ProposalStatus.ACCEPTED):
            raise ValidationError(_("Only a new or accepted proposal can be marked as done."))
        self._set_status(ProposalStatus.DONE, today=today)

    def hide(self, *, reason: str) -> None:
        reason = reason.strip()
        if not reason:
            raise ValidationError(_("Say why it is hidden; the reason is shown publicly."))
        self.is_hidden = True
        self.hidden_reason = reason
        self.save(update_fields=["is_hidden", "hidden_reason"])

    def hold_back(self, *, reason: str) -> None:
        """Keep it off the agenda for now; the reason is shown on the public pages."""
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError(
                _("Say why it is held back from the agenda; the reason is shown publicly.")
            )
        self.held_back_reason = reason[:200]
        self.save(update_fields=["held_back_reason"])

    def release(self) -> None:
        self.held_back_reason = ""
        self.save(update_fields=["held_back_reason"])

    def set_name_public(self, public: bool) -> None:
        """Staff record (or take back) the proposer's consent to show the nickname publicly."""
        self.nickname_public = public
        self.save(update_fields=["nickname_public"])

    def unhide(self) -> None:
        self.is_hidden = False
        self.hidden_reason = ""
        self.save(update_fields=["is_hidden", "hidden_reason"])

    def merge_into(self, other: "Proposal") -> None:
        """A duplicate: send its readers and its "I'd join" count to ``other``."""
        if other.pk == self.pk:
            raise ValidationError(_("A proposal cannot be merged into itself."))
        if other.centre_id != self.centre_id:
            raise ValidationError(_("Both proposals must belong to the same meeting place."))
        if self.merged_into_id is not None:
            raise ValidationError(_("This proposal has already been merged."))
        if other.merged_into_id is not None or other.is_hidden:
            raise ValidationError(_("Choose a proposal that is shown publicly and not merged."))
        with transaction.atomic():
            moved = self.join_count
            self.merged_into = other
            self.join_count = 0
            self.save(update_fields=["merged_into", "join_count"])
            Proposal.objects.filter(pk=other.pk).update(join_count=F("join_count") + moved)
            update_with_history(Proposal.objects.filter(merged_into=self), merged_into=other)
        other.refresh_from_db(fields=["join_count"])

    def add_joiner(self) -> None:
        """Someone would join; atomic in the database, so simultaneous presses all count."""
        Proposal.objects.filter(pk=self.pk).update(join_count=F("join_count") + 1)
        self.refresh_from_db(fields=["join_count"])

    def remove_joiner(self) -> None:
        Proposal.objects.filter(pk=self.pk, join_count__gt=0).update(join_count=F("join_count") - 1)
        self.refresh_from_db(fields=["join_count"])


class ProposalJoin(models.Model):
    """One "I'd join": only a hash of the random id the browser keeps in its cookie.

    Nothing about the person: no address, no time, no browser. The browser's id lets it take
    back exactly its own join, once (``activities.services.remove_join``).
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="joins")
    token_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("“I'd join”")
        verbose_name_plural = _("“I'd join”s")

    def __str__(self) -> str:
        return f"join {self.pk} of {self.proposal_id}"
