"""Writes of the yearly report's texts and estimates; each keeps who and when."""

from django.db import transaction
from django.utils import timezone

from centres.models import Centre
from reports.models import RegularUserEstimate, ReportText, ReportTextEdit


@transaction.atomic
def save_texts(*, year: int, centre: Centre | None, texts: dict[str, str], by) -> list[str]:
    """Save the sections of ``centre`` (None: the whole service) for ``year``; only sections
    whose text changed get a new edit. Returns the sections that changed."""
    now = timezone.now()
    existing = {
        found.section: found
        # No ordering: the default one joins the centres, and PostgreSQL cannot lock rows on the
        # nullable side of that outer join (the whole-service sections have no centre).
        for found in ReportText.objects.select_for_update()
        .filter(year=year, centre=centre)
        .order_by()
    }
    changed = []
    for section, text in texts.items():
        text = text.strip()
        found = existing.get(section)
        if found is None and not text:
            continue
        if found is not None and found.text == text:
            continue
        if found is None:
            # get_or_create: two people saving a new section at once get one row, not an error.
            found, _created = ReportText.objects.get_or_create(
                year=year,
                centre=centre,
                section=section,
                defaults={"text": "", "updated_at": now, "updated_by": by},
            )
            if found.text == text:
                continue
        found.text = text
        found.updated_at = now
        found.updated_by = by
        found.full_clean()
        found.save()
        ReportTextEdit.objects.create(report_text=found, text=text, edited_at=now, edited_by=by)
        changed.append(section)
    return changed


@transaction.atomic
def save_estimate(
    *, year: int, centre: Centre, estimate: int | None, method: str, by
) -> RegularUserEstimate | None:
    """Set (or, with no estimate, remove) the centre's regular-user estimate for ``year``."""
    if estimate is None:
        RegularUserEstimate.objects.filter(year=year, centre=centre).delete()
        return None
    found, created = RegularUserEstimate.objects.select_for_update().get_or_create(
        year=year,
        centre=centre,
        defaults={
            "estimate": estimate,
            "method": method.strip(),
            "updated_at": timezone.now(),
            "updated_by": by,
        },
    )
    if created or (found.estimate == estimate and found.method == method.strip()):
        return found
    found.estimate = estimate
    found.method = method.strip()
    found.updated_at = timezone.now()
    found.updated_by = by
    found.full_clean()
    found.save()
    return found
