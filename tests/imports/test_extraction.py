"""Reading an upload: files past the limits of shuxiang.extract.limits get a message of their own."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from shuxiang.extract import limits
from shuxiang.imports.extraction import read_upload
from tests.extract.word_files import DOCUMENT, forge, make_bomb, make_docx


def refusal(name: str, data: bytes) -> list[str]:
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        read_upload(name, data)
    return refused.value.message_dict["file"]


def test_a_word_file_too_large_once_unpacked_is_refused_with_a_translated_message(caplog):
    bomb = make_bomb(limits.MAX_XML_BYTES + 1024 * 1024)
    assert refusal("report.docx", bomb) == [
        "This Word file is too large once unpacked. Paste its text instead."
    ]
    assert "holds 21" in caplog.text  # the log says which limit


def test_a_web_page_with_too_many_tags_is_refused_with_its_own_message():
    page = ("<p>" * (limits.MAX_HTML_TAGS + 1)).encode()
    assert refusal("page.html", page) == [
        "This web page has too many tags to read. Paste the text of the report instead."
    ]


def test_a_word_file_whose_directory_lies_about_a_size_is_refused_as_damaged():
    lying = forge(make_bomb(3 * 1024 * 1024), DOCUMENT, file_size=1000)
    assert refusal("report.docx", lying) == ["the .docx file is damaged (BadZipFile)"]


def test_an_ordinary_word_file_is_read():
    report = make_docx("图书馆服务宣传周活动总结", "5月27日，我馆举办讲座，60余名读者参加。", picture=True)
    assert read_upload("report.docx", report).startswith(
        "图书馆服务宣传周活动总结\n5月27日，我馆举办讲座，60余名读者参加。"
    )
