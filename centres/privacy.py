"""Keeping names off search engines. Names of users (leaders, volunteers, nicknames) may be
on some public pages; those pages say ``noindex`` twice: in a ``<meta>`` tag (``base.html``
reads ``request.noindex``) and in the ``X-Robots-Tag`` header, which also covers crawlers that
never parse the HTML. ``/robots.txt`` lists the same pages."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

NOINDEX = "noindex, nofollow"


def noindex(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a public page that may carry a name."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.noindex = True  # type: ignore[attr-defined]  # read by base.html
        response = view(request, *args, **kwargs)
        response.headers["X-Robots-Tag"] = NOINDEX
        return response

    return wrapped
