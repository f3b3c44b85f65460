"""The readers app's zh-hans translations are complete: no empty and no fuzzy entry."""

from __future__ import annotations

import re
from pathlib import Path

import shuxiang.readers

PO = Path(shuxiang.readers.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_readers_message_has_a_chinese_translation_and_none_is_fuzzy():
    text = PO.read_text(encoding="utf-8")
    entries = [e for e in text.split("\n\n") if "msgid" in e][1:]  # the first is the header
    assert len(entries) > 100
    assert "#, fuzzy" not in text
    empty = [e for e in entries if not "".join(re.findall(r'"(.*)"', e.split("\nmsgstr", 1)[1]))]
    assert empty == []
    for entry in entries:
        ids = set(re.findall(r"%\((\w+)\)s", entry.split("msgstr")[0]))
        strs = set(re.findall(r"%\((\w+)\)s", entry.split("msgstr", 1)[1]))
        assert ids == strs, entry
