"""Activity kinds from trigger words, in Chinese and English.

Each trigger is a genre word (讲座, 漂流, 展览, lecture, drifting…; the tables are in
``kind_words``) with a strength: a *weak* trigger (展出, 新书, display) names a kind only when
no strong one appears in the same sentence. When two kinds meet in one sentence, the
``DOMINATES`` table keeps the one the spec files the event under (a book delivery by the mobile
service is ``mobile_service``, not ``book_donation``). Two words side by side are one noun named by
its head; a genre word inside a quoted name yields to the word after the quotation; a sentence
that counts all events names none by a weak word; a craft taught by a master is a class.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from shuxiang.extract.kind_words import EN_TRIGGERS, STRONG, WEAK, ZH_TRIGGERS

__all__ = ["STRONG", "WEAK", "Trigger", "related", "triggers"]

# kind -> kinds it absorbs when both are triggered in one sentence: a delivery is part of the
# mobile service that brings it; a science day's desk, leaflets, panels and books are its own
# means; a help desk handing out leaflets is one desk; readers taught to use e-resources are a
# digital service.
DOMINATES: dict[str, frozenset[str]] = {
    "science_outreach": frozenset({"consultation", "publicity", "exhibition", "book_donation"}),
    "mobile_service": frozenset({"book_donation"}),
    "book_exchange": frozenset({"book_donation"}),
    "book_drifting": frozenset({"book_donation"}),
    "digital_service": frozenset({"training"}),
    "consultation": frozenset({"publicity"}),
}


def related(a: str, b: str) -> bool:
    """Two kinds one event may be told under: one absorbs the other in a sentence (a delivery by the
    mobile service and the gift it brings)."""
    return b in DOMINATES.get(a, frozenset()) or a in DOMINATES.get(b, frozenset())


# kind -> kinds it absorbs only inside one clause (科普进社区 is science; "流动服务车开进两个乡镇，
# …并举办了科普讲座" is a trip and a talk; 免费办证 is one card drive).
DOMINATES_IN_CLAUSE: dict[str, frozenset[str]] = {
    "science_outreach": frozenset({"mobile_service", "lecture"}),  # 科普实验课…授课: one science class
    # a book given with each new card (办证送书) is the card drive's; "handed out books and signed up
    # new members" is two events
    "card_drive": frozenset({"fee_waiver", "book_donation"}),
}
# A waiver of what a card costs (deposit, 押金, 工本费) belongs to the card drive in any clause;
# a waiver of overdue fines is an event of its own.
_CARD_FEE = {
    "zh": re.compile(r"押金|工本费|办证费|证件费"),
    "en": re.compile(r"\bdeposits?\b|\bcard fees?\b|\bfees? for (?:the |a )?(?:library )?cards?\b", re.I),
}
# Two triggers side by side are one noun (科普讲座, recitation contest): the head, the last,
# names the kind, except where the modifier is the genre (a popular-science lecture is science).
_MODIFIER_WINS = {("science_outreach", "lecture"), ("science_outreach", "exhibition")}
_CLAUSE_BREAK = re.compile(r"[，,、；;。：:！？!?]|\band\b|\bwhile\b")

_NOT_EVENTS: dict[str, tuple[re.Pattern[str], ...]] = {
    "zh": (
        re.compile(
            r"(?:[\u4e00-\u9fff]{1,8}、){1,12}[\u4e00-\u9fff]{1,8}?(?:类|等(?:类别|门类|学科|领域|方面|题材|内容))"
        ),
        re.compile(r"在[^，,。；;在]{0,12}?(?:阅览室|阅览区|体验区|活动室|报告厅|大厅|书吧)"),
        re.compile(r"世界读书日|读书日|读书月|阅读月"),  # the campaign's own name
    ),
    "en": (
        re.compile(r"\b(?:in|at) the [\w' -]{0,30}?(?:reading room|hall)\b", re.I),
        # a room the library owns ("opened its stacks and print workshop to visitors") is a place
        re.compile(r"\b(?:its|our|their)\s+(?:[\w-]+\s+(?:and\s+)?){0,3}workshops?\b", re.I),
        # A campaign's own name, capitalised: Summer Reading Challenge, the Challenge, National Library Week.
        re.compile(
            r"\b(?:(?:Summer|Winter|Spring|Holiday)\s+)?Reading\s+(?:Challenge|Club|Program(?:me)?|Game)\b"
            r"|\b[Tt]he Challenge\b|\bLibrary (?:Week|Month)\b|\bLibrary Lovers['’]? (?:Month|Day)\b"
        ),
    ),
}

_LONG_TITLE = re.compile(r"《([^》]{7,})》")
# A sentence that counts the whole programme ("共开展各类线上线下活动48场", "all the month's events")
# names no event by a weak word (线上 is how some of them were held, not one of them).
_ROUNDUP = {
    "zh": re.compile(r"各类[^，,。；;]{0,8}?活动|各项活动|系列活动[^，,。；;]{0,4}\d"),
    "en": re.compile(
        r"\b(?:all (?:the |our |of the )?(?:week's |month's )?(?:events|activities|programs|programmes)|"
        r"various (?:events|activities))\b",
        re.I,
    ),
}
# A craft taught by someone (手把手教学生捏…, a master of the craft, "taught by") is a class, a
# lecture; a craft done with guidance or for fun (在老师指导下完成手工) is "other".
_CRAFT = {"zh": re.compile(r"手工|剪纸|折纸|泥塑|面塑|陶艺|扎染|编织|刺绣"), "en": re.compile(r"craft", re.I)}
_TEACHING = {
    "zh": re.compile(r"传承人|手把手|授课|教(?:孩子|小朋友|学生|读者|大家|市民|居民|老人|学员)"),
    "en": re.compile(
        r"\b(?:taught|teach(?:es|ing)?|instructors?|tutors?|led by (?:an? )?(?:artist|teacher))\b", re.I
    ),
}

# The teaching of a training course (馆员培训班上专家授课) is the course, not a lecture of its own.
_TEACHING_WORD = {"zh": re.compile(r"授课|讲课"), "en": re.compile(r"taught|teach(?:es|ing)?", re.I)}

_COMPILED: dict[str, list[tuple[str, re.Pattern[str], int]]] = {
    "zh": [(k, re.compile(p), s) for k, p, s in ZH_TRIGGERS],
    "en": [(k, re.compile(p, re.I), s) for k, p, s in EN_TRIGGERS],
}


@dataclass(frozen=True)
class Trigger:
    kind: str
    start: int
    end: int
    strength: int
    row: int = 0  # the table row that matched: among weak words alone, the earliest row wins


def triggers(sentence: str, lang: str, masked: Sequence[tuple[int, int]] = ()) -> list[Trigger]:
    """Kind triggers in a sentence: non-overlapping, earlier table rows winning ties, weak ones dropped
    when a strong one is present, dominated kinds dropped. ``masked`` spans (library names, media
    outlets: 河东镇分馆, 胶东在线) hold no trigger."""
    found: list[Trigger] = []
    taken = bytearray(len(sentence))  # 1 where a character is spoken for

    def take(a: int, b: int) -> None:
        a, b = max(a, 0), min(b, len(sentence))
        if b > a:
            taken[a:b] = b"\x01" * (b - a)

    for a, b in masked:
        take(a, b)
    # Words inside 《book titles》 name books, not events (but a short title may name a booklet series).
    for m in _LONG_TITLE.finditer(sentence):
        take(m.start(), m.end())
    # A list of subjects (文学、历史、科普等类别) and a room the event is held in (在少儿电子阅览室)
    # name no event.
    for pattern in _NOT_EVENTS[lang]:
        for m in pattern.finditer(sentence):
            take(m.start(), m.end())
    for row, (kind, pattern, strength) in enumerate(_COMPILED[lang]):
        for m in pattern.finditer(sentence):
            if 1 in taken[m.start() : m.end()]:
                continue
            found.append(Trigger(kind, m.start(), m.end(), strength, row))
            take(m.start(), m.end())
    found = _compounds(sorted(found, key=lambda t: t.start), sentence, lang)
    found = _drop_title_words(found, sentence)
    if _TEACHING[lang].search(sentence):
        found = [
            dataclasses.replace(t, kind="lecture")
            if t.kind == "other" and _CRAFT[lang].search(sentence, t.start, t.end)
            else t
            for t in found
        ]
    if _ROUNDUP[lang].search(sentence):
        found = [t for t in found if t.strength == STRONG]
    if any(t.strength == STRONG for t in found):
        found = [t for t in found if t.strength == STRONG]
    elif found:
        found = [min(found, key=lambda t: (t.row, t.start))]  # weak words alone: the earliest row
    if any(t.kind == "training" for t in found):
        found = [
            t
            for t in found
            if not (t.kind == "lecture" and _TEACHING_WORD[lang].fullmatch(sentence, t.start, t.end))
        ]
    kinds = {t.kind for t in found}
    absorbed = set().union(*(DOMINATES.get(k, frozenset()) for k in kinds)) if kinds else set()
    if "card_drive" in kinds and _CARD_FEE[lang].search(sentence):
        absorbed.add("fee_waiver")
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]

    def clause(t: Trigger) -> int:
        return bisect.bisect_left(breaks, t.start)

    ruling = {(k, clause(o)) for o in found for k in DOMINATES_IN_CLAUSE.get(o.kind, frozenset())}

    def absorbed_in_clause(t: Trigger) -> bool:
        return (t.kind, clause(t)) in ruling

    found = [t for t in found if t.kind not in absorbed and not absorbed_in_clause(t)]
    return sorted(found, key=lambda t: t.start)


_QUOTE = re.compile(r"[“\"「『]([^”\"」』]{1,60})[”\"」』]")


def _drop_title_words(found: list[Trigger], sentence: str) -> list[Trigger]:
    """A genre word inside a quoted name is part of the name when the word after the quotation names
    the event: "Make a Kite" craft afternoon is a craft, not a kite show; “百日阅读”挑战赛 is a
    contest."""
    if len(found) < 2 or not _QUOTE.search(sentence):
        return found
    starts = [t.start for t in found]  # sorted: bisect keeps a long sentence linear
    drop: set[int] = set()
    for q in _QUOTE.finditer(sentence):
        i = bisect.bisect_left(starts, q.end())
        heads = [
            t for t in found[i : i + 2] if t.start <= q.end() + 1 and not sentence[q.end() : t.start].strip()
        ]
        if not heads:
            continue
        for k in range(bisect.bisect_left(starts, q.start()), i):
            if found[k].end <= q.end():
                drop.add(k)
    return [t for k, t in enumerate(found) if k not in drop]


def _compounds(found: list[Trigger], sentence: str, lang: str) -> list[Trigger]:
    """Merge triggers that touch into one noun: 科普讲座, 网上竞答, poetry recitation contest."""
    out: list[Trigger] = []
    for t in found:
        if out:
            prev = out[-1]
            gap = sentence[prev.end : t.start]
            touching = gap == "" if lang == "zh" else (gap in {" ", "-"} and t.start > prev.end - 1)
            if touching and prev.kind != t.kind and prev.strength == t.strength == STRONG:
                # the head names the kind, unless the modifier is the genre (科普讲座) or the head
                # is only "other" (a tech lab's open house is the tech lab's)
                # (or absorbs the head's kind anyway: 为村小分馆送去新书 is the trip that brings them)
                modifier_wins = (
                    (prev.kind, t.kind) in _MODIFIER_WINS
                    or t.kind == "other"
                    or t.kind in DOMINATES.get(prev.kind, frozenset())
                )
                kind = prev.kind if modifier_wins else t.kind
                out[-1] = Trigger(kind, prev.start, t.end, STRONG, min(prev.row, t.row))
                continue
        out.append(t)
    return out
