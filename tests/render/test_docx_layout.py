"""DOCX type sizes per language, and paragraphs added in linear time."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.document import CT_Body
from docx.oxml.ns import qn
from docx.shared import Pt

from shuxiang.record.model import Activity, Figure, Record
from shuxiang.render import render
from shuxiang.render.docx_out import LAYOUTS

from .test_cli_and_templates import small_record


def _doc(lang: str, record: Record | None = None):
    return docx.Document(io.BytesIO(render(record or small_record(), lang=lang, fmt="docx")))


def _east_asia(style) -> str | None:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_english_docx_has_a_16pt_bold_title_and_12pt_times_body():
    doc = _doc("en")
    title = doc.styles["Report Title"]
    assert title.font.size == Pt(16) and title.font.bold is True
    assert title.font.name == "Times New Roman"
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(12) and normal.font.name == "Times New Roman"
    assert normal.paragraph_format.line_spacing == Pt(18)
    assert _east_asia(normal) == "仿宋_GB2312"  # Chinese names in an English report still have a face
    for name in ("Report Heading 1", "Report Heading 2"):
        heading = doc.styles[name]
        assert heading.font.size == Pt(12) and heading.font.bold is True
        assert heading.paragraph_format.first_line_indent == Pt(0)
    footer = doc.sections[0].footer.paragraphs[0]
    assert {run.font.size for run in footer.runs} == {Pt(12)}


def test_chinese_docx_keeps_gb9704_sizes_and_faces():
    doc = _doc("zh")
    title, normal = doc.styles["Report Title"], doc.styles["Normal"]
    assert title.font.size == Pt(22) and _east_asia(title) == "方正小标宋简体"
    assert title.font.bold is False
    assert normal.font.size == Pt(16) and _east_asia(normal) == "仿宋_GB2312"
    assert normal.paragraph_format.line_spacing == Pt(28)
    assert normal.paragraph_format.first_line_indent == Pt(32)  # two characters
    h2 = doc.styles["Report Heading 1"]
    assert _east_asia(h2) == "黑体" and h2.font.bold is None and h2.font.size == Pt(16)
    assert _east_asia(doc.styles["Report Heading 2"]) == "楷体_GB2312"
    footer = doc.sections[0].footer.paragraphs[0]
    assert {run.font.size for run in footer.runs} == {Pt(14)}  # 4号


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_docx_styles_follow_the_shared_layout_table(lang):
    doc = _doc(lang)
    size = LAYOUTS[lang]
    assert doc.styles["Report Title"].font.size == Pt(size.title)
    assert doc.styles["Normal"].font.size == Pt(size.body)
    assert doc.styles["Report Caption"].font.size == Pt(size.caption)


def test_docx_paragraphs_go_before_the_section_properties_without_body_add_p(monkeypatch):
    """body.add_p() looks the closing w:sectPr up from the first child on each call: quadratic."""

    def refuse(self):
        raise AssertionError("body.add_p() is quadratic in the number of paragraphs")

    monkeypatch.setattr(CT_Body, "add_p", refuse)
    record = Record(
        language="zh",
        activities=[
            Activity(
                kind="lecture",
                title=f"讲座{i}",
                library=f"{i % 7}馆",
                figures=[Figure(i + 1, "exact", "person")],
            )
            for i in range(200)
        ],
    )
    doc = _doc("zh", record)
    body = doc.element.body
    assert body[-1].tag == qn("w:sectPr")
    texts = [p.text for p in doc.paragraphs]
    assert texts[0].endswith("活动总结") and texts[-1] == "特此报告。"
    assert sum("讲座" in t for t in texts) >= 200 // 12
