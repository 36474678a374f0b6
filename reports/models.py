"""The words and estimates that go with the yearly report's figures.

Texts are drafts per year: a centre's sections are written by its staff, the whole-service
sections by the coordinator. Every save is kept as an edit with who and when, so the report can
say who last wrote a section and nothing is silently lost. Regular users are an estimate the
centre enters with its method: taps are anonymous, so the app can never count people.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from centres.models import Centre

FIRST_YEAR = 2000
LAST_YEAR = 2100
TEXT_LIMIT = 4000


class Section(models.TextChoices):
    SUMMARY = "summary", _("The year in brief")
    HIGHLIGHTS = "highlights", _("Highlights")
    HOUSE_MEETINGS = "house-meetings", _("What the users raised at the house meetings")
    CHALLENGES = "challenges", _("Challenges")
    NEXT_YEAR = "next-year", _("Plans for next year")


# Which sections a centre writes, and which the coordinator writes for the whole service.
CENTRE_SECTIONS = [Section.HIGHLIGHTS, Section.HOUSE_MEETINGS, Section.CHALLENGES]
SERVICE_SECTIONS = [Section.SUMMARY, Section.HIGHLIGHTS, Section.CHALLENGES, Section.NEXT_YEAR]


class ReportTextQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)

    def for_service(self):
        return self.filter(centre__isnull=True)


class ReportText(models.Model):
    """One section of one year's report: of a centre, or of the whole service (no centre)."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    centre = models.ForeignKey(
        Centre,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_texts",
        verbose_name=_("meeting place"),
    )
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    text = models.TextField(_("text"), max_length=TEXT_LIMIT, blank=True)
    updated_at = models.DateTimeField(_("last changed"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    history = HistoricalRecords()

    objects = ReportTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")
        ordering = ["year", "centre", "section"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "centre", "section"],
                condition=Q(centre__isnull=False),
                name="report_text_once_per_centre",
            ),
            models.UniqueConstraint(
                fields=["year", "section"],
                condition=Q(centre__isnull=True),
                name="report_text_once_per_service",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.centre or '-'} {self.section}"


class ReportTextEdit(models.Model):
    """Each saved version of a section, with who wrote it and when."""

    report_text = models.ForeignKey(ReportText, on_delete=models.CASCADE, related_name="edits")
    text = models.TextField(max_length=TEXT_LIMIT, blank=True)
    edited_at = models.DateTimeField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["report_text", "-edited_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report_text} @ {self.edited_at:%Y-%m-%d %H:%M}"


class RegularUserEstimate(models.Model):
    """The centre's own estimate of its regular users in a year, with how it was made."""

    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="regular_user_estimates"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    estimate = models.PositiveIntegerField(
        _("regular users (estimate)"), validators=[MaxValueValidator(100_000)]
    )
    method = models.CharField(
        _("how you estimated"),
        max_length=200,
        help_text=_("One line, e.g. “how many we recognise in an ordinary week in October”."),
    )
    updated_at = models.DateTimeField(_("last changed"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("regular-user estimate")
        verbose_name_plural = _("regular-user estimates")
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="one_estimate_per_centre_year"),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.year}: ~{self.estimate}"
