"""WCAG 2.2 AA on every page state, in both languages: axe-core, reflow at 320 px and at
200 % zoom, touch targets on public and desk pages, chart labels of at least 12 px.

axe-core comes from the axe-playwright-python package and is injected from the local file (no
other host is ever asked; the visitor fails on any request to one). One seeded dataset and one
browser serve every state of a language.
"""

import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.accessibility.page_states import EXCLUDED, EXCLUDED_NAMESPACES, STATES, named_routes

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
# Roles whose pages people use with a finger: a phone, the front-table tablet, the kiosk.
TOUCH_ROLES = {"anon", "device", "kiosk"}

# Sizes of what can be tapped, leaving out links inside a sentence (WCAG 2.5.8's inline
# exception) and what is not shown. A checkbox or radio counts with its label row.
HERE = Path(__file__).parent
TARGETS_JS = (HERE / "small_targets.js").read_text()
OVERFLOW_JS = (HERE / "too_wide.js").read_text()
BLANK_FORM_JS = (HERE / "blank_form.js").read_text()
CHART_TEXT_JS = (HERE / "small_chart_text.js").read_text()


def test_every_named_route_is_checked_or_excluded_with_a_reason():
    checked = {state.route for state in STATES}
    missing = {
        name
        for name in named_routes()
        if name not in checked
        and name not in EXCLUDED
        and name.split(":")[0] not in EXCLUDED_NAMESPACES
    }
    assert not missing, f"add a page state or an exclusion with a reason for: {sorted(missing)}"
    assert all(reason.strip() for reason in EXCLUDED.values())
    assert not checked & set(EXCLUDED), "a route is both checked and excluded"


def test_every_page_state_has_a_unique_name():
    names = [state.name for state in STATES]
    assert len(names) == len(set(names))


def _open(visitor, state):
    page = visitor.page(state.role)
    page.set_viewport_size({"width": 1280, "height": 800})
    url = visitor.base + reverse(state.route, args=state.args(visitor.demo)) + state.query
    page.goto(url)
    for selector, value in state.fill:
        page.fill(selector, value)
    if state.click:
        with page.expect_navigation():
            page.click(state.click)
    if state.submit:
        form = page.locator(state.submit).first
        form.evaluate(BLANK_FORM_JS)
        with page.expect_navigation():
            form.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_load_state()
    return page


@pytest.mark.browser
@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_page_state_passes_axe_reflows_has_44_px_targets_and_12_px_chart_labels(
    visitors, language
):
    visitor = visitors(language)
    axe = Axe()
    violations, overflow, small_targets, small_chart_text = [], [], [], []
    started = time.monotonic()
    for state in STATES:
        page = _open(visitor, state)
        assert page.evaluate("document.documentElement.lang") == language, state.name
        result = axe.run(page, options=AXE_OPTIONS)
        for v in result.response["violations"]:
            nodes = "; ".join(
                n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                for n in v["nodes"][:4]
            )
            violations.append(f"{state.name}: [{v['impact']}] {v['id']}: {nodes}")
        # 320 CSS px is WCAG's reflow width (1280 px at 400 %); 640 px is 1280 px at 200 %.
        for width in (320, 640, 1280):
            page.set_viewport_size({"width": width, "height": 740})
            small_chart_text += [
                f"{state.name} at {width}px: {t}" for t in page.evaluate(CHART_TEXT_JS)
            ]
            if width == 1280:
                continue
            for line in page.evaluate(OVERFLOW_JS)[:4]:
                overflow.append(f"{state.name} at {width}px: {line}")
            if width == 320 and state.role in TOUCH_ROLES:
                small_targets += [f"{state.name}: {t}" for t in page.evaluate(TARGETS_JS)]
    elapsed = time.monotonic() - started
    print(f"{len(STATES)} page states in {language}: {elapsed:.0f} s")
    assert not violations, "\n".join(violations)
    assert not visitor.problems, "\n".join(visitor.problems)
    assert not overflow, "\n".join(overflow)
    assert not small_targets, "\n".join(small_targets)
    assert not small_chart_text, "\n".join(small_chart_text)
