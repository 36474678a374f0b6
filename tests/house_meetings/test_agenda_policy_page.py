"""Each centre sets its two agenda thresholds on a staff page: staff of the centre and the
coordinator may, others get 403; bad input gets a clear message and changes nothing; every
change is kept in the audit trail. (The access matrix covers the rest of the doors.)"""

import pytest
from simple_history.utils import get_history_model_for_model

from house_meetings.models import AgendaPolicy
from tests.factories import make_user


def _address(centre) -> str:
    return f"/staff/{centre.slug}/meetings/agenda-rule/"


def test_the_staff_meetings_page_links_to_the_agenda_rule(staff_client, centre):
    staff_client.cookies["django_language"] = "en"
    html = staff_client.get(f"/staff/{centre.slug}/meetings/").content.decode()
    assert f'href="{_address(centre)}"' in html
    assert "When ideas go on the agenda" in html


def test_the_form_starts_from_the_defaults(staff_client, centre):
    html = staff_client.get(_address(centre)).content.decode()
    assert f'value="{AgendaPolicy.DEFAULT_AFTER_DAYS}"' in html
    assert f'value="{AgendaPolicy.DEFAULT_AT_JOINS}"' in html


def test_staff_set_the_thresholds_and_the_audit_trail_keeps_each_change(
    staff_client, centre, staff
):
    response = staff_client.post(_address(centre), {"after_days": "21", "at_joins": "8"})
    assert response.status_code == 302
    assert response["Location"] == f"/staff/{centre.slug}/meetings/"
    staff_client.post(_address(centre), {"after_days": "14", "at_joins": "8"})
    policy = AgendaPolicy.for_centre(centre)
    assert (policy.after_days, policy.at_joins) == (14, 8)
    history = get_history_model_for_model(AgendaPolicy).objects.filter(centre=centre)
    assert [(h.after_days, h.history_user) for h in history.order_by("history_id")] == [
        (21, staff),
        (14, staff),
    ]
    html = staff_client.get(_address(centre)).content.decode()
    assert 'value="14"' in html


def test_the_coordinator_may_set_them_at_any_centre(client, centre):
    client.force_login(make_user(username="coord", coordinator=True))
    assert client.post(_address(centre), {"after_days": "30", "at_joins": "5"}).status_code == 302
    assert AgendaPolicy.for_centre(centre).at_joins == 5


def test_staff_of_another_centre_get_403(other_staff_client, centre):
    response = other_staff_client.post(_address(centre), {"after_days": "1", "at_joins": "1"})
    assert response.status_code == 403
    assert not AgendaPolicy.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"after_days": "", "at_joins": "8"}, "Give the number of days."),
        ({"after_days": "21", "at_joins": ""}, "Give the number of joins."),
        ({"after_days": "0", "at_joins": "8"}, "greater than or equal to 1"),
        ({"after_days": "366", "at_joins": "8"}, "less than or equal to 365"),
        ({"after_days": "21", "at_joins": "501"}, "less than or equal to 500"),
        ({"after_days": "tre", "at_joins": "8"}, "Enter a whole number."),
        ({"after_days": "21", "at_joins": "-3"}, "greater than or equal to 1"),
        ({"after_days": "9" * 30, "at_joins": "8"}, "less than or equal to 365"),
        ({"after_days": "2\x00", "at_joins": "8"}, "Enter a whole number."),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(staff_client, centre, data, message):
    AgendaPolicy.objects.create(centre=centre, after_days=28, at_joins=10)
    staff_client.cookies["django_language"] = "en"
    response = staff_client.post(_address(centre), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    policy = AgendaPolicy.for_centre(centre)
    assert (policy.after_days, policy.at_joins) == (28, 10)
