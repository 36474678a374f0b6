"""The yearly report as a Word document (opened by LibreOffice) and the attendance workbook
(cells typed as dates and numbers)."""

import datetime
import io
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.conftest import IN_CI

D = datetime.date
DOCX = "/coordinator/year/2025/report.docx"
XLSX = "/coordinator/attendance.xlsx"


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if IN_CI:
            pytest.fail("LibreOffice is missing; CI must install libreoffice-writer-nogui.")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui).")
    return found


def test_the_word_document_has_the_headings_tables_and_charts(coordinator_client, year_data):
    response = coordinator_client.get(DOCX)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert 'filename="yearly-report-2025-all.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[:2] == ["Yearly report 2025", "Key figures"]
    assert "Møteplassen Sentrum" in headings
    assert "Treffpunktet Tøyen" in headings
    first = document.tables[0]
    assert [cell.text for cell in first.rows[1].cells] == [
        "Visits",
        "17",
        "4 (1 of 2 meeting places counting)",
        "—",
    ]
    # The monthly chart and one heat map per centre, as images.
    assert len(document.inline_shapes) == 3


def test_the_word_document_opens_in_libreoffice_with_its_text(
    coordinator_client, year_data, tmp_path
):
    program = soffice()
    source = tmp_path / "report.docx"
    source.write_bytes(coordinator_client.get(DOCX).content)
    subprocess.run(
        [
            program,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = (tmp_path / "report.txt").read_text(encoding="utf-8-sig")
    for expected in (
        "Yearly report 2025",
        "Key figures",
        "Visitors on an ordinary opening day, all together",
        "Møteplassen Sentrum",
        "Treffpunktet Tøyen",
        "House meetings",
        "How complete the data is",
        "not recorded",
    ):
        assert expected in text
    assert "17" in text


def test_staff_download_the_word_document_of_their_own_centre(staff_client, year_data):
    response = staff_client.get("/staff/reports/year/2025/report.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs]
    assert "Møteplassen Sentrum" in headings
    assert "Treffpunktet Tøyen" not in headings


def test_the_workbook_has_the_csvs_rows_with_real_dates_and_numbers(coordinator_client, year_data):
    response = coordinator_client.get(XLSX, {"start": "2025-03-03", "end": "2025-03-05"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("date", "centre", "visits", "newcomers")
    assert rows[1:] == [
        (datetime.datetime(2025, 3, 3), "sentrum", 5, 2),
        (datetime.datetime(2025, 3, 3), "toyen", 0, 0),
        (datetime.datetime(2025, 3, 4), "sentrum", 3, 0),
        (datetime.datetime(2025, 3, 4), "toyen", 0, 0),
        (datetime.datetime(2025, 3, 5), "sentrum", 2, 0),
        (datetime.datetime(2025, 3, 5), "toyen", 0, 0),
    ]
    assert sheet["A2"].is_date
    assert sheet["A2"].number_format == "yyyy-mm-dd"
    assert sheet["C2"].data_type == "n"
    assert workbook.sheetnames[1:] == [
        "Key figures",
        "Per meeting place",
        "Activities by kind",
        "Reasons for no",
    ]
    figures = list(workbook["Key figures"].iter_rows(values_only=True))
    assert figures[1] == ("Visits", 10, None, None)
    per_centre = list(workbook["Per meeting place"].iter_rows(values_only=True))
    assert per_centre[1][0] == "Møteplassen Sentrum"
    assert per_centre[1][-1] == datetime.datetime(2025, 3, 3)


def test_the_workbook_takes_the_csvs_parameters_and_refuses_the_same_bad_input(
    coordinator_client, year_data
):
    assert coordinator_client.get(XLSX).status_code == 400
    bad = coordinator_client.get(XLSX, {"start": "2025-03-03", "end": "2025-03-01"})
    assert bad.status_code == 400
    assert "The end date is before the start date." in bad.content.decode()
    unknown = coordinator_client.get(
        XLSX, {"start": "2025-03-03", "end": "2025-03-05", "centre": "nowhere"}
    )
    assert unknown.status_code == 400
    too_early = coordinator_client.get(XLSX, {"start": "0001-01-01", "end": "0001-01-31"})
    assert too_early.status_code == 400
    assert "Choose a date from 1900 to 2999." in too_early.content.decode()


def test_staff_get_403_for_another_centres_workbook(staff_client, year_data):
    response = staff_client.get(
        "/staff/reports/attendance.xlsx",
        {"start": "2025-03-03", "end": "2025-03-05", "centre": "toyen"},
    )
    assert response.status_code == 403


def test_a_name_that_looks_like_a_formula_stays_text(coordinator_client, year_data):
    sentrum, _toyen = year_data
    sentrum.name = "=HYPERLINK(1)"
    sentrum.save(update_fields=["name"])
    response = coordinator_client.get(XLSX, {"start": "2025-03-03", "end": "2025-03-03"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cell = workbook["Per meeting place"]["A2"]
    assert cell.value == "'=HYPERLINK(1)"
    assert cell.data_type == "s"


def test_the_dashboard_offers_the_workbook_with_the_csvs_parameters(staff_client, year_data):
    text = staff_client.get("/staff/reports/", {"period": "last-year"}).content.decode()
    assert 'href="/staff/reports/attendance.xlsx?start=2025-01-01&amp;end=2025-12-31"' in text
    assert 'href="/staff/reports/attendance.csv?start=2025-01-01&amp;end=2025-12-31"' in text
