"""The public centre page fits a phone: at most four screens of 360×740 with the demo data, and
the first screen answers "shall I go today?"."""

import pytest

SCREEN = {"width": 360, "height": 740}


@pytest.mark.browser
@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_demo_centre_page_is_at_most_four_phone_screens_and_starts_with_today(
    visitors, demo, language
):
    visitor = visitors(language)
    page = visitor.page("anon", viewport=SCREEN)
    heights = {}
    for slug in ("sentrum", "grunerlokka", "toyen"):
        page.goto(f"{visitor.base}/c/{slug}/")
        heights[slug] = page.evaluate("document.documentElement.scrollHeight")
        first_screen = page.locator(".today-box")
        box = first_screen.bounding_box()
        assert box, slug
        assert box["y"] + box["height"] <= SCREEN["height"], slug
        propose = page.locator(".today-box a[href$='/propose/']")
        assert propose.bounding_box()["y"] + 44 <= SCREEN["height"], slug
    print({slug: f"{h / SCREEN['height']:.1f} screens" for slug, h in heights.items()})
    assert all(h <= 4 * SCREEN["height"] for h in heights.values()), heights
