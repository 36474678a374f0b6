from centres.access import is_coordinator


def roles(request):
    """What the navigation needs to know about the signed-in person."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_coordinator": False}
    return {"is_coordinator": is_coordinator(user)}
