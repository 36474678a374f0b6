"""Choose the interface language.

Norwegian Bokmål unless the person picked another language with the switcher (a cookie). We
deliberately ignore Accept-Language: many Norwegians run their phone in English, and a municipal
service shows Norwegian first; the switcher is one tap away on every page.
"""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from centres.devices import seen_as_kiosk
from centres.health import describe, is_unavailable
from centres.views.api import database_unavailable_response

logger = logging.getLogger(__name__)


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class DatabaseUnavailableMiddleware:
    """503 with Retry-After, and one log line, when a view finds the database down or hung.

    The API's own wrapper answers JSON itself; this covers the pages. A traceback per failed
    request would flood the log during an outage, and a 500 tells clients not to retry.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_unavailable(exception):
            return None
        if request.path.startswith("/api/"):
            return database_unavailable_response(request, exception)
        logger.warning(
            "database unavailable on %s %s (%s)", request.method, request.path, describe(exception)
        )
        response = HttpResponse(
            render_to_string("503.html"), status=503, content_type="text/html; charset=utf-8"
        )
        response["Retry-After"] = str(settings.DB_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        # The warning above is the one log line; Django's own flag, which the stubs leave out.
        response._has_been_logged = True  # type: ignore[attr-defined]
        return response


class PrivatePagesMiddleware:
    """Signed-in pages on shared computers: never cached, and the session has an idle time.
    A kiosk's pages are never cached either: the back button after "Ferdig" asks the server
    again, which shows the next person nothing of the last one (no form, no receipt).

    ``Cache-Control: private, no-store`` on every answer to a signed-in person, so the back
    button or a proxy cache cannot show a staff page after sign-out (public pages for anonymous
    visitors keep their own caching). A signed-in session is saved again at most every
    ``SESSION_RENEW_SECONDS``; each save moves its end to ``SESSION_COOKIE_AGE`` from then,
    so it ends after that long without a request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            now = int(timezone.now().timestamp())
            seen = session.get("_seen")
            # A session written anyway (signing in) is stamped; one stamped long enough ago
            # is written again, which moves its end.
            if session.modified or (
                seen is not None and now - seen >= settings.SESSION_RENEW_SECONDS
            ):
                session["_seen"] = now
            response["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
        elif seen_as_kiosk(request):
            response["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
        return response
