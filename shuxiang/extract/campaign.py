"""The opening of a report and the days its campaign ran.

A report opens with a *frame* (memo fields "To:/From:/Date:", a by-line such as
"X Libraries, October 2022", the section heading "1. Purpose of the report") and
then *prose*. The campaign's dates and theme are told in the prose; a date in the
frame is when the report was written, not when the campaign ran.

The campaign's span is, in order of trust:

1. a range in the opening prose (5月27日至6月2日, from April 7 to April 13);
2. a start and an end each marked by its verb in the opening prose, as news-style
   pieces write it (8月28日…活动圆满落幕。本次活动自7月8日启动…; launched on … ended on …);
3. a range in any sentence that names the campaign (its name, "the Challenge",
   "the week", 本次活动): reports to a board or panel put it under "Background";
4. the first single date of the opening prose (a month alone: "In May 2016, …").
"""

from __future__ import annotations

import re

from shuxiang.extract import dates
from shuxiang.extract.segment import EN_FRAME_FIELD, SENTENCE_END, ZH_FRAME_FIELD, Paragraph

# Longest line a by-line or date line runs to; longer lines are prose even without a full stop.
_FRAME_MAX = {"zh": 30, "en": 80}
_MAX_PROSE = 3  # paragraphs of opening prose
_MAX_FRAME = 8  # frame lines looked through before the prose starts

# Verbs that mark a date as the campaign's first or last day.
_ZH_STARTS = re.compile(r"\s*(?:正式)?(?:启动|开始|开幕|开启|启幕|拉开(?:了)?(?:帷幕|序幕)|揭幕)")
_ZH_ENDS = re.compile(r"落幕|闭幕|结束|收官|落下帷幕|告一段落")
_EN_STARTS = re.compile(
    r"\b(?:launch(?:ed|es)?|kick(?:ed|s)?\s+off|beg(?:an|ins)|open(?:ed|s)|start(?:ed|s))\s+(?:on\s+)?$", re.I
)
_EN_ENDS = re.compile(
    r"\b(?:end(?:ed|s)?|clos(?:ed|es)|wrap(?:ped|s)?\s+up|finish(?:ed|es)|conclud(?:ed|es)|came to a close)"
    r"\s+(?:on\s+)?$",
    re.I,
)
# A sentence that speaks of the campaign as a whole without naming it.
_ZH_CAMPAIGN_ANAPHOR = re.compile(
    r"(?:本次|此次|这次|本届|今年的?)(?:系列)?(?:活动|宣传周|读书节|阅读节|读书月|阅读月)"
)
_EN_CAMPAIGN_HEADS = ("week", "month", "challenge", "club", "festival", "campaign", "programme", "program")


def is_frame_line(text: str, lang: str) -> bool:
    """A memo field, by-line or date line: short and without a sentence in it."""
    if EN_FRAME_FIELD.match(text) or ZH_FRAME_FIELD.match(text):
        return True
    return len(text) <= _FRAME_MAX.get(lang, 80) and not SENTENCE_END.search(text)


def opening(paras: list[Paragraph], body: int, lang: str) -> tuple[str, str]:
    """``(frame, prose)`` of the report's opening, from paragraph ``body`` on.

    The prose is the first paragraphs of running text up to the next section (at most
    three); the heading of a first numbered section ("1. Purpose", "一、基本情况") is
    skipped, since the paragraph under it is the report's introduction.
    """
    frame: list[str] = []
    prose: list[str] = []
    for p in paras[body:]:
        if p.marker:
            if prose:
                break
            if p.heading:
                continue
            prose.append(p.text)
            continue
        if not prose and is_frame_line(p.text, lang):
            frame.append(p.text)
            if len(frame) >= _MAX_FRAME:
                break
            continue
        if prose and is_frame_line(p.text, lang):
            break  # an unnumbered section heading ("Fine-free week") ends the opening
        prose.append(p.text)
        if len(prose) >= _MAX_PROSE:
            break
    if not prose:  # a report of short lines only: its lines are its opening
        return "", "\n".join(frame)
    return "\n".join(frame), "\n".join(prose)


_SENTENCE_STOP = re.compile(r"[。！？；;!?\n]|\.(?:\s|$)")  # SENTENCE_END, plus a line break


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_STOP.search(text, pos)
    return m.start() if m else len(text)


def _marked_span(text: str, spans: list[dates.DateSpan], lang: str) -> tuple[str, str] | None:
    """First day and last day, each told with its own verb (自7月8日启动 … 8月28日…落幕)."""
    start = end = None
    for d in spans:
        if d.end:
            continue
        if lang == "zh":
            after = text[d.stop : _sentence_end(text, d.stop)]
            if _ZH_STARTS.match(after):
                start = start or d.start
            elif _ZH_ENDS.search(after):
                end = end or d.start
        else:
            before = text[max(0, d.pos - 40) : d.pos]
            if _EN_STARTS.search(before):
                start = start or d.start
            elif _EN_ENDS.search(before):
                end = end or d.start
    if start and end and start != end and len(start) == len(end) and ("X" in start + end or start < end):
        return start, end
    return None


def _names_campaign(sentence: str, lang: str, name: str | None) -> bool:
    if name and name.lower() in sentence.lower():
        return True
    if lang == "zh":
        return bool(_ZH_CAMPAIGN_ANAPHOR.search(sentence))
    heads = set(_EN_CAMPAIGN_HEADS)
    if name:
        heads.add(name.split()[-1].lower())
    return bool(re.search(r"\b(?:the|this|our)\s+(?:" + "|".join(sorted(heads)) + r")\b", sentence, re.I))


def _named_range(paras: list[Paragraph], lang: str, year: str, name: str | None) -> tuple[str, str] | None:
    """A date range in a sentence that names the campaign, anywhere in the report."""
    for p in paras:
        for sent in p.sentences:
            if not _names_campaign(sent.text, lang, name):
                continue
            for d in dates.find_dates(sent.text, lang, year):
                if d.end:
                    return d.start, d.end
    return None


def campaign_span(
    prose: str, paras: list[Paragraph], lang: str, year: str, name: str | None
) -> tuple[str | None, str | None]:
    """``(start, end)`` of the campaign (see the module docstring for the order of trust)."""
    spans = dates.find_dates(prose, lang, year)
    ranged = next((d for d in spans if d.end), None)
    if ranged is not None:
        return ranged.start, ranged.end
    marked = _marked_span(prose, spans, lang)
    if marked is not None:
        return marked
    named = _named_range(paras, lang, year, name)
    if named is not None:
        return named
    if spans:
        return spans[0].start, None
    return None, None
