"""Library names as written, and whether each acts in its sentence.

Rules key on genre words, never on particular names: a library is a name ending in
图书馆 or 馆 (Library, Hall, Pavilion, Branch, "Library of X") that acts in the
sentence (not after 与, 到, 走进, with, visited…). Media outlets are in ``media``,
audiences, venues and partners in ``parties``, campaign fields in ``campaign``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from shuxiang.extract.library_words import (
    EN_COLLECTION_LIBRARIES,
    EN_STOP_WORDS,
    NOT_DOER_BEFORE,
    STOP_BASES,
    STOP_ENDINGS,
    ZH_AFTER_BAD,
    ZH_BOUNDARY,
)

_ADMIN = ("市", "县", "区", "省", "镇", "乡", "州", "旗")
_ZH_GENERIC_SUBJECT = re.compile(
    r"各(?:个)?(?:图书)?馆|全市(?:公共)?图书馆|各(?:级|县区|区县|县市|县|区|市)(?:公共)?图书馆|各县区|各区县|"
    r"各[\u4e00-\u9fff]{0,4}分馆"
)
# Places a branch library is named after (双塔街道分馆, 河东镇分馆, 阳光社区分馆).
_BRANCH_PLACE = (*("市", "县", "区", "省", "镇", "乡", "州", "旗"), "街道", "社区", "村", "街", "路")
# A library named by its level alone (县图书馆): the report's own or the one told before, not another.
BARE_LEVEL = re.compile(r"^[市县区]图书馆$")
_DATE_BOUNDARY = {"年", "月", "日"}
_CLAUSE_START = "，,。；;：:、"
_NOT_BRANCH_STEM = re.compile(r"[个各全些等多几该本我其每此这那]")
_BRANCH_ACTS = re.compile(r"(?:在|举办|举行|开展|组织|推出|联合|还|也|则|于)")
_PLACE_NAME = re.compile(r"([\u4e00-\u9fff]{2,3})(?:乡|镇|村|街道|社区)(?![\u4e00-\u9fff]{0,3}馆)")

_ZH_LIB = re.compile(r"(图书馆|馆)")
_EN_LIB = re.compile(
    r"\b((?:[A-Z][a-z'’]+|xx|XX|[A-Z]{2,})(?:\s+(?:[A-Z][a-z'’]+|xx|XX|of))*?)\s+(Library(?:\s+Services?\b(?!\s+(?:Week|Month|Day)))?|Libraries|Hall|Pavilion|Branch(?!\s+Library))\b"
    r"(?!\s+(?:Association|Society|Science|Service|Law|Week|Card|Network|School|Primary|Journal|Federation|Committee))",
)
_EN_LIB_LOWER_XX = re.compile(r"\b(xx|XX)\s+(library)\b")


@dataclass(frozen=True)
class LibraryMention:
    name: str
    key: str
    start: int
    end: int
    doer: bool
    generic: bool = False
    held_at: bool = False  # "the sessions at X Library": the doer of the event told just before it


def zh_key(base: str) -> str:
    base = base.lower().lstrip("我本该")
    for admin in _ADMIN:
        if base.endswith(admin) and len(base) - len(admin) >= 2:
            base = base[: -len(admin)]
            break
    return base


def en_key(name: str) -> str:
    words = [w.lower() for w in re.split(r"\s+", name) if w]
    words = [w for w in words if w not in {"library", "hall", "pavilion", "branch", "the"}]
    core = [w for w in words if w not in {"district", "city", "municipal", "county", "town"}] or words
    joined = "".join(core)
    if "county" in words:
        joined += "xian"
    return re.sub(r"(xian|qu|shi)$", "", joined) or joined


def _mask(text: str) -> list[bool]:
    mask = [False] * len(text)
    for m in re.finditer(r"《[^》]*》|“[^”]*”|\"[^\"]*\"", text):
        for i in range(m.start(), m.end()):
            mask[i] = True
    return mask


def place_stems(text: str) -> frozenset[str]:
    """Names of the townships, towns, villages and streets a report names (石门乡 -> 石门), after
    which a branch may be called without the place word (石门分馆)."""
    stems = (
        re.sub(r"^.*[的在到进入往了和与及赴至各全本该这那]", "", m.group(1))
        for m in _PLACE_NAME.finditer(text)
    )
    return frozenset(stem for stem in stems if len(stem) >= 2)


def zh_libraries(sentence: str, places: frozenset[str] = frozenset()) -> list[LibraryMention]:
    """Library names in a Chinese sentence, each with whether it acts there; ``places`` are the
    place names of the report (:func:`place_stems`)."""
    out: list[LibraryMention] = []
    mask = _mask(sentence)
    for g in _ZH_GENERIC_SUBJECT.finditer(sentence):
        out.append(LibraryMention(g.group(0), "", g.start(), g.end(), doer=True, generic=True))
    for m in _ZH_LIB.finditer(sentence):
        if mask[m.start()]:
            continue
        if m.group(1) == "馆" and sentence[m.start() - 2 : m.start()] == "图书":
            continue
        after = sentence[m.end() : m.end() + 2]
        if after.startswith(ZH_AFTER_BAD) or after.startswith("（站") or after.startswith("(站"):
            continue
        left = m.start()
        lo = max(0, left - 10)
        run_start = left
        while run_start > lo and re.match(r"[\u4e00-\u9fffA-Za-z]", sentence[run_start - 1]):
            run_start -= 1
        run = sentence[run_start:left]
        cut, boundary = 0, ""
        for word in ZH_BOUNDARY:
            idx = run.rfind(word)
            # 年/月/日 end a date (2022年), not a name (少年儿童图书馆).
            while (
                idx > 0
                and word in _DATE_BOUNDARY
                and not re.match(r"[\d〇零一二三四五六七八九十xX]", run[idx - 1])
            ):
                idx = run.rfind(word, 0, idx)
            if idx == 0 and word in _DATE_BOUNDARY:
                idx = -1
            if idx >= 0 and idx + len(word) > cut:
                cut, boundary = idx + len(word), word
        base = run[cut:]
        if run_start > 0 and cut == 0:
            prev = sentence[max(0, run_start - 2) : run_start]
            boundary = prev[-1:] if prev else ""
        if len(base) > 8:
            base = base[-8:]
        branch = (
            base.endswith("分")
            and (
                (base[:-1].endswith(_BRANCH_PLACE) and len(base) >= 4)
                or any(2 <= len(base) - 1 <= 3 and place.endswith(base[:-1]) for place in places)
                # a branch named after the unit it serves, as the subject of its clause: 医院分馆在…开展
                or (
                    cut == 0
                    and (run_start == 0 or sentence[run_start - 1] in _CLAUSE_START)
                    and 2 <= len(base) - 1 <= 4
                    and not _NOT_BRANCH_STEM.search(base[:-1])
                    and _BRANCH_ACTS.match(sentence, m.end()) is not None
                )
            )
        )
        if not branch and (
            base.lower() in STOP_BASES or base.endswith(STOP_ENDINGS) or any(ch.isdigit() for ch in base)
        ):
            if base in {"各", "全"} or base.endswith("各"):
                out.append(
                    LibraryMention(base + m.group(1), "", left - len(base), m.end(), doer=True, generic=True)
                )
            continue
        if m.group(1) == "馆" and not (2 <= len(base) <= 4) and not branch:
            continue
        if (
            not branch
            and len(base) > 3
            and not base.endswith(_ADMIN)
            and not re.search(r"[市县区省镇乡州旗]", base[1:])
            and not re.match(r"(?i)xx", base)
        ):
            continue  # a long run without a place word is prose, not a name
        if len(base) == 1 and base not in _ADMIN:
            continue
        name = base + m.group(1)
        doer = boundary not in NOT_DOER_BEFORE and not sentence[m.end() :].startswith("合作")
        out.append(LibraryMention(name, zh_key(base), left - len(base), m.end(), doer=doer))
    out.sort(key=lambda x: x.start)
    return out


_EN_LIB_OF = re.compile(
    r"\b(?:[Tt]he\s+)?((?:Public\s+|Municipal\s+|County\s+|District\s+|City\s+)?Library\s+of\s+(?:[A-Z][a-z'’]+)(?:\s+[A-Z][a-z'’]+){0,2})"
)
# A Chinese name in English prose: 宜宾市图书馆 held…, the mobile library of 南溪区图书馆…
CJK_STRETCH = re.compile(r"[\u4e00-\u9fff]{2,}")
_EN_NOT_DOER = re.compile(r"\b(with|to|from|visit(?:ed|ing)?|and|at|into|toward|towards|thank(?:ed)?)$")


def key_of(name: str) -> str:
    """The key that tells one library from another, whichever language its name is written in."""
    if re.search(r"[\u4e00-\u9fff]", name):
        return zh_key(re.sub(r"(图书馆|馆)$", "", name))
    return en_key(name)


# "At X Library the day began with…", "the classes at X Library filled up": the events
# held at a library are its own.
_EN_HELD_AT = re.compile(
    r"(?:^|[.;!?:]\s*)at(?:\s+the)?$|\b(?:sessions?|events?|programs?|programmes?|activities|classes|workshops?|"
    r"storytimes?|talks?|displays?|exhibitions?|clubs?)\s+(?:(?:were|was|are|is)\s+)?(?:(?:held|hosted|run)\s+)?"
    r"at(?:\s+the)?$",
    re.I,
)
_EN_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def _en_doer(sentence: str, start: int) -> bool:
    before = sentence[max(0, start - 40) : start].rstrip()
    if _held_at(sentence, start):
        return True
    return not _EN_NOT_DOER.search(before.lower().removesuffix("the").rstrip())


def _held_at(sentence: str, start: int) -> bool:
    return bool(_EN_HELD_AT.search(sentence[max(0, start - 40) : start].rstrip()))


# Libraries in general: each/every/all (14 branch) libraries, "various libraries".
_EN_GENERIC = re.compile(
    r"\b(?:each|every|all|various)\s+(?:of (?:the|our)\s+)?(?:\d[\d,]*\s+)?"
    r"(?:(?:branch|public|member|local)\s+)?(?:libraries|library|museum|pavilion)s?\b",
    re.I,
)
# Libraries as the plural subject of what was held ("Over the summer, libraries ran 212 sessions"):
# the programme as a whole, not one library's event (a name is capitalised: "X Libraries ran").
_EN_PLURAL_SUBJECT = re.compile(
    r"(?:^|[,;:]\s+|\b(?:[Tt]he|[Oo]ur|participating|local|public|branch)\s+)(libraries|branches)\s+"
    r"(?:(?:also|together)\s+)?(?:ran|held|hosted|offered|organi[sz]ed|delivered|put on|staged)\b"
)


def en_libraries(sentence: str) -> list[LibraryMention]:
    out: list[LibraryMention] = []
    for m in CJK_STRETCH.finditer(sentence):
        for lib in zh_libraries(m.group(0)):
            if lib.generic:
                continue
            start = m.start() + lib.start
            out.append(
                dataclasses.replace(lib, start=start, end=m.start() + lib.end, doer=_en_doer(sentence, start))
            )
    for m in _EN_LIB_OF.finditer(sentence):
        name = m.group(1)
        out.append(
            LibraryMention(name, en_key(name), m.start(1), m.end(1), doer=_en_doer(sentence, m.start()))
        )
    quoted = [q.span() for q in _EN_QUOTED.finditer(sentence)]
    for m in _EN_LIB.finditer(sentence):
        if any(a < m.start() < b for a, b in quoted):
            continue  # a title: the video "My Library and Me"
        words = m.group(1).split()
        while words and words[0].lower() in EN_STOP_WORDS:
            words.pop(0)
        if words[:2] == ["Friends", "of"] or re.search(r"\bFriends of (?:the )?$", sentence[: m.start()]):
            continue  # the Friends of X Library: a support group, not a library
        if len(words) == 1 and words[0].lower() in EN_COLLECTION_LIBRARIES and m.group(2) == "Library":
            continue  # "our Tool Library lent 40 drills": a collection, not a library
        if not words and m.group(1).split()[-1] == "Mobile":
            words = ["Mobile"]  # "The Mobile Library" called at villages: a service named like a branch
        elif not words or all(w.lower() in EN_STOP_WORDS for w in words):
            continue
        name = " ".join([*words, m.group(2)])
        start = m.start() + m.group(0).find(words[0])
        if any(x.start <= start < x.end for x in out):
            continue
        doer = _en_doer(sentence, start)
        out.append(
            LibraryMention(name, en_key(name), start, m.end(), doer=doer, held_at=_held_at(sentence, start))
        )
    for m in _EN_LIB_LOWER_XX.finditer(sentence):
        if any(x.start <= m.start() < x.end for x in out):
            continue
        out.append(LibraryMention(m.group(0), en_key(m.group(0)), m.start(), m.end(), doer=True))
    for g in _EN_GENERIC.finditer(sentence):
        held_at = _held_at(sentence, g.start())
        out.append(
            LibraryMention(g.group(0), "", g.start(), g.end(), doer=True, generic=True, held_at=held_at)
        )
    for g in _EN_PLURAL_SUBJECT.finditer(sentence):
        out.append(LibraryMention(g.group(1), "", g.start(1), g.end(1), doer=True, generic=True))
    out.sort(key=lambda x: x.start)
    return out


def libraries_in(sentence: str, lang: str, places: frozenset[str] = frozenset()) -> list[LibraryMention]:
    return zh_libraries(sentence, places) if lang == "zh" else en_libraries(sentence)
