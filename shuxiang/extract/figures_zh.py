"""Figures in Chinese sentences: a number, its qualifier (近, 约, 多, 余, 以上…) and measure word.

A number (Arabic, Chinese numerals, 5万, 千) with an optional qualifier before (近, 约, 逾…)
or after (多, 余, 以上, 左右) and a measure word from the vocabulary (人次, 册, 份…). When
the measure word is a general one (个, 份, 张, 件) the noun next to it decides the unit
(小礼品350份 -> item, 制作展板6张 -> panel). Dates, times, years, ordinals (第五期), numbers
inside 《titles》 and quoted names, a bare 一 used as an article and idioms are not figures.
"""

from __future__ import annotations

import re

from shuxiang.extract.found import Found
from shuxiang.numerals import (
    CN_NUMERAL_CHARS,
    ZH_PREFIX_QUALIFIERS,
    ZH_SUFFIX_QUALIFIERS,
    ZH_UNIT_WORDS,
    NumberError,
    to_number,
)

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
    # Items of a programme and its strands: 开展各类活动22项, 三大板块.
    ("项", "other"),
    ("大板块", "other"),
    ("板块", "other"),
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
    ("活动室", "place"),
    ("活动", "session"),  # 40余项活动: events held
)
_GENERAL_MEASURES = {"个", "份", "张", "件", "条", "项", None}
_PLACE_AFTER = re.compile(
    r"(?:社区|乡镇|乡|镇|村|街道|站点|网点|服务点|地区|县区|区县|(?:农家)?书屋|图书室|文化站|服务站|分馆)"
)
# A limit, not a count: 每场限额30个家庭, 每人限借2本.
_ZH_LIMIT = re.compile(r"每[^，,。；;]{0,6}?(?:限额|限借|限|最多|不超过|不多于)[^，,。；;]{0,4}$")
_PUNCT = re.compile(r"[，,。；;：:、！？!?（）()“”\"《》]")


def span_mask(sentence: str) -> list[bool]:
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
    mask = span_mask(sentence)
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
        if not m.group("pq") and num[0] in "百千万" and before.endswith("上"):
            qualifier = "more_than"  # 上千册, 上万人: upwards of a round number
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
        found.report_level = bool(_ZH_REPORT_LEVEL.search(found.text)) or bool(
            # “经典诵读”“科普课堂”等三大板块30余项活动: the count of everything listed
            re.search(r"等[^，,。；;]{0,8}$", sentence[max(0, ns - 10) : ns])
            and re.match(r"(?:[\d余多大]|板块|项|场|类|个|次)*(?:各类|系列)?活动", sentence[ne:])
        )
        if unit_word == "期" and unit == "other":
            found.measure_hint = "issues"
        out.append(found)
    out.sort(key=lambda f: f.start)
    return out


_ZH_REPORT_LEVEL = re.compile(
    r"累计达|累计已达|总计|合计|全(?:市|县|区|省|州|旗)[^，,。]{0,8}?(?:共|累计|总|达)|各馆共"
)
