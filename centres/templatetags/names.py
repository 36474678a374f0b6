"""Users' names on a page: in full on staff pages and the in-centre kiosk, on the public web
only with the consent staff recorded. Each model that stores a user's name answers the
question itself (``name_for``); this filter only passes on which page it is."""

from django import template

register = template.Library()


@register.filter
def name_for(obj, in_full) -> str:
    """``{{ proposal|name_for:kiosk }}``: the name to show, "" for none."""
    if obj is None:
        return ""
    return obj.name_for(in_full=bool(in_full))
