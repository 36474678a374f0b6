"""The centres' own words and regular-user estimates: who may write which section, drafts per
year, and every edit kept with who and when."""

import pytest

from reports.models import RegularUserEstimate, ReportText, ReportTextEdit
from tests.conftest import make_user

CENTRE_FORM = "/staff/sentrum/year/2025/"
SERVICE_FORM = "/coordinator/year/2025/texts/"


def centre_post(**changes) -> dict:
    data = {
        "highlights": "Sommerturen til Hovedøya.",
        "house-meetings": "Ønske om lengre åpningstid på fredager.",
        "challenges": "",
        "estimate": "60",
        "method": "antall vi kjenner igjen en vanlig uke i oktober",
    }
    data.update(changes)
    return data


def snapshot() -> tuple:
    return (
        list(ReportText.objects.values_list("year", "centre", "section", "text")),
        ReportTextEdit.objects.count(),
        list(RegularUserEstimate.objects.values_list("centre", "year", "estimate", "method")),
    )


def test_staff_write_their_centres_sections_and_estimate(staff_client, staff, centre, year_clock):
    page = staff_client.get(CENTRE_FORM)
    assert page.status_code == 200
    assert "Please don't write anyone's name or anything about health." in (page.content.decode())
    response = staff_client.post(CENTRE_FORM, centre_post())
    assert response.status_code == 302
    texts = {t.section: t for t in ReportText.objects.filter(centre=centre, year=2025)}
    assert texts["highlights"].text == "Sommerturen til Hovedøya."
    assert texts["highlights"].updated_by == staff
    assert "challenges" not in texts  # empty sections are not stored
    edit = ReportTextEdit.objects.get(report_text=texts["highlights"])
    assert (edit.edited_by, edit.text) == (staff, "Sommerturen til Hovedøya.")
    estimate = RegularUserEstimate.objects.get(centre=centre, year=2025)
    assert (estimate.estimate, estimate.updated_by) == (60, staff)
    report = staff_client.get("/staff/reports/year/2025/").content.decode()
    assert "Sommerturen til Hovedøya." in report
    assert "Regular users: about 60</strong> (estimate: antall vi kjenner igjen" in report


def test_every_edit_is_kept_with_who_and_when(client, staff, centre, year_clock):
    colleague = make_user(centres=[centre], first_name="Per")
    client.force_login(staff)
    client.post(CENTRE_FORM, centre_post())
    client.force_login(colleague)
    client.post(CENTRE_FORM, centre_post(highlights="Sommerturen og julebordet."))
    text = ReportText.objects.get(centre=centre, year=2025, section="highlights")
    assert text.updated_by == colleague
    assert [(e.edited_by, e.text) for e in text.edits.all()] == [
        (colleague, "Sommerturen og julebordet."),
        (staff, "Sommerturen til Hovedøya."),
    ]
    # An unchanged section is not a new edit.
    assert ReportTextEdit.objects.filter(report_text__section="house-meetings").count() == 1


def test_drafts_are_kept_per_year(staff_client, centre, year_clock):
    staff_client.post(CENTRE_FORM, centre_post())
    staff_client.post("/staff/sentrum/year/2024/", centre_post(highlights="Åpningen."))
    assert ReportText.objects.get(year=2024, section="highlights").text == "Åpningen."
    assert ReportText.objects.get(year=2025, section="highlights").text == (
        "Sommerturen til Hovedøya."
    )


def test_staff_of_another_centre_get_403_and_change_nothing(other_staff_client, centre, year_clock):
    before = snapshot()
    assert other_staff_client.get(CENTRE_FORM).status_code == 403
    assert other_staff_client.post(CENTRE_FORM, centre_post()).status_code == 403
    assert snapshot() == before


def test_staff_cannot_write_the_whole_service_sections(staff_client, centre, year_clock):
    before = snapshot()
    assert staff_client.get(SERVICE_FORM).status_code == 403
    assert staff_client.post(SERVICE_FORM, {"summary": "Et godt år."}).status_code == 403
    assert snapshot() == before


def test_the_coordinator_writes_the_whole_service_sections(
    coordinator_client, coordinator, centre, year_clock
):
    response = coordinator_client.post(
        SERVICE_FORM,
        {"summary": "Et godt år.", "highlights": "", "challenges": "", "next-year": ""},
    )
    assert response.status_code == 302
    text = ReportText.objects.get(year=2025, centre=None, section="summary")
    assert (text.text, text.updated_by) == ("Et godt år.", coordinator)
    assert "Et godt år." in coordinator_client.get("/coordinator/year/2025/").content.decode()


def test_the_coordinator_can_also_write_a_centres_sections(
    coordinator_client, coordinator, centre, year_clock
):
    assert coordinator_client.post(CENTRE_FORM, centre_post()).status_code == 302
    assert ReportText.objects.get(centre=centre, section="highlights").updated_by == coordinator


def test_the_whole_service_sections_are_not_in_the_staff_report(
    coordinator_client, staff, centre, year_clock
):
    coordinator_client.post(SERVICE_FORM, {"summary": "Bare for kommunen."})
    coordinator_client.force_login(staff)
    assert "Bare for kommunen." not in (
        coordinator_client.get("/staff/reports/year/2025/").content.decode()
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"estimate": "60", "method": ""}, "Say in one line how you made the estimate."),
        ({"estimate": "-3"}, "Ensure this value is greater than or equal to 0."),
        ({"estimate": "lots"}, "Enter a whole number."),
        ({"highlights": "x" * 4001}, "Ensure this value has at most 4000 characters"),
    ],
)
def test_bad_input_is_a_clear_message_and_changes_nothing(
    staff_client, centre, year_clock, changes, message
):
    before = snapshot()
    response = staff_client.post(CENTRE_FORM, centre_post(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_an_estimate_can_be_removed(staff_client, centre, year_clock):
    staff_client.post(CENTRE_FORM, centre_post())
    staff_client.post(CENTRE_FORM, centre_post(estimate="", method=""))
    assert not RegularUserEstimate.objects.exists()


def test_the_text_forms_take_no_other_method(staff_client, coordinator_client, centre, year_clock):
    assert staff_client.put(CENTRE_FORM).status_code == 405


def test_an_unknown_centre_is_404(staff_client, year_clock):
    assert staff_client.get("/staff/nowhere/year/2025/").status_code == 404


def test_the_staff_page_of_a_centre_links_to_its_yearly_texts(staff_client, centre, year_clock):
    text = staff_client.get("/staff/sentrum/").content.decode()
    assert 'href="/staff/sentrum/year/2025/"' in text
    assert 'href="/staff/sentrum/year/2026/"' in text
    assert 'href="/staff/reports/year/2025/?centre=sentrum"' in text
