"""The A4 poster /c/<slug>/poster/ with a QR code of the public page."""

import io
import re

import pytest
import zxingcpp
from PIL import Image

from tests.factories import make_centre


def test_the_poster_names_the_centre_and_shows_the_public_address(client, centre):
    client.cookies["django_language"] = "en"
    response = client.get(f"/c/{centre.slug}/poster/")
    html = response.content.decode()
    assert response.status_code == 200
    assert centre.name in html
    assert f'src="/c/{centre.slug}/poster/qr.svg"' in html
    assert f"http://testserver/c/{centre.slug}/" in html
    assert "See today&#x27;s activities" in html or "See today's activities" in html
    assert "Propose an activity, or say" in html
    assert 'href="/static/css/poster.css"' in html


def test_the_qr_svg_is_clean_under_the_content_security_policy(client, centre, settings):
    settings.ALLOWED_HOSTS = ["moteplass.example.org"]
    response = client.get(f"/c/{centre.slug}/poster/qr.svg", HTTP_HOST="moteplass.example.org")
    svg = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert not re.search(r"\sstyle\s*=", svg)
    assert "<style" not in svg
    assert "<script" not in svg
    assert svg.startswith("<svg")


def test_the_qr_escapes_a_centre_name_in_its_title(client, db):
    centre = make_centre(name="<script>x</script> & co", slug="rar")
    svg = client.get(f"/c/{centre.slug}/poster/qr.svg").content.decode()
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_the_poster_of_an_unknown_or_closed_centre_is_404(client, db):
    make_centre(slug="stengt", is_active=False)
    for slug in ("nope", "stengt"):
        assert client.get(f"/c/{slug}/poster/").status_code == 404
        assert client.get(f"/c/{slug}/poster/qr.svg").status_code == 404


def test_the_poster_only_reads(client, centre):
    assert client.post(f"/c/{centre.slug}/poster/").status_code == 405
    assert client.post(f"/c/{centre.slug}/poster/qr.svg").status_code == 405


@pytest.mark.browser
def test_the_printed_qr_code_decodes_to_the_public_pages_address(page, live_server, centre):
    page.goto(f"{live_server.url}/c/{centre.slug}/poster/")
    qr = page.locator("img.poster-qr")
    qr.wait_for()
    assert page.evaluate("document.querySelector('img.poster-qr').naturalWidth") > 0
    png = qr.screenshot()
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [r.text for r in results] == [f"{live_server.url}/c/{centre.slug}/"]
    # What the QR opens is the page itself.
    page.goto(results[0].text)
    assert page.get_by_role("heading", level=1).inner_text() == centre.name


@pytest.mark.browser
def test_the_poster_prints_on_one_a4_page(page, live_server, centre):
    page.goto(f"{live_server.url}/c/{centre.slug}/poster/")
    pdf = page.pdf(prefer_css_page_size=True)
    assert _pages(pdf) == 1
    assert _a4(pdf)


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def _a4(pdf: bytes) -> bool:
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return bool(box) and abs(float(box[1]) - 595.3) < 2 and abs(float(box[2]) - 841.9) < 2
