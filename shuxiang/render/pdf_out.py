"""PDF with ReportLab: the same page as the DOCX (A4, GB/T 9704 margins), CJK glyphs embedded.

The fonts are TrueType files from the Debian packages the project installs, found
by path (:mod:`.fonts`) and embedded as subsets, so Chinese never turns into tofu
and ``pdftotext`` gives the text back. Page numbers "— 1 —", odd right, even left.
"""

from __future__ import annotations

import io
import re
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer

from shuxiang.render.blocks import Block
from shuxiang.render.charts import ChartSet
from shuxiang.render.docx_out import BODY_PT, LINE_PT, MARGINS_MM, PAGE_PT, TITLE_PT
from shuxiang.render.fonts import find_font

BODY, HEADING, LATIN = "ShuxiangBody", "ShuxiangHeading", "ShuxiangLatin"
# Runs of CJK characters (and CJK punctuation) in English text, set in the CJK face.
_CJK_RUN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”—]+")


@cache
def register_fonts() -> tuple[str, str]:
    """Register the body and heading fonts with ReportLab (once); raises FontNotFoundError."""
    for name, purpose in ((BODY, "pdf_body"), (HEADING, "pdf_heading"), (LATIN, "pdf_latin")):
        font = find_font(purpose)
        pdfmetrics.registerFont(TTFont(name, str(font.path), subfontIndex=font.index))
    return BODY, HEADING


def _markup(text: str, lang: str) -> str:
    """Paragraph markup: escaped text; in English, Chinese runs switch to the CJK face."""
    text = escape(text)
    if lang == "zh":
        return text
    return _CJK_RUN.sub(lambda m: f'<font name="{BODY}">{m.group(0)}</font>', text)


def _styles(lang: str) -> dict[str, ParagraphStyle]:
    wrap = "CJK" if lang == "zh" else None
    base = BODY if lang == "zh" else LATIN
    body = ParagraphStyle(
        "body",
        fontName=base,
        fontSize=BODY_PT,
        leading=LINE_PT,
        firstLineIndent=2 * BODY_PT,
        alignment=TA_LEFT,
        wordWrap=wrap,
    )
    return {
        "para": body,
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=base,
            fontSize=TITLE_PT,
            leading=36,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=LINE_PT,
        ),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=HEADING, firstLineIndent=2 * BODY_PT, keepWithNext=1
        ),
        "h3": ParagraphStyle("h3", parent=body, fontName=base, firstLineIndent=2 * BODY_PT, keepWithNext=1),
        "right": ParagraphStyle(
            "right", parent=body, alignment=TA_RIGHT, firstLineIndent=0, rightIndent=4 * BODY_PT
        ),
        "noindent": ParagraphStyle("noindent", parent=body, firstLineIndent=0),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0),
        "caption": ParagraphStyle(
            "caption",
            parent=body,
            fontSize=14,
            leading=22,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=10,
        ),
    }


def _page_number(canvas, doc) -> None:
    page = canvas.getPageNumber()
    text = f"— {page} —"
    canvas.saveState()
    canvas.setFont(BODY, PAGE_PT)
    y = MARGINS_MM["bottom"] * mm - 7 * mm - PAGE_PT
    if page % 2:
        canvas.drawRightString(A4[0] - MARGINS_MM["right"] * mm - PAGE_PT, y, text)
    else:
        canvas.drawString(MARGINS_MM["left"] * mm + PAGE_PT, y, text)
    canvas.restoreState()


def to_pdf(blocks: list[Block], charts: ChartSet, lang: str, *, title: str = "") -> bytes:
    register_fonts()
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
                story.append(Paragraph(_markup(block.text, lang), styles["caption"]))
        elif block.kind in styles:
            story.append(Paragraph(_markup(block.text, lang), styles[block.kind]))
        elif block.kind == "para":
            story.append(Paragraph(_markup(block.text, lang), styles.get(block.style, styles["para"])))
    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return out.getvalue()
