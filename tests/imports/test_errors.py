"""Messages of refused imports list names the way the reader's language does."""

from __future__ import annotations

from django.utils import translation

from shuxiang.imports.errors import listed


def test_names_in_a_message_are_listed_with_chinese_or_english_punctuation():
    with translation.override("zh-hans"):
        assert listed(["苍溪馆", "旺苍馆", "青川馆"]) == "苍溪馆、旺苍馆和青川馆"
    with translation.override("en"):
        assert listed(["Storytime", "Author talk", "Book sale"]) == "Storytime, Author talk and Book sale"
        assert listed(["Storytime"]) == "Storytime"
