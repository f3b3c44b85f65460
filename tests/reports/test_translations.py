"""The reports app's zh-hans catalogue is complete: every string translated, none fuzzy."""

from __future__ import annotations

import re
from pathlib import Path

PO = Path(__file__).resolve().parents[2] / "shuxiang/reports/locale/zh_Hans/LC_MESSAGES/django.po"


def test_every_reports_string_has_a_chinese_translation_and_none_is_fuzzy():
    text = PO.read_text("utf-8")
    entries = text.split("\n\n")[1:]  # the first entry is the header
    assert entries
    for entry in entries:
        assert "#, fuzzy" not in entry, entry
        translations = re.findall(r'^msgstr(?:\[\d\])? "(.*)"', entry, flags=re.M)
        assert translations and all(translations), entry
