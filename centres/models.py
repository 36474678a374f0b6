import datetime
import zoneinfo

import simple_history
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

SLUG_VALIDATOR = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lowercase letters a–z, digits and single hyphens, e.g. “sentrum-moteplass”."),
)


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(value)s” is not a known time zone."), params={"value": value}
        ) from None


# The permission of the Coordinators group (centres.access), declared on Centre below.
COORDINATOR_PERMISSION = "centres.coordinate"


def is_coordinator(user) -> bool:
    """Coordinators (the group's permission) and superusers see and manage every centre."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(COORDINATOR_PERMISSION))


class CentreQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_user(self, user):
        """The centres a signed-in person works with: all for a coordinator, else memberships."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_coordinator(user):
            return self.all()
        return self.filter(memberships__user=user)


class Centre(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("short name in the web address"),
        max_length=60,
        unique=True,
        validators=[SLUG_VALIDATOR],
        help_text=_(
            "Printed on QR posters, so it should never change: /c/<short name>/. "
            "Lowercase letters, digits and hyphens."
        ),
    )
    description = models.TextField(
        _("short description"),
        max_length=1000,
        blank=True,
        help_text=_("One or two sentences for the public page."),
    )
    street_address = models.CharField(_("address"), max_length=200, blank=True)
    area = models.CharField(_("area or district"), max_length=120, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Oslo", validators=[validate_time_zone]
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "A centre that has closed is deactivated, never deleted, so its history stays."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CentreQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        permissions = [("coordinate", _("Can see every centre and the cross-centre reports"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("centres:public", kwargs={"slug": self.slug})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_now(self) -> datetime.datetime:
        from django.utils import timezone

        return timezone.now().astimezone(self.tz)

    def today(self) -> datetime.date:
        return self.local_now().date()


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    """When a centre is open on a weekday; no row for a weekday means closed that day."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(fields=["centre", "weekday"], name="one_opening_per_weekday"),
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="opens_before_closes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


class Membership(models.Model):
    """A staff member works at a centre. The only link between a person and a centre."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "centre"], name="one_membership_per_centre")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.centre}"


# Front-table devices ---------------------------------------------------------------------------


class DeviceKind(models.TextChoices):
    """A desk tablet tallies visits; a kiosk shows the centre's pages in large type and lets
    anyone propose or join, one fresh session per person. Neither can do the other's job."""

    DESK = "desk", _("Front-table tablet")
    KIOSK = "kiosk", _("Kiosk for everyone")


class CentreScopedQuerySet(models.QuerySet):
    """Rows that belong to a centre; ``centre_field`` is the path from the row to it."""

    centre_field = "centre"

    def for_centre(self, centre):
        """One centre (a ``Centre`` or its pk) or several (a queryset or list of them)."""
        if isinstance(centre, Centre | int):
            return self.filter(**{self.centre_field: centre})
        return self.filter(**{f"{self.centre_field}__in": centre})


class DeviceQuerySet(CentreScopedQuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Device(models.Model):
    """A tablet (or a hardware clicker) paired to ONE centre.

    It holds a long-lived bearer token; we keep only its SHA-256, so a copy of the database
    cannot be used to tally. The token can tally, undo and read today's count for this centre,
    nothing else. ``last_seen_at`` is cut to the hour: an exact second would tell when the last
    visitor came in.
    """

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="devices")
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(
        _("kind"), max_length=10, choices=DeviceKind.choices, default=DeviceKind.DESK
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paired by"),
    )
    created_at = models.DateTimeField(_("paired"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last seen (to the hour)"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = DeviceQuerySet.as_manager()

    # Not the token's hash (a credential) nor the hour it was last seen (not a change).
    history = HistoricalRecords(excluded_fields=["token_hash", "last_seen_at"])

    class Meta:
        ordering = ["revoked_at", "name", "pk"]
        verbose_name = _("front-table device")
        verbose_name_plural = _("front-table devices")

    def __str__(self) -> str:
        return f"{self.name} ({self.centre})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def is_kiosk(self) -> bool:
        return self.kind == DeviceKind.KIOSK

    def revoke(self, *, by) -> None:
        if self.revoked_at is None:
            from django.utils import timezone

            self.revoked_at = timezone.now()
            self.revoked_by = by
            self.save(update_fields=["revoked_at", "revoked_by"])


class PairingCode(models.Model):
    """A short, single-use code that turns a tablet into a device of a centre.

    Stored as a keyed hash; valid for ``PAIRING_CODE_MINUTES`` minutes and once.
    """

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="pairing_codes")
    device_name = models.CharField(_("name of the tablet"), max_length=80)
    device_kind = models.CharField(
        _("kind"), max_length=10, choices=DeviceKind.choices, default=DeviceKind.DESK
    )
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    device = models.OneToOneField(
        Device, on_delete=models.PROTECT, null=True, blank=True, related_name="pairing_code"
    )

    class Meta:
        verbose_name = _("pairing code")
        verbose_name_plural = _("pairing codes")

    def __str__(self) -> str:
        return f"{self.device_name} ({self.centre})"


# Visits ----------------------------------------------------------------------------------------


# Counting rows with COUNT(*) and the newcomer column, never COUNT(id): the id is not in the
# covering index "visit_report_idx", so COUNT(id) would make the database read the table itself
# (a sequential scan on PostgreSQL, a lookup per tap on SQLite), three times slower on a year of
# taps. The column newcomer is NOT NULL, so COUNT(newcomer) FILTER (WHERE newcomer) counts rows.
def tap_counts() -> dict[str, models.Aggregate]:
    """``visits`` and ``newcomers`` of a group of taps, answered from the covering index."""
    return {
        "visits": models.Count("*"),
        "newcomers": models.Count("newcomer", filter=Q(newcomer=True)),
    }


def correction_sums() -> dict[str, models.Aggregate]:
    """``visits`` and ``newcomers`` of a group of corrections: their summed deltas (0 for none).

    With ``tap_counts`` this is every total: a day's visits are its counted taps plus these.
    """
    return {
        "visits": models.Sum("visits_delta", default=0),
        "newcomers": models.Sum("newcomers_delta", default=0),
    }


class VisitQuerySet(CentreScopedQuerySet):
    """Questions about taps. Chain them: ``Visit.objects.for_centre(c).on(day).counted()``.

    Every counted tap is one visit; a newcomer tap is a visit that also counts as a newcomer.
    Totals here are taps only: reports add ``VisitCorrection`` (see ``centres.tally``).
    """

    def on(self, day: datetime.date):
        return self.filter(local_date=day)

    def between(self, start: datetime.date, end: datetime.date):
        """Both ends included."""
        return self.filter(local_date__gte=start, local_date__lte=end)

    def counted(self):
        """Taps that count: everything except undone ones (kept as tombstones)."""
        return self.filter(undone=False)

    def totals(self) -> dict[str, int]:
        """``{"visits": N, "newcomers": M}`` over the counted taps in this queryset."""
        return self.counted().aggregate(**tap_counts())

    def per_day(self):
        """Rows ``{"local_date", "visits", "newcomers"}`` of counted taps, oldest first."""
        return (
            self.counted()
            .order_by()
            .values("local_date")
            .annotate(**tap_counts())
            .order_by("local_date")
        )

    def per_centre_and_day(self):
        """Rows ``{"centre", "local_date", "visits", "newcomers"}``: the cross-centre report."""
        return (
            self.counted()
            .order_by()
            .values("centre", "local_date")
            .annotate(**tap_counts())
            .order_by("centre", "local_date")
        )

    def per_hour(self):
        """Rows ``{"hour", "visits", "newcomers"}`` of counted taps (local hours 0–23)."""
        return self.counted().order_by().values("hour").annotate(**tap_counts()).order_by("hour")


class Visit(models.Model):
    """One tap at the front table: an anonymous visit, never a person.

    The primary key is the UUID the client made for the tap, so a retry — sequential or
    concurrent, from a queue or a flaky network — hits the primary-key constraint and is
    counted once. We keep the centre's LOCAL date and hour, never the exact time of the tap or
    of its arrival: in a small centre an exact time can point to a person. ``late`` marks a tap
    that reached the server noticeably after it was made (from an offline queue).

    Undo does not delete the row: it sets ``undone``, a tombstone, so that a retried or
    reordered POST of the same id can never bring the tap back.
    """

    id = models.UUIDField(primary_key=True, editable=False)
    # No index of its own: "visit_report_idx" starts with the centre.
    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="visits", db_index=False
    )
    local_date = models.DateField(_("date"))
    hour = models.PositiveSmallIntegerField(_("hour"))
    newcomer = models.BooleanField(_("new visitor"), default=False)
    late = models.BooleanField(_("arrived from a queue"), default=False)
    undone = models.BooleanField(_("undone"), default=False)
    # Which tablet sent it (none for staff taps): lets a lost tablet's taps be found after
    # it was revoked. We deliberately do not store which staff member tapped.
    device = models.ForeignKey(
        Device, on_delete=models.PROTECT, null=True, blank=True, related_name="visits"
    )

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        constraints = [
            models.CheckConstraint(condition=Q(hour__lte=23), name="visit_hour_0_23"),
        ]
        indexes = [
            # The reports: counted taps GROUP BY centre, local_date[, hour] over a date range.
            # Covering (newcomer, undone), so a report or today's count is answered from the
            # index alone (an index-only scan on PostgreSQL, a covering index on SQLite).
            models.Index(
                fields=["centre", "local_date", "hour", "newcomer", "undone"],
                name="visit_report_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.local_date} {self.hour:02d}h"


class VisitCorrectionQuerySet(CentreScopedQuerySet):
    def on(self, day: datetime.date):
        return self.filter(date=day)

    def between(self, start: datetime.date, end: datetime.date):
        return self.filter(date__gte=start, date__lte=end)

    def totals(self) -> dict[str, int]:
        return self.aggregate(**correction_sums())

    def per_day(self):
        """Rows ``{"date", "visits", "newcomers"}``: the summed deltas per day."""
        return self.order_by().values("date").annotate(**correction_sums()).order_by("date")

    def per_centre_and_day(self):
        return (
            self.order_by()
            .values("centre", "date")
            .annotate(**correction_sums())
            .order_by("centre", "date")
        )


CORRECTION_LIMIT = 500


class VisitCorrection(models.Model):
    """Staff change a day's count: "+12, the tablet was off from 10 to 12; counted on paper".

    A day's total is its counted taps plus the deltas of its corrections. ``newcomers_delta``
    corrects the newcomers separately (a newcomer is also a visit, so "+3 visitors, 1 of them
    new" is visits +3, newcomers +1; "2 newcomers were tapped as regular visitors" is visits 0,
    newcomers +2). Corrections are never edited or deleted: a mistake is corrected by another
    correction, so who changed what, and when, stays on record.
    """

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="visit_corrections")
    date = models.DateField(_("date"))
    visits_delta = models.IntegerField(_("visits (+/−)"), default=0)
    newcomers_delta = models.IntegerField(_("new visitors (+/−)"), default=0)
    reason = models.TextField(_("reason"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    objects = VisitCorrectionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "created_at", "pk"]
        verbose_name = _("visit count correction")
        verbose_name_plural = _("visit count corrections")
        constraints = [
            models.CheckConstraint(
                condition=~Q(visits_delta=0, newcomers_delta=0),
                name="correction_changes_something",
            ),
            models.CheckConstraint(
                condition=Q(visits_delta__gte=-CORRECTION_LIMIT)
                & Q(visits_delta__lte=CORRECTION_LIMIT)
                & Q(newcomers_delta__gte=-CORRECTION_LIMIT)
                & Q(newcomers_delta__lte=CORRECTION_LIMIT),
                name="correction_within_limits",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="correction_has_reason"),
        ]
        indexes = [models.Index(fields=["centre", "date"], name="correction_centre_date_idx")]

    def __str__(self) -> str:
        return f"{self.centre} {self.date}: {self.visits_delta:+d}/{self.newcomers_delta:+d}"


class RateCounter(models.Model):
    """One client's attempts in one rate-limit window (see ``centres.throttle``).

    ``key`` is ``<scope>:<salted, daily-rotating hash of the address>:<window>``: the address
    itself is never stored, and a row is useless after ``expires_at`` (pruned on the way).
    """

    key = models.CharField(max_length=120, primary_key=True)
    n = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="ratecounter_expires_idx")]

    def __str__(self) -> str:
        return f"{self.key}: {self.n}"


# Staff accounts: who changed a name, an e-mail, active, staff or superuser status, groups are
# not fields. Never the password hash, nor the time of the last login.
simple_history.register(get_user_model(), app="centres", excluded_fields=["password", "last_login"])


# The calendar: closures and special openings ---------------------------------------------------


class ClosureQuerySet(models.QuerySet):
    def for_centre(self, centre):
        if isinstance(centre, Centre | int):
            return self.filter(centre=centre)
        return self.filter(centre__in=centre)

    def overlapping(self, start: datetime.date, end: datetime.date):
        """Closures with at least one day in ``start..end`` (both included)."""
        return self.filter(starts_on__lte=end, ends_on__gte=start)

    def covering(self, day: datetime.date):
        return self.overlapping(day, day)

    def upcoming(self, today: datetime.date):
        """Closures that have not ended yet, soonest first."""
        return self.filter(ends_on__gte=today).order_by("starts_on", "pk")


class Closure(models.Model):
    """The centre is closed from ``starts_on`` to ``ends_on`` (both included), whatever its
    weekly hours say: a public holiday, "Julestengt", "Personalmøte". The reason is public.

    Sessions of activities that fall in a closure are cancelled by the activities app (which
    records which ones it cancelled, so reopening restores only those)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="closures")
    starts_on = models.DateField(_("first closed day"))
    ends_on = models.DateField(_("last closed day"))
    reason = models.CharField(
        _("reason (shown publicly)"),
        max_length=80,
        help_text=_("Short, e.g. “Julestengt”, “Personalmøte”, “Sommerstengt uke 28–31”."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClosureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        indexes = [models.Index(fields=["centre", "starts_on"], name="closure_centre_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="closure_ends_after_start"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="closure_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.starts_on}–{self.ends_on}: {self.reason}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class SpecialOpeningQuerySet(models.QuerySet):
    def for_centre(self, centre):
        if isinstance(centre, Centre | int):
            return self.filter(centre=centre)
        return self.filter(centre__in=centre)

    def between(self, start: datetime.date, end: datetime.date):
        return self.filter(date__gte=start, date__lte=end)


class SpecialOpening(models.Model):
    """Extra or changed hours on one date: an open house on Christmas Eve, a late evening.
    On that date these hours replace the weekday's (also on a weekday that is usually closed).
    """

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="special_openings")
    date = models.DateField(_("date"))
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    note = models.CharField(
        _("what is on (shown publicly)"),
        max_length=80,
        blank=True,
        help_text=_("Optional, e.g. “Åpent hus på julaften”."),
    )

    objects = SpecialOpeningQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("special opening")
        verbose_name_plural = _("special openings")
        constraints = [
            models.UniqueConstraint(fields=["centre", "date"], name="one_special_opening_per_day"),
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="special_opens_before_closes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.date} {self.opens:%H:%M}–{self.closes:%H:%M}"
