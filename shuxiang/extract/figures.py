"""Sentences -> figures: every counting number with its qualifier, unit and clause.

Chinese: a number (Arabic, Chinese numerals, 5万, 千) with an optional qualifier
before (近, 约, 逾…) or after (多, 余, 以上, 左右) and a measure word from the
vocabulary (人次, 册, 份…). When the measure word is a general one (个, 份, 张, 件)
the noun next to it decides the unit (小礼品350份 -> item, 制作展板6张 -> panel).
English: a number (digits or words) with a qualifier phrase before it and the
unit taken from the noun phrase that follows it.

Not figures: dates, times, years, ordinals (第五期), list markers, numbers inside
《titles》 and quoted names, a bare 一 used as an article, and counts written as
part of a name (十八届, 元坝二小, 六一).
"""

from __future__ import annotations

import re

from shuxiang.extract.figures_en import en_figures
from shuxiang.extract.figures_zh import span_mask, zh_figures
from shuxiang.extract.found import Found
from shuxiang.extract.segment import NUMBERED_PARAGRAPH

__all__ = ["Found", "en_figures", "figures_in", "measure_for", "zh_figures"]


# A stretch of the other language inside a sentence: a Chinese phrase in English prose
# ("…held a fair, 送书500册") or an English one in Chinese prose. Names without numbers are
# left alone; quoted titles are masked by each scanner itself.
_ZH_STRETCH = re.compile(r"[\u4e00-\u9fff\d][\u4e00-\u9fff\d.,，、~～\-—]*[\u4e00-\u9fff]")
_EN_STRETCH = re.compile(r"[A-Za-z][A-Za-z\d ,.'’\-]*[A-Za-z]")


def _other_language(sentence: str, lang: str) -> list[Found]:
    out: list[Found] = []
    pattern, scan = (_EN_STRETCH, en_figures) if lang == "zh" else (_ZH_STRETCH, zh_figures)
    mask = span_mask(sentence)
    for m in pattern.finditer(sentence):
        stretch = m.group(0)
        if not re.search(r"\d", stretch) or mask[m.start()]:
            continue
        if lang == "zh" and len(LATIN_WORDS.findall(stretch)) < 3:
            continue
        if lang == "en" and not re.search(r"[\u4e00-\u9fff]", stretch):
            continue
        for f in scan(stretch):
            f.start += m.start()
            f.end = f.end + m.start() if f.end >= 0 else -1
            out.append(f)
    return out


LATIN_WORDS = re.compile(r"[A-Za-z]{2,}")


_PARAGRAPH_NUMBER = re.compile(r"\s*" + NUMBERED_PARAGRAPH)


def figures_in(sentence: str, lang: str) -> list[Found]:
    """Figures in a sentence of a report in ``lang``; a phrase in the other language is read in its own."""
    number = _PARAGRAPH_NUMBER.match(sentence)
    if number:  # "4.2 Outreach events…": the paragraph's number, not a count (nor part of a clause)
        sentence = " " * number.end() + sentence[number.end() :]
    found = zh_figures(sentence) if lang == "zh" else en_figures(sentence)
    has_other = (
        re.search(r"[A-Za-z]{2,}", sentence) if lang == "zh" else re.search(r"[\u4e00-\u9fff]", sentence)
    )
    if not has_other:
        return found
    taken = bytearray(len(sentence) + 1)
    for f in found:
        taken[f.start : f.stop] = b"\x01" * (min(f.stop, len(sentence)) - f.start)
    extra = [f for f in _other_language(sentence, lang) if 1 not in taken[f.start : f.stop]]
    return sorted([*found, *extra], key=lambda f: f.start) if extra else found


# ---------------------------------------------------------------- measures
def measure_for(found: Found, kind: str | None, lang: str) -> str | None:
    """What a figure counts (snake_case), from its unit, its clause and its activity's kind."""
    if found.measure_hint:
        return found.measure_hint
    t = found.text.lower()
    unit = found.unit

    def has(*words: str) -> bool:
        return any(w in t for w in words)

    if unit == "person_time":
        return "inquiries" if has("咨询", "inquir", "consult", "question") else "participants"
    if unit == "person":
        if has("志愿", "volunteer"):
            return "volunteers"
        if has("聆听", "听", "观看", "listened", "attend"):
            return "attendees"
        if kind == "book_donation" or has("送", "赠", "向", "为", "given", "gave", "first", "each"):
            return "recipients"
        return "participants"
    if unit == "copy":
        return "leaflets"
    if unit == "title":
        return "titles_exhibited"
    if unit in {"volume", "set"}:
        return {
            "book_donation": "books_donated",
            "mobile_service": "books_delivered",
            "book_drifting": "books_drifted",
            "book_exhibition": "books_exhibited",
            "exhibition": "books_exhibited",
        }.get(kind or "", "books")
    if unit == "card":
        return "cards_issued"
    if unit == "artwork":
        return (
            "works_collected" if has("收集", "征集", "收到", "collected", "received") else "works_exhibited"
        )
    if unit == "essay":
        return "awards" if has("奖", "award", "prize") else "entries"
    if unit == "yuan":
        return "cash" if has("现金", "cash") else "value"
    if unit == "item":
        if has("谜", "riddle"):
            return "riddles"
        return "prizes" if has("礼品", "奖品", "prize", "gift") else "items"
    if unit == "panel":
        return "panels"
    if unit == "film":
        return "films_screened"
    if unit == "school":
        return "schools_served"
    if unit == "class":
        return "classes_served"
    if unit == "place":
        return "drift_points" if has("漂流", "drift") else "places"
    if unit == "bag":
        return "schoolbags_donated"
    if unit == "session":
        return "sessions"
    if unit == "hour":
        return "duration"
    if unit == "day":
        return "duration_days"
    return None
