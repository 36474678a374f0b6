"""meeting_for_staff: a meeting's staff pages open with one access line."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from centres.access import LoginRequired
from house_meetings.access import meeting_for_staff
from tests.factories import make_meeting


def request_by(user):
    request = RequestFactory().get("/staff/x/meetings/1/")
    request.user = user
    return request


def test_a_member_gets_the_meeting_and_its_centre_in_one_query(
    centre, staff, django_assert_num_queries
):
    meeting = make_meeting(centre)
    with django_assert_num_queries(1):
        found = meeting_for_staff(request_by(staff), centre.slug, meeting.pk)
        assert (found, found.centre) == (meeting, centre)


def test_meeting_for_staff_checks_the_centre_first_then_the_meeting(
    centre, other_centre, staff, coordinator
):
    meeting = make_meeting(centre)
    elsewhere = make_meeting(other_centre)
    with pytest.raises(LoginRequired):
        meeting_for_staff(request_by(AnonymousUser()), centre.slug, meeting.pk)
    with pytest.raises(PermissionDenied):
        meeting_for_staff(request_by(staff), other_centre.slug, elsewhere.pk)
    with pytest.raises(Http404):  # another centre's meeting under this centre's address
        meeting_for_staff(request_by(staff), centre.slug, elsewhere.pk)
    with pytest.raises(Http404):
        meeting_for_staff(request_by(staff), "no-such-centre", meeting.pk)
    found = meeting_for_staff(request_by(coordinator), other_centre.slug, elsewhere.pk)
    assert found.centre == other_centre
