"""PDF paragraphs: Chinese line-breaking rules, linear breaking, splitting across pages by lines."""

from __future__ import annotations

import io
import subprocess

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from shuxiang.record.model import Activity, Campaign, Figure, Record
from shuxiang.render import pdf_text, render
from shuxiang.render.pdf_out import BODY, LATIN, register_fonts
from shuxiang.render.pdf_text import NO_LINE_END, NO_LINE_START, Fonts, TextFlowable, break_lines, can_break
from tests.render.helpers import need, pdf_fonts
from tests.render.helpers import pdf_text as read_pdf

PUNCTUATED = "苍溪馆于5月28日在同心广场举办了“读书”讲座，到场60余人。" * 40


@pytest.mark.parametrize(
    ("before", "after", "allowed"),
    [
        ("馆", "于", True),
        ("人", "。", False),  # 。 never starts a line
        ("动", "，", False),
        ("书", "”", False),
        ("了", "“", True),
        ("“", "读", False),  # “ never ends a line
        ("《", "中", False),
        ("—", "—", False),  # —— is one mark
        ("0", "余", True),
        ("3", "0", False),  # inside a number
        ("e", "l", False),  # inside a word
        (" ", "h", True),
        ("-", "c", True),  # library-card
    ],
)
def test_can_break_follows_chinese_line_breaking_rules(before, after, allowed):
    assert can_break(before, after) is allowed


def test_break_lines_never_starts_a_line_with_closing_punctuation_nor_ends_one_with_an_opening_mark():
    widths = [10.0] * len(PUNCTUATED)
    for width in (95, 100, 105, 110, 130, 155, 160, 205):
        lines = break_lines(PUNCTUATED, widths, (width - 20, width))
        texts = [PUNCTUATED[line.start : line.end] for line in lines]
        assert "".join(texts) == PUNCTUATED
        assert all(t[0] not in NO_LINE_START for t in texts[1:]), (width, texts)
        assert all(t[-1] not in NO_LINE_END for t in texts[:-1]), (width, texts)
        assert all(line.width <= width + 1e-6 for line in lines)
        assert lines[0].width <= width - 20 + 1e-6


def test_break_lines_keeps_words_and_numbers_whole_and_drops_spaces_at_the_break():
    text = "more than 3,000 leaflets handed out at 同心广场 together with 第12小学"
    widths = [5.0 if ord(c) < 0x2E80 else 10.0 for c in text]
    lines = break_lines(text, widths, (100, 100))
    texts = [text[line.start : line.end] for line in lines]
    words = set(text.replace("同心广场", " ").replace("第12小学", " ").split())
    for t in texts:
        assert t == t.strip()
        for token in t.split():
            if token.isascii():
                assert token in words, texts  # no Latin word cut in two
    assert " ".join(texts).replace(" ", "") == text.replace(" ", "")


def test_a_word_longer_than_the_line_is_cut_rather_than_looping():
    text = "x" * 50
    lines = break_lines(text, [10.0] * 50, (95, 95))
    assert [line.end - line.start for line in lines] == [9, 9, 9, 9, 9, 5]


def test_breaking_measures_each_character_once_per_paragraph(monkeypatch):
    """Linear: the width table is filled once per character kind, and a long paragraph
    is measured with one lookup per character, not one stringWidth call."""
    register_fonts("zh")
    calls = []
    real = pdf_text.pdfmetrics.stringWidth
    monkeypatch.setattr(pdf_text.pdfmetrics, "stringWidth", lambda *a: calls.append(a) or real(*a))
    fonts = Fonts(BODY)
    style = ParagraphStyle("p", fontName=BODY, fontSize=16, leading=28, firstLineIndent=32)
    flowable = TextFlowable(PUNCTUATED * 10, style, fonts)
    flowable.wrap(440, 600)
    assert len(calls) == len(set(PUNCTUATED))
    assert flowable.height == len(flowable.line_texts()) * 28


def test_a_paragraph_split_across_pages_keeps_its_lines(monkeypatch):
    register_fonts("zh")
    style = ParagraphStyle("p", fontName=BODY, fontSize=16, leading=28, firstLineIndent=32)
    flowable = TextFlowable(PUNCTUATED, style, Fonts(BODY))
    flowable.wrap(440, 10_000)
    lines = flowable.line_texts()
    calls = []
    monkeypatch.setattr(pdf_text, "break_lines", lambda *a: calls.append(a))
    head, tail = flowable.split(440, 28 * 5 + 3)
    head.wrap(440, 28 * 5 + 3)
    tail.wrap(440, 10_000)
    assert calls == []  # no re-breaking
    assert head.line_texts() == lines[:5] and tail.line_texts() == lines[5:]
    assert not tail.first
    assert flowable.split(440, 28 * 1) == []  # no orphan first line


def chinese_record() -> Record:
    return Record(
        language="zh",
        reporting_body="古县图书馆",
        campaign=Campaign(name="图书馆服务宣传周", theme="书香中国——阅读引领未来"),
        activities=[
            Activity(
                kind="lecture",
                title=f"“第{i}期”读书讲座",
                library="古县图书馆",
                start="2016-05-28",
                venue="同心广场（东门）",
                figures=[
                    Figure(60 + i, "more_than", "person", "attendees"),
                    Figure(3000, "about", "copy", "leaflets"),
                ],
            )
            for i in range(60)
        ],
    )


def test_chinese_pdf_lines_respect_the_line_start_and_line_end_rules():
    pdf = render(chinese_record(), lang="zh", fmt="pdf")
    lines = [line.strip() for line in read_pdf(pdf).splitlines() if line.strip()]
    assert len(lines) > 60
    starts = [line for line in lines if line[0] in NO_LINE_START]
    ends = [line for line in lines if line[-1] in NO_LINE_END]
    assert not starts and not ends, (starts[:5], ends[:5])


def test_english_pdf_sets_latin_text_in_the_serif_face_and_chinese_names_in_the_cjk_face(tmp_path):
    need("pdffonts")
    pdf = render(chinese_record(), lang="en", fmt="pdf")
    fonts = pdf_fonts(pdf, tmp_path)
    assert "LiberationSerif" in fonts or "DejaVuSerif" in fonts
    assert "UMing" in fonts
    text = read_pdf(pdf)
    assert "held a lecture" in text and "同心广场（东门）" in text.replace("\n", "")


def test_english_pdf_body_is_twelve_point():
    from shuxiang.render.pdf_out import _styles

    styles = _styles("en")
    assert (styles["para"].fontSize, styles["title"].fontSize) == (12, 16)
    assert styles["para"].fontName == LATIN
    assert (_styles("zh")["para"].fontSize, _styles("zh")["title"].fontSize) == (16, 22)


def test_text_flowables_lay_out_a_long_report_breaking_each_paragraph_once(monkeypatch):
    """Every paragraph is broken once, whatever the number of pages it runs over."""
    register_fonts("zh")
    style = ParagraphStyle("p", fontName=BODY, fontSize=16, leading=28, firstLineIndent=32)
    fonts = Fonts(BODY)
    story = [TextFlowable(PUNCTUATED * 3, style, fonts) for _ in range(20)]
    calls = []
    real = pdf_text.break_lines
    monkeypatch.setattr(pdf_text, "break_lines", lambda *a: calls.append(1) or real(*a))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    assert len(calls) == 20
    assert out.getvalue().count(b"/Type /Page\n") > 20  # the paragraphs ran over many pages


def test_pdf_places_every_chart_as_an_image(tmp_path):
    from tests.render.helpers import gold_paths, rendered_gold

    if not gold_paths():
        pytest.skip("no gold records")
    for lang in ("zh", "en"):
        path = tmp_path / f"{lang}.pdf"
        path.write_bytes(rendered_gold("zh-1", lang, "pdf"))
        listing = subprocess.run(
            [need("pdfimages"), "-list", str(path)], capture_output=True, text=True, check=True
        )
        rows = [line.split() for line in listing.stdout.splitlines()[2:]]
        assert [row[2] for row in rows].count("image") == 3  # by kind, by library, by day
        caption = "图1" if lang == "zh" else "Figure 1"
        assert caption in read_pdf(path.read_bytes())
