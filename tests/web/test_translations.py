"""Every django.po under shuxiang/ is complete: no empty msgstr, no fuzzy entry, placeholders kept."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

import shuxiang

PACKAGE = Path(shuxiang.__file__).resolve().parent
PO_FILES = sorted(p for p in PACKAGE.rglob("django.po") if ".venv" not in p.parts)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstrs: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0
    obsolete: bool = False


def parse_po(path: Path) -> list[Entry]:
    """A small reader of the gettext PO format: enough to check completeness."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int | None] | None = None

    def flush() -> None:
        nonlocal current
        if current.line:
            entries.append(current)
        current = Entry()

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            flush()
            target = None
            continue
        if line.startswith("#~"):
            current.obsolete = True
            current.line = current.line or number
            continue
        if line.startswith("#,"):
            if current.line and (current.msgstrs or current.msgid):
                flush()
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
            kind, index = target  # type: ignore[misc]
            if kind == "msgid":
                current.msgid += value
            elif kind == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + value
            else:
                current.msgstrs[index or 0] += value
            continue
        value = ast.literal_eval(rest)
        if keyword == "msgid":
            if current.msgstrs:
                flush()
            current.line = current.line or number
            current.msgid = value
            target = ("msgid", None)
        elif keyword == "msgid_plural":
            current.msgid_plural = value
            target = ("msgid_plural", None)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            current.msgstrs[index] = value
            target = ("msgstr", index)
        elif keyword == "msgctxt":
            current.line = current.line or number
    flush()
    return entries


def problems(path: Path) -> list[str]:
    found = []
    for entry in parse_po(path):
        if entry.obsolete:
            continue
        where = f"{path.name}:{entry.line}"
        if entry.msgid == "":
            if "fuzzy" in entry.flags:
                found.append(f"{where}: the header is marked fuzzy")
            continue
        if "fuzzy" in entry.flags:
            found.append(f"{where}: fuzzy translation of {entry.msgid!r}")
        if not entry.msgstrs or any(not s for s in entry.msgstrs.values()):
            found.append(f"{where}: no translation for {entry.msgid!r}")
            continue
        wanted = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        for text in entry.msgstrs.values():
            if set(PLACEHOLDER.findall(text)) - wanted:
                found.append(f"{where}: placeholder not in the source of {entry.msgid!r}")
    return found


def test_there_are_po_files_to_check():
    assert any("web" in p.parts for p in PO_FILES)
    assert any(p.parent.parent.parent == PACKAGE / "locale" for p in PO_FILES)


@pytest.mark.parametrize("path", PO_FILES, ids=[str(p.relative_to(PACKAGE)) for p in PO_FILES])
def test_every_message_is_translated_and_none_is_fuzzy(path):
    assert problems(path) == [], path


def test_the_checker_catches_missing_fuzzy_and_plural_gaps(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: zh_Hans\\n"\n\n'
        'msgid "ok"\nmsgstr "好"\n\n'
        'msgid "missing"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "fuzzy %(n)s"\nmsgstr "模糊 %(n)s"\n\n'
        'msgid "one %(counter)s"\nmsgid_plural "many %(counter)s"\nmsgstr[0] ""\n\n'
        'msgid ""\n"multi "\n"line"\nmsgstr ""\n"多"\n"行"\n\n'
        'msgid "bad %(name)s"\nmsgstr "坏 %(other)s"\n\n'
        '#~ msgid "gone"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    found = "\n".join(problems(po))
    assert "'missing'" in found
    assert "fuzzy translation of 'fuzzy %(n)s'" in found
    assert "'one %(counter)s'" in found
    assert "multi line" not in found
    assert "placeholder not in the source of 'bad %(name)s'" in found
    assert "'ok'" not in found and "gone" not in found


def test_compiled_catalogue_gives_chinese_for_vocabulary_free_strings(db):
    """The .mo files are built (make messages) and used: a page string comes out in Chinese."""
    with translation.override("zh-hans"):
        body = Client().get("/").content.decode()
    assert "图书馆主题活动" in body
