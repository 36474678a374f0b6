"""After a failed submit: an error summary that links every field in error, and each field
tied to its messages with aria-describedby."""

import re

import pytest


@pytest.fixture
def propose_errors(client, centre):
    return client.post(f"/c/{centre.slug}/propose/", {"title": "", "description": ""})


def test_a_failed_submit_lists_each_field_in_error_with_a_link_to_it(propose_errors):
    html = propose_errors.content.decode()
    summary = html[
        html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))
    ]
    assert 'href="#id_title"' in summary
    assert 'href="#id_description"' in summary
    assert 'tabindex="-1"' in html[html.rindex("<div", 0, html.index("data-error-summary")) :][:300]
    assert "js/error-summary.js" in html


def test_each_field_in_error_is_described_by_its_message(propose_errors):
    html = propose_errors.content.decode()
    field = re.search(r"<input[^>]*id=\"id_title\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in field
    described = re.search(r'aria-describedby="([^"]*)"', field).group(1).split()
    assert "error_1_id_title" in described
    assert 'id="error_1_id_title"' in html


def test_a_valid_page_has_no_error_summary(client, centre):
    html = client.get(f"/c/{centre.slug}/propose/").content.decode()
    assert "data-error-summary" not in html
    assert 'aria-invalid="true"' not in html
