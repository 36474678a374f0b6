import logging

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from centres.health import database_answers
from centres.models import Centre

logger = logging.getLogger(__name__)


@require_safe
def home(request):
    centres = Centre.objects.active()
    return render(request, "centres/centre_list.html", {"centres": centres})


@never_cache
@require_safe
def healthz(request):
    if not database_answers():
        response = JsonResponse({"status": "error", "database": "unavailable"}, status=503)
        response["Retry-After"] = str(settings.DB_RETRY_AFTER)
        # database_answers() logged the one line; Django's own flag, which the stubs leave out.
        response._has_been_logged = True  # type: ignore[attr-defined]
        return response
    try:
        with connection.cursor() as cursor:
            present = set(connection.introspection.table_names(cursor))
    except DatabaseError:
        logger.exception("health check: the database does not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    missing = sorted(_needed_tables() - present)
    if missing:
        logger.error("health check: tables missing, run migrate: %s", ", ".join(missing))
        return JsonResponse(
            {"status": "error", "database": "not migrated", "missing_tables": missing},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def _needed_tables() -> set[str]:
    """Every table of an installed model (rate-limit counters, sessions, login attempts…)."""
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
