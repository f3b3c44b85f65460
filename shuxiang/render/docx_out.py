"""DOCX: in Chinese, the form of an official document (GB/T 9704-2012); in English, a plain report.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. Chinese: title in
方正小标宋简体 2号 (22 pt), body in 仿宋_GB2312 3号 (16 pt) at a fixed 28 pt line, first
line indented two characters, part headings in 黑体 and group headings in 楷体_GB2312,
both 3号; page numbers "— 1 —" in 4号 宋体, odd pages on the right and even pages on
the left, one character in from the edge. English: title 16 pt bold, body 12 pt Times
New Roman at a fixed 18 pt line (one and a half lines), first line indented half an
inch, headings 12 pt bold (groups bold italic), page numbers 12 pt (:data:`LAYOUTS`;
the PDF uses the same sizes).

Chinese font names are set on the ``w:eastAsia`` attribute (Word picks the East Asian
font from it, not from ``w:ascii``; an English report keeps them for Chinese names),
and the font table names a fallback (``w:altName``: 宋体, 仿宋, 黑体, 楷体) for
machines without the GB2312-era fonts. All formatting lives in styles, so paragraphs
are cheap to add (5,000 activities render in about a second, 50,000 in ten).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from shuxiang.render.blocks import Block
from shuxiang.render.charts import ChartSet

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H2_FONT = "黑体"
H3_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# Font-table fallbacks: the name Word substitutes when the first is not installed.
ALT_NAMES = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", H2_FONT: "SimHei", H3_FONT: "楷体", PAGE_FONT: "SimSun"}

MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}


@dataclass(frozen=True)
class Layout:
    """The type sizes of a report in one language, in points (the DOCX and the PDF share them)."""

    title: float  # title size
    title_line: float  # title line height
    body: float  # body size; headings are the same size
    line: float  # body line height (exact)
    indent: float  # first-line indent of body paragraphs
    heading_indent: float  # first-line indent of headings
    heading_space: float  # space above a part heading
    caption: float  # chart caption size
    page: float  # page number size
    signature_indent: float  # right indent of the signature lines


LAYOUTS = {
    # GB/T 9704: 2号 title, 3号 body at a 28 pt line, headings and body indented two
    # characters, 4号 page numbers, the signature four characters in from the right.
    "zh": Layout(
        title=22,
        title_line=36,
        body=16,
        line=28,
        indent=32,
        heading_indent=32,
        heading_space=0,
        caption=14,
        page=14,
        signature_indent=64,
    ),
    # English: 16 pt bold title, 12 pt Times body at one and a half lines, half-inch indent.
    "en": Layout(
        title=16,
        title_line=24,
        body=12,
        line=18,
        indent=36,
        heading_indent=0,
        heading_space=9,
        caption=11,
        page=12,
        signature_indent=0,
    ),
}
TITLE_PT, BODY_PT, PAGE_PT, LINE_PT = 22, 16, 14, 28  # the Chinese sizes, by their GB/T names


def _set_fonts(style_or_run, east_asia: str, latin: str) -> None:
    font = style_or_run.font
    font.name = latin
    r_fonts = style_or_run.element.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), east_asia)
    r_fonts.set(qn("w:ascii"), latin)
    r_fonts.set(qn("w:hAnsi"), latin)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme_attr), None)


def _paragraph_style(doc, name: str, *, base=None, east_asia: str, latin: str, size: int):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base is not None:
        style.base_style = base
    _set_fonts(style, east_asia, latin)
    style.font.size = Pt(size)
    style.font.color.rgb = RGBColor(0, 0, 0)
    return style


def _outline(style, level: int) -> None:
    p_pr = style.element.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    p_pr.append(outline)


def _styles(doc, lang: str) -> dict[str, object]:
    size = LAYOUTS[lang]
    zh = lang == "zh"
    latin_body = BODY_FONT if zh else LATIN_FONT
    normal = doc.styles["Normal"]
    _set_fonts(normal, BODY_FONT, latin_body)
    normal.font.size = Pt(size.body)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(size.line)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(size.indent)  # zh 首行缩进两字; en half an inch
    fmt.widow_control = False

    title = _paragraph_style(
        doc,
        "Report Title",
        base=normal,
        east_asia=TITLE_FONT,
        latin=TITLE_FONT if zh else LATIN_FONT,
        size=size.title,
    )
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(size.title_line)
    title.paragraph_format.space_after = Pt(size.line)
    title.font.bold = not zh  # 小标宋 is bold by design; Times is not
    _outline(title, 0)

    h2 = _paragraph_style(
        doc, "Report Heading 1", base=normal, east_asia=H2_FONT, latin=latin_body, size=size.body
    )
    h2.paragraph_format.keep_with_next = True
    _outline(h2, 1)
    h3 = _paragraph_style(
        doc, "Report Heading 2", base=normal, east_asia=H3_FONT, latin=latin_body, size=size.body
    )
    h3.paragraph_format.keep_with_next = True
    _outline(h3, 2)
    if not zh:  # Chinese headings are set apart by their faces (黑体, 楷体) and indented like the body
        h2.font.bold = h3.font.bold = h3.font.italic = True
        for heading in (h2, h3):
            heading.paragraph_format.first_line_indent = Pt(size.heading_indent)
        h2.paragraph_format.space_before = Pt(size.heading_space)

    caption = _paragraph_style(
        doc, "Report Caption", base=normal, east_asia=BODY_FONT, latin=latin_body, size=size.caption
    )
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.paragraph_format.space_after = Pt(size.line / 2)

    figure = _paragraph_style(
        doc, "Report Figure", base=normal, east_asia=BODY_FONT, latin=latin_body, size=size.body
    )
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.first_line_indent = Pt(0)
    figure.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    figure.paragraph_format.keep_with_next = True

    right = _paragraph_style(
        doc, "Report Signature", base=normal, east_asia=BODY_FONT, latin=latin_body, size=size.body
    )
    right.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    right.paragraph_format.first_line_indent = Pt(0)
    right.paragraph_format.right_indent = Pt(size.signature_indent)  # 落款右空四字

    noindent = _paragraph_style(
        doc, "Report Addressee", base=normal, east_asia=BODY_FONT, latin=latin_body, size=size.body
    )
    noindent.paragraph_format.first_line_indent = Pt(0)
    return {
        "title": title,
        "h2": h2,
        "h3": h3,
        "para": normal,
        "right": right,
        "noindent": noindent,
        "center": caption,
        "caption": caption,
        "figure": figure,
    }


def _page_number(paragraph, *, align, indent_side: str, size: float = PAGE_PT) -> None:
    """ "— 1 —" with a PAGE field (zh 4号 宋体), one character in from the page edge."""
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    setattr(fmt, f"{indent_side}_indent", Pt(size))

    def run(text: str | None = None):
        r = paragraph.add_run(text)
        _set_fonts(r, PAGE_FONT, LATIN_FONT)
        r.font.size = Pt(size)
        return r

    run("— ")
    begin = run()
    begin._r.append(parse_xml(f'<w:fldChar {_NS} w:fldCharType="begin"/>'))
    instr = run()
    instr._r.append(parse_xml(f'<w:instrText {_NS} xml:space="preserve"> PAGE </w:instrText>'))
    sep = run()
    sep._r.append(parse_xml(f'<w:fldChar {_NS} w:fldCharType="separate"/>'))
    run("1")
    end = run()
    end._r.append(parse_xml(f'<w:fldChar {_NS} w:fldCharType="end"/>'))
    run(" —")


_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_W_R, _W_T = qn("w:r"), qn("w:t")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _font_table_fallbacks(doc) -> None:
    """Name a fallback for each GB2312-era font in word/fontTable.xml (``w:altName``)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    for name, alt in ALT_NAMES.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt_el = OxmlElement("w:altName")
        alt_el.set(qn("w:val"), alt)
        font.append(alt_el)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        font.append(charset)
        root.append(font)
    # python-docx keeps the font table as an opaque part; replacing its bytes is the only way in.
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def to_docx(blocks: list[Block], charts: ChartSet, lang: str, *, title: str = "") -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(28 - 7)  # the page number sits 7 mm below the text block
    styles = _styles(doc, lang)
    doc.settings.odd_and_even_pages_header_footer = True
    page_pt = LAYOUTS[lang].page
    _page_number(
        section.footer.paragraphs[0], align=WD_ALIGN_PARAGRAPH.RIGHT, indent_side="right", size=page_pt
    )
    _page_number(
        section.even_page_footer.paragraphs[0],
        align=WD_ALIGN_PARAGRAPH.LEFT,
        indent_side="left",
        size=page_pt,
    )
    _font_table_fallbacks(doc)
    doc.core_properties.title = title
    doc.core_properties.language = "zh-CN" if lang == "zh" else "en"

    body_width = Mm(210 - MARGINS_MM["left"] - MARGINS_MM["right"])
    body = doc.element.body
    style_ids = {key: style.style_id for key, style in styles.items()}

    # Paragraphs go before the body's closing w:sectPr. python-docx's body.add_p() looks
    # that element up from the first child on every call (quadratic: 50,000 activities took
    # half a minute); its add_paragraph(style=...) also scans every style per call and its
    # run.text setter walks the text char by char. Build the same w:p / w:r / w:t elements
    # directly and insert each one before the sectPr found once.
    sect_pr = body.get_or_add_sectPr()

    def add(text: str = "", *, style) -> Paragraph:
        p = OxmlElement("w:p")
        sect_pr.addprevious(p)
        p.style = style_ids[style]
        if text:
            t = etree.SubElement(etree.SubElement(p, _W_R), _W_T)
            t.text = text
            t.set(_XML_SPACE, "preserve")
        return Paragraph(p, doc._body)

    for block in blocks:
        if block.kind == "chart":
            picture = add(style="figure")
            picture.add_run().add_picture(io.BytesIO(charts.png(block.style)), width=int(body_width * 0.92))
            if block.text:
                add(block.text, style="caption")
        elif block.kind in ("title", "h2", "h3"):
            add(block.text, style=block.kind)
        elif block.kind == "para":
            add(block.text, style=block.style if block.style in styles else "para")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
