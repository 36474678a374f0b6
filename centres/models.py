import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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


class CentreQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_user(self, user):
        """The centres a signed-in person works with: all for a coordinator, else memberships."""
        from centres.access import is_coordinator

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

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "centre"], name="one_membership_per_centre")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.centre}"
