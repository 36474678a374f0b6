"""What import-linter cannot see: templates, template tags, and app code reached by name.

The layers, lowest first: centres, activities, house_meetings, reports, meetingplace (the
pyproject.toml contract checks the Python imports). Templates in templates/<app>/ belong to
that app; the shared ones (base.html, includes/, registration/, error pages) sit below every app.
"""

import re
from pathlib import Path

import pytest
from django.template.backends.django import get_installed_libraries

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
LAYERS = ["centres", "activities", "house_meetings", "reports", "meetingplace"]
SHARED = -1  # base.html, includes/, registration/, 403/404/500.html

TEMPLATE_USE = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
BY_NAME = re.compile(r"""(?:get_model|import_module)\(\s*["']([a-z_]+)""")


def template_layer(name: str) -> int:
    folder = name.split("/", 1)[0] if "/" in name else ""
    return LAYERS.index(folder) if folder in LAYERS else SHARED


def library_layer(library: str) -> int:
    module = get_installed_libraries().get(library, "")
    app = module.split(".", 1)[0]
    return LAYERS.index(app) if app in LAYERS else SHARED


def upward_uses(name: str, text: str) -> list[str]:
    """What the template ``name`` (relative to templates/) uses from a layer above its own."""
    own = template_layer(name)
    found = [used for used in TEMPLATE_USE.findall(text) if template_layer(used) > own]
    for libraries in LOAD.findall(text):
        words = libraries.split()
        if "from" in words:  # {% load tag from library %}
            words = words[words.index("from") + 1 :]
        found += [f"{{% load {lib} %}}" for lib in words if library_layer(lib) > own]
    return found


ALL_TEMPLATES = sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", ALL_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_includes_extends_or_loads_from_a_higher_layer(path):
    name = str(path.relative_to(TEMPLATES))
    assert upward_uses(name, path.read_text()) == []


def test_the_template_check_sees_an_upward_include_extends_and_load():
    text = (
        '{% extends "reports/report.html" %}{% load i18n figures %}'
        '{% include "house_meetings/fragment_decision.html" with d=x %}'
        '{% include "centres/fragment_opening_hours.html" %}'
    )
    assert upward_uses("activities/page.html", text) == [
        "reports/report.html",
        "house_meetings/fragment_decision.html",
        "{% load figures %}",
    ]
    assert upward_uses("meetingplace/page.html", text) == []


# Migrations are left out: they must reach models through apps.get_model.
APP_MODULES = sorted(
    p for app in LAYERS for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts
)


@pytest.mark.parametrize("path", APP_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_reaches_another_app_by_name(path):
    """``apps.get_model("other_app", ...)`` or ``import_module("other_app...")`` hides a
    dependency from import-linter; import the model or module instead."""
    own = path.relative_to(ROOT).parts[0]
    named = [app for app in BY_NAME.findall(path.read_text()) if app != own]
    assert named == []
