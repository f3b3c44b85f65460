"""Plain-text paragraphs for the PDF: line breaking with Chinese rules, in linear time.

ReportLab's ``Paragraph`` measures a CJK paragraph one ``stringWidth`` call per
character, hangs at most one closing mark (and does not know ，；：？！” at all), and
breaks a paragraph mixing fonts (English prose with Chinese names) in time that
grows with the square of its length. The report's paragraphs are plain text (no
markup), so this module breaks them itself:

- widths come from a per-font, per-size table of each character's advance, filled on
  first use, so a paragraph costs one dictionary lookup per character;
- a line may break after a space, or before or after a CJK character, but never
  before a mark that cannot start a line (，。、；：？！”’）》…, 避头) nor after one that
  cannot end it (“‘（《, 避尾), inside a Latin word or number, or inside —— and ……;
  when the character that overflows may not start a line, the break moves back;
- in English reports, Chinese runs (and characters the Latin face lacks) are set in
  the CJK face, the rest in the Latin face; quotes and dashes stay in the Latin face,
  where they are proportional (the CJK face's full-width “ ” leave a gap beside them).

:class:`TextFlowable` is the platypus flowable: it wraps once per width, splits
across pages by lines (the lines already broken are reused, never re-broken), and
draws each line with one text object.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate, groupby

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus.flowables import Flowable

# Marks that may not start a line (避头) and may not end one (避尾), after GB/T 15834
# usage and the JIS X 4051 kinsoku sets ReportLab draws from.
NO_LINE_START = frozenset(
    "，。、；：？！）》〉」』】〕］｝”’…—·％‰℃,.;:?!)]}%"
    "\u3005\u309d\u309e\u30fc\u30fb\u30fd\u30fe\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087"
)
NO_LINE_END = frozenset("（《〈「『【〔［｛“‘([{￥$£#@§")
_PAIRED = frozenset("—…")  # —— and …… are one mark of two characters
_FUZZ = 1e-6


def is_cjk(ch: str) -> bool:
    """A character of CJK text, a line may break before or after it: ideographs, kana,
    CJK and full-width punctuation (the marks of :data:`NO_LINE_START` and
    :data:`NO_LINE_END` keep their own rules)."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x3000 <= o <= 0x303F
        or 0x20000 <= o <= 0x3FFFF
    )


_CJK_RUN = re.compile("([\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0003ffff]+)")


def can_break(before: str, after: str) -> bool:
    """Whether a line may end with ``before`` and the next start with ``after``."""
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before == " ":
        return after != " "
    if after == " ":
        return False  # break after the space instead
    if before == after and before in _PAIRED:
        return False
    if is_cjk(before) or is_cjk(after):
        return True
    return before == "-" and after.isalpha()  # library-card: after a hyphen


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # the line is text[start:end], trailing spaces left out
    width: float


def break_lines(text: str, widths: list[float], max_widths: tuple[float, float]) -> list[Line]:
    """Greedy line breaking: ``widths`` is each character's advance; the first line gets
    ``max_widths[0]``, the others ``max_widths[1]``. Linear in ``len(text)``: the scan back
    for a legal break stops at the line's start, and a line with no legal break is cut
    where it overflows."""
    n = len(text)
    prefix = [0.0, *accumulate(widths)]
    lines: list[Line] = []
    start = 0
    while start < n and text[start] == " ":
        start += 1
    while start < n:
        limit = max_widths[0 if not lines else 1] + _FUZZ
        base = prefix[start]
        # The first character past the limit (at least one character a line; a space
        # never overflows: it hangs, unseen).
        i = max(start + 1, bisect_right(prefix, base + limit, start + 1) - 1)
        while i < n and text[i] == " ":
            i += 1
        if i >= n:
            end = n
        else:
            end = i
            while end > start and not can_break(text[end - 1], text[end]):
                end -= 1
            if end == start:
                end = i  # nowhere legal (a very long word): cut where it overflows
        stop = end
        while stop > start and text[stop - 1] == " ":
            stop -= 1
        lines.append(Line(start, stop, prefix[stop] - base))
        start = end
        while start < n and text[start] == " ":
            start += 1
    return lines


class Fonts:
    """Which face sets each character, and the advance of each character at a size (cached)."""

    def __init__(self, main: str, cjk: str | None = None):
        self.main, self.cjk = main, cjk
        self._face: dict[str, str] = {}
        self._advance: dict[tuple[str, float], dict[str, float]] = {}
        main_font = pdfmetrics.getFont(main)
        self._main_has: Callable[[int], bool] = (
            main_font.face.charToGlyph.__contains__ if hasattr(main_font, "face") else (lambda _: True)
        )
        # The characters the main face draws itself (non-CJK ones it has a glyph for).
        self._main_covers = frozenset(
            chr(code) for code in range(0x20, 0x2E80) if self._main_has(code) and not is_cjk(chr(code))
        )

    def face(self, ch: str) -> str:
        name = self._face.get(ch)
        if name is None:
            name = self.main
            if self.cjk is not None and (is_cjk(ch) or not self._main_has(ord(ch))):
                name = self.cjk
            self._face[ch] = name
        return name

    def widths(self, text: str, size: float) -> list[float]:
        table = self._advance.setdefault((self.main, size), {})
        for ch in set(text).difference(table):
            table[ch] = pdfmetrics.stringWidth(ch, self.face(ch), size)
        return list(map(table.__getitem__, text))

    def runs(self, text: str) -> list[tuple[str, str]]:
        """``text`` as (face, piece) runs."""
        if self.cjk is None:
            return [(self.main, text)]
        out = []
        # re.split with a group alternates: text in the main face, a CJK run, text, ...
        for index, piece in enumerate(_CJK_RUN.split(text)):
            if not piece:
                continue
            if index % 2:
                out.append((self.cjk, piece))
            elif self._main_covers.issuperset(piece):
                out.append((self.main, piece))
            else:  # a character the main face lacks: one run per face
                out.extend((face, "".join(chars)) for face, chars in groupby(piece, key=self.face))
        return out


class TextFlowable(Flowable):
    """A paragraph of plain text in one style (a ReportLab ``ParagraphStyle``)."""

    def __init__(
        self, text: str, style, fonts: Fonts, *, lines: list[Line] | None = None, first: bool = True
    ):
        super().__init__()
        self.text = text
        self.style = style
        self.fonts = fonts
        self.first = first  # False for the rest of a paragraph split across pages
        self._lines = lines
        self._width: float | None = None if lines is None else -1.0

    def _max_widths(self, avail: float) -> tuple[float, float]:
        s = self.style
        later = avail - s.leftIndent - s.rightIndent
        return (later - s.firstLineIndent if self.first else later), later

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._lines is None or (self._width != availWidth and self._width != -1.0):
            widths = self.fonts.widths(self.text, self.style.fontSize)
            self._lines = break_lines(self.text, widths, self._max_widths(availWidth))
        self._width = availWidth
        self.width, self.height = availWidth, len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        lines = self._lines or []
        fit = int((availHeight + _FUZZ) / self.style.leading)
        if fit <= 0 or fit >= len(lines):
            return []
        if fit == 1 and self.first:
            return []  # no orphan: a paragraph's first line alone at the foot of a page
        head = self._piece(lines[:fit], _without_space_after(self.style), first=self.first)
        tail = self._piece(lines[fit:], _without_space_before(self.style), first=False)
        return [head, tail]

    def _piece(self, lines: list[Line], style, *, first: bool) -> TextFlowable:
        """Some of this paragraph's lines, as they were broken, with the text they hold."""
        start, end = lines[0].start, lines[-1].end
        rebased = [Line(line.start - start, line.end - start, line.width) for line in lines]
        return type(self)(self.text[start:end], style, self.fonts, lines=rebased, first=first)

    def draw(self) -> None:
        assert self._lines is not None
        s, canvas = self.style, self.canv
        size, leading = s.fontSize, s.leading
        y = self.height - size
        text = canvas.beginText()
        current = None
        for index, line in enumerate(self._lines):
            indent = s.firstLineIndent if (index == 0 and self.first) else 0
            if s.alignment == TA_RIGHT:
                x = self.width - s.rightIndent - line.width
            elif s.alignment == TA_CENTER:
                x = s.leftIndent + (self.width - s.leftIndent - s.rightIndent - line.width) / 2
            else:
                x = s.leftIndent + indent
            text.setTextOrigin(x, y)
            for face, piece in self.fonts.runs(self.text[line.start : line.end]):
                if face != current:
                    text.setFont(face, size)
                    current = face
                text.textOut(piece)
            y -= leading
        canvas.drawText(text)

    def line_texts(self) -> list[str]:
        """The lines as broken (after :meth:`wrap`), for tests."""
        return [self.text[line.start : line.end] for line in self._lines or []]


def _without_space_after(style):
    return style.clone(style.name + "-head", spaceAfter=0) if style.spaceAfter else style


def _without_space_before(style):
    return style.clone(style.name + "-tail", spaceBefore=0) if style.spaceBefore else style
