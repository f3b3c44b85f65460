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

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

_ZH_MARKER = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}\s*[、.．,，](?!\d)|"
    r"[①-⑳]|第[一二三四五六七八九十]{1,3}[,，、]?|[●•▪◆■◇○□√※►▶·*]|[-–—](?=\s))\s*"
)
_BULLET = re.compile(r"^[●•▪◆■◇○□√※►▶·*\-–—]")
_SUB_ITEM = re.compile(
    r"(?:^|(?<=[。；;]))\s*(?:其[一二三四五六七八九十]|[一二三四五六七八九十]是|首先|其次|再次|最后|此外|另外)"
)
_ZH_SENT_END = re.compile(r"(?<=[。！？!?；;])")
# Abbreviations whose full stop ends no sentence: No. 1, Mr. Wang, St. Mary, 9 a.m. sharp.
_EN_SENT_END = re.compile(
    r"(?<!\bNo\.)(?<!\bno\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bNos\.)(?<!\bMrs\.)(?<!\bvs\.)"
    r"(?<![ap]\.m\.)(?<=[.!?;])\s+(?=[\"“(A-Z0-9])|(?<=;)\s*"
)
_CLAUSE = re.compile(r"[，,、：:]|——|--")


def language(text: str) -> str:
    """ "zh" when Chinese characters make up a real share of the words, else "en"."""
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
    return out
