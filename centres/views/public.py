import logging

from django.conf import settings
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
        response._has_been_logged = True  # database_answers() logged the one line
        return response
    return JsonResponse({"status": "ok", "database": "ok"})
