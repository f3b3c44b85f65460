"""Activity mentions: what one trigger word in one sentence tells, and how mentions become activities.

A mention has a kind, a doer, a title (a quoted name next to its word, else its clause), dates,
venue, partners, audience and figures. Mentions of one event are merged (``merged_into``); a
heading's or summary's mention is a *preview*, merged into the event told in full below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shuxiang.extract import kinds
from shuxiang.extract.attach import clause_bounds
from shuxiang.extract.dates import DateSpan
from shuxiang.extract.figures import Found
from shuxiang.extract.sections import MARKER

_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,60})[”\"」』]|《([^》]{1,40})》")
_EXAMPLES = re.compile(r"(?:、?[“\"「『《][^”\"」』》]{1,30}[”\"」』》])*、?等")


@dataclass
class Mention:
    kind: str
    para: int
    sent: int
    item: int
    pos: int
    library: str | None
    library_key: str
    title: str | None
    quoted: bool = False
    positions: list[int] = field(default_factory=list)  # every trigger of this mention in its sentence
    head: str = ""  # the trigger's head word, for a later sentence that refers back ("the fair")
    word: str = ""  # the trigger as written (科普讲座, 讲座)
    start: str | None = None
    end: str | None = None
    venue: str | None = None
    partners: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    figures: list[Found] = field(default_factory=list)
    preview: bool = False
    summary: bool = False
    weak: bool = False
    generic: bool = False
    merged_into: Mention | None = None

    def root(self) -> Mention:
        node = self
        while node.merged_into is not None:
            node = node.merged_into
        return node


@dataclass
class Extracted:
    mentions: list[Mention]
    report_figures: list[Found]
    libraries: list[str]
    library_keys: dict[str, str]


def title_of(sentence: str, trig: kinds.Trigger, lang: str) -> tuple[str | None, bool]:
    """The activity's name: a quotation next to its trigger word, else the trigger's clause."""
    left, right = clause_bounds(sentence, trig.start, lang)
    clause = sentence[left:right]
    near = 8 if lang == "zh" else 30
    best: tuple[int, str] | None = None
    # Only quotations near the word (a bounded window keeps a run-on sentence linear).
    for q in _QUOTED.finditer(sentence, max(0, trig.start - 70), min(len(sentence), trig.end + 70)):
        if _EXAMPLES.match(sentence, q.end()):
            continue  # “泡泡塔”“纸桥承重”等小实验: examples listed, not the event's name
        if trig.start - near <= q.end() <= trig.start:
            gap = trig.start - q.end()
        elif q.start() <= trig.start < q.end():
            gap = 0
        elif trig.end <= q.start() <= trig.end + 3:
            gap = q.start() - trig.end
        else:
            continue
        if best is None or gap < best[0]:  # “小书虫”“故事大王”评选: the name next to the word
            best = (gap, (q.group(1) or q.group(2)).strip())
    if best is not None:
        return best[1], True
    text = MARKER.sub("", clause.strip(" 。.;；"))
    if lang == "zh":
        text = re.sub(r"^(?:并|还|同时|另外|此外|如|其中|一是|二是|三是|四是|五是)", "", text)
        return text[:30] or None, False
    return text[:80] or None, False


def heading_mention(heading: str, para: int, item: int, day: DateSpan | None) -> Mention:
    """The event a heading names without a genre word (kind ``other``), on the day it gives."""
    return Mention(
        kind="other",
        para=para,
        sent=0,
        item=item,
        pos=0,
        library=None,
        library_key="",
        title=MARKER.sub("", heading).strip(" 。."),
        start=day.start if day else None,
        end=day.end if day else None,
        positions=[0],
    )


def head_word(trigger_text: str, lang: str) -> str:
    if lang == "zh":
        return trigger_text[-2:] if len(trigger_text) >= 2 else ""
    words = re.findall(r"[a-z]+", trigger_text.lower())
    return words[-1].rstrip("s") if words and len(words[-1]) > 3 else ""


# Publicity online (a post on the library's account) and on site (banners, leaflets) are two means,
# each an activity (seed README: "the means listed in the publicity paragraphs count as activities");
# several means on site in one sentence are one campaign of publicity.
_ONLINE = {
    "zh": re.compile(r"公众号|微信|微博|网站|抖音|视频号|客户端|推送|推文|网络"),
    "en": re.compile(
        r"WeChat|Weibo|website|social media|Facebook|Instagram|Twitter|TikTok|posts\b|online", re.I
    ),
}
_MEANS_BREAK = re.compile(r"[，,；;]")


def another_event(
    told: Mention, trig: kinds.Trigger, title: str | None, quoted: bool, sentence: str, lang: str
) -> bool:
    """Whether a trigger of the kind and doer already told in this sentence tells another event:
    a second event name in quotation marks (举办“X”图书展…推出“Y”书单; 《titles》 name works, not
    events), or publicity online after publicity on site (悬挂横幅6条，…并通过公众号推送信息9条)."""
    if quoted and told.quoted and distinct_titles(title or "", told.title or ""):
        near = sentence[max(0, trig.start - 80) : trig.end + 80]
        near_told = sentence[max(0, told.pos - 80) : told.pos + 80]
        return f"《{title}》" not in near and f"《{told.title}》" not in near_told
    if trig.kind != "publicity":
        return False
    told_at = told.positions[-1]
    cut = max((m.end() for m in _MEANS_BREAK.finditer(sentence, told_at, trig.start)), default=0)
    if cut <= told_at:
        return False  # the same clause
    lo = max(0, told_at - 200)  # clauses are short: a bounded look-back keeps a run-on sentence linear
    told_cut = max((m.end() for m in _MEANS_BREAK.finditer(sentence, lo, told_at)), default=lo)

    def clause_end(pos: int) -> int:
        m = _MEANS_BREAK.search(sentence, pos, pos + 200)
        return m.start() if m else min(len(sentence), pos + 200)

    online = _ONLINE[lang]
    here = online.search(sentence, cut, clause_end(trig.start))
    there = online.search(sentence, told_cut, clause_end(told_at))
    return bool(here) != bool(there)


def distinct_titles(a: str, b: str) -> bool:
    return a not in b and b not in a


def drop_previews(mentions: list[Mention]) -> None:
    """Merge a heading's or summary's mention into the same kind told later (or, without one, into
    the events told under the heading), drop generic ones."""
    roots = [m for m in mentions if m.merged_into is None]
    for i, m in enumerate(roots):
        if not (m.preview or m.summary or m.generic):
            continue
        later = [
            o
            for o in roots[i + 1 :]
            if o.kind == m.kind and o.merged_into is None and not o.summary and not o.generic
        ]
        if m.preview and not m.summary:
            later = [o for o in later if o.para - m.para <= 6] or []
            if m.figures and not m.generic:
                # the heading's event was told under it (its counts came before any other word of
                # its kind): a later event of that kind by another word is another event
                later = [o for o in later if o.head == m.head or o.word == m.word]
        if later:
            target = later[0]
            m.merged_into = target
            if not m.generic:  # a count across libraries (各馆共举办…) stays the report's
                target.figures[:0] = m.figures
                m.figures = []
            if m.library and not target.library:
                target.library, target.library_key = m.library, m.library_key
        elif m.preview and not m.summary and not m.figures:
            # A heading that names its item by a related genre word ("送书下乡。…开展赠书活动": a
            # delivery and a gift are one event) or only by a weak one ("开幕式与宣传。…设立咨询
            # 台"), or by the word the account classes otherwise ("泥塑工坊" over a clay class
            # taught by a master): the event told under it is what it names. "Open day: … an
            # information desk" stays two events.
            told = [
                o
                for o in roots[i + 1 :]
                if o.item == m.item
                and o.merged_into is None
                and not (o.preview or o.summary or o.generic)
                and (m.weak or kinds.related(m.kind, o.kind) or o.word == m.word)
            ]
            if told:
                m.merged_into = told[0]


def final_mentions(ex: Extracted) -> list[Mention]:
    """Root mentions that become activities (generic ones hand their figures to the report)."""
    out = []
    for m in ex.mentions:
        if m.merged_into is not None:
            continue
        if m.generic:
            ex.report_figures.extend(m.figures)
            continue
        out.append(m)
    for m in ex.mentions:
        if m.merged_into is not None and m.figures:
            (ex.report_figures if m.generic else m.root().figures).extend(m.figures)
            m.figures = []
    return out
