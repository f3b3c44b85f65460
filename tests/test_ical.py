"""shuxiang.ical: the iCalendar text escaping and line folding every calendar file uses."""

from __future__ import annotations

import pytest

from shuxiang.ical import escape, fold


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"])
def test_escape_turns_every_line_break_into_an_escaped_newline(newline):
    escaped = escape(f"讲座{newline}URL:https://evil.example/pay")
    assert escaped == "讲座\\nURL:https://evil.example/pay"
    assert len(escaped.splitlines()) == 1


def test_escape_escapes_separators_and_drops_other_control_characters():
    assert escape("a\\b;c,d") == "a\\\\b\\;c\\,d"
    assert escape("a\x00b\x1bc\x7fd\te") == "abcd\te"


def test_fold_never_splits_a_chinese_character():
    line = "SUMMARY:" + "书" * 60
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
