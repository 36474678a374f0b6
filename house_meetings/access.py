"""The access helper for a house meeting's staff pages."""

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest
from django.utils import timezone

from centres.access import LoginRequired, centre_for_staff
from centres.models import Membership
from house_meetings.models import HouseMeeting, MeetingPen

PEN_SESSION_KEY = "mp_pen"


def meeting_for_staff(request: HttpRequest, slug: str, pk: int) -> HouseMeeting:
    """Meeting ``pk`` of the centre behind ``slug``, if the signed-in person works there.

    The same answers as ``centre_for_staff`` (login page, 403, 404 for the centre), then 404 for
    a meeting that is not this centre's. A member costs one query: the meeting, its centre and
    whether they work there.
    """
    user = request.user
    if not user.is_authenticated:
        raise LoginRequired
    works_here = Membership.objects.filter(centre=OuterRef("centre"), user=user)
    meeting = (
        HouseMeeting.objects.filter(pk=pk, centre__slug=slug)
        .select_related("centre")
        .annotate(works_here=Exists(works_here))
        .first()
    )
    if user.is_active and meeting is not None and meeting.works_here:
        return meeting
    centre = centre_for_staff(request, slug)  # login page, 403 or 404 as for the centre
    if meeting is None:
        raise Http404
    meeting.centre = centre
    return meeting


def meeting_for_pen(request: HttpRequest, slug: str, pk: int) -> HouseMeeting:
    """The run view's door: staff of the centre, or whoever holds this meeting's pen (a meeting
    code entered in this browser, checked against the database on every request, so it ends
    when the meeting ends or the minutes are published). Publishing is not behind this door."""
    if request.user.is_authenticated:
        return meeting_for_staff(request, slug, pk)
    pen_id = request.session.get(PEN_SESSION_KEY)
    if pen_id:
        pen = (
            MeetingPen.objects.select_related("meeting__centre")
            .filter(pk=pen_id, meeting_id=pk, meeting__centre__slug=slug)
            .first()
        )
        if pen is not None and pen.is_valid(timezone.now()):
            return pen.meeting
    raise LoginRequired
