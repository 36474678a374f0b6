from django.conf import settings

from centres.access import is_coordinator


def roles(request):
    """What the navigation needs to know about the signed-in person."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_coordinator": False}
    return {"is_coordinator": is_coordinator(user)}


def content_language(request):
    """The language people write the centres' content in (descriptions, proposals, rules,
    minutes): templates mark it with ``lang`` so that English pages read it as Norwegian."""
    return {"content_language": settings.LANGUAGE_CODE}
