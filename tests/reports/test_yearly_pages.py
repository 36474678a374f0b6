"""The yearly report's pages and files: who sees what, bad input, and a fixed number of
queries."""

import datetime

import pytest

from tests.conftest import make_centre, make_user

D = datetime.date
YEAR = "/coordinator/year/2025/"
STAFF_YEAR = "/staff/reports/year/2025/"


def test_the_coordinator_reads_the_yearly_report_of_every_centre(coordinator_client, year_data):
    response = coordinator_client.get(YEAR)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Yearly report 2025" in text
    assert "Møteplassen Sentrum" in text
    assert "Treffpunktet Tøyen" in text
    assert 'data-figure="visits"' in text
    assert "not recorded" in text
    assert "Latest tap included" in text
    assert "Regular users" in text


def test_one_centre_is_chosen_with_its_slug(coordinator_client, year_data):
    response = coordinator_client.get(YEAR, {"centre": "toyen"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Treffpunktet Tøyen" in text
    assert 'id="centre-sentrum"' not in text


def test_staff_see_only_their_own_centre_in_the_yearly_report(staff_client, year_data):
    response = staff_client.get(STAFF_YEAR)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="centre-sentrum"' in text
    assert "Treffpunktet Tøyen" not in text


def test_staff_naming_another_centre_get_a_form_error_not_its_numbers(staff_client, year_data):
    response = staff_client.get(STAFF_YEAR, {"centre": "toyen"})
    assert response.status_code == 400
    assert "There is no meeting place “toyen” among the ones you can see." in (
        response.content.decode()
    )
    assert staff_client.get(f"{STAFF_YEAR}report.docx", {"centre": "toyen"}).status_code == 400


@pytest.mark.parametrize(
    "path", [YEAR, f"{YEAR}report.docx", "/coordinator/attendance.xlsx", f"{YEAR}texts/"]
)
def test_staff_get_403_at_the_coordinators_yearly_pages(staff_client, year_data, path):
    assert staff_client.get(path).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        YEAR,
        f"{YEAR}report.docx",
        "/coordinator/attendance.xlsx",
        STAFF_YEAR,
        "/staff/sentrum/year/2025/",
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, centre, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2025-13-01", "end": "2025-12-31"}, "Write the date as YYYY-MM-DD"),
        ({"start": "2025-03-01"}, "Give both a start and an end date, or neither."),
        ({"start": "2025-03-01", "end": "2025-01-01"}, "The end date is before the start date."),
        ({"centre": "nowhere"}, "There is no meeting place “nowhere”"),
        ({"start": "0001-01-01", "end": "0001-12-31"}, "Choose a date from 1900 to 2999."),
    ],
)
def test_bad_input_is_a_clear_message(coordinator_client, year_data, query, message):
    response = coordinator_client.get(YEAR, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_year_outside_the_reports_range_is_404(coordinator_client, db):
    assert coordinator_client.get("/coordinator/year/1850/").status_code == 404
    assert coordinator_client.get("/coordinator/year/99999/report.docx").status_code == 404


def test_a_custom_period_is_reported_with_the_years_texts(coordinator_client, year_data):
    response = coordinator_client.get(YEAR, {"start": "2025-03-01", "end": "2025-03-31"})
    assert response.status_code == 200
    assert "1 March 2025 – 31 March 2025" in response.content.decode()


def test_the_yearly_index_opens_last_years_report(coordinator_client, year_clock):
    response = coordinator_client.get("/coordinator/year/")
    assert response.status_code == 302
    assert response["Location"] == "/coordinator/year/2025/"


def test_the_yearly_report_page_makes_the_same_number_of_queries_for_more_centres(
    coordinator_client, year_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(35):
        assert coordinator_client.get(YEAR).status_code == 200
    for n in range(3):
        make_centre(name=f"Extra {n}", slug=f"extra-{n}")
    with django_assert_max_num_queries(35):
        assert coordinator_client.get(YEAR).status_code == 200


def test_the_page_prints_one_centre_per_page(coordinator_client, year_data):
    text = coordinator_client.get(YEAR).content.decode()
    assert "css/yearly.css" in text
    assert text.count('class="year-page year-centre"') == 2


def test_a_period_in_the_future_is_empty_not_an_error(coordinator_client, year_data):
    response = coordinator_client.get(YEAR, {"start": "2090-01-01", "end": "2090-12-31"})
    assert response.status_code == 200
    assert coordinator_client.get(f"{YEAR}report.docx", {"centre": "toyen"}).status_code == 200


def test_the_staff_yearly_report_page_makes_the_same_number_of_queries_for_more_centres(
    client, year_data, django_assert_max_num_queries
):
    sentrum, toyen = year_data
    client.force_login(make_user(centres=[sentrum, toyen]))
    with django_assert_max_num_queries(36):
        assert client.get(STAFF_YEAR).status_code == 200
    extra = [make_centre(name=f"Extra {n}", slug=f"extra-{n}") for n in range(3)]
    client.force_login(make_user(centres=[sentrum, toyen, *extra]))
    with django_assert_max_num_queries(36):
        assert client.get(STAFF_YEAR).status_code == 200


@pytest.mark.parametrize(
    "path", [YEAR, f"{YEAR}report.docx", "/coordinator/attendance.xlsx", "/coordinator/year/"]
)
def test_the_yearly_pages_and_files_only_answer_get(coordinator_client, year_data, path):
    assert coordinator_client.post(path).status_code == 405
