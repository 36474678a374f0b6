"""The decision and agenda rules live in ``house_meetings.services``; the forms only parse."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from house_meetings import services
from house_meetings.forms import AgendaItemForm, AttendanceForm, DecisionForm
from house_meetings.models import HouseMeeting, HouseRule
from tests.factories import SUMMER, TODAY, make_meeting, make_proposal, on_agenda


def test_the_decision_form_parses_a_no_without_a_reason_and_the_service_refuses_it(centre, clock):
    meeting = make_meeting(centre)
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    prefix = f"i{item.pk}"
    form = DecisionForm(
        {f"{prefix}-summary": "We talked.", f"{prefix}-outcome": "no"}, item=item, prefix=prefix
    )
    assert form.is_valid()
    with pytest.raises(ValidationError) as refused:
        services.decide(item, outcome="no", by=None, today=meeting.date)
    assert set(refused.value.error_dict) == {"reason_category", "reason"}


def test_the_agenda_item_form_parses_and_the_service_names_a_new_rule(centre, clock):
    meeting = make_meeting(centre)
    form = AgendaItemForm({"kind": "rule", "title": ""}, meeting=meeting)
    assert form.is_valid()
    assert form.cleaned_data["title"] == ""
    item = services.add_item(meeting, kind="rule", title="")
    assert item.title == "A new rule"


def test_an_agenda_item_the_service_refuses_names_the_field(centre, clock):
    meeting = make_meeting(centre)
    rule = HouseRule.objects.create(centre=centre, number=1)
    with pytest.raises(ValidationError) as refused:
        services.add_item(meeting, kind="other", title="x", rule=rule)
    assert set(refused.value.error_dict) == {"rule"}
    with pytest.raises(ValidationError) as refused:
        services.add_item(meeting, kind="other", title="  ")
    assert set(refused.value.error_dict) == {"title"}


def test_minutes_to_publish_are_one_query_method(centre, clock):
    today = TODAY
    past = make_meeting(centre, date=today - datetime.timedelta(days=7))
    make_meeting(centre, date=today + datetime.timedelta(days=7))  # still to come
    assert list(HouseMeeting.objects.for_centre(centre).to_publish(today)) == [past]


def test_attendance_limits_are_the_meetings_and_name_the_field(centre, clock):
    meeting = make_meeting(centre, date=TODAY)
    form = AttendanceForm({"users_present": "501", "staff_present": "-1", "chaired_by": "user"})
    assert form.is_valid()  # it parses; the meeting refuses
    with pytest.raises(ValidationError) as refused:
        meeting.record(users_present=501, staff_present=-1, chaired_by="user", today=TODAY)
    assert set(refused.value.error_dict) == {"users_present", "staff_present"}
    meeting.refresh_from_db()
    assert meeting.users_present is None


def test_a_nickname_without_a_volunteer_is_refused_by_the_service(centre, clock):
    meeting = make_meeting(centre)
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    with pytest.raises(ValidationError) as refused:
        services.add_follow_up(item, what="Ask", who="staff", volunteer_nickname="Kari")
    assert set(refused.value.error_dict) == {"volunteer_nickname"}
    assert not item.follow_ups.exists()
