"""HTML escaping and links, the DOCX's official-document layout, the PDF's embedded CJK font."""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from shuxiang.record.model import Activity, Campaign, Figure, Media, Record
from shuxiang.render import FORMATS, render
from shuxiang.render.fonts import find_font
from shuxiang.render.pdf_out import BODY, register_fonts
from tests.render.helpers import READERS, gold_paths, pdf_fonts, pdf_text, rendered_gold, squash

EVIL = "<script>alert('x')</script>"


def hostile_record() -> Record:
    return Record(
        language="zh",
        title=f"总结{EVIL}",
        reporting_body="某馆&<b>",
        campaign=Campaign(name="服务周", theme=EVIL),
        libraries=[f"馆{EVIL}"],
        activities=[
            Activity(
                kind="lecture",
                title=EVIL,
                library=f"馆{EVIL}",
                venue='"><img src=x onerror=alert(1)>',
                partners=[EVIL],
                figures=[Figure(60, "more_than", "person", "attendees")],
            )
        ],
        media=[Media(outlet=EVIL)],
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_escapes_every_record_string(lang):
    out = render(hostile_record(), lang=lang, fmt="html").decode()
    assert "<script>" not in out
    assert "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(" in out
    assert "某馆&amp;&lt;b&gt;" in out


def test_markdown_escapes_record_markup():
    out = render(hostile_record(), lang="zh", fmt="md").decode()
    assert "<script>" not in out
    assert r"\<script\>" in out


def test_html_links_each_number_to_its_activity():
    record = hostile_record()
    record.figures.append(Figure(10000, "nearly", "person", "participants"))
    seen = []

    def link(activity, figure):
        seen.append((activity.title if activity else None, figure.value))
        return f'/activities/{"report" if activity is None else 7}?q="x"'

    out = render(record, lang="zh", fmt="html", figure_links=link).decode()
    assert '<a class="figure" href="/activities/7?q=&#34;x&#34;">60余人</a>' in out
    assert '<a class="figure" href="/activities/report?q=&#34;x&#34;">近万</a>' in out.replace(
        "人</a>", "</a>"
    ) or ("近万人</a>" in out)
    assert (EVIL, 60) in seen and (None, 10000) in seen


def test_html_fragment_is_the_article_only():
    out = render(hostile_record(), lang="en", fmt="html", extra={"fragment": True}).decode()
    assert out.startswith('<article class="shuxiang-report" lang="en">')
    assert "<html" not in out


def test_html_charts_are_inline_svg():
    out = rendered_gold("zh-1", "zh", "html").decode()
    assert out.count("<svg") == 3  # by kind, by library, by day
    assert "图1 各类活动参与人数" in out


def _docx(name="zh-1", lang="zh"):
    return docx.Document(io.BytesIO(rendered_gold(name, lang, "docx")))


def test_docx_has_a4_page_and_gb9704_margins():
    section = _docx().sections[0]

    def mm(length):  # Word stores lengths in twips: compare to a tenth of a millimetre
        return round(length / Mm(1), 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37, 35)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28, 26)


def test_docx_title_in_xiaobiaosong_22pt_and_body_in_fangsong_16pt():
    doc = _docx()
    title = doc.paragraphs[0]
    assert title.text == "图书馆服务宣传周活动总结 1"
    assert title.style.font.size == Pt(22)
    assert title.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    body = next(p for p in doc.paragraphs if p.text.startswith("根据"))
    assert body.style.name == "Normal"
    font_table = doc.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    ).blob.decode()
    assert re.search(r'w:name="仿宋_GB2312".*?w:altName w:val="仿宋"', font_table, re.S)
    assert re.search(r'w:name="方正小标宋简体".*?w:altName w:val="宋体"', font_table, re.S)


def test_docx_footer_carries_a_page_field_in_dashes():
    section = _docx().sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")


def test_docx_embeds_the_charts_as_png():
    doc = _docx()
    images = [p for p in doc.part.package.parts if p.content_type == "image/png"]
    assert len(images) == 3


def test_pdf_embeds_a_cjk_truetype_font(tmp_path):
    fonts = pdf_fonts(rendered_gold("zh-1", "zh", "pdf"), tmp_path)
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    cjk = [row for row in rows if "UMing" in row or "ZenHei" in row or "UKai" in row]
    assert cjk, fonts
    for row in cjk:
        assert "TrueType" in row and " yes " in row  # embedded (emb column), as a subset
    # ReportLab's canvas names Helvetica as its initial font; no text is set in it.
    assert all(row.startswith("Helvetica") or row in cjk for row in rows), fonts


def test_pdf_text_comes_back_as_chinese():
    text = squash(pdf_text(rendered_gold("zh-1", "zh", "pdf")))
    assert "现将活动开展情况报告如下" in text and "特此报告。" in text


@pytest.mark.skipif(not gold_paths(), reason="no gold records")
def test_pdf_font_has_a_glyph_for_every_character_written():
    """No tofu: pdftotext would return a character even where the font draws a box."""
    register_fonts()
    from reportlab.pdfbase import pdfmetrics

    cmap = pdfmetrics.getFont(BODY).face.charToGlyph
    for name in ("zh-1", "en-4"):
        for lang in ("zh", "en"):
            text = READERS["md"](rendered_gold(name, lang, "md"))
            missing = {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}
            assert not missing, f"{find_font('pdf_body').path} lacks {missing}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_empty_record_still_renders(lang, fmt):
    record = Record(language="zh")
    text = READERS[fmt](render(record, lang=lang, fmt=fmt))
    assert ("活动总结" in text and "特此报告" in text) if lang == "zh" else "Respectfully submitted" in text


def test_nulls_everywhere_render_without_invented_facts():
    record = Record(
        language="en",
        activities=[Activity(kind="other"), Activity(kind="lecture", figures=[Figure(5, "exact", "other")])],
    )
    md = render(record, lang="zh", fmt="md").decode()
    assert "开展了其他活动" in md and "举办了讲座，5" in md
    assert "年" not in md.split("## ")[0]  # no date invented in the opening
    en = render(record, lang="en", fmt="md").decode()
    assert "A lecture was held: 5." in en
