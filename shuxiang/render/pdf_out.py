"""PDF with ReportLab: the same page as the DOCX (A4, GB/T 9704 margins), CJK glyphs embedded.

The fonts are TrueType files from the Debian packages the project installs, found
by path (:mod:`.fonts`) and embedded as subsets, so Chinese never turns into tofu
and ``pdftotext`` gives the text back. Page numbers "— 1 —", odd right, even left.
Paragraphs are :class:`.pdf_text.TextFlowable` (plain text, Chinese line-breaking
rules, linear time), not ReportLab's ``Paragraph``; type sizes follow the DOCX
(:data:`.docx_out.LAYOUTS`): GB/T 9704 in Chinese, 12 pt body in English.
"""

from __future__ import annotations

import io
from functools import cache

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, SimpleDocTemplate, Spacer

from shuxiang.render.blocks import Block
from shuxiang.render.charts import ChartSet
from shuxiang.render.docx_out import LAYOUTS, MARGINS_MM
from shuxiang.render.fonts import find_font
from shuxiang.render.pdf_text import Fonts, TextFlowable

BODY, HEADING, KAI = "ShuxiangBody", "ShuxiangHeading", "ShuxiangKai"
LATIN, LATIN_BOLD = "ShuxiangLatin", "ShuxiangLatinBold"
_PURPOSES = {
    BODY: "pdf_body",
    HEADING: "pdf_heading",
    KAI: "pdf_kai",
    LATIN: "pdf_latin",
    LATIN_BOLD: "pdf_latin_bold",
}


@cache
def register_font(name: str) -> str:
    """Register one of the report's faces with ReportLab (once); raises FontNotFoundError."""
    font = find_font(_PURPOSES[name])
    pdfmetrics.registerFont(TTFont(name, str(font.path), subfontIndex=font.index))
    return name


def register_fonts(lang: str = "zh") -> tuple[str, str]:
    """Register the faces a report in ``lang`` uses (each file is parsed once per process:
    a CJK collection takes a third of a second); returns the body and heading faces."""
    names = (BODY, HEADING, KAI) if lang == "zh" else (BODY, LATIN, LATIN_BOLD)
    for name in names:
        register_font(name)
    return (BODY, HEADING) if lang == "zh" else (LATIN, LATIN_BOLD)


@cache
def _fonts(main: str, cjk: str | None) -> Fonts:
    """Character widths are cached per face for the life of the process."""
    return Fonts(main, cjk)


def _styles(lang: str) -> dict[str, ParagraphStyle]:
    size = LAYOUTS[lang]
    zh = lang == "zh"
    body = ParagraphStyle(
        "body",
        fontName=BODY if zh else LATIN,
        fontSize=size.body,
        leading=size.line,
        firstLineIndent=size.indent,
        alignment=TA_LEFT,
    )
    heading = ParagraphStyle(
        "heading",
        parent=body,
        firstLineIndent=size.heading_indent,
        keepWithNext=1,
    )
    return {
        "para": body,
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=BODY if zh else LATIN_BOLD,
            fontSize=size.title,
            leading=size.title_line,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=size.line,
        ),
        # zh: 黑体 part headings, 楷体 group headings (GB/T 9704); en: bold.
        "h2": ParagraphStyle(
            "h2", parent=heading, fontName=HEADING if zh else LATIN_BOLD, spaceBefore=size.heading_space
        ),
        "h3": ParagraphStyle("h3", parent=heading, fontName=KAI if zh else LATIN_BOLD),
        "right": ParagraphStyle(
            "right", parent=body, alignment=TA_RIGHT, firstLineIndent=0, rightIndent=size.signature_indent
        ),
        "noindent": ParagraphStyle("noindent", parent=body, firstLineIndent=0),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0),
        "caption": ParagraphStyle(
            "caption",
            parent=body,
            fontSize=size.caption,
            leading=size.caption * 1.6,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=10,
        ),
    }


def _page_number_drawer(size: float):
    def draw(canvas, doc) -> None:
        page = canvas.getPageNumber()
        text = f"— {page} —"
        canvas.saveState()
        canvas.setFont(BODY, size)
        y = MARGINS_MM["bottom"] * mm - 7 * mm - size
        if page % 2:
            canvas.drawRightString(A4[0] - MARGINS_MM["right"] * mm - size, y, text)
        else:
            canvas.drawString(MARGINS_MM["left"] * mm + size, y, text)
        canvas.restoreState()

    return draw


def _text(text: str, style: ParagraphStyle, lang: str) -> TextFlowable:
    """A paragraph: in Chinese all in its style's face; in English, Chinese runs in the CJK face."""
    return TextFlowable(text, style, _fonts(style.fontName, None if lang == "zh" else BODY))


def to_pdf(blocks: list[Block], charts: ChartSet, lang: str, *, title: str = "") -> bytes:
    register_fonts(lang)
    styles = _styles(lang)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        topMargin=MARGINS_MM["top"] * mm,
        bottomMargin=MARGINS_MM["bottom"] * mm,
        leftMargin=MARGINS_MM["left"] * mm,
        rightMargin=MARGINS_MM["right"] * mm,
        title=title,
        author="shuxiang",
        creator="shuxiang",
        invariant=1,  # no timestamps or random ids: the same record gives the same bytes
    )
    story = []
    for block in blocks:
        if block.kind == "chart":
            png = charts.png(block.style)
            width_px, height_px = ImageReader(io.BytesIO(png)).getSize()
            width = doc.width * 0.92
            story.append(Spacer(1, 6))
            story.append(Image(io.BytesIO(png), width=width, height=width * height_px / width_px))
            if block.text:
                story.append(_text(block.text, styles["caption"], lang))
        elif block.kind in styles:
            story.append(_text(block.text, styles[block.kind], lang))
        elif block.kind == "para":
            story.append(_text(block.text, styles.get(block.style, styles["para"]), lang))
    page_number = _page_number_drawer(LAYOUTS[lang].page)
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return out.getvalue()
