"""The startup check that warns when the Chinese catalogues are not compiled."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from shuxiang.web import checks

PO = Path(checks.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _locale(tmp_path: Path) -> Path:
    messages = tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    shutil.copy(PO, messages / "django.po")
    return tmp_path / "locale"


def test_a_catalogue_without_its_compiled_file_is_reported(tmp_path):
    locale = _locale(tmp_path)
    assert checks.stale_catalogues([locale]) == [locale / "zh_Hans" / "LC_MESSAGES" / "django.po"]


def test_a_catalogue_edited_after_it_was_compiled_is_reported_and_a_fresh_one_is_not(tmp_path):
    locale = _locale(tmp_path)
    po = locale / "zh_Hans" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    mo.write_bytes(b"")
    os.utime(mo, (1_000_000, 1_000_000))
    assert checks.stale_catalogues([locale]) == [po]
    os.utime(mo, None)
    os.utime(po, (1_000_000, 1_000_000))
    assert checks.stale_catalogues([locale]) == []


def test_the_projects_catalogues_are_compiled_when_the_tests_run():
    """`make test` compiles them first; the check then has nothing to say."""
    assert checks.translations_compiled() == []
