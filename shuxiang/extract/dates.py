"""Dates in report prose -> EDTF strings (2016-05-27, 20XX-05-27, XXXX-04-20, 20XX-05).

A year written 20xx makes every date of the report 20XX; a month/day without a
year takes the report's year (the campaign's), or XXXX when the report gives none.
A range whose end has no month takes the start's month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZH_DATE = r"(?:(?P<{p}y>\d{{4}}|20[xX]{{2}})年)?(?:(?P<{p}m>\d{{1,2}})月)(?P<{p}d>\d{{1,2}})(?:日|号)?"
_ZH_DAY_ONLY = r"(?:(?P<{p}m>\d{{1,2}})月)?(?P<{p}d>\d{{1,2}})(?:日|号)"
ZH_RANGE = re.compile(
    _ZH_DATE.format(p="a")
    + r"\s*(?:至|到|—+|-+|－+|~|～|――|－|–)\s*(?:(?P<by>\d{4}|20[xX]{2})年)?"
    + r"(?:(?P<bm>\d{1,2})月)?(?P<bd>\d{1,2})(?:日|号)?"
)
ZH_FROM_TO = re.compile(
    r"从"
    + _ZH_DATE.format(p="a")
    + r"[^，,。；;]{0,6}?开始[，,]\s*(?:到|至)?"
    + _ZH_DATE.format(p="b")
    + r"(?:结束|止)"
)
ZH_ONE = re.compile(_ZH_DATE.format(p=""))
ZH_MONTH = re.compile(r"(?:(?P<y>\d{4}|20[xX]{2})年)(?P<m>\d{1,2})月(?!\d)")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ]
    )
    for m in names.split()
}
# A weekday written before a date: "from Friday 8 July to Sunday 4 September".
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
MONTH_NAME = _MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_EN_DAY = (
    r"(?P<{p}m>"
    + _MON
    + r")\s+(?P<{p}d>\d{{1,2}})(?![\dxX])(?:st|nd|rd|th)?(?:,?\s+(?P<{p}y>\d{{4}}|20[xX]{{2}})\b)?"
)
EN_RANGE = re.compile(
    _EN_DAY.format(p="a")
    + r"\s*(?:to|until|till|through|-|–|—)\s*"
    + _WEEKDAY
    + r"(?:(?P<bm>"
    + _MON
    + r")\s+)?(?P<bd>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<by>\d{4}|20[xX]{2})\b)?",
    re.I,
)
EN_ONE = re.compile(_EN_DAY.format(p=""), re.I)
# Day first, as British and many Chinese-English texts write it: 23 April 2023, from 20 to 26 April 2023.
_EN_DAY_FIRST = (
    r"(?<![\d,.])(?P<{p}d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<{p}m>"
    + _MON
    + r")(?:,?\s+(?P<{p}y>\d{{4}}|20[xX]{{2}})\b)?"
)
EN_RANGE_DAY_FIRST = re.compile(
    r"(?<![\d,.])(?P<ad>\d{1,2})(?:st|nd|rd|th)?\s*(?:(?P<am>"
    + _MON
    + r")\s*)?(?:to|until|till|through|-|–|—)\s*"
    + _WEEKDAY
    + r"(?P<bd>\d{1,2})(?:st|nd|rd|th)?\s+(?P<bm>"
    + _MON
    + r")(?:,?\s+(?P<by>\d{4}|20[xX]{2})\b)?",
    re.I,
)
EN_ONE_DAY_FIRST = re.compile(_EN_DAY_FIRST.format(p=""), re.I)
EN_MONTH = re.compile(r"\b(?:in\s+)?(?P<m>" + _MON + r")\s+(?P<y>\d{4}|20[xX]{2})\b", re.I)
# A single date told as the last day of something that began earlier.
_UNTIL_BEFORE = {
    "zh": re.compile(r"(?:持续|延续|开放|展出|进行)?(?:至|到|截至|截止到?)\s*$"),
    "en": re.compile(
        r"\b(?:until|till|through|runs? to|ran to)\s+" + _WEEKDAY + "$",
        re.I,
    ),
}
_UNTIL_AFTER = {"zh": re.compile(r"^\s*(?:止|为止)"), "en": re.compile(r"^\s*(?:inclusive)\b", re.I)}
_YEAR_XX = re.compile(r"20[xX]{2}")
# A year in the history of the campaign ("first held in 1987", 始于1995年) is not the report's.
_HISTORY_BEFORE = {
    "zh": re.compile(r"(?:始于|创立于|创办于|始创于|设立于|成立于|起源于|诞生于|自|从)\s*$"),
    "en": re.compile(
        r"\b(?:began|begun|started|founded|established|created|launched|first held|dating back to|since)"
        r"(?:\s+(?:in|back in))?\s*$",
        re.I,
    ),
}
# A month named alone, without a day: "March was Reading Month", "In March, …", 3月是…阅读月.
_BARE_MONTH = {
    "zh": re.compile(r"(?<![\dxX]年)(?<!\d)(?P<m>\d{1,2})月(?![\d日号份])"),
    "en": re.compile(
        r"(?:^|(?<=[.!?]\s))(?P<m>"
        + _MON
        + r")(?=\s+(?:was|is|has been)\b)|\b(?:[Ii]n|[Dd]uring|[Tt]hroughout|[Aa]ll)\s+(?P<m2>"
        + _MON
        + r")(?![\s,]*\d)\b"
    ),
}
_ZH_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?:年|年度)")
_EN_YEAR = re.compile(r"\b(20\d{2}|19\d{2})\b")


@dataclass(frozen=True)
class DateSpan:
    start: str
    end: str | None
    pos: int  # offset in the text searched
    stop: int
    until: bool = False  # a last day alone: "until 21 March", 持续至10月15日, 9月2日止


def report_year(text: str, lang: str) -> str:
    """The year every undated month/day of the report takes: 20XX, a written year, or XXXX."""
    if _YEAR_XX.search(text):
        return "20XX"
    history = _HISTORY_BEFORE[lang]
    for m in (_ZH_YEAR if lang == "zh" else _EN_YEAR).finditer(text):
        if not history.search(text, max(0, m.start() - 30), m.start()):
            return m.group(1)
    return "XXXX"


def bare_month(text: str, lang: str, default_year: str) -> str | None:
    """The first month named alone in ``text`` ("March was Reading Month" -> 2024-03)."""
    m = _BARE_MONTH[lang].search(text)
    if m is None:
        return None
    return _edtf(None, _month(m.group("m") or m.groupdict().get("m2")), None, default_year)


def _month(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    return _MONTHS.get(value.lower().rstrip("."))


def _edtf(year: str | None, month: int | None, day: int | None, default_year: str) -> str | None:
    y = (year or default_year).upper()
    if _YEAR_XX.fullmatch(year or ""):
        y = "20XX"
    if month is None or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{y}-{month:02d}"
    limits = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    if not 1 <= day <= limits[month - 1]:
        return None
    if (
        month == 2
        and day == 29
        and y.isdigit()
        and not (int(y) % 4 == 0 and (int(y) % 100 or int(y) % 400 == 0))
    ):
        return None
    return f"{y}-{month:02d}-{day:02d}"


def find_dates(text: str, lang: str, default_year: str) -> list[DateSpan]:
    """Every date or date range in ``text``, in order."""
    force = "20XX" if default_year == "20XX" else None
    out: list[DateSpan] = []
    # Dates inside quotations and titles (“6月1日”读书会, 《3月的书单》) are not when anything happened.
    used: list[tuple[int, int]] = [m.span() for m in re.finditer(r"“[^”]*”|《[^》]*》|\"[^\"]*\"", text)]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in used)

    def year_of(written: str | None, fallback: str) -> str:
        if force:
            return force
        return written or fallback

    range_patterns = (ZH_FROM_TO, ZH_RANGE) if lang == "zh" else (EN_RANGE, EN_RANGE_DAY_FIRST)
    for pattern in range_patterns:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            end_year = g.get("by")
            start_year = g.get("ay") or end_year
            am = _month(g.get("am")) or _month(g.get("bm"))
            bm = _month(g.get("bm")) or am
            start = _edtf(year_of(start_year, default_year), am, int(g["ad"]), default_year)
            end = _edtf(year_of(end_year or start_year, default_year), bm, int(g["bd"]), default_year)
            if start is None or end is None:
                continue
            if "X" not in start + end and end < start:
                continue
            out.append(DateSpan(start, end, m.start(), m.end()))
            used.append((m.start(), m.end()))
    single = (ZH_ONE,) if lang == "zh" else (EN_ONE, EN_ONE_DAY_FIRST)
    for pattern in single:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            bare_day = lang == "zh" and not (g.get("y") or text[m.end() - 1 : m.end()] in "日号")
            if bare_day and not re.match(r"\s*(?:开始|起|至|到)", text[m.end() :]):
                continue  # "4月20" counts only before 开始/至
            value = _edtf(year_of(g.get("y"), default_year), _month(g.get("m")), int(g["d"]), default_year)
            if value:
                until = bool(
                    _UNTIL_BEFORE[lang].search(text[max(0, m.start() - 12) : m.start()])
                    or _UNTIL_AFTER[lang].match(text[m.end() : m.end() + 4])
                )
                out.append(DateSpan(value, None, m.start(), m.end(), until))
                used.append((m.start(), m.end()))
    for m in (ZH_MONTH if lang == "zh" else EN_MONTH).finditer(text):
        if not free(m.start(), m.end()):
            continue
        value = _edtf(year_of(m.group("y"), default_year), _month(m.group("m")), None, default_year)
        if value:
            out.append(DateSpan(value, None, m.start(), m.end()))
            used.append((m.start(), m.end()))
    out.sort(key=lambda d: d.pos)
    return out
