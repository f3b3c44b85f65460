"""DOCX in the form of a Chinese official document (GB/T 9704-2012).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in 方正小标宋简体
2号 (22 pt), body in 仿宋_GB2312 3号 (16 pt) at a fixed 28 pt line, part headings in
黑体 and group headings in 楷体_GB2312, both 3号; page numbers "— 1 —" in 4号 宋体,
odd pages on the right and even pages on the left, one character in from the edge.

Chinese font names are set on the ``w:eastAsia`` attribute (Word picks the East Asian
font from it, not from ``w:ascii``), and the font table names a fallback
(``w:altName``: 宋体, 仿宋, 黑体, 楷体) for machines without the GB2312-era fonts.
All formatting lives in styles, so paragraphs are cheap to add (5,000 activities
render in a fraction of a second).
"""

from __future__ import annotations

import io

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
TITLE_PT, BODY_PT, PAGE_PT = 22, 16, 14
LINE_PT = 28


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
    latin_body = BODY_FONT if lang == "zh" else LATIN_FONT
    normal = doc.styles["Normal"]
    _set_fonts(normal, BODY_FONT, latin_body)
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(2 * BODY_PT)  # 首行缩进两字
    fmt.widow_control = False

    title = _paragraph_style(
        doc,
        "Report Title",
        base=normal,
        east_asia=TITLE_FONT,
        latin=TITLE_FONT if lang == "zh" else LATIN_FONT,
        size=TITLE_PT,
    )
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(LINE_PT)
    title.font.bold = lang != "zh"  # 小标宋 is bold by design; Times is not
    _outline(title, 0)

    h2 = _paragraph_style(
        doc, "Report Heading 1", base=normal, east_asia=H2_FONT, latin=latin_body, size=BODY_PT
    )
    h2.paragraph_format.keep_with_next = True
    _outline(h2, 1)
    h3 = _paragraph_style(
        doc, "Report Heading 2", base=normal, east_asia=H3_FONT, latin=latin_body, size=BODY_PT
    )
    h3.paragraph_format.keep_with_next = True
    _outline(h3, 2)

    caption = _paragraph_style(
        doc, "Report Caption", base=normal, east_asia=BODY_FONT, latin=latin_body, size=14
    )
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.paragraph_format.space_after = Pt(LINE_PT / 2)

    figure = _paragraph_style(
        doc, "Report Figure", base=normal, east_asia=BODY_FONT, latin=latin_body, size=BODY_PT
    )
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.first_line_indent = Pt(0)
    figure.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    figure.paragraph_format.keep_with_next = True

    right = _paragraph_style(
        doc, "Report Signature", base=normal, east_asia=BODY_FONT, latin=latin_body, size=BODY_PT
    )
    right.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    right.paragraph_format.first_line_indent = Pt(0)
    right.paragraph_format.right_indent = Pt(4 * BODY_PT)  # 落款右空四字

    noindent = _paragraph_style(
        doc, "Report Addressee", base=normal, east_asia=BODY_FONT, latin=latin_body, size=BODY_PT
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


def _page_number(paragraph, *, align, indent_side: str) -> None:
    """ "— 1 —" with a PAGE field, 4号 宋体, one character in from the page edge."""
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    setattr(fmt, f"{indent_side}_indent", Pt(PAGE_PT))

    def run(text: str | None = None):
        r = paragraph.add_run(text)
        _set_fonts(r, PAGE_FONT, LATIN_FONT)
        r.font.size = Pt(PAGE_PT)
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
    _page_number(section.footer.paragraphs[0], align=WD_ALIGN_PARAGRAPH.RIGHT, indent_side="right")
    _page_number(section.even_page_footer.paragraphs[0], align=WD_ALIGN_PARAGRAPH.LEFT, indent_side="left")
    _font_table_fallbacks(doc)
    doc.core_properties.title = title
    doc.core_properties.language = "zh-CN" if lang == "zh" else "en"

    body_width = Mm(210 - MARGINS_MM["left"] - MARGINS_MM["right"])
    body = doc.element.body
    style_ids = {key: style.style_id for key, style in styles.items()}

    def add(text: str = "", *, style) -> Paragraph:
        # python-docx's add_paragraph(style=...) scans every style per call and its
        # run.text setter walks the text char by char; with 5,000 activities that is
        # most of the time. Build the same w:p / w:r / w:t elements directly.
        p = body.add_p()
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
