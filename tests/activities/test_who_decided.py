"""Who decided: the house meeting, or staff between meetings (e.g. a budget answer). The
public text says which, and the coordinator's report counts both."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from activities.models import DecidedBy, ProposalStatus
from house_meetings import services as meeting_services
from reports.activities import proposal_report
from reports.periods import Period
from tests.activities.conftest import make_proposal, snapshot

NOVEMBER = Period(datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))


def _answer_url(proposal) -> str:
    return f"/staff/{proposal.centre.slug}/proposals/{proposal.pk}/answer/"


def test_staff_answer_between_meetings_and_the_public_page_says_staff_decided(
    staff_client, client, centre, clock
):
    idea = make_proposal(centre, title="Teatertur")
    response = staff_client.post(
        _answer_url(idea),
        {"status": "declined", "category": "cost", "reason": "Budsjettet for i år er brukt opp."},
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.decided_by) == (ProposalStatus.DECLINED, DecidedBy.STAFF)
    client.cookies["django_language"] = "en"
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Budsjettet for i år er brukt opp." in html
    assert "decided by staff between meetings" in html


def test_a_staff_no_without_a_reason_is_refused_and_changes_nothing(staff_client, centre, clock):
    idea = make_proposal(centre)
    before = snapshot()
    response = staff_client.post(_answer_url(idea), {"status": "declined", "category": ""})
    assert response.status_code == 400
    assert snapshot() == before


def test_an_idea_on_an_agenda_is_the_meetings_to_answer(centre, clock):
    from tests.house_meetings.conftest import make_meeting

    idea = make_proposal(centre)
    meeting_services.add_proposals(
        make_meeting(centre, date=datetime.date(2026, 12, 1)),
        proposals=[idea],
        today=centre.today(),
    )
    idea.refresh_from_db()
    with pytest.raises(ValidationError):
        idea.answer_between_meetings(
            status="declined", category="cost", reason="Nei.", today=centre.today()
        )


def test_a_staff_yes_to_an_activity_makes_its_draft(staff_client, centre, clock):
    idea = make_proposal(centre)
    staff_client.post(_answer_url(idea), {"status": "accepted"})
    idea.refresh_from_db()
    assert idea.decided_by == DecidedBy.STAFF
    assert idea.activities.get().is_draft


def test_the_report_counts_answers_by_the_meeting_and_by_staff(centre, clock):
    for status in ("declined", "accepted"):
        make_proposal(centre, created_on=datetime.date(2026, 11, 2)).answer_between_meetings(
            status=status, category="cost", reason="Budsjettet er brukt opp.", today=centre.today()
        )
    by_meeting = make_proposal(centre, created_on=datetime.date(2026, 11, 2))
    by_meeting.accept(decided_on=datetime.date(2026, 11, 24), today=centre.today())
    report = proposal_report([centre.pk], NOVEMBER)
    assert (report.total.by_meeting, report.total.by_staff) == (1, 2)
