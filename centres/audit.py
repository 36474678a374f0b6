"""The audit trail: who changed what, and when (django-simple-history).

Registering a model is one line on the model, ``history = HistoricalRecords()`` (plus
``makemigrations``, which creates its ``Historical…`` table in the model's own app), and the
history pages find it by itself (see ``reports/audit.py``). Rows record the staff member
from the request (``HistoryRequestMiddleware``), or nobody for an anonymous contribution; never
an address or a browser's details (the library's IP and user-agent options stay off).

``save()`` and ``delete()``, also ``queryset.delete()``, are recorded by the library. Writes
that bypass them use the helpers below: ``update_with_history`` for ``queryset.update()``
and simple_history's ``bulk_create_with_history`` / ``bulk_update_with_history``.
"""

from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import get_history_model_for_model


@transaction.atomic
def update_with_history(queryset: models.QuerySet, **values) -> int:
    """``queryset.update(**values)`` with one history row per changed row (plain values only)."""
    history = get_history_model_for_model(queryset.model)
    rows = list(queryset.select_for_update())
    if not rows:
        return 0
    count = queryset.model.objects.filter(pk__in=[row.pk for row in rows]).update(**values)
    now = timezone.now()
    entries = []
    for row in rows:
        for name, value in values.items():
            setattr(row, queryset.model._meta.get_field(name).attname, _raw(value))
        entries.append(
            history(
                history_date=now,
                history_user=history.get_default_history_user(row),
                history_type="~",
                **{field.attname: getattr(row, field.attname) for field in history.tracked_fields},
            )
        )
    history.objects.bulk_create(entries)
    return count


def _raw(value):
    return value.pk if isinstance(value, models.Model) else value
