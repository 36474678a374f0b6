"""Retention for the lowest layer: the audit trail's age limit and login-attempt records.

Each app erases its own free text (``activities.retention``, ``house_meetings.retention``);
``python manage.py retention`` runs them all. Counts, kinds and decisions are never erased, and
neither are staff's reasons for a count correction (required: they explain the number).
"""

import datetime
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from simple_history.models import HistoricalChanges


def history_models() -> list:
    """Every audit-trail table, whichever app it belongs to (found by its base class)."""
    return [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]


def prune_history(*, now: datetime.datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.RETENTION_HISTORY_DAYS)
    return sum(
        model.objects.filter(history_date__lt=cutoff).delete()[0] for model in history_models()
    )


def prune_login_attempts(*, now: datetime.datetime | None = None) -> int:
    """django-axes' records of login attempts, when it is installed."""
    if not apps.is_installed("axes"):
        return 0
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.RETENTION_LOGIN_ATTEMPT_DAYS
    )
    return (
        AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
        + AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
        + AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    )


def prune_sessions() -> None:
    """Expired sign-in sessions of staff (Django's own ``clearsessions``)."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


def text_cutoff(today: datetime.date) -> datetime.date:
    """Free text from before this day is erased."""
    return today - datetime.timedelta(days=settings.RETENTION_TEXT_DAYS)
