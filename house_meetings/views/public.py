"""Pages for anyone: a meeting's agenda from the moment it has a date, its minutes once
published, and the house rules. No summary or decision is shown before publishing."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from centres.access import public_centre
from centres.privacy import noindex
from house_meetings.models import HouseRule, HouseRuleVersion

MEETINGS_PER_PAGE = 20


def with_counts(meetings):
    """Each meeting with how many items and decisions it has, in the same query."""
    return meetings.annotate(
        item_count=Count("items", distinct=True),
        decision_count=Count(
            "items__decisions", filter=Q(items__decisions__is_current=True), distinct=True
        ),
    )


@require_safe
def meeting_list(request, slug: str):
    """``/c/<slug>/meetings/``: every published meeting, newest first, and the next one."""
    centre = public_centre(slug)
    meetings = with_counts(centre.house_meetings.published()).newest_first()
    page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    upcoming = list(centre.house_meetings.upcoming(centre.today()).oldest_first()[:3])
    return render(
        request,
        "house_meetings/meeting_list.html",
        {"centre": centre, "page": page, "upcoming": upcoming},
    )


@require_safe
@noindex
def meeting_detail(request, slug: str, pk: int):
    """``/c/<slug>/meetings/<id>/``: before the minutes are published, the agenda as it stands
    (with "come and have your say"); after, the minutes in plain language. Same address."""
    centre = public_centre(slug)
    meeting = get_object_or_404(centre.house_meetings.all(), pk=pk)
    if not meeting.is_published:
        return _agenda(request, centre, meeting)
    items = list(meeting.items.for_minutes())
    return render(
        request,
        "house_meetings/meeting_detail.html",
        {"centre": centre, "meeting": meeting, "items": items},
    )


def _agenda(request, centre, meeting):
    """Titles and kinds only, and how long each idea has waited: what was said and decided
    stays with staff until the minutes are read back and published."""
    today = centre.today()
    items = list(meeting.items.in_order().select_related("proposal"))
    for item in items:
        if item.proposal_id:
            item.waited_days = (min(today, meeting.date) - item.proposal.created_on).days
    return render(
        request,
        "house_meetings/meeting_agenda.html",
        {
            "centre": centre,
            "meeting": meeting,
            "items": items,
            "is_coming": meeting.date >= today and meeting.is_planned,
        },
    )


def _rules_with_versions(centre):
    return (
        HouseRule.objects.for_centre(centre)
        .select_related("retired_at")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=HouseRuleVersion.objects.select_related("adopted_at", "decision").order_by(
                    "version"
                ),
            )
        )
        .order_by("number")
    )


@require_safe
def rule_list(request, slug: str):
    """``/c/<slug>/rules/``: the rules in force, each with the meeting that adopted or last
    changed it; retired rules below."""
    centre = public_centre(slug)
    rules = list(_rules_with_versions(centre))
    return render(
        request,
        "house_meetings/rule_list.html",
        {
            "centre": centre,
            "rules": [r for r in rules if not r.is_retired],
            "retired": [r for r in rules if r.is_retired],
        },
    )


@require_safe
def rule_detail(request, slug: str, number: int):
    """``/c/<slug>/rules/<number>/``: one rule and every wording it has had."""
    centre = public_centre(slug)
    rule = get_object_or_404(_rules_with_versions(centre), number=number)
    versions = list(rule.versions.all())
    if not versions:
        raise Http404  # never adopted at a published meeting
    return render(
        request,
        "house_meetings/rule_detail.html",
        {"centre": centre, "rule": rule, "versions": list(reversed(versions))},
    )
