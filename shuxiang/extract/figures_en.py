"""Figures in English sentences: a number (digits or words), its qualifier and the noun it counts.

The qualifier is a phrase before the number (more than, about, nearly, up to); the unit comes
from the noun phrase after it (300 inquiries -> person_time, 85 new library cards -> card).
Durations ("over two days", "a two-hour session"), ranges ("150-200 questions") and "N of them"
are read; ages, limits ("up to 25 each"), frequencies ("seven days a week"), years and list
markers are not figures.
"""

from __future__ import annotations

import re

from shuxiang.extract.en_units import EN_EXTRA_UNITS, EN_STOP, EN_VERBS
from shuxiang.extract.found import Found
from shuxiang.numerals import EN_UNIT_WORDS, NumberError, english_to_number
from shuxiang.vocab import QUALIFIERS

_EN_Q = sorted(
    {a for q in QUALIFIERS for a in q.en_aliases} | {"at least", "a total of"}, key=len, reverse=True
)
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SCALES = "hundred|thousand|dozen"
_GROUP = rf"(?:(?:{_TENS})(?:[ -](?:{_ONES}))?|{_TEENS}|{_ONES})"
# A number in words: a group (sixty-four, twelve) or a scale, then only a scale may follow a group
# ("three hundred and twenty"), so "three two-hour sessions" is three, then two-hour.
_EN_WORD_NUMBER = rf"(?:{_GROUP}|{_SCALES})(?:(?:[ -](?:{_SCALES}))+(?:[ -](?:and[ -])?{_GROUP})?)*"
_EN_FIGURE = re.compile(
    rf"(?:\b(?P<q>{'|'.join(re.escape(q) for q in _EN_Q)})\s+)?"
    r"(?P<cur>[$£€¥]\s?)?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\btwice\b|\bthrice\b|\b{_EN_WORD_NUMBER}\b)"
    r"(?:\s*(?P<mult>thousand|million)\b)?"
    r"(?:-(?P<dur>week|month|day|year|hour)s?\b)?",
    re.I,
)
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"  # noqa: E501 - one alternation reads best on one line
# Ages are no counts: "volunteers aged 13 to 24", "ages 4-11".
_EN_AGE_BEFORE = r"\bage[sd]?\s+(?:between\s+|from\s+)?(?:\d{1,2}\s*(?:to|-|–|and)\s*)?"
_EN_NOT_BEFORE = re.compile(
    rf"(?:{_MONTHS}\s*|No\.\s*|No\s|Number\s|#|[A-Za-z]-|:|\d[.,]|{_EN_AGE_BEFORE}|"
    r"(?-i:Grade|Year|Class|Room|Level|Stage)\s)$",
    re.I,
)
_EN_NOT_AFTER = re.compile(
    r"^(?:\s*[:：]\d|st\b|nd\b|rd\b|th\b|[A-Za-z]|\s*%|\s*per ?cent|\s*o'clock|\s*(?:am|pm|a\.m\.|p\.m\.)\b)",
    re.I,
)
_EN_UNIT_MAP = {**dict(EN_UNIT_WORDS), **EN_EXTRA_UNITS}
_EN_TOTAL = re.compile(r"\b(?:in total|in all|altogether|a total of)\b", re.I)
_EN_REPORT_LEVEL = re.compile(
    r"\b(?:cumulative(?:ly)?|"
    r"in the (?:city|county|district|province)(?=\s*(?:[,.;]|have|has|had|were|was|participated|took))|"
    r"city-?wide|county-?wide|across the (?:city|county|district))\b",
    re.I,
)
_EN_CLAUSE_END = re.compile(r"[,;:.!?()\"“”]")


def _en_unit(after: str) -> tuple[str | None, int]:
    """The unit named by the noun phrase after a number, and where that phrase ends."""
    unit, end, _pos = None, 0, 0
    prev = ""
    frozen = joined = False
    noun_at = -1
    for k, m in enumerate(re.finditer(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*|[,;:.!?()\"“”]", after)):
        word = m.group(0).lower()
        if word[0].isdigit() and prev in _GRADE_WORDS:
            prev = word
            continue  # "three Year 9 classes": a class's name, inside the noun phrase
        if k >= 7 or word in EN_STOP or _EN_CLAUSE_END.match(word) or word[0].isdigit():
            break  # the phrase ends at punctuation, a stop word or the next number
        prev = word
        if word in {"and", "or", "plus"}:
            if unit is None:
                joined = True  # "300 free and open inquiries", or "12,480 and loans totalled…"
            else:
                frozen = True  # "40 pupils and their parents": the number counts the first noun
            continue
        if word.endswith(("'s", "’s")):
            m.end()
            continue
        code = _EN_UNIT_MAP.get(word)
        if code:
            if unit is None:
                noun_at = k
            unit, end = (unit if frozen else code), m.end()
        elif unit is not None and (word in EN_VERBS or (word.endswith("ed") and len(word) > 4)):
            if joined and k == noun_at + 1:
                return None, 0  # "reached 12,480 and loans totalled 5,230": that noun has its own number
            break  # the noun phrase ended ("200 students took part")
        m.end()
    return unit, max(end, 0)


# "N of them" followed by what people do, when no earlier figure says what "them" are.
_PEOPLE_OF_THEM = re.compile(
    r"\s+of them\s+(?:also\s+|then\s+|later\s+)?(?:checked|completed|joined|went|came|returned|signed|said|"
    r"took|received|earned|gained|won|read|borrowed|finished|stayed|asked|told)\b",
    re.I,
)
# Words a number names a grade, year group or room after ("Grade 5", "Year 6", "Room 3").
_GRADE_WORDS = frozenset({"grade", "year", "class", "room", "level", "stage"})
_EN_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|{_EN_WORD_NUMBER}"
# A range written with its noun once: 150-200 questions, 30 to 40 pupils, between 200 and 300 readers.
_EN_RANGE = re.compile(
    rf"\b(?:(?P<between>between|from)\s+)?(?P<a>{_EN_NUM})\s*(?:-|–|—|~|\bto\b|(?<=\s)and\b)\s*(?=\d|[a-z])",
    re.I,
)
# "over two days", "for one week", "lasting three months": a span of time, not a count over a limit.
_EN_SPAN = re.compile(r"\s+(?:(?:full|whole|working|consecutive)\s+)?(day|week|month|year|hour)s?\b", re.I)
_EN_SPAN_LEAD = re.compile(r"\b(?:lasting|lasted|lasts|for|over|spanning|spanned|across|within|in)\s+$", re.I)
_EN_DURATION_MEASURE = {
    "week": ("other", "duration_weeks"),
    "month": ("other", "duration_months"),
    "year": ("other", "duration_years"),
    "day": ("day", "duration_days"),
    "hour": ("hour", "duration"),
}


# What a number counts when no noun follows it: the noun before it.
_OWNER_AND_TOTAL = re.compile(rf"(?:[A-Za-z-]+['’]s\s+)?(?:(?:\d[\d,]*|{_EN_WORD_NUMBER})\s+)?", re.I)
_LINKED_NOUN = re.compile(
    r"\b(door count|gate count|footfall|visits|visitor numbers|attendances?|turnout|loans|checkouts|"
    r"circulation|audience|crowd|full house)\s+(?:(?:has|had)\s+)?"
    r"(?:reached|totall?ed|was|were|of|stood at|hit|rose to|climbed to|came to|grew to|topped)\s+$",
    re.I,
)
_LINKED_UNITS = {
    "audience": ("person", "attendees"),
    "crowd": ("person", "attendees"),
    "full house": ("person", "attendees"),
    "loans": ("item", "loans"),
    "checkouts": ("item", "loans"),
    "circulation": ("item", "loans"),
}
# A table written as text: "Visits: 3,052", "Loans (print and audio): 6,140".
_LABEL = re.compile(r"^\s*(?:[-*•]\s*)?([A-Za-z][A-Za-z '’/-]{1,40}?)\s*(?:\([^()]{0,40}\))?\s*[:：]\s*$")
_MONEY_MEASURES = (
    (re.compile(r"\brais(?:e|ed|es|ing)\b|\bfundrais", re.I), "funds_raised"),
    (re.compile(r"\bcost|\bspen[dt]|\bbudget|\bexpenditure", re.I), "cost"),
    (re.compile(r"\bsponsor", re.I), "sponsorship"),
    (re.compile(r"\bgrant", re.I), "grant"),
)


def _money_measure(sentence: str, start: int, end: int) -> str:
    """What a sum of money is, from its clause: funds raised, a cost, a sponsorship, else its value."""
    lo = max(0, start - 60)
    left = max((p.end() for p in _EN_CLAUSE_END.finditer(sentence, lo, start)), default=lo)
    right_m = _EN_CLAUSE_END.search(sentence, end, end + 60)
    clause = sentence[left : right_m.start() if right_m else end + 60]
    return next((measure for pattern, measure in _MONEY_MEASURES if pattern.search(clause)), "value")


def _unit_before(before: str, at_start: bool) -> tuple[str | None, str | None]:
    """The unit a noun before the number names ("the gate count reached 5,120", "an audience of 85",
    a table row "Visits: 3,052"), with the measure it counts."""
    linked = _LINKED_NOUN.search(before)
    if linked:
        noun = linked.group(1).lower()
        return _LINKED_UNITS.get(
            noun, ("person_time", "visits" if "attendance" not in noun else "attendances")
        )
    label = _LABEL.match(before) if at_start else None
    if label:
        words = re.findall(r"[A-Za-z'’-]+", label.group(1).lower())
        for word in reversed(words):
            unit = _EN_UNIT_MAP.get(word)
            if unit:
                return unit, "_".join(words)
    return None, None


_WINDOW = 400  # a clause is shorter than this; bounded look-arounds keep a run-on sentence linear


def en_figures(sentence: str) -> list[Found]:
    """Figures in one English sentence."""
    out: list[Found] = []
    prev_end = 0
    # high end offset -> the range match whose low end it closes
    ranges: dict[int, re.Match[str]] = {}
    for r in _EN_RANGE.finditer(sentence):
        if r.group(0).rstrip().lower().endswith("and") and not r.group("between"):
            continue
        ranges[r.end()] = r
    for m in _EN_FIGURE.finditer(sentence):
        num = m.group("num")
        span = _EN_SPAN.match(sentence, m.end())
        lead = _EN_SPAN_LEAD.search(sentence[max(0, m.start() - 12) : m.start()] + " ")
        q_lead = m.group("q") and m.group("q").lower() == "over" and span
        if span and not m.group("dur") and (lead or q_lead) and num.lower() not in {"twice", "thrice"}:
            # over two days, lasting one week: a duration (the 为期 of English prose)
            try:
                value = english_to_number(num)
            except NumberError:
                value = None
            if value is not None and value <= 31:
                unit, measure = _EN_DURATION_MEASURE[span.group(1).lower()]
                qualifier = "exact"
                if m.group("q") and m.group("q").lower() != "over":
                    qualifier = next(
                        (q.code for q in QUALIFIERS if m.group("q").lower() in q.en_aliases), "exact"
                    )
                lo = max(0, m.start() - _WINDOW)
                left = max((p.end() for p in _EN_CLAUSE_END.finditer(sentence, lo, m.start())), default=lo)
                text_start = m.start()
                if lead and not q_lead:
                    text_start = max(0, m.start() - 12) + lead.start()
                text_start = max(left, text_start)
                text = sentence[text_start : span.end()].strip()
                out.append(Found(value, qualifier, unit, text, m.start(), measure, end=span.end()))
                prev_end = span.end()
                continue
        # Bounded context on both sides keeps a long sentence linear.
        before = sentence[max(0, m.start("num") - 80) : m.start("num")]
        after = sentence[m.end() : m.end() + 120]
        if num.lower() in {"twice", "thrice"}:
            value = 2 if num.lower() == "twice" else 3  # met twice: two sessions
            text = sentence[max(0, m.start() - 12) : m.end()].split(",")[-1].split(";")[-1].strip()
            out.append(Found(value, "exact", "session", text, m.start()))
            prev_end = m.end()
            continue
        if num.lower() == "one" and not m.group("dur"):
            continue  # the article "one" ("one of the…"); "lasting one week" was taken above
        if num.lower() == "dozen" or num.lower().startswith("dozen"):
            continue  # "a dozen volunteers" is a vague amount, not a count
        if _EN_NOT_BEFORE.search(before) or _EN_NOT_AFTER.match(after):
            continue
        if before.endswith("(") and after.startswith(")"):
            continue  # a list marker inside a sentence: "(2)"; "(two articles)" is a count
        if m.start() == 0 and re.match(r"^\s*[.,、)]", after):
            continue  # a list marker: "1. Attach great importance", "1 , careful…"
        digits = num.replace(",", "")
        if (
            digits.isdigit()
            and len(digits) == 4
            and digits.startswith(("19", "20"))
            and "," not in num
            and not m.group("q")
        ):
            continue  # a year; 2,000 and "over 2000" are counts
        if re.search(rf"{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*$", before, re.I):
            continue
        try:
            value = english_to_number(num)
        except NumberError:
            continue
        if m.group("mult"):
            value *= 1000 if m.group("mult").lower() == "thousand" else 1_000_000
        measure = None
        if m.group("dur"):
            dur = m.group("dur").lower()
            unit = {"day": "day", "hour": "hour"}.get(dur, "other")
            measure = {"week": "duration_weeks", "month": "duration_months", "year": "duration_years"}.get(
                dur, "duration"
            )
            end = m.end()
        elif m.group("cur"):
            # $3,460, £1,500: money other than 元 has no unit of its own in the spec
            unit = "yuan" if m.group("cur").strip() == "¥" else "other"
            measure = _money_measure(sentence, m.start(), m.end())
            end = m.end()
        else:
            unit, rel_end = _en_unit(after)
            if re.match(
                r"\s+(?:days?|times?|hours?)\s+(?:a|per|each)\s+(?:week|day|month|year)\b", after, re.I
            ):
                continue  # open seven days a week: a frequency, not a count
            if re.search(
                r"\b(?:up to|at least|no more than|a maximum of|a minimum of)\s+$", before, re.I
            ) and re.search(r"\b(?:each|per|every)\b", sentence[max(0, m.start() - 30) : m.end() + 40], re.I):
                continue  # each for up to 30 pupils: a limit, not a count
            if re.search(r"\b\w+s of (?:up to|no more than|at most|a maximum of)\s+$", before, re.I):
                continue  # groups of up to eight players: the size allowed, not a count
            of_noun = re.match(r"\s+of (?:our|the|its|their|his|her|these|those|whom)\s+", after)
            if unit is None and of_noun and not re.match(r"\s+of (?:them|whom|these|those)\b", after):
                # 12 of our volunteers; 7 of the centre's 10 rooms
                owner = _OWNER_AND_TOTAL.match(after, of_noun.end())
                unit, rel = _en_unit(after[owner.end() :])
                rel_end = owner.end() + rel if unit else 0
            if unit is None and re.match(r"\s+of (?:them|whom|these|those)\b", after) and out:
                unit, rel_end = out[-1].unit, len(" of them")  # 1,150 of them: the previous figure's unit
            elif unit is None and _PEOPLE_OF_THEM.match(after):
                unit, rel_end = "person", len(" of them")  # "Twelve of them went on to…": people who acted
            elif (
                unit is None and re.match(r"\s+in (?:all|total)\b", after) and re.search(r"\bheld\b", before)
            ):
                unit, rel_end = "session", len(" in all")  # …were held…, nine in all
            if unit is None:
                unit, measure = _unit_before(sentence[max(0, m.start() - 60) : m.start()], m.start() <= 60)
            if unit is None:
                continue
            end = m.end() + rel_end
            noun = after[:rel_end].lower()
            if noun.endswith("times") and re.search(
                r"\b(?:read|view\w*|click\w*|visit\w*|brows\w*|liked|shared|played)\s+(?:\w+\s+)?$", before
            ):
                unit = "other"  # read 35,000 times: views, not events
            elif noun.endswith("copies") and (
                re.search(r"\b(?:signed|autographed)\s+copies$", noun)
                or re.match(
                    r"\s+of (?:the|his|her|their|its) (?:new )?(?:book|novel|memoir)", after[rel_end:]
                )
            ):
                unit = "volume"  # signed copies of a book are books, not leaflets
            elif noun.endswith("entries") and re.search(
                r"draw|paint|photo|calligraph|artwork|picture", sentence, re.I
            ):
                unit = "artwork"
        qualifier = "exact"
        if m.group("q"):
            word = m.group("q").lower()
            for q in QUALIFIERS:
                if word in q.en_aliases:
                    qualifier = q.code
        start = m.start()
        lo = max(0, start - _WINDOW)
        left = max((p.end() for p in _EN_CLAUSE_END.finditer(sentence, lo, start)), default=lo)
        if start >= prev_end > left:  # a second figure in one clause starts after the first one
            after_prev = re.search(r"\b(?:and|or|plus)\b\s*", sentence[prev_end:start])
            left = prev_end + (after_prev.end() if after_prev else 0)
        text = sentence[left:end].strip() if end > start else sentence[left : m.end()].strip()
        if start <= 60 and _LABEL.match(sentence[:start]):
            text = sentence[:end].strip()  # a table row keeps its label: "Visits: 3,052"
        low = ranges.get(m.start("num")) if not m.group("q") else None
        if low is not None and not m.group("dur"):
            try:
                low_value = english_to_number(low.group("a"))
            except NumberError:
                low_value = None
            if low_value is not None and low_value < value:
                # 150-200 questions: at least the low end, at most the high end
                low_left = min(left, low.start("a"))
                out.append(
                    Found(
                        low_value, "more_than", unit, sentence[low_left:end].strip(), low.start("a"), end=end
                    )
                )
                qualifier = "up_to"
                text = sentence[low_left:end].strip()
        found = Found(value, qualifier, unit, text, start, measure, end=max(end, m.end()))
        right_m = _EN_CLAUSE_END.search(sentence, end, end + _WINDOW)
        clause = sentence[left : right_m.start() if right_m else min(len(sentence), end + _WINDOW)]
        found.report_level = bool(_EN_REPORT_LEVEL.search(clause))
        found.total = bool(_EN_TOTAL.search(clause))
        out.append(found)
        prev_end = max(end, m.end())
    return out
