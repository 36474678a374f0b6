"""centre_for_staff does the whole check in one line: login, staff, membership."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from centres.access import LoginRequired, centre_for_staff
from tests.factories import make_user


def request_by(user):
    request = RequestFactory().get("/staff/x/")
    request.user = user
    return request


def test_a_member_gets_their_centre_in_one_query(centre, staff, django_assert_num_queries):
    request = request_by(staff)
    with django_assert_num_queries(1):
        assert centre_for_staff(request, centre.slug) == centre


def test_centre_for_staff_answers_every_other_visitor_as_the_decorators_did(
    centre, other_centre, staff, coordinator
):
    with pytest.raises(LoginRequired):
        centre_for_staff(request_by(AnonymousUser()), centre.slug)
    with pytest.raises(PermissionDenied):  # staff nowhere: 403 even for an unknown centre
        centre_for_staff(request_by(make_user()), "no-such-centre")
    with pytest.raises(Http404):
        centre_for_staff(request_by(staff), "no-such-centre")
    with pytest.raises(PermissionDenied):
        centre_for_staff(request_by(staff), other_centre.slug)
    assert centre_for_staff(request_by(coordinator), other_centre.slug) == other_centre
