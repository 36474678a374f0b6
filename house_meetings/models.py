"""House meetings: the agenda, what was decided and why, follow-ups, and the house rules.

A meeting goes planned → held (recorded) → minutes published. Nothing of a meeting but its date
and agenda is public before its minutes are published; then its decisions become the public
state of the proposals they were about, and its rule decisions change the rules register.

Decisions are never overwritten once public: a correction is a new ``Decision`` row (the next
``version``), and the earlier one stays, so the public page can say "changed on <date>" and
show what it was before. House rules keep every wording as a ``HouseRuleVersion``.

Nothing about service users is stored but numbers (how many came) and, for a volunteer who
takes on a follow-up, the nickname they chose. Staff accounts are recorded on decisions.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from activities.models import Activity, Proposal, ReasonCategory
from centres.models import Centre, CentreScopedQuerySet

MAX_PEOPLE = 500


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held – minutes not published yet")
    PUBLISHED = "published", _("Minutes published")


class Chair(models.TextChoices):
    """Who chaired: a role, never a name."""

    SERVICE_USER = "user", _("A service user")
    STAFF = "staff", _("Staff")


class ItemKind(models.TextChoices):
    PROPOSAL = "proposal", _("A proposal")
    RULE = "rule", _("A house rule")
    SOCIAL = "social", _("The social environment")
    INFORMATION = "information", _("Information")
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    # For a proposal.
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_NOW = "not_now", _("Not now")
    # For a house rule.
    ADOPT = "adopt", _("Adopt it as a new rule")
    CHANGE = "change", _("Change the rule")
    RETIRE = "retire", _("Retire the rule")
    KEEP = "keep", _("No change")


PROPOSAL_OUTCOMES = (Outcome.YES, Outcome.NO, Outcome.NOT_NOW)
RULE_OUTCOMES = (Outcome.ADOPT, Outcome.CHANGE, Outcome.RETIRE, Outcome.KEEP)
NEEDS_REASON = (Outcome.NO, Outcome.NOT_NOW)
NEEDS_RULE_TEXT = (Outcome.ADOPT, Outcome.CHANGE)
DECIDED_KINDS = (ItemKind.PROPOSAL, ItemKind.RULE)


# Ideas on the agenda by default --------------------------------------------------------------


class AgendaPolicy(models.Model):
    """A centre's two thresholds: an idea that has waited longer than ``after_days``, or that at
    least ``at_joins`` people joined, goes on the next meeting's agenda by itself."""

    DEFAULT_AFTER_DAYS = 28
    DEFAULT_AT_JOINS = 10

    centre = models.OneToOneField(Centre, on_delete=models.CASCADE, related_name="agenda_policy")
    after_days = models.PositiveSmallIntegerField(
        _("days an idea may wait"),
        default=DEFAULT_AFTER_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("An idea that has waited longer goes on the next agenda."),
    )
    at_joins = models.PositiveSmallIntegerField(
        _("joins that put an idea on the agenda"),
        default=DEFAULT_AT_JOINS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PEOPLE)],
        help_text=_("An idea with at least this many joins goes on the next agenda."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda rule")
        verbose_name_plural = _("agenda rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(after_days__gte=1) & Q(at_joins__gte=1),
                name="agenda_policy_thresholds_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre}: {self.after_days} d / {self.at_joins}"

    @classmethod
    def for_centre(cls, centre: Centre) -> "AgendaPolicy":
        """The centre's thresholds, or the defaults when staff have not set them."""
        return cls.objects.filter(centre=centre).first() or cls(centre=centre)

    def due(self, *, on: datetime.date):
        return Proposal.objects.for_centre(self.centre).due_for_agenda(
            on=on, after_days=self.after_days, at_joins=self.at_joins
        )

    def is_due(self, proposal: Proposal, *, on: datetime.date) -> bool:
        return (
            proposal.created_on < on - datetime.timedelta(days=self.after_days)
            or proposal.join_count >= self.at_joins
        )


# Meetings -------------------------------------------------------------------------------------


class HouseMeetingQuerySet(CentreScopedQuerySet):
    def published(self):
        return self.filter(status=MeetingStatus.PUBLISHED)

    def unpublished(self):
        return self.exclude(status=MeetingStatus.PUBLISHED)

    def held(self):
        """Took place and was recorded (published or not): what reports count."""
        return self.filter(status__in=[MeetingStatus.HELD, MeetingStatus.PUBLISHED])

    def planned(self):
        return self.filter(status=MeetingStatus.PLANNED)

    def to_publish(self, today: datetime.date):
        """Minutes still to publish: recorded, or the day has passed."""
        return self.unpublished().filter(Q(status=MeetingStatus.HELD) | Q(date__lt=today))

    def upcoming(self, today: datetime.date):
        return self.planned().filter(date__gte=today)

    def newest_first(self):
        return self.order_by("-date", "-start_time", "-pk")

    def oldest_first(self):
        return self.order_by("date", "start_time", "pk")


class HouseMeeting(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="house_meetings")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    users_present = models.PositiveSmallIntegerField(
        _("service users present"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PEOPLE)],
    )
    staff_present = models.PositiveSmallIntegerField(
        _("staff present"), null=True, blank=True, validators=[MaxValueValidator(MAX_PEOPLE)]
    )
    chaired_by = models.CharField(_("chaired by"), max_length=10, choices=Chair.choices, blank=True)
    # The pen: who wrote the minutes, a role (a service user or staff), never a name.
    minutes_by = models.CharField(
        _("minutes written by"), max_length=10, choices=Chair.choices, blank=True
    )
    summary = models.TextField(
        _("summary of the meeting"),
        max_length=2000,
        blank=True,
        validators=[MaxLengthValidator(2000)],
    )
    published_on = models.DateField(_("minutes published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HouseMeetingQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("house meeting")
        verbose_name_plural = _("house meetings")
        indexes = [models.Index(fields=["centre", "status", "date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "date", "start_time"], name="one_meeting_per_centre_and_time"
            ),
            models.CheckConstraint(
                condition=(Q(users_present__isnull=True) | Q(users_present__gte=0))
                & (Q(staff_present__isnull=True) | Q(staff_present__gte=0)),
                name="meeting_attendance_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status="planned")
                | (
                    Q(users_present__isnull=False)
                    & Q(staff_present__isnull=False)
                    & ~Q(chaired_by="")
                ),
                name="held_meeting_has_attendance_and_chair",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="published_meeting_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.date:%Y-%m-%d} {self.start_time:%H:%M}"

    def get_absolute_url(self) -> str:
        """The public page: the agenda from the moment the meeting has a date, then the
        minutes once published."""
        return reverse(
            "house_meetings:meeting-detail", kwargs={"slug": self.centre.slug, "pk": self.pk}
        )

    def get_staff_url(self) -> str:
        return reverse(
            "house_meetings:staff-meeting-detail",
            kwargs={"slug": self.centre.slug, "pk": self.pk},
        )

    @property
    def is_published(self) -> bool:
        return self.status == MeetingStatus.PUBLISHED

    @property
    def is_planned(self) -> bool:
        return self.status == MeetingStatus.PLANNED

    @property
    def attendance(self) -> int | None:
        if self.users_present is None or self.staff_present is None:
            return None
        return self.users_present + self.staff_present

    def has_taken_place(self, today: datetime.date) -> bool:
        return self.date <= today

    def check_can_record(self, today: datetime.date) -> None:
        if self.is_published:
            raise ValidationError(
                _("The minutes are published. Correct a decision instead of editing them.")
            )
        if not self.has_taken_place(today):
            raise ValidationError(
                _("This meeting is on %(date)s; you can record it from that day.")
                % {"date": date_format(self.date, "SHORT_DATE_FORMAT")}
            )

    def record(
        self,
        *,
        users_present: int,
        staff_present: int,
        chaired_by: str,
        summary: str = "",
        minutes_by: str = "",
        today: datetime.date,
    ) -> None:
        """How many came (numbers only) and who chaired (a role): the meeting was held."""
        self.check_can_record(today)
        errors: dict[str, str] = {}
        for field, number in (("users_present", users_present), ("staff_present", staff_present)):
            if number < 0:
                errors[field] = str(_("The number cannot be negative."))
            elif number > MAX_PEOPLE:
                errors[field] = _("That is more than %(limit_value)s; please check the number.") % {
                    "limit_value": MAX_PEOPLE
                }
        if chaired_by not in Chair.values:
            errors["chaired_by"] = str(_("Choose who chaired the meeting."))
        if minutes_by and minutes_by not in Chair.values:
            errors["minutes_by"] = str(_("Choose who wrote the minutes."))
        if errors:
            raise ValidationError(errors)
        self.users_present = users_present
        self.staff_present = staff_present
        self.chaired_by = chaired_by
        self.minutes_by = minutes_by
        self.summary = summary.strip()
        self.status = MeetingStatus.HELD
        self.save(
            update_fields=[
                "users_present",
                "staff_present",
                "chaired_by",
                "minutes_by",
                "summary",
                "status",
            ]
        )

    def reschedule(self, *, date: datetime.date, start_time: datetime.time) -> None:
        if not self.is_planned:
            raise ValidationError(_("Only a planned meeting can be moved."))
        self.date, self.start_time = date, start_time
        self.save(update_fields=["date", "start_time"])


# The agenda -----------------------------------------------------------------------------------


class AgendaItemQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("position", "pk")

    def for_minutes(self):
        """In order, with each item's decisions (oldest version first), follow-ups and rule:
        a fixed number of queries however long the agenda."""
        return (
            self.in_order()
            .select_related("proposal", "rule")
            .prefetch_related(
                models.Prefetch(
                    "decisions",
                    queryset=Decision.objects.select_related("activity", "recorded_by").order_by(
                        "version"
                    ),
                ),
                models.Prefetch("follow_ups", queryset=FollowUp.objects.order_by("pk")),
                models.Prefetch(
                    "rule__versions",
                    queryset=HouseRuleVersion.objects.filter(is_current=True),
                    to_attr="current_versions",
                ),
            )
        )


class AgendaItem(models.Model):
    meeting = models.ForeignKey(HouseMeeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    # A proposal of the meeting's centre; checked in the form and in the service (a check
    # across two tables is not something SQLite and PostgreSQL can both enforce cheaply).
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("proposal"),
    )
    # The rule to change or retire; for a new rule, set when the minutes adopt it.
    rule = models.ForeignKey(
        "HouseRule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("house rule"),
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    summary = models.TextField(
        _("what was said, in short"),
        max_length=1000,
        blank=True,
        validators=[MaxLengthValidator(1000)],
    )

    objects = AgendaItemQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "proposal"], name="proposal_once_per_agenda"
            ),
            models.CheckConstraint(
                condition=(Q(kind="proposal") & Q(proposal__isnull=False))
                | (~Q(kind="proposal") & Q(proposal__isnull=True)),
                name="agenda_proposal_item_has_proposal",
            ),
            models.CheckConstraint(
                condition=Q(rule__isnull=True) | Q(kind="rule"),
                name="agenda_rule_only_on_rule_items",
            ),
            models.CheckConstraint(
                condition=Q(kind="proposal") | ~Q(title=""),
                name="agenda_free_item_has_title",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.proposal is not None:
            return self.proposal.title
        return self.title

    @property
    def needs_decision(self) -> bool:
        return self.kind in DECIDED_KINDS

    @property
    def outcomes(self) -> tuple:
        if self.kind == ItemKind.PROPOSAL:
            return PROPOSAL_OUTCOMES
        if self.kind == ItemKind.RULE:
            if self.rule_id is None:
                return (Outcome.ADOPT, Outcome.KEEP)
            return (Outcome.CHANGE, Outcome.RETIRE, Outcome.KEEP)
        return ()

    def anchor(self) -> str:
        return f"item-{self.pk}"

    @cached_property
    def current_decision(self) -> "Decision | None":
        return next((d for d in self.decisions.all() if d.is_current), None)

    @cached_property
    def earlier_decisions(self) -> list["Decision"]:
        """The decisions a correction replaced, the latest first."""
        return [d for d in reversed(self.decisions.all()) if not d.is_current]


# Decisions ------------------------------------------------------------------------------------


class DecisionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def published(self):
        return self.filter(agenda_item__meeting__status=MeetingStatus.PUBLISHED)

    def declined(self):
        return self.filter(outcome=Outcome.NO)


class Decision(models.Model):
    """One version of an agenda item's decision. A correction adds a version; the earlier
    ones are kept (``is_current`` marks the one in force)."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current"), default=True)
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    reason_category = models.CharField(
        _("reason"), max_length=20, choices=ReasonCategory.choices, blank=True
    )
    reason = models.CharField(_("why, in one sentence"), max_length=300, blank=True)
    rule_text = models.CharField(_("the rule's wording"), max_length=300, blank=True)
    change_note = models.CharField(_("why it was changed"), max_length=300, blank=True)
    recorded_on = models.DateField(_("recorded on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # The draft activity a "yes" made (or found) for the proposal.
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("activity"),
    )

    objects = DecisionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["agenda_item", "version"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "version"], name="one_decision_per_item_version"
            ),
            models.UniqueConstraint(
                fields=["agenda_item"],
                condition=Q(is_current=True),
                name="one_current_decision_per_item",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="decision_version_positive"),
            # A "no" or "not now" is always told with its reason.
            models.CheckConstraint(
                condition=~Q(outcome__in=["no", "not_now"])
                | (~Q(reason="") & ~Q(reason_category="")),
                name="decision_no_with_reason",
            ),
            models.CheckConstraint(
                condition=~Q(outcome__in=["adopt", "change"]) | ~Q(rule_text=""),
                name="decision_rule_with_text",
            ),
            models.CheckConstraint(
                condition=Q(version=1) | ~Q(change_note=""),
                name="decision_correction_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item} v{self.version}: {self.outcome}"

    @property
    def is_correction(self) -> bool:
        return self.version > 1

    def same_as(self, other: "Decision") -> bool:
        fields = ("outcome", "reason_category", "reason", "rule_text")
        return all(getattr(self, f) == getattr(other, f) for f in fields)


# Follow-ups -----------------------------------------------------------------------------------


class Who(models.TextChoices):
    """Who does it: a role, or a volunteer under the nickname they chose. Never a full name."""

    STAFF = "staff", _("Staff")
    VOLUNTEER = "volunteer", _("A volunteer")
    EVERYONE = "everyone", _("All of us")


class FollowUpQuerySet(CentreScopedQuerySet):
    centre_field = "agenda_item__meeting__centre"

    def open(self):
        return self.filter(is_done=False)


class FollowUp(models.Model):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="follow_ups")
    what = models.CharField(_("what happens next"), max_length=200)
    who = models.CharField(_("who does it"), max_length=20, choices=Who.choices)
    volunteer_nickname = models.CharField(
        _("the volunteer's first name or nickname"),
        max_length=40,
        blank=True,
        help_text=_("Optional, and only a name they chose to give – never a full name."),
    )
    # The nickname reaches the public minutes only with consent recorded by staff; without it
    # they say "a volunteer" (staff pages, the run view and the kiosk show it).
    volunteer_nickname_public = models.BooleanField(
        _("the volunteer agreed to have the name on the public web"), default=False
    )
    due_on = models.DateField(_("by when"), null=True, blank=True)
    is_done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=Q(volunteer_nickname="") | Q(who="volunteer"),
                name="follow_up_nickname_only_for_volunteers",
            ),
            models.CheckConstraint(
                condition=Q(is_done=False) | Q(done_on__isnull=False),
                name="follow_up_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def public_volunteer_nickname(self) -> str:
        """The volunteer's nickname as the public web may show it: only with consent."""
        return self.volunteer_nickname if self.volunteer_nickname_public else ""

    def name_for(self, *, in_full: bool) -> str:
        """The nickname for a page: on staff pages and the kiosk, or else with consent."""
        return self.volunteer_nickname if in_full else self.public_volunteer_nickname

    def set_name_public(self, public: bool) -> None:
        """Staff record (or take back) the volunteer's consent to show the nickname publicly."""
        self.volunteer_nickname_public = public
        self.save(update_fields=["volunteer_nickname_public"])

    def mark_done(self, *, today: datetime.date) -> None:
        self.is_done, self.done_on = True, today
        self.save(update_fields=["is_done", "done_on"])

    def reopen(self) -> None:
        self.is_done, self.done_on = False, None
        self.save(update_fields=["is_done", "done_on"])


# House rules ----------------------------------------------------------------------------------


class HouseRuleQuerySet(CentreScopedQuerySet):
    def in_force(self):
        return self.filter(retired_on__isnull=True)

    def retired(self):
        return self.filter(retired_on__isnull=False)


class HouseRule(models.Model):
    """A rule of the house, with a number that never changes; its wordings are versions."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="house_rules")
    number = models.PositiveSmallIntegerField(_("number"))
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    retired_at = models.ForeignKey(
        HouseMeeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="retired_rules",
        verbose_name=_("retired at the meeting"),
    )

    objects = HouseRuleQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("house rule")
        verbose_name_plural = _("house rules")
        constraints = [
            models.UniqueConstraint(fields=["centre", "number"], name="one_rule_number_per_centre"),
            models.CheckConstraint(
                condition=(Q(retired_on__isnull=True) & Q(retired_at__isnull=True))
                | (Q(retired_on__isnull=False) & Q(retired_at__isnull=False)),
                name="rule_retired_with_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "house_meetings:rule-detail", kwargs={"slug": self.centre.slug, "number": self.number}
        )

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None

    @cached_property
    def version_list(self) -> list["HouseRuleVersion"]:
        """Every wording, oldest first (from the prefetch when there is one)."""
        return sorted(self.versions.all(), key=lambda v: v.version)

    @property
    def first_version(self) -> "HouseRuleVersion | None":
        return self.version_list[0] if self.version_list else None

    @property
    def latest_version(self) -> "HouseRuleVersion | None":
        return self.version_list[-1] if self.version_list else None

    @cached_property
    def current_version(self) -> "HouseRuleVersion | None":
        if hasattr(self, "current_versions"):
            return self.current_versions[0] if self.current_versions else None
        return self.versions.current().first()


class HouseRuleVersionQuerySet(CentreScopedQuerySet):
    centre_field = "rule__centre"

    def current(self):
        return self.filter(is_current=True)


class HouseRuleVersion(models.Model):
    """One wording of a rule, from the meeting that adopted it until it was changed."""

    rule = models.ForeignKey(HouseRule, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.CharField(_("the rule"), max_length=300)
    adopted_at = models.ForeignKey(
        HouseMeeting,
        on_delete=models.PROTECT,
        related_name="rule_versions",
        verbose_name=_("adopted at the meeting"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rule_versions",
        verbose_name=_("decision"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    is_current = models.BooleanField(_("current"), default=True)

    objects = HouseRuleVersionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["rule", "version"]
        verbose_name = _("house rule version")
        verbose_name_plural = _("house rule versions")
        constraints = [
            models.UniqueConstraint(fields=["rule", "version"], name="one_rule_version_number"),
            models.UniqueConstraint(
                fields=["rule"], condition=Q(is_current=True), name="one_current_rule_version"
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(valid_until__isnull=True),
                name="current_rule_version_is_open",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_change(self) -> bool:
        return self.version > 1

    def close(self, *, on: datetime.date) -> None:
        self.is_current = False
        self.valid_until = on
        self.save(update_fields=["is_current", "valid_until"])


# The pen: the run view handed to a user for the length of the meeting ------------------------

MEETING_LENGTH = datetime.timedelta(hours=2)


class MeetingPen(models.Model):
    """A short code staff read out so that a service user can hold the pen: record summaries,
    decisions and follow-ups in the run view. It ends when the meeting ends (its start plus
    ``MEETING_LENGTH``) or when the minutes are published; publishing always needs staff. Only
    a keyed hash of the code is kept."""

    meeting = models.ForeignKey(HouseMeeting, on_delete=models.CASCADE, related_name="pens")
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handed over by"),
    )
    expires_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("meeting pen")
        verbose_name_plural = _("meeting pens")

    def __str__(self) -> str:
        return f"{self.meeting} pen"

    def is_valid(self, now: datetime.datetime) -> bool:
        return now < self.expires_at and not self.meeting.is_published
