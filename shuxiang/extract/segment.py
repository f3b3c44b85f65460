"""Text -> paragraphs -> sentences -> clauses, with character offsets kept.

Chinese sentences end at 。！？ and at ；/; (reports chain separate events with
semicolons); English ones at . ! ? ; followed by a space. Clauses split further
at commas and enumeration marks. A paragraph that opens with a list marker
(一、 (一) 1、 1. (1) 一是) is an *item*; one that is only such a marker and a short
phrase is a *heading*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shuxiang.extract.dates import MONTH_NAME

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

# A paragraph numbered in two or three levels, as committee and evaluation reports number them
# ("4.2 Outreach…", "3.1.2 …"): a number of its own would be read as a decimal.
NUMBERED_PARAGRAPH = r"\d{1,2}(?:[.．]\d{1,2}){1,2}[.．]?(?=\s+[A-Z\u4e00-\u9fff\"“'‘•])"
_ZH_MARKER = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|"
    + NUMBERED_PARAGRAPH
    + r"|\d{1,2}\s*[、.．,，](?!\d)|"
    r"[①-⑳]|第[一二三四五六七八九十]{1,3}[,，、]?|[●•▪◆■◇○□√※►▶·*]|[-–—](?=\s))\s*"
)
_BULLET = re.compile(r"^[●•▪◆■◇○□√※►▶·*\-–—]")
_SUB_ITEM = re.compile(
    r"(?:^|(?<=[。；;]))\s*(?:其[一二三四五六七八九十]|[一二三四五六七八九十]是|首先|其次|再次|最后|此外|另外)"
)
_MARKER_ONLY = re.compile(r"\s*(?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})[.)]")
_ZH_SENT_END = re.compile(r"(?<=[。！？!?；;])")
# Abbreviations whose full stop ends no sentence: No. 1, Mr. Wang, St. Mary, 9 a.m. sharp.
_EN_SENT_END = re.compile(
    r"(?<!\bNo\.)(?<!\bno\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bNos\.)(?<!\bMrs\.)(?<!\bvs\.)"
    r"(?<![ap]\.m\.)(?<=[.!?;])\s+(?=[\"“(A-Z0-9])|(?<=;)\s*"
)
_CLAUSE = re.compile(r"[，,、：:]|——|--")
# Memo and news frame fields ("To:", "Date:", 报送：): they name the document, not a section.
EN_FRAME_FIELD = re.compile(
    r"^(?:To|From|Date|Dated|Subject|Re|Cc|Attn|Attention|Prepared by|Submitted by|Author|Meeting|"
    r"Agenda item)"
    r"\s*:",
    re.I,
)
ZH_FRAME_FIELD = re.compile(
    r"^[(（]?(?:报送|主送|抄送|日期|时间|发文单位|供稿|撰稿|来源|编辑|作者|审核|责任编辑)[:：]"
)
SENTENCE_END = re.compile(r"[。！？；;!?]|\.(?:\s|$)")
# An event's name and its day, as a news post heads each event: "Quilt fair, May 14", "Games night, 3 June".
_NAMED_DAY = re.compile(
    rf"^[^,，]{{2,60}}[,，]\s*(?:{MONTH_NAME}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_NAME})(?:st|nd|rd|th)?$"
)
# Longest line an unnumbered heading runs to.
_UNMARKED_HEADING_MAX = {"zh": 20, "en": 60}


# Quoted titles and names say nothing about the language of the prose around them.
_QUOTED_SPAN = re.compile(
    r"“[^”\n]{0,200}”|\"[^\"\n]{0,200}\"|《[^》\n]{0,100}》|「[^」\n]{0,100}」|『[^』\n]{0,100}』"
)
# Function words: the glue of prose, rare inside names (a library or a place is named by content words).
_EN_FUNCTION = re.compile(
    r"\b(?:the|of|and|to|in|on|at|for|with|by|from|was|were|is|are|an?|its|their|this|these|which|also|than)\b",
    re.I,
)
_ZH_FUNCTION = re.compile(r"[的了在是于对并等共还将向由从把被其]|开展|举办|举行|进行|活动|通过|期间")


def language(text: str) -> str:
    """ "zh" or "en": the language of the prose, not of the names in it.

    An English report about Chinese libraries keeps their names in Chinese (宜宾市图书馆
    held…), and a Chinese report may name an English library; so the prose is told by its
    function words (the, of, was… against 的, 了, 在, 开展…) outside quotation marks. A text
    with too few of them to tell (a title, a line) falls back on the share of Chinese characters.
    """
    sample = _QUOTED_SPAN.sub(" ", text[:20000])
    en = len(_EN_FUNCTION.findall(sample))
    zh = len(_ZH_FUNCTION.findall(sample))
    if en + zh >= 4 and (en >= 2 * zh or zh >= 2 * en):
        return "zh" if zh > en else "en"
    cjk = len(CJK.findall(text[:200000]))
    latin = len(LATIN_WORD.findall(text[:200000]))
    return "zh" if cjk >= max(1, latin) * 0.5 else "en"


@dataclass
class Sentence:
    text: str
    start: int  # offset in the paragraph
    new_item: bool = False  # opens a sub-item (一是, 二是, 其次…)

    def clauses(self) -> list[tuple[int, int]]:
        """(start, end) offsets of the clauses inside the sentence."""
        spans, last = [], 0
        for m in _CLAUSE.finditer(self.text):
            if m.start() > last:
                spans.append((last, m.start()))
            last = m.end()
        if last < len(self.text):
            spans.append((last, len(self.text)))
        return spans or [(0, len(self.text))]


@dataclass
class Paragraph:
    text: str
    index: int
    marker: str = ""  # the list marker it opens with, if any
    heading: bool = False  # a short line that names a section
    bullet: bool = False  # the marker is a bullet (● - •): an item inside the current section
    sentences: list[Sentence] = field(default_factory=list)


def _split_sentences(text: str, lang: str) -> list[Sentence]:
    pattern = _ZH_SENT_END if lang == "zh" else _EN_SENT_END
    out, pos = [], 0
    pieces = pattern.split(text)
    for piece in pieces:
        if piece is None:
            continue
        start = text.find(piece, pos) if piece else pos
        if piece.strip():
            stripped = piece.strip()
            offset = start + (len(piece) - len(piece.lstrip()))
            out.append(Sentence(stripped, offset, new_item=bool(_SUB_ITEM.match(stripped))))
        pos = start + len(piece)
    if len(out) > 1 and _MARKER_ONLY.fullmatch(out[0].text):
        # "2. Background": a list marker is no sentence of its own
        first, second = out[0], out[1]
        out[:2] = [
            Sentence(text[first.start : second.start + len(second.text)], first.start, second.new_item)
        ]
    return out


def is_heading_text(text: str, lang: str) -> bool:
    body = _ZH_MARKER.sub("", text, count=1)
    if lang == "zh":
        return len(body) <= 40 and not re.search(r"[。；;]\s*\S", body.rstrip("。 "))
    return (len(body) <= 140 and body.count(". ") == 0 and not body.rstrip().endswith((".", ";"))) or len(
        body
    ) < 60


def paragraphs(text: str, lang: str) -> list[Paragraph]:
    """The paragraphs of a report with their sentences; blank lines are dropped."""
    out: list[Paragraph] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        marker_match = _ZH_MARKER.match(line)
        marker = marker_match.group(0).strip() if marker_match else ""
        para = Paragraph(line, len(out), marker=marker)
        para.bullet = bool(marker) and _BULLET.match(marker) is not None
        para.heading = bool(marker) and is_heading_text(line, lang)
        if para.bullet and lang == "en":
            para.heading = not line.rstrip().endswith((".", ";", ":")) and len(line) <= 80
        para.sentences = _split_sentences(line, lang)
        out.append(para)
    for i in range(1, len(out) - 1):
        if not out[i].marker and _unmarked_heading(out[i].text, out[i + 1].text, lang):
            out[i].heading = True
    return out


def _unmarked_heading(line: str, following: str, lang: str) -> bool:
    """A short line without a marker that names the prose paragraph under it ("Author talk").

    Memos and board reports head their sections this way; a by-line, memo field, addressee
    ("市文广新局:") or a line followed by another short line is not a heading.
    """
    limit = _UNMARKED_HEADING_MAX.get(lang, 60)
    if len(line) > limit or SENTENCE_END.search(line) or line.endswith((":", "：")):
        return False
    if re.search(r"\d{4}", line) or (re.search(r"[,，]", line) and not _NAMED_DAY.match(line)):
        return False  # a by-line or date line: "X Libraries, October 2022" (not "Quilt fair, May 14")
    if EN_FRAME_FIELD.match(line) or ZH_FRAME_FIELD.match(line) or _ZH_MARKER.match(following) is not None:
        return False
    return len(following) > max(len(line), limit // 2) and SENTENCE_END.search(following) is not None
