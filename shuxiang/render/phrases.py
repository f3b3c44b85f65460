"""Prose helpers: numbers, figures, dates and lists as each output language writes them.

Chinese follows Chinese usage (3000余份, 近万名读者, 5月27日至6月2日, 甲、乙和丙);
English follows English usage (more than 3,000 leaflets, 27 May – 2 June 2016,
A, B and C). Every helper is a pure function of the record's data: nothing is
added that the record does not hold. They are exposed to the templates as Jinja
filters (see :mod:`shuxiang.render.text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from shuxiang.record.model import Figure
from shuxiang.vocab import AUDIENCES_BY_CODE, KINDS_BY_CODE, QUALIFIERS_BY_CODE, UNITS_BY_CODE

EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ZH_SMALL = "零一二三四五六七八九十"
EN_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

# ---------------------------------------------------------------- numbers


def _plain(value: float) -> str:
    """A value without a needless ``.0``: 300.0 -> "300", 2.5 -> "2.5"."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def zh_number(value: float, qualifier: str = "exact", *, many: str = "余") -> str:
    """A qualified number in Chinese: 3000余, 近万, 约60, 2.5万, 最多30.

    Round ten-thousands are written with 万 (10000 -> 1万, 近万, 万余); smaller
    numbers in Arabic digits without separators, as Chinese reports write them.
    ``many`` is the word for ``more_than`` (余, or 多 as in 300多人次).
    """
    if value >= 10_000 and value % 1000 == 0:
        wan = _plain(value / 10_000)
        if wan == "1" and qualifier == "nearly":
            return "近万"
        if wan == "1" and qualifier == "more_than":
            return "万余"
        core = f"{wan}万"
    else:
        core = _plain(value)
    if qualifier == "more_than":
        return f"{core}{many}"
    if qualifier == "about":
        return f"约{core}"
    if qualifier == "nearly":
        return f"近{core}"
    if qualifier == "up_to":
        return f"最多{core}"
    return core


def en_number(value: float, qualifier: str = "exact", *, words: bool = False) -> str:
    """A qualified number in English: "more than 3,000", "nearly 10,000", "about 60".

    ``words`` spells one to ten ("one week"), for durations.
    """
    if words and float(value).is_integer() and 0 < value <= 10:
        core = EN_SMALL[int(value)]
    elif float(value).is_integer():
        core = f"{int(value):,}"
    else:
        core = f"{value:,.2f}".rstrip("0").rstrip(".")
    label = QUALIFIERS_BY_CODE[qualifier].en if qualifier in QUALIFIERS_BY_CODE else ""
    return f"{label} {core}" if label else core


def _zh_small(value: float, *, measure_word: bool = False) -> str:
    """一 to 十 for small whole numbers; 两 before a measure word (两个月, 两周)."""
    if float(value).is_integer() and 0 < value <= 10:
        if measure_word and value == 2:
            return "两"
        return ZH_SMALL[int(value)]
    return _plain(value)


# ---------------------------------------------------------------- figures

# What a figure counts, in each language. zh: the words before the quantity
# (发放宣传资料 + 3000余份); en: the noun replacing the unit's own when it fits the
# unit, and the words after it ("more than 3,000 leaflets handed out").
# ``None`` as the noun keeps the unit's noun. These words are also the measures' labels
# (:func:`measure_label`), which the dashboard and the figure forms show: the one place
# a measure is named for people. vocab.py lists the preferred codes; measures are an
# open vocabulary, so a code with no words here is shown as written.


@dataclass(frozen=True)
class MeasureWords:
    zh: str
    en_noun: str | None = None
    en_noun_singular: str | None = None
    en_after: str = ""
    en_units: frozenset[str] = frozenset()  # units whose noun the measure noun replaces
    zh_unit: dict[str, str] | None = None  # unit code -> measure word used instead
    zh_label: str | None = None  # the label when ``zh`` alone would not tell two measures apart


_PEOPLE = frozenset({"person"})
MEASURES: dict[str, MeasureWords] = {
    "participants": MeasureWords("参与活动", "participants", "participant", "", _PEOPLE),
    "attendees": MeasureWords("到场", "attendees", "attendee", "", _PEOPLE),
    "readers": MeasureWords("服务读者", "readers", "reader", "", frozenset({"person"})),
    "inquiries": MeasureWords(
        "解答咨询", "inquiries", "inquiry", " answered", frozenset({"person_time", "item", "other"})
    ),
    "leaflets": MeasureWords(
        "发放宣传资料", "leaflets", "leaflet", " handed out", frozenset({"copy", "item", "other"})
    ),
    "books_exhibited": MeasureWords("展出图书", None, None, " on display"),
    "titles_exhibited": MeasureWords("展出图书", None, None, " on display", zh_label="展出图书种数"),
    "books_donated": MeasureWords("赠送图书", None, None, " donated"),
    "books_delivered": MeasureWords("配送图书", None, None, " delivered"),
    "books_drifted": MeasureWords("漂流图书", None, None, " passed on"),
    "cards_issued": MeasureWords(
        "办理读者证", "library cards", "library card", " issued", frozenset({"card"})
    ),
    "works_collected": MeasureWords("征集作品", None, None, " collected"),
    "works_exhibited": MeasureWords("展出作品", None, None, " on display"),
    "entries": MeasureWords(
        "收到参赛作品",
        "entries",
        "entry",
        " received",
        frozenset({"essay", "artwork", "item", "copy", "other"}),
    ),
    "awards": MeasureWords("评出获奖", "awards", "award", " given", frozenset({"item", "other"})),
    "prizes": MeasureWords("发放奖品", "prizes", "prize", " given", frozenset({"item", "copy", "other"})),
    "recipients": MeasureWords("惠及", "recipients", "recipient", "", _PEOPLE, zh_label="惠及人数"),
    "riddles": MeasureWords("谜语", "riddles", "riddle", "", frozenset({"item", "other"})),
    "panels": MeasureWords("展板", None, None, ""),
    "volunteers": MeasureWords("志愿者", "volunteers", "volunteer", "", frozenset({"person", "person_time"})),
    "sessions": MeasureWords("举办", None, None, " held", zh_label="举办场次"),
    "drift_points": MeasureWords(
        "设立漂流点", "drift points", "drift point", " set up", frozenset({"place", "other"})
    ),
    "schoolbags_donated": MeasureWords(
        "赠送书包", "schoolbags", "schoolbag", " donated", frozenset({"bag", "item"})
    ),
    "schools_served": MeasureWords("服务学校", None, None, " served"),
    "classes_served": MeasureWords("服务班级", None, None, " served"),
    "films_screened": MeasureWords("放映影片", None, None, " screened"),
    "speakers": MeasureWords("主讲人", "speakers", "speaker", "", _PEOPLE),
    "issues": MeasureWords(
        "编印",
        "issues",
        "issue",
        " published",
        frozenset({"other", "item", "copy"}),
        zh_unit={"other": "期"},
        zh_label="编印期数",
    ),
    # Worded by figure_parts itself (worth 500 yuan, 500 yuan in cash, lasting 3 days); zh as here.
    "value": MeasureWords("价值"),
    "cash": MeasureWords("现金"),
    "duration": MeasureWords("历时"),
}
_WORDED_APART = frozenset({"value", "cash", "duration"})


def measure_label(measure: str | None, lang: str) -> str:
    """What a measure counts, in ``lang``, worded as the reports word it (发放宣传资料 / leaflets handed out).

    A measure the reports do not know (measures are an open vocabulary) is shown as written in
    Chinese and with spaces for underscores in English; no measure gives "".
    """
    if not measure:
        return ""
    words = MEASURES.get(measure)
    if lang == "zh":
        return (words.zh_label or words.zh) if words is not None else measure
    if words is not None and words.en_noun:
        return f"{words.en_noun}{words.en_after}"
    return measure.replace("_", " ")  # books_exhibited: "books exhibited"


def _unit_zh_word(unit: str, *, with_measure: bool) -> str:
    term = UNITS_BY_CODE.get(unit)
    if term is None:
        return ""
    word, label = term.zh_word, term.zh
    if with_measure or not word:
        return word
    # Without a measure the unit's label says more: 50个书包 rather than 50个.
    if label.startswith(word):
        return label
    return word if label == word else f"{word}{label}"


def _en_unit_noun(unit: str, value: float, qualifier: str) -> str:
    term = UNITS_BY_CODE.get(unit)
    if term is None or not term.en_plural:
        return ""
    one = value == 1 and qualifier == "exact"
    return term.en_singular if one else term.en_plural


@dataclass(frozen=True)
class FigureParts:
    """A figure phrase in three parts: ``lead`` + ``quantity`` + ``tail``.

    The quantity holds the number with its qualifier and unit word (3000余份, "more
    than 3,000 leaflets"); it is what the HTML links. Figures in a row that share
    lead and tail are written once: 展出图书300余种、500余册.
    """

    lead: str
    quantity: str
    tail: str

    @property
    def text(self) -> str:
        return f"{self.lead}{self.quantity}{self.tail}"


def figure_parts(fig: Figure, lang: str) -> FigureParts:
    """One figure in parts: zh 发放宣传资料|3000余份|; en |more than 3,000 leaflets| handed out."""
    measure = fig.measure or ""
    if measure.startswith("duration_") or (measure == "duration" and fig.unit == "other"):
        return _duration_parts(fig, measure.removeprefix("duration").removeprefix("_") or "days", lang)
    words = MEASURES.get(measure)
    if lang == "zh":
        many = "多" if fig.unit == "person_time" else "余"
        number = zh_number(fig.value, fig.qualifier, many=many)
        if measure == "readers" and fig.unit == "person":
            return FigureParts("", f"{number}名读者", "")
        if words is not None and measure in _WORDED_APART:
            return FigureParts(words.zh, f"{number}{_unit_zh_word(fig.unit, with_measure=True)}", "")
        if words is not None:
            word = (words.zh_unit or {}).get(fig.unit) or _unit_zh_word(fig.unit, with_measure=True)
            return FigureParts(words.zh, f"{number}{word}", "")
        return FigureParts("", f"{number}{_unit_zh_word(fig.unit, with_measure=False)}", "")
    number = en_number(fig.value, fig.qualifier)
    unit_noun = _en_unit_noun(fig.unit, fig.value, fig.qualifier)
    if measure == "value":
        return FigureParts("worth ", f"{number} {unit_noun}".strip(), "")
    if measure == "cash":
        return FigureParts("", f"{number} {unit_noun}".strip(), " in cash")
    if measure == "duration":
        return FigureParts("lasting ", f"{number} {unit_noun}".strip(), "")
    if words is not None:
        noun = unit_noun
        if words.en_noun and (fig.unit in words.en_units or not unit_noun):
            one = fig.value == 1 and fig.qualifier == "exact"
            noun = (words.en_noun_singular or words.en_noun) if one else words.en_noun
        return FigureParts("", f"{number} {noun}".strip(), words.en_after)
    if fig.unit == "other" or not unit_noun:
        noun = measure.replace("_", " ") if measure else ""
        return FigureParts("", f"{number} {noun}".strip(), "")
    return FigureParts("", f"{number} {unit_noun}", "")


def figure_phrase(fig: Figure, lang: str) -> str:
    """One figure as prose: zh 发放宣传资料3000余份; en "more than 3,000 leaflets handed out"."""
    return figure_parts(fig, lang).text


def is_duration(fig: Figure) -> bool:
    measure = fig.measure or ""
    return measure.startswith("duration")


def _duration_parts(fig: Figure, span: str, lang: str) -> FigureParts:
    if lang == "zh":
        word = {"weeks": "周", "months": "个月", "days": "天", "years": "年", "hours": "小时"}.get(span, "")
        if fig.qualifier == "exact":
            return FigureParts("为期", f"{_zh_small(fig.value, measure_word=True)}{word}", "")
        return FigureParts("为期", f"{zh_number(fig.value, fig.qualifier)}{word}", "")
    singular = span.rstrip("s")
    noun = singular if fig.value == 1 and fig.qualifier == "exact" else span
    return FigureParts("lasting ", f"{en_number(fig.value, fig.qualifier, words=True)} {noun}", "")


# ---------------------------------------------------------------- dates


@dataclass(frozen=True)
class Day:
    """An EDTF date with unknown parts as None (20XX-05-27 -> year None, month 5, day 27)."""

    year: int | None
    month: int | None
    day: int | None

    @property
    def iso(self) -> str | None:
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return None


_EDTF = re.compile(r"^([0-9X]{4})(?:-([0-9X]{2})(?:-([0-9X]{2}))?)?$")


def parse_edtf(value: str | None) -> Day | None:
    """``"20XX-05-27"`` -> Day(None, 5, 27); None for no date or one with nothing known."""
    if not value:
        return None
    match = _EDTF.match(value)
    if not match:
        return None
    parts = [None if p is None or "X" in p else int(p) for p in match.groups()]
    year, month, day = parts
    if month is None:
        day = None  # a day without its month says nothing
    if year is None and month is None:
        return None
    return Day(year, month, day)


def year_of(value: str | None) -> int | None:
    day = parse_edtf(value)
    return day.year if day else None


def _zh_day(d: Day, *, show_year: bool, month: bool = True) -> str:
    out = f"{d.year}年" if show_year and d.year else ""
    if d.month and month:
        out += f"{d.month}月"
    if d.month and d.day:
        out += f"{d.day}日"
    return out


def _en_day(d: Day, *, show_year: bool, month: bool = True) -> str:
    parts = []
    if d.month and d.day:
        parts.append(str(d.day))
    if d.month and month:
        parts.append(EN_MONTHS[d.month - 1])
    if show_year and d.year:
        parts.append(str(d.year))
    return " ".join(parts)


def date_phrase(start: str | None, end: str | None, lang: str, *, ref_year: int | None = None) -> str:
    """A date or range: zh 5月27日至6月2日, en 27 May – 2 June 2016; "" for no date.

    The year is written when it is known and differs from ``ref_year`` (the
    campaign's year); a year the record does not know is never written.
    """
    a, b = parse_edtf(start), parse_edtf(end)
    if a is None:
        a, b = b, None
    if a is None:
        return ""
    if b is not None and b.year is None and a.year is not None:
        b = Day(a.year, b.month, b.day)  # a range's end without a year takes the start's
    if b == a:
        b = None
    fmt = _zh_day if lang == "zh" else _en_day
    if b is None:
        return fmt(a, show_year=a.year is not None and a.year != ref_year)
    same_year = a.year == b.year
    show = (a.year is not None and a.year != ref_year) or not same_year
    if lang == "zh":
        head = _zh_day(a, show_year=show)
        tail_year = not same_year and b.year is not None
        tail = _zh_day(b, show_year=tail_year, month=tail_year or a.month != b.month)
        return f"{head}至{tail}"
    same_month = same_year and a.month == b.month and a.day is not None and b.day is not None
    if same_month:
        return f"{a.day}–{_en_day(b, show_year=show)}"
    head = _en_day(a, show_year=show and not same_year)
    return f"{head} – {_en_day(b, show_year=show and b.year is not None)}"


def when_phrase(start: str | None, end: str | None, lang: str, *, ref_year: int | None = None) -> str:
    """The date with its preposition: zh 于5月28日, en "on 28 May" / "from 27 May to 2 June"."""
    text = date_phrase(start, end, lang, ref_year=ref_year)
    if not text:
        return ""
    if lang == "zh":
        return f"于{text}"
    a = parse_edtf(start) or parse_edtf(end)
    ranged = "–" in text
    if ranged:
        if " – " in text:
            first, second = text.split(" – ", 1)
        else:
            first, second = text.split("–", 1)
        return f"from {first} to {second}"
    if a is not None and a.day is None:
        return f"in {text}"
    return f"on {text}"


# ---------------------------------------------------------------- lists and labels


def join_names(items: Iterable[str], lang: str, *, conj: str | None = None) -> str:
    """zh: 甲、乙和丙; en: "A, B and C" (names kept as written)."""
    names = [s for s in items if s]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if lang == "zh":
        return "、".join(names[:-1]) + (conj or "和") + names[-1]
    return ", ".join(names[:-1]) + f" {conj or 'and'} " + names[-1]


def join_clauses(items: Sequence[str], lang: str) -> str:
    """Figure phrases in a row: zh with ，, en as a list with "and"."""
    items = [s for s in items if s]
    if lang == "zh":
        return "，".join(items)
    return join_names(items, "en")


def kind_label(code: str, lang: str) -> str:
    term = KINDS_BY_CODE.get(code)
    return term.label(lang) if term else code


def audience_labels(codes: Iterable[str], lang: str) -> list[str]:
    return [AUDIENCES_BY_CODE[c].label(lang) if c in AUDIENCES_BY_CODE else c for c in codes]


# How an activity of each kind is named in a sentence. zh: the verb and the noun
# that follows a quoted title (举办了“……”讲座); en: the noun with its article.
ZH_KIND_VERB = {
    "lecture": "举办了",
    "exhibition": "举办了",
    "book_exhibition": "举办了",
    "contest": "举办了",
    "forum": "召开了",
    "training": "举办了",
    "performance": "举办了",
    "film_screening": "举办了",
}
ZH_KIND_NOUN = {
    "lecture": "讲座",
    "exhibition": "展览",
    "book_exhibition": "书展",
    "contest": "比赛",
    "forum": "座谈会",
    "training": "培训",
    "performance": "演出",
    "film_screening": "放映活动",
}
# A title that already ends in one of these needs no noun after it.
ZH_TITLE_ENDINGS = (
    "活动",
    "展",
    "展览",
    "展出",
    "讲座",
    "比赛",
    "竞赛",
    "大赛",
    "会",
    "节",
    "赛",
    "培训",
    "演出",
    "节目",
    "图片",
    "宣传",
    "服务",
    "漂流",
    "影片",
    "电影",
    "课",
    "班",
)
EN_KIND_NOUN = {
    "publicity": "a publicity activity",
    "consultation": "a consultation service",
    "card_drive": "a library-card drive",
    "book_exhibition": "a book exhibition",
    "exhibition": "an exhibition",
    "lecture": "a lecture",
    "film_screening": "a film screening",
    "book_drifting": "a book-drifting activity",
    "book_exchange": "a book exchange",
    "book_donation": "a book donation",
    "mobile_service": "a mobile service",
    "contest": "a contest",
    "reading_event": "a reading event",
    "forum": "a forum",
    "training": "a training session",
    "volunteer_service": "a volunteer service",
    "performance": "a performance",
    "science_outreach": "a science outreach event",
    "digital_service": "a digital service",
    "fee_waiver": "a fee waiver",
    "other": "an activity",
}


def quoted(title: str) -> str:
    """“title”, unless the title already carries its own quotes or 《》 (“写作与阅读”讲座)."""
    if any(mark in title for mark in '“”"《'):
        return title
    return f"“{title}”"


def activity_name(kind: str, title: str | None, lang: str) -> str:
    """zh: 举办了“……”讲座 / 开展了图书漂流活动; en: a lecture “…”."""
    if lang == "zh":
        verb = ZH_KIND_VERB.get(kind, "开展了")
        if not title:
            label = kind_label(kind, "zh")
            noun = label if label.endswith(ZH_TITLE_ENDINGS) else f"{label}活动"
            return f"{verb}{noun}"
        noun = "" if title.endswith(ZH_TITLE_ENDINGS) else ZH_KIND_NOUN.get(kind, "活动")
        return f"{verb}{quoted(title)}{noun}"
    noun = EN_KIND_NOUN.get(kind, "an activity")
    return f"{noun} {quoted(title)}" if title else noun


def ordinal(n: int, lang: str, *, level: int = 1) -> str:
    """Section numbers: zh 一、 / （一）; en I. / (1)."""
    if lang == "zh":
        word = zh_ordinal(n)
        return f"{word}、" if level == 1 else f"（{word}）"
    if level == 1:
        return f"{roman(n)}. "
    return f"({n}) "


def zh_ordinal(n: int) -> str:
    if n <= 10:
        return ZH_SMALL[n]
    if n < 20:
        return "十" + (ZH_SMALL[n - 10] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return ZH_SMALL[tens] + "十" + (ZH_SMALL[ones] if ones else "")


def roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out
