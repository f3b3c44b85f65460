"""Record text that looks like Markdown (or a line break) never becomes structure, in any format."""

from __future__ import annotations

import re

import pytest

from shuxiang.record.model import Activity, Campaign, Figure, Record
from shuxiang.render import FORMATS, render
from shuxiang.render.blocks import parse
from shuxiang.render.text import md_escape, render_text
from tests.render.helpers import READERS, squash

MARKDOWNISH = {
    "heading": "# 伪标题",
    "list": "- 列表项",
    "ordered": "1. 第一馆",
    "emphasis": "*强调*馆_名_",
    "link": "[点我](http://example.com)",
    "code": "`代码`馆",
    "html": "<b>粗体</b>馆",
    "rule": "---",
}


def markdownish_record() -> Record:
    return Record(
        language="zh",
        title="# 伪造的标题",
        addressee="# 市文广新局",
        reporting_body="1. 某某图书馆",
        campaign=Campaign(name="服务周", theme="*书香*"),
        libraries=list(MARKDOWNISH.values()),
        activities=[
            Activity(
                kind="lecture",
                title=title,
                library=library,
                venue="[报告厅](x)",
                figures=[Figure(60, "more_than", "person", "attendees")],
            )
            for library, title in zip(
                MARKDOWNISH.values(), ["`讲座`", "_读书_", "<i>会</i>"] * 3, strict=False
            )
        ],
    )


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# 伪标题", r"\# 伪标题"),
        ("- 列表项", r"\- 列表项"),
        ("+ 列表项", r"\+ 列表项"),
        ("1. 第一馆", r"1\. 第一馆"),
        ("2) 第二馆", r"2\) 第二馆"),
        ("---", r"\---"),
        ("~~~", r"\~~~"),
        ("*强调*_名_", r"\*强调\*\_名\_"),
        ("[点我](http://x)", r"\[点我\](http://x)"),
        ("`代码`", r"\`代码\`"),
        ("<b>馆</b>", r"\<b\>馆\</b\>"),
    ],
)
def test_md_escape_backslashes_markup_and_line_start_markers(text, escaped):
    assert md_escape(text) == escaped


@pytest.mark.parametrize("text", ["3000余份", "2.5万人", "-5", "1馆", "12.5", "第1-2期"])
def test_md_escape_leaves_numbers_and_plain_text_alone(text):
    assert md_escape(text) == text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_has_no_structure_from_record_text(lang):
    md = render(markdownish_record(), lang=lang, fmt="md").decode()
    lines = md.splitlines()
    headings = [line for line in lines if line.startswith("#")]
    # the title, the four parts, the one kind group: the template's own headings only
    assert len(headings) == 1 + 3 + 1, headings
    assert not [line for line in lines if re.match(r"\s*([-+*]\s|\d+[.)]\s|---|~~~|```)", line)]
    assert "\\# 市文广新局" in md and "1\\. 某某图书馆" in md
    assert "\\[报告厅\\](x)" in md and "\\`讲座\\`" in md and "\\<i\\>会\\</i\\>" in md
    # and the reader gets the names back as written
    text = READERS["md"](md.encode())
    for name in MARKDOWNISH.values():
        assert name in text


@pytest.mark.parametrize("mode", ["plain", "html"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_record_text_starting_with_a_hash_is_no_heading_in_the_other_formats(lang, mode):
    text, _ = render_text(markdownish_record(), lang, mode)
    blocks = parse(text)
    assert [b.kind for b in blocks].count("title") == 1
    assert len([b for b in blocks if b.kind == "h2"]) == 3
    addressee = next(b for b in blocks if "市文广新局" in b.text)
    assert addressee.kind == "para" and addressee.text.startswith(("# 市文广新局", "Dear # 市文广新局"))
    signature = [b for b in blocks if b.style == "right"]
    assert signature and "1. 某某图书馆" in signature[0].text
    assert all("\u200b" not in b.text for b in blocks)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_line_break_in_record_text_does_not_end_the_paragraph(fmt):
    record = Record(
        language="zh",
        reporting_body="古县图书馆",
        activities=[Activity(kind="lecture", title="读书\n\n## 伪造的部分\n讲座", library="古县馆")],
    )
    out = render(record, lang="zh", fmt=fmt)
    text = READERS[fmt](out)
    assert "伪造的部分" in text
    if fmt == "md":
        assert "\n## 伪造的部分" not in out.decode()
    if fmt == "html":
        assert "<h2>伪造的部分" not in out.decode()
    if fmt == "docx":
        assert "## 伪造的部分" in text  # one paragraph, as written
    assert "读书##伪造的部分讲座" in squash(text)
