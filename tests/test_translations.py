"""Norwegian Bokmål ships complete, and works from a fresh checkout without GNU gettext."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "nb" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def test_every_norwegian_message_is_translated():
    catalogue = polib.pofile(str(PO))
    assert not catalogue.untranslated_entries(), [e.msgid for e in catalogue.untranslated_entries()]
    assert not catalogue.fuzzy_entries(), [e.msgid for e in catalogue.fuzzy_entries()]


def test_the_compiled_catalogue_is_committed_and_up_to_date():
    po = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.pofile(str(PO))
        if e.translated() and not e.obsolete
    }
    mo = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(MO)) if e.msgid
    }
    assert po == mo, "run scripts/messages.sh to compile locale/nb/LC_MESSAGES/django.mo"


def test_the_catalogue_holds_every_string_in_the_code(tmp_path):
    """makemessages over a copy of the tree finds nothing that the committed catalogue lacks."""
    if not shutil.which("xgettext"):
        if IN_CI:
            pytest.fail("GNU gettext is missing; CI installs it (apt gettext)")
        pytest.skip("GNU gettext (xgettext) is not installed; CI runs this check")
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "staticfiles", "node_modules", "*.sqlite3*"),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "nb",
            "--no-obsolete",
            "--no-location",
            "--ignore",
            "tests/*",
            "--ignore",
            "scripts/*",
            "--ignore",
            "bench/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / PO.relative_to(ROOT)))}
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if not e.obsolete}
    missing = sorted(str(m) for m in fresh - committed)
    assert not missing, f"run scripts/messages.sh; not in the catalogue: {missing[:20]}"
