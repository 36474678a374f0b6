"""Public pages that may carry a user's name say noindex (meta and X-Robots-Tag), and
/robots.txt keeps search engines out of them."""

import pytest

from tests.activities.conftest import make_proposal


@pytest.fixture
def named(centre):
    return make_proposal(centre, nickname="Fotofrid")


def _pages(centre, proposal):
    return [
        f"/c/{centre.slug}/",
        f"/c/{centre.slug}/plan/",
        f"/c/{centre.slug}/proposals/",
        proposal.get_absolute_url(),
    ]


def test_pages_that_carry_names_send_noindex_in_header_and_meta(client, centre, named):
    for path in _pages(centre, named):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["X-Robots-Tag"] == "noindex, nofollow", path
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_the_list_of_centres_may_be_indexed(client, centre):
    response = client.get("/")
    assert "X-Robots-Tag" not in response
    assert 'name="robots"' not in response.content.decode()


def test_robots_txt_keeps_search_engines_out_of_pages_with_names(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    for path in ("/c/*/plan/", "/c/*/proposals/", "/c/*/meetings/", "/kiosk/", "/staff/"):
        assert f"Disallow: {path}" in text
    assert client.post("/robots.txt").status_code == 405
