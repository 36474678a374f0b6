"""The coordinator's readable audit trail: every registered model's history, per centre and
per object, with who and when.

It lives in ``reports``, the lowest layer that may read every app's models.
Models join by themselves: any model with ``history = HistoricalRecords()`` is listed, and its
centre is found by following its foreign keys (``centre``, ``activity__centre``, …).
"""

import datetime
import heapq
from collections import deque
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from simple_history.models import HistoricalChanges
from simple_history.utils import get_history_model_for_model

from centres.access import coordinator_required
from centres.models import Centre

LATEST = 100
ACTIONS = {
    "+": gettext_lazy("created"),
    "~": gettext_lazy("changed"),
    "-": gettext_lazy("deleted"),
}
LABEL_FIELDS = ("title", "name", "username", "text", "what", "reason", "weekday")


def tracked_models() -> list[type[models.Model]]:
    """Every model with an audit trail, in a stable order."""
    found = []
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges):
            continue
        try:
            get_history_model_for_model(model)
        except Exception:  # not registered with simple_history
            continue
        found.append(model)
    return sorted(found, key=lambda m: m._meta.label)


def centre_path(model: type[models.Model]) -> str | None:
    """The lookup from ``model`` to its centre's id (``None`` when it belongs to none)."""
    if model is Centre:
        return "id"
    queue = deque([(model, "")])
    seen = {model}
    while queue:
        current, prefix = queue.popleft()
        for field in current._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey) or field.null:
                continue  # a required link: an optional one may be empty
            target = field.related_model
            if target is Centre:
                return f"{prefix}{field.name}_id" if not prefix else f"{prefix}{field.name}"
            if target not in seen and prefix.count("__") < 2 and target is not get_user_model():
                seen.add(target)
                queue.append((target, f"{prefix}{field.name}__"))
    return None


@dataclass
class Entry:
    when: datetime.datetime
    who: str
    action: str
    model: type[models.Model]
    object_id: object
    label: str
    changes: list[tuple[str, object, object]]

    @property
    def kind(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def key(self) -> str:
        return self.model._meta.label_lower


def _who(row) -> str:
    user = row.history_user
    if user is None:
        return _("nobody signed in (anonymous, a tablet or the system)")
    return user.get_full_name() or user.get_username()


def _label(model, row) -> str:
    for name in LABEL_FIELDS:
        try:
            model._meta.get_field(name)
        except Exception:  # the model has no such field
            continue
        value = getattr(row, name, "")
        if value not in ("", None):
            return str(value)[:80]
    return ""


def _entry(model, row, changes=None) -> Entry:
    return Entry(
        when=row.history_date,
        who=_who(row),
        action=str(ACTIONS.get(row.history_type, row.history_type)),
        model=model,
        object_id=getattr(row, model._meta.pk.attname),
        label=_label(model, row),
        changes=changes or [],
    )


def latest_changes(centre: Centre | None, limit: int = LATEST) -> list[Entry]:
    """The newest changes across every tracked model: one query per model, newest first."""
    streams = []
    for model in tracked_models():
        history = get_history_model_for_model(model).objects.select_related("history_user")
        if centre is not None:
            path = centre_path(model)
            if path is None:
                continue
            history = history.filter(**{path: centre.pk})
        rows = history.order_by("-history_date", "-history_id")[:limit]
        streams.append([_entry(model, row) for row in rows])
    return list(heapq.merge(*streams, key=lambda e: e.when, reverse=True))[:limit]


def _changes(model, older, newer) -> list[tuple[str, object, object]]:
    changed = []
    for field in get_history_model_for_model(model).tracked_fields:
        before, after = getattr(older, field.attname), getattr(newer, field.attname)
        if before != after:
            changed.append((str(field.verbose_name), before, after))
    return changed


@require_safe
@coordinator_required
def history(request):
    slug = request.GET.get("centre", "")
    centre = None
    if slug:
        centre = Centre.objects.filter(slug=slug).first()
        if centre is None:
            raise Http404(_("There is no such meeting place."))
    context = {
        "centre": centre,
        "centres": Centre.objects.order_by("name"),
        "entries": latest_changes(centre),
        "limit": LATEST,
    }
    return render(request, "reports/history_list.html", context)


@require_safe
@coordinator_required
def object_history(request, model: str, pk: str):
    chosen = {m._meta.label_lower: m for m in tracked_models()}.get(model)
    if chosen is None:
        raise Http404(_("There is no history of that kind."))
    try:
        pk_value = chosen._meta.pk.to_python(pk)
    except Exception:  # a malformed id is simply not there
        raise Http404(_("There is no such record.")) from None
    rows = list(
        get_history_model_for_model(chosen)
        .objects.filter(**{chosen._meta.pk.attname: pk_value})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    if not rows:
        raise Http404(_("There is no such record."))
    entries = [
        _entry(chosen, row, _changes(chosen, rows[n - 1], row) if n else None)
        for n, row in enumerate(rows)
    ]
    entries.reverse()
    context = {"kind": chosen._meta.verbose_name, "entries": entries, "object_id": pk_value}
    return render(request, "reports/history_detail.html", context)
