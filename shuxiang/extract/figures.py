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
from dataclasses import dataclass

from shuxiang.numerals import (
    CN_NUMERAL_CHARS,
    EN_UNIT_WORDS,
    ZH_PREFIX_QUALIFIERS,
    ZH_SUFFIX_QUALIFIERS,
    ZH_UNIT_WORDS,
    NumberError,
    english_to_number,
    to_number,
)
from shuxiang.vocab import QUALIFIERS


@dataclass
class Found:
    """A figure found in a sentence; ``start`` is its offset in the sentence."""

    value: float
    qualifier: str
    unit: str
    text: str
    start: int
    measure_hint: str | None = None
    report_level: bool = False
    total: bool = False  # "a total of", "in all": the report's own unless an activity is being told
    end: int = -1  # where the number and its counted noun end ("85 new library cards"), -1 if unknown

    @property
    def stop(self) -> int:
        return self.end if self.end > self.start else self.start + 1


# ---------------------------------------------------------------- Chinese
_ZH_PREFIX = "|".join(re.escape(w) for w, _ in ZH_PREFIX_QUALIFIERS)
# Measure words the shared vocabulary leaves out: families (80组家庭, 10户), loans (1.6万册次).
_ZH_EXTRA_UNITS: tuple[tuple[str, str], ...] = (
    ("册次", "volume"),
    ("组", "other"),
    ("户", "other"),
    ("副", "item"),
    ("批", "other"),
    # Lessons, devices, poems, vehicles, boxes, teams: 8节课, 20台电脑, 30首诗, 2辆车, 10箱图书, 6支队伍.
    ("节", "session"),
    ("堂", "session"),
    ("台", "item"),
    ("首", "item"),
    ("辆", "item"),
    ("箱", "other"),
    ("盒", "item"),
    ("支", "organization"),
)
_ZH_UNIT_TABLE = sorted([*ZH_UNIT_WORDS, *_ZH_EXTRA_UNITS], key=lambda wu: -len(wu[0]))
_ZH_UNITS = "|".join(re.escape(w) for w, _ in _ZH_UNIT_TABLE)
_ZH_FIGURE = re.compile(
    rf"(?P<pq>{_ZH_PREFIX})?"
    rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?(?:万|千)?|[{CN_NUMERAL_CHARS}]+)"
    r"(?P<sq>多|余)?"
    rf"(?P<unit>{_ZH_UNITS})?"
    r"(?P<tq>以上|左右|上下)?"
)
_ZH_DURATION = re.compile(
    rf"(?:为期|历时|持续|长达)(?P<num>\d+|[{CN_NUMERAL_CHARS}]+)(?:个)?(?P<span>星期|周|月|天|日|年)"
)
# A range written with its unit once: 200至300人次, 150-200人, 30~40名 (its two ends are two figures).
_ZH_RANGE = re.compile(
    rf"(?P<a>\d+(?:\.\d+)?(?:万|千)?|[{CN_NUMERAL_CHARS}]+)(?:至|到|-|—|–|~|～)(?=(?:\d|[{CN_NUMERAL_CHARS}]))"
)
# What may not follow a number: dates, times, percentages, ordinals in names.
_ZH_NOT_AFTER = re.compile(
    r"^(?:年|月|日|号|时|点|分|秒|:|：|%|％|届|周年|岁|级|楼|层|中队|大队|小|中全会|D|d|G|g)"
)
_ZH_NOT_BEFORE = re.compile(r"(?:第|每|No\.|NO\.|星期|周|礼拜|初|十|[A-Za-z])$")
_IDIOMS = re.compile(
    r"六[〃·•.．]?一|千家万户|千方百计|万家灯火|百花齐放|百家争鸣|千千万万|万众一心|一心一意|十全十美|三五成群|"
    r"四面八方|五湖四海|七嘴八舌|九牛一毛|一举两得|三心二意|千篇一律|万无一失|一系列|一五一十"
)
# Nouns that tell what a general measure word (个 份 张 件 条) or a bare number counts.
_NOUN_UNITS: tuple[tuple[str, str], ...] = (
    # Recordings are things, not works of art: before 作品 so the longer noun wins.
    ("音频作品", "item"),
    ("视频作品", "item"),
    ("音频", "item"),
    ("视频", "item"),
    ("借书证", "card"),
    ("读者证", "card"),
    ("阅览证", "card"),
    ("证", "card"),
    ("书包", "bag"),
    ("书画作品", "artwork"),
    ("美术作品", "artwork"),
    ("摄影作品", "artwork"),
    ("书法作品", "artwork"),
    ("绘画作品", "artwork"),
    ("作品", "artwork"),
    ("书画", "artwork"),
    ("画作", "artwork"),
    ("礼品", "item"),
    ("奖品", "item"),
    ("纪念品", "item"),
    ("谜语", "item"),
    ("灯谜", "item"),
    ("短片", "film"),
    ("影片", "film"),
    ("电影", "film"),
    ("科教片", "film"),
    ("动画片", "film"),
    ("展板", "panel"),
    ("海报", "item"),
    ("横幅", "item"),
    ("条幅", "item"),
    ("书签", "item"),
    ("书架", "item"),
    ("家庭", "other"),
    ("展牌", "panel"),
    ("教学班", "class"),
    ("班级", "class"),
    ("漂流点", "place"),
    ("服务点", "place"),
    ("流通点", "place"),
    ("借阅点", "place"),
    ("站点", "place"),
    ("孩子", "person"),
    ("儿童", "person"),
    ("学生", "person"),
    ("读者", "person"),
    ("同学", "person"),
    ("志愿者", "person"),
    ("老人", "person"),
    ("家长", "person"),
    ("群众", "person"),
    ("居民", "person"),
    ("小时", "hour"),
)
_GENERAL_MEASURES = {"个", "份", "张", "件", "条", None}
_PLACE_AFTER = re.compile(
    r"(?:社区|乡镇|乡|镇|村|街道|站点|网点|服务点|地区|县区|区县|(?:农家)?书屋|图书室|文化站|服务站|分馆)"
)
# A limit, not a count: 每场限额30个家庭, 每人限借2本.
_ZH_LIMIT = re.compile(r"每[^，,。；;]{0,6}?(?:限额|限借|限|最多|不超过|不多于)[^，,。；;]{0,4}$")
_PUNCT = re.compile(r"[，,。；;：:、！？!?（）()“”\"《》]")


def _span_mask(sentence: str) -> list[bool]:
    """True for characters inside 《》, “” or "" (names and quoted titles)."""
    mask = [False] * len(sentence)
    for pattern in (r"《[^》]*》", r"“[^”]*”", r"\"[^\"]*\"", r"「[^」]*」"):
        for m in re.finditer(pattern, sentence):
            for i in range(m.start() + 1, m.end() - 1):
                mask[i] = True
    return mask


def _clause_of(sentence: str, start: int, end: int) -> str:
    lo, hi = max(0, start - 200), min(len(sentence), end + 200)  # bounded: run-on text stays linear
    left = max((m.end() for m in _PUNCT.finditer(sentence, lo, start)), default=lo)
    m = _PUNCT.search(sentence, end, hi)
    right = m.start() if m else hi
    # Keep a title or quotation the clause starts with ("《世界读书日的由来》1000份").
    text = sentence[left:right].strip()
    if left > 0 and sentence[left - 1] in '》”"' and start - left < 3:
        opener = "《" if sentence[left - 1] == "》" else "“"
        o = sentence.rfind(opener, 0, left - 1)
        if o >= 0:
            text = sentence[o:right].strip()
    return text


def _noun_before(sentence: str, start: int) -> str | None:
    window = sentence[max(0, start - 8) : start]
    cut = max((m.end() for m in _PUNCT.finditer(window)), default=0)
    window = window[cut:].rstrip("了共计达有约近")
    for noun, unit in _NOUN_UNITS:
        if window.endswith(noun):
            return unit
    return None


def _noun_after(sentence: str, end: int, width: int = 9) -> str | None:
    window = sentence[end : end + width]
    m = _PUNCT.search(window)
    if m:
        window = window[: m.start()]
    best = None
    for noun, unit in _NOUN_UNITS:
        idx = window.find(noun)
        if idx >= 0 and (best is None or idx < best[0]):
            best = (idx, unit)
    return best[1] if best else None


def zh_figures(sentence: str) -> list[Found]:
    """Figures in one Chinese sentence."""
    if not re.search(rf"[\d{CN_NUMERAL_CHARS}]", sentence):
        return []
    mask = _span_mask(sentence)
    idioms = [m.span() for m in _IDIOMS.finditer(sentence)]
    # high end offset -> (low value, low start) of a written range
    ranges = {m.end(): m for m in _ZH_RANGE.finditer(sentence)}
    out: list[Found] = []
    taken: set[int] = set()
    for m in _ZH_DURATION.finditer(sentence):
        try:
            value = to_number(m.group("num"))
        except NumberError:
            continue
        span = m.group("span")
        unit, measure = {
            "周": ("other", "duration_weeks"),
            "星期": ("other", "duration_weeks"),
            "月": ("other", "duration_months"),
            "年": ("other", "duration_years"),
        }.get(span, ("day", "duration_days"))
        out.append(
            Found(
                value,
                "exact",
                unit,
                _clause_of(sentence, m.start(), m.end()),
                m.start(),
                measure,
                end=m.end(),
            )
        )
        taken.update(range(m.start("num"), m.end("num")))
    for m in _ZH_FIGURE.finditer(sentence):
        num = m.group("num")
        ns, ne = m.start("num"), m.end("num")
        if ns in taken or mask[ns] or any(a <= ns < b for a, b in idioms):
            continue
        digits = num.replace(",", "")
        is_cn = not digits[0].isdigit()
        # Only the text just before a number decides (a bounded slice keeps long sentences linear).
        before = sentence[max(0, ns - 40) : ns]
        if m.group("pq"):
            before = sentence[max(0, m.start() - 40) : m.start()]
        if _ZH_LIMIT.search(sentence[max(0, ns - 20) : ns]):
            continue
        if _ZH_NOT_BEFORE.search(before) or (not m.group("unit") and _ZH_NOT_AFTER.match(sentence[ne:])):
            continue
        # 5月, 20日 (a 日 unit right after a 月 date), 六中队: not counts.
        date_like = sentence[ne : ne + 1] in tuple("月日号时点分年") or sentence[ne:].startswith(
            ("中队", "届", "周年", "岁")
        )
        if m.group("unit") and _ZH_NOT_AFTER.match(sentence[ne:]) and not m.group("sq") and date_like:
            continue
        unit_word = m.group("unit")
        if unit_word in {"日", "天"} and re.search(r"\d月$|[一二三四五六七八九十]月$", before):
            continue
        if is_cn:
            if num in {"一", "〇", "零"} and unit_word not in {"期"}:
                continue
            if (
                len(num) == 1
                and num in "十百千万"
                and not (m.group("pq") or m.group("sq") or before.endswith(("价值", "达", "上", "共")))
            ):
                continue
            if any(ch in num for ch in "零〇") and len(num) == 1:
                continue
        else:
            if re.search(r"[\d.]$", before) or re.match(r"^[\d.]*[-—–~至到]\d", sentence[ne : ne + 4] or "x"):
                pass
            if (
                len(digits) == 4
                and digits.startswith(("19", "20"))
                and not unit_word
                and "." not in num + digits
                and "," not in num
            ):
                continue
            if re.match(r"^\s*[:：.]\d", sentence[ne:]):
                continue
        unit = dict(_ZH_UNIT_TABLE).get(unit_word) if unit_word else None
        if unit_word in {"个", "处"} and _PLACE_AFTER.match(sentence, m.end()):
            unit = "place"  # 5个社区, 6个乡镇: the places served
        elif unit_word == "次" and re.search(r"量[^，,。；;\d]{0,4}$", sentence[max(0, ns - 12) : ns]):
            unit = "other"  # 阅读量6万次: views, not events
        elif unit_word in _GENERAL_MEASURES or unit is None:
            noun = _noun_before(sentence, m.start()) or _noun_after(sentence, m.end())
            if unit_word is None and noun != "place":
                noun = None  # a bare number counts only a drift or service point (两固定图书漂流点)
            unit = noun or unit
        if unit_word == "张" and unit == "card" and _noun_before(sentence, m.start()) is None:
            unit = "card"
        if unit is None:
            continue
        if unit_word == "期" and re.search(
            r"(编印|印发|出版|编辑|刊印|发行|出刊)", sentence[max(0, ns - 14) : ns]
        ):
            unit = "other"
        try:
            value = to_number("一万" if num == "万" else num)
        except NumberError:
            continue
        qualifier = "exact"
        for word, code in ZH_PREFIX_QUALIFIERS:
            if m.group("pq") == word:
                qualifier = code
        for group in ("sq", "tq"):
            for word, code in ZH_SUFFIX_QUALIFIERS:
                if m.group(group) == word:
                    qualifier = code
        start = m.start()
        low = ranges.get(ns) if not m.group("pq") else None
        if low is not None and _ZH_NOT_BEFORE.search(sentence[max(0, low.start() - 10) : low.start()]):
            continue  # 第3至5名: ordinals
        if low is not None and not mask[low.start()]:
            # 200至300人次: at least the low end, at most the high end, one unit for both.
            try:
                low_value = to_number("一万" if low.group("a") == "万" else low.group("a"))
            except NumberError:
                low_value = None
            if low_value is not None and low_value < value:
                text = _clause_of(sentence, low.start(), m.end())
                out.append(Found(low_value, "more_than", unit, text, low.start(), end=m.end()))
                qualifier = "up_to" if qualifier == "exact" else qualifier
        found = Found(value, qualifier, unit, _clause_of(sentence, start, m.end()), start, end=m.end())
        found.report_level = bool(_ZH_REPORT_LEVEL.search(found.text))
        if unit_word == "期" and unit == "other":
            found.measure_hint = "issues"
        out.append(found)
    out.sort(key=lambda f: f.start)
    return out


_ZH_REPORT_LEVEL = re.compile(
    r"累计达|累计已达|总计|合计|全(?:市|县|区|省|州|旗)[^，,。]{0,8}?(?:共|累计|总|达)|各馆共"
)

# ---------------------------------------------------------------- English
_EN_Q = sorted(
    {a for q in QUALIFIERS for a in q.en_aliases} | {"at least", "a total of"}, key=len, reverse=True
)
_EN_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen"
)
_EN_FIGURE = re.compile(
    rf"(?:\b(?P<q>{'|'.join(re.escape(q) for q in _EN_Q)})\s+)?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\btwice\b|\bthrice\b|\b(?:one|{_EN_NUMBER_WORDS})(?:[ -](?:{_EN_NUMBER_WORDS}))*\b)"  # noqa: E501 - one alternation reads best on one line
    r"(?:\s*(?P<mult>thousand|million)\b)?"
    r"(?:-(?P<dur>week|month|day|year|hour)s?\b)?",
    re.I,
)
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"  # noqa: E501 - one alternation reads best on one line
# Ages are no counts: "volunteers aged 13 to 24", "ages 4-11".
_EN_AGE_BEFORE = r"\bage[sd]?\s+(?:between\s+|from\s+)?(?:\d{1,2}\s*(?:to|-|–|and)\s*)?"
_EN_NOT_BEFORE = re.compile(
    rf"(?:{_MONTHS}\s*|No\.\s*|No\s|Number\s|#|[A-Za-z]-|\$|:|\d[.,]|\(|{_EN_AGE_BEFORE})$", re.I
)
_EN_NOT_AFTER = re.compile(
    r"^(?:\s*[:：]\d|st\b|nd\b|rd\b|th\b|[A-Za-z]|\s*%|\s*per ?cent|\s*o'clock|\s*(?:am|pm|a\.m\.|p\.m\.)\b)",
    re.I,
)
_EN_STOP = {
    "of",
    "to",
    "in",
    "at",
    "on",
    "for",
    "from",
    "with",
    "by",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "worth",
    "such",
    "that",
    "which",
    "who",
    "during",
    "into",
    "as",
    "each",
    "per",
    "every",
    "than",
    "the",
}
_EN_VERBS = {
    "took",
    "take",
    "takes",
    "participated",
    "attended",
    "joined",
    "came",
    "visited",
    "received",
    "got",
    "won",
    "listened",
    "watched",
    "read",
    "enjoyed",
    "showed",
    "gathered",
    "signed",
}
_EN_EXTRA_UNITS: dict[str, str] = {
    "schoolbags": "bag",
    "schoolbag": "bag",
    "kinds": "title",
    "certificates": "card",
    "cards": "card",
    "materials": "volume",
    "documents": "volume",
    "readings": "volume",
    "magazines": "volume",
    "officials": "person",
    "visitors": "person",
    "teachers": "person",
    "residents": "person",
    "volunteers": "person",
    "villagers": "person",
    "soldiers": "person",
    "parents": "person",
    "kids": "person",
    "pupils": "person",
    "members": "person",
    "cadres": "person",
    "workers": "person",
    "attendees": "person",
    "winners": "person",
    "inquiries": "person_time",
    "person-times": "person_time",
    "attendances": "person_time",
    "visits": "person_time",
    "paintings": "artwork",
    "drawings": "artwork",
    "photos": "artwork",
    "photographs": "artwork",
    "works": "artwork",
    "calligraphies": "artwork",
    "panels": "panel",
    "boards": "panel",
    "points": "place",
    "sites": "place",
    "stations": "place",
    "prizes": "item",
    "gifts": "item",
    "riddles": "item",
    "souvenirs": "item",
    "kindergartens": "school",
    "schools": "school",
    "classes": "class",
    "films": "film",
    "movies": "film",
    "videos": "film",
    "lectures": "session",
    "sessions": "session",
    "events": "session",
    "screenings": "session",
    "issues": "other",
    "hours": "hour",
    "days": "day",
    "weeks": "other",
    "months": "other",
    "copies": "copy",
    "leaflets": "copy",
    "brochures": "copy",
    "flyers": "copy",
    "pamphlets": "copy",
    "sets": "set",
    "essays": "essay",
    "articles": "essay",
    "entries": "essay",
    "titles": "title",
    "yuan": "yuan",
    "rmb": "yuan",
    "books": "volume",
    "volumes": "volume",
    "children": "person",
    "students": "person",
    "readers": "person",
    "people": "person",
    "persons": "person",
    "participants": "person",
    "youths": "person",
    "seniors": "person",
    "organizations": "organization",
    "publishers": "organization",
    "publishing": "organization",
    "branches": "organization",
    "libraries": "organization",
    "bookshelves": "item",
    "shelves": "item",
    "bookcases": "item",
    "bookmarks": "item",
    "posters": "item",
    "banners": "item",
    "families": "other",
    "booklets": "copy",
    "guests": "person",
    "inmates": "person",
    "prisoners": "person",
    "questions": "person_time",
    "queries": "person_time",
    "centres": "place",
    "centers": "place",
    "households": "other",
    # People by role: who attends, competes, learns or helps.
    "recipients": "person",
    "beneficiaries": "person",
    "listeners": "person",
    "viewers": "person",
    "spectators": "person",
    "audience": "person",
    "contestants": "person",
    "competitors": "person",
    "entrants": "person",
    "finalists": "person",
    "learners": "person",
    "trainees": "person",
    "adults": "person",
    "teenagers": "person",
    "teens": "person",
    "youngsters": "person",
    "toddlers": "person",
    "elders": "person",
    "retirees": "person",
    "librarians": "person",
    "colleagues": "person",
    "staff": "person",
    "users": "person",
    "patrons": "person",
    "borrowers": "person",
    "mothers": "person",
    "fathers": "person",
    "farmers": "person",
    "authors": "person",
    "writers": "person",
    "experts": "person",
    "speakers": "person",
    "performers": "person",
    "individuals": "person",
    "passers-by": "person",
    "passersby": "person",
    "boys": "person",
    "girls": "person",
    "men": "person",
    "women": "person",
    "couples": "other",
    # Events counted by their name.
    "workshops": "session",
    "talks": "session",
    "seminars": "session",
    "tours": "session",
    "performances": "session",
    "lessons": "session",
    "courses": "session",
    "activities": "session",
    "meetings": "session",
    "rounds": "session",
    # Things handed out or set up.
    "computers": "item",
    "tablets": "item",
    "laptops": "item",
    "stickers": "item",
    "postcards": "item",
    "trophies": "item",
    "medals": "item",
    "awards": "item",
    "poems": "item",
    "stories": "item",
    "vehicles": "item",
    "boxes": "other",
    "teams": "organization",
    "groups": "organization",
    "companies": "organization",
    "enterprises": "organization",
    "agencies": "organization",
    "departments": "organization",
    "kindergarten": "school",
    "rooms": "place",
    "venues": "place",
    "locations": "place",
    "neighbourhoods": "place",
    "neighborhoods": "place",
    "times": "session",
    "villages": "place",
    "townships": "place",
    "towns": "place",
    "communities": "place",
    "organisations": "organization",
    "units": "organization",
}
_EN_UNIT_MAP = {**dict(EN_UNIT_WORDS), **_EN_EXTRA_UNITS}
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
    for k, m in enumerate(re.finditer(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*|[,;:.!?()\"“”]", after)):
        word = m.group(0).lower()
        if k >= 7 or word in _EN_STOP or _EN_CLAUSE_END.match(word) or word[0].isdigit():
            break  # the phrase ends at punctuation, a stop word or the next number
        if word.endswith(("'s", "’s")):
            m.end()
            continue
        code = _EN_UNIT_MAP.get(word)
        if code:
            unit, end = code, m.end()
        elif unit is not None and (word in _EN_VERBS or (word.endswith("ed") and len(word) > 4)):
            break  # the noun phrase ended ("200 students took part")
        m.end()
        if word in {"and", "or"} and unit is None:
            continue
    return unit, max(end, 0)


_EN_NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|(?:one|{_EN_NUMBER_WORDS})(?:[ -](?:{_EN_NUMBER_WORDS}))*"
)
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
        else:
            unit, rel_end = _en_unit(after)
            if re.match(
                r"\s+(?:days?|times?|hours?)\s+(?:a|per|each)\s+(?:week|day|month|year)\b", after, re.I
            ):
                continue  # open seven days a week: a frequency, not a count
            if re.search(
                r"\b(?:up to|at least|no more than|a maximum of|a minimum of)\s+$", before, re.I
            ) and re.search(r"\b(?:each|per|every)\b", sentence[max(0, m.start() - 30) : m.end() + 40], re.I):
                continue  # each for up to 25 children: a limit, not a count
            of_noun = re.match(r"\s+of (?:our|the|its|their|his|her|these|those|whom)\s+", after)
            if unit is None and of_noun and not re.match(r"\s+of (?:them|whom|these|those)\b", after):
                unit, rel = _en_unit(after[of_noun.end() :])
                rel_end = of_noun.end() + rel if unit else 0  # 18 of our volunteers
            if unit is None and re.match(r"\s+of (?:them|whom|these|those)\b", after) and out:
                unit, rel_end = out[-1].unit, len(" of them")  # 1,150 of them: the previous figure's unit
            elif (
                unit is None and re.match(r"\s+in (?:all|total)\b", after) and re.search(r"\bheld\b", before)
            ):
                unit, rel_end = "session", len(" in all")  # …were held…, nine in all
            if unit is None:
                continue
            end = m.end() + rel_end
            noun = after[:rel_end].lower()
            if noun.endswith("times") and re.search(
                r"\b(?:read|view\w*|click\w*|visit\w*|brows\w*|liked|shared|played)\s+(?:\w+\s+)?$", before
            ):
                unit = "other"  # read 35,000 times: views, not events
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
        if prev_end > left:  # a second figure in one clause starts after the first one
            after_prev = re.search(r"\b(?:and|or|plus)\b\s*", sentence[prev_end:start])
            left = prev_end + (after_prev.end() if after_prev else 0)
        text = sentence[left:end].strip() if end > start else sentence[left : m.end()].strip()
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


# A stretch of the other language inside a sentence: a Chinese phrase in English prose
# ("…held a fair, 送书500册") or an English one in Chinese prose. Names without numbers are
# left alone; quoted titles are masked by each scanner itself.
_ZH_STRETCH = re.compile(r"[\u4e00-\u9fff\d][\u4e00-\u9fff\d.,，、~～\-—]*[\u4e00-\u9fff]")
_EN_STRETCH = re.compile(r"[A-Za-z][A-Za-z\d ,.'’\-]*[A-Za-z]")


def _other_language(sentence: str, lang: str) -> list[Found]:
    out: list[Found] = []
    pattern, scan = (_EN_STRETCH, en_figures) if lang == "zh" else (_ZH_STRETCH, zh_figures)
    mask = _span_mask(sentence)
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


def figures_in(sentence: str, lang: str) -> list[Found]:
    """Figures in a sentence of a report in ``lang``; a phrase in the other language is read in its own."""
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
