"""The text checks every service shares (shuxiang.web.validation): lengths, control characters."""

from __future__ import annotations

import pytest
from django.utils import translation

from shuxiang.activities.models import Activity
from shuxiang.web.validation import check_text, control_character, is_multiline, max_length

# Each ends a line somewhere an export writes one: an .ics property, a CSV row, a Word run.
ONE_LINE_BREAKERS = ["\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1b", "\x7f", "\x85"]


@pytest.mark.parametrize("char", ONE_LINE_BREAKERS)
def test_a_one_line_text_refuses_every_control_character_tabs_and_line_breaks_included(char):
    errors: dict[str, list[str]] = {}
    with translation.override("en"):
        check_text(errors, "title", f"讲座{char}URL:https://evil.example", limit=300)
    code = f"{ord(char[0]):04X}"
    assert errors == {
        "title": [
            f"This text contains a control character (U+{code}), such as a tab or a line break: "
            "keep it to one line of plain text."
        ]
    }


@pytest.mark.parametrize("text", ["第一段\n第二段", "第一段\r\n第二段", "名称\t数量", ""])
def test_a_multi_line_text_keeps_line_breaks_crlf_and_tabs(text):
    errors: dict[str, list[str]] = {}
    check_text(errors, "description", text, limit=None, multiline=True)
    assert errors == {}


@pytest.mark.parametrize("char", ["\r", "\x0b", "\x1b", "\x07"])
def test_a_multi_line_text_refuses_a_bare_cr_and_other_control_characters(char):
    errors: dict[str, list[str]] = {}
    with translation.override("zh-hans"):
        check_text(errors, "description", f"第一段{char}第二段", limit=None, multiline=True)
    code = f"{ord(char):04X}"
    assert errors == {
        "description": [f"文本中含有控制字符（U+{code}）：只可保留换行和制表符，请删除其他控制字符。"]
    }


@pytest.mark.parametrize("multiline", [False, True])
def test_a_null_character_gets_its_own_message_in_any_text(multiline):
    errors: dict[str, list[str]] = {}
    with translation.override("zh-hans"):
        check_text(errors, "note", "讲\x00座", limit=10, multiline=multiline)
    assert errors == {"note": ["文本中含有空字符（U+0000），请删除。"]}


def test_the_length_limit_counts_characters_and_names_both_numbers():
    errors: dict[str, list[str]] = {}
    check_text(errors, "venue", "字" * 3, limit=3)
    assert errors == {}
    with translation.override("en"):
        check_text(errors, "venue", "字" * 4, limit=3)
    assert errors == {"venue": ["Keep this to 3 characters or fewer (it has 4)."]}


def test_limits_and_line_kinds_are_read_from_the_model_fields():
    assert max_length(Activity, "title") == Activity._meta.get_field("title").max_length
    assert max_length(Activity, "no_such_field") is None
    assert is_multiline(Activity, "description") and not is_multiline(Activity, "title")


def test_printable_text_beyond_ascii_is_not_a_control_character():
    assert control_character("书香 · Book Week — 2016年（第一届）\u3000") is None
