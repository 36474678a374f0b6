"""Rules that let a strict Content-Security-Policy hold, checked over every template and asset."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
OTHER_HOST = re.compile(r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
UNSAFE_OUTPUT = re.compile(r"\|\s*safe\b|{%\s*autoescape\s+off")


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 5


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_script_style_or_handlers(path):
    text = path.read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script>"
    assert not STYLE_ATTRIBUTE.search(text), 'style="…" attribute'
    assert not STYLE_ELEMENT.search(text), "<style> element"
    assert not EVENT_HANDLER.search(text), "on…= handler"
    assert not OTHER_HOST.search(text), "a resource from another host"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_never_switch_escaping_off(path):
    assert not UNSAFE_OUTPUT.search(path.read_text())


def test_static_assets_load_nothing_from_other_hosts():
    for path in (ROOT / "static").rglob("*"):
        if path.suffix in {".css", ".js"}:
            text = path.read_text()
            assert not re.search(r"""url\(\s*["']?(?:https?:)?//""", text), path
            assert not re.search(r"""import\s.*["'](?:https?:)?//""", text), path


def test_collectstatic_builds_the_compressed_manifest(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("css/site.*.css"))
    assert list(tmp_path.glob("bootstrap/css/bootstrap.min.*.css.gz"))
