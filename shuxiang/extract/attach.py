"""Which activity a figure belongs to, or whether it is the report's own.

In a sentence that tells events: the event its noun phrase names, the nearest one before it in
its clause, one after it in its clause, the nearest before it in its sentence, the paragraph's
current one. In a sentence that tells none: the event whose head word it repeats, the head event
of the last sentence when it speaks of "the event" as a whole, else the paragraph's current one.
Totals that span libraries or the campaign stay with the report.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from shuxiang.extract import names
from shuxiang.extract.found import Found

if TYPE_CHECKING:
    from shuxiang.extract.mentions import Mention


def clause_bounds(sentence: str, pos: int, lang: str) -> tuple[int, int]:
    # English chains a second act with "and" + a participle: "bringing 300 books and holding a talk".
    seps = CLAUSE_SEPS[lang]
    # A clause is short: look back a bounded window so a run-on sentence stays linear.
    lo = max(0, pos - 400)
    left = max((m.end() for m in seps.finditer(sentence, lo, pos)), default=lo)
    hi = min(len(sentence), pos + 400)
    m = seps.search(sentence, pos, hi)
    return left, (m.start() if m else hi)


CLAUSE_SEPS = {
    "zh": re.compile(r"[，,、：:；;。]"),
    "en": re.compile(r"[,;:]|\band (?=\w+(?:ing|ed)\b)"),
}


# Totals: a count that sums up more than one event or library.
TOTAL = {
    "zh": re.compile(
        r"全(?:市|县|区|省|州|旗)|共计|总计|合计|累计|据统计|共(?:有|举办|开展|组织|接待|吸引|发放|计)"
    ),
    "en": re.compile(
        r"\b(?:in total|in all|altogether|a total of|overall|cumulative(?:ly)?|all told)\b", re.I
    ),
}
# A subject that spans libraries or the whole campaign: 全市各馆, 各公共图书馆, libraries across the city.
SPANNING = {
    "zh": re.compile(
        r"全(?:市|县|区|省|州|旗)(?:各|公共|所有)|各(?:级|个)?(?:公共)?图书馆|各馆|各(?:县|区|市)(?:区|县)?(?:图书馆|馆)|"
        r"(?:宣传周|读书月|活动周|读书节|活动)期间[^，,。；;]{0,6}共(?:举办|开展|组织)[^，,。；;]{0,8}?各类"
    ),
    "en": re.compile(
        r"\b(?:(?:the |all |public )?libraries (?:across|in|of|throughout) the "
        r"(?:city|county|district|province|region)|all (?:the |our )?(?:libraries|branches)|"
        r"each library|every library|the week's events|all (?:the )?events|"
        r"during the (?:week|month|campaign|challenge|festival|fortnight))\b",
        re.I,
    ),
}
# A sentence that speaks of "the event" as a whole: 活动共吸引…, "The event drew…".
WHOLE_EVENT = {
    "zh": re.compile(r"^(?:本次|此次|这次|该|整个|当天)?活动|^(?:现场|当天|活动当天|活动现场)"),
    "en": re.compile(
        r"^(?:the|this|that) (?:event|events|activity|activities|programme|program|day|occasion)\b", re.I
    ),
}


def spans_libraries(sentence: str, libs: list[names.LibraryMention], lang: str) -> bool:
    """The sentence's subject covers several libraries (全市各馆, libraries across the city, 甲馆和乙馆)."""
    if SPANNING[lang].search(sentence):
        return True
    doers = {lib.key for lib in libs if lib.doer and not lib.generic and lib.key}
    return len(doers) >= 2 and not any(lib.generic is False and lib.doer is False for lib in libs)


def other_doers(libs: list[names.LibraryMention], reporting_key: str | None) -> set[str]:
    """Keys of the libraries a sentence names as doers ("" for the report's own): a sentence that tells
    what another library did goes on about none of this one's events. 县图书馆 alone may be the short
    name of the library told before, so it names no other."""
    keys = {
        lib.key
        for lib in libs
        if lib.doer and not lib.generic and lib.key and not names.BARE_LEVEL.match(lib.name)
    }
    if reporting_key in keys:
        keys.add("")
    return keys


# People counted as they join one named event: 全县共有900余名学生报名参加“暑期百本书”挑战,
# "1,200 children across the county signed up for the Reading Sprint".
_JOINS = {
    "zh": re.compile(r"(?:报名)?(?:参加|参与|加入)(?:了)?"),
    "en": re.compile(r"\b(?:took part in|joined|signed up for|entered|registered for|attended)\b", re.I),
}
_ANY_EVENT = {"zh": re.compile(r"各类|各项|系列|所有"), "en": re.compile(r"\b(?:all|various|every)\b", re.I)}


def joins_event(fig: Found, live: list[Mention], sentence: str, lang: str) -> bool:
    """A total that counts the people of one event named in its own clause belongs to that event,
    city-wide or not (but not a count of those who joined "各类活动", all events)."""
    _, right = clause_bounds(sentence, fig.start, lang)
    for m in live:
        spots = m.positions or [m.pos]  # in sentence order: bisect keeps long sentences linear
        i = bisect.bisect_left(spots, fig.stop)
        if i == len(spots) or spots[i] >= right:
            continue
        pos = spots[i]
        between = sentence[fig.stop : pos]
        verb = _JOINS[lang].search(between)
        if verb and not _ANY_EVENT[lang].search(between[verb.end() :]):
            return True
    return False


# People attending an event by its bare genre word (300余名读者参观了展览, "120 people visited the
# exhibition"): the event the sentence has told already, not another one.
_ATTENDS = {
    "zh": re.compile(r"(?:参观|观看|观赏|聆听|欣赏)了?$"),
    "en": re.compile(r"\b(?:visited|toured|watched|saw|enjoyed)\s+(?:the|this|that)\s+$", re.I),
}


def attends(sentence: str, start: int, end: int, lang: str) -> bool:
    """Whether the genre word at ``start:end`` is a bare noun its attendees go to (see ``_ATTENDS``)."""
    bare = end - start <= 2 if lang == "zh" else " " not in sentence[start:end].strip()
    return bare and _ATTENDS[lang].search(sentence, max(0, start - 24), start) is not None


def referred(sentence: str, candidates: list[Mention], lang: str) -> Mention | None:
    """The earlier mention a sentence without a trigger word goes on about.

    The one whose head word it repeats ("…a book fair. About 1,500 residents visited the fair.");
    else, when it speaks of the event as a whole ("活动共吸引读者400余人次"), the head event of
    the last sentence that told one (its first mention: what was held, not what was done there);
    else the last activity told (the paragraph's current one).
    """
    if not candidates:
        return None
    for m in reversed(candidates):
        if m.head and re.search(
            rf"\b{re.escape(m.head)}" if lang == "en" else re.escape(m.head), sentence, re.I
        ):
            return m.root()
    if WHOLE_EVENT[lang].search(sentence.strip()):
        last_sent = candidates[-1].sent
        heads = [m for m in candidates if m.sent == last_sent]
        return min(heads, key=lambda m: m.pos).root()
    return candidates[-1].root()


def attach(
    fig: Found, live: list[Mention], earlier: list[Mention], sentence: str, lang: str
) -> Mention | None:
    """The activity a figure in a sentence that tells at least one event belongs to.

    In order: the event its own noun phrase names ("issued 85 new library cards"); the nearest
    event told before it in its clause; an event told after it in its clause ("300余名读者参加了朗诵
    比赛", "gave out 90 books and signed up 30 new cardholders"); the nearest event before it in
    its sentence ("举办图片展，展出图片120幅"); the activity the paragraph was telling before this
    sentence ("…当天共200余人参加，馆里还举办了讲座"); the first event after it.
    """
    if not live:
        return None
    left, right = clause_bounds(sentence, fig.start, lang)

    def spots(m: Mention) -> list[int]:
        return m.positions or [m.pos]  # in sentence order: bisect keeps long sentences linear

    def last_before(m: Mention, lo: int = 0) -> int:
        ps = spots(m)
        i = bisect.bisect_right(ps, fig.start) - 1
        return ps[i] if i >= 0 and ps[i] >= lo else -1

    def first_from(m: Mention, lo: int) -> int:
        ps = spots(m)
        i = bisect.bisect_left(ps, lo)
        return ps[i] if i < len(ps) else -1

    own = [m for m in live if fig.start < first_from(m, fig.start + 1) < fig.stop]
    if own:
        return own[0].root()
    if lang == "zh" and sentence[fig.stop : fig.stop + 1] == "的":
        # 举办了为期一周的…专题展: an attribute of the event named after it
        following = [m for m in live if first_from(m, fig.stop) >= 0]
        if following:
            return min(following, key=lambda m: first_from(m, fig.stop)).root()
    in_clause = [m for m in live if last_before(m, left) >= 0]
    if in_clause:
        return max(in_clause, key=lambda m: last_before(m, left)).root()
    after_in_clause = [m for m in live if 0 <= first_from(m, fig.start) < right]
    if after_in_clause:
        return min(after_in_clause, key=lambda m: first_from(m, fig.start)).root()
    before = [m for m in live if last_before(m) >= 0]
    if before:
        return max(before, key=last_before).root()
    first_after = min(live, key=lambda m: min(spots(m)))
    told = [m for m in earlier if not m.preview]
    if told and told[-1].root().library_key == first_after.library_key:
        return told[-1].root()
    return first_after.root()
