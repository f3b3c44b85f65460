"""Paragraphs -> activity mentions -> activities, with figures attached.

Walk the report sentence by sentence. Each kind trigger is a *mention* of an
activity, done by the library named before it in the sentence (or carried over
from the previous sentence of the paragraph). Then:

- mentions of one kind by one library in a sentence are one activity, and so are
  those in one paragraph item (一是…, 同时… and a new date or title start another);
- a heading's mentions ("(四)开展图书漂流活动和赠书活动") and a summary's ("通过…等方式")
  are previews: dropped when the same kind is told in full later;
- planning and results sections (高度重视, 取得成效…) and closing paragraphs hold no activities;
- each figure goes to the mention in its clause, else the nearest in its
  sentence, else the last one in its paragraph item; city-wide totals and figures
  outside any activity stay with the report.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field

from shuxiang.extract import dates, kinds, names
from shuxiang.extract.figures import Found, figures_in
from shuxiang.extract.segment import Paragraph

_SKIP_SECTION = {
    "zh": re.compile(
        r"重视|部署|安排|筹备|组织领导|领导|效益|成效|效果|显著|知晓|反响|体会|经验|不足|问题|打算|下一步|思路|参与性|到位|意义|认识"
    ),
    "en": re.compile(
        r"importance|deploy|arrangement|organi[sz]e carefully|effect|results|benefit|awareness|participation|experience|shortcoming|next step|significance|"  # noqa: E501 - one alternation reads best on one line
        # the frame of a report to a board or panel: why it is written, what it asks, whom it thanks
        r"purpose|background|recommendation|acknowledg|thanks|totals|overview|introduction",
        re.I,
    ),
}
_CLOSING = {
    "zh": re.compile(
        r"^(?:总之|综上|总而言之|通过以上|通过开展|通过这次|通过此次|通过本次|特此|今后|下一步)"
    ),
    "en": re.compile(
        r"^(?:In short|In summary|To sum up|In conclusion|Through this|Through these|By carrying out|Report here|In the future)",  # noqa: E501 - one alternation reads best on one line
        re.I,
    ),
}
_SUMMARY = {
    "zh": re.compile(r"等(?:[\u4e00-\u9fff]{0,8}?)(?:方式|形式|活动|措施|项目|途径)"),
    "en": re.compile(
        r"\b(?:etc\.?|and so on|such as|in various forms|by (?:holding|hanging|means of))", re.I
    ),
}
_ACTION = {
    "zh": re.compile(r"开展|举办|组织|举行|推出|启动|召开|进行|印发|发放|悬挂|张贴|摆放|播放|放映|展出"),
    "en": re.compile(
        r"\b(?:held|hold|launch|carried out|organi[sz]ed|conduct|hung|distributed|screened|played)\b", re.I
    ),
}
_RESULT_WORDS = {
    "zh": re.compile(r"作用|效果|成效|反响|影响力|意义|知名度"),
    "en": re.compile(r"\b(?:role|effect|results|influence|significance|reputation)\b", re.I),
}
# The opening paragraph of a report without numbered sections ends by announcing the account.
_INTRO_END = {
    "zh": re.compile(r"(?:总结|报告|汇总|汇报|小结)如下|情况如下"),
    "en": re.compile(
        r"\b(?:as follows|(?:summari[sz]ed|reported|outlined|described|listed) (?:as )?below|"
        r"this report (?:summari[sz]es|sets out|describes|outlines))\b",
        re.I,
    ),
}
# A news-style lead: the campaign as a whole opened or closed, with its totals
# ("…系列阅读活动圆满落幕。本次活动自7月8日启动…共举办各类活动36场").
_NEWS_LEAD = {
    "zh": re.compile(r"(?:圆满)?(?:落幕|闭幕|收官|落下帷幕|拉开(?:了)?(?:帷幕|序幕))"),
    "en": re.compile(r"\b(?:came to a close|wrapped up|drew to a close|kicked off)\b", re.I),
}
_CAMPAIGN_TOTAL = {
    "zh": re.compile(r"各类活动|系列活动|共(?:举办|开展|组织)"),
    "en": re.compile(r"\b(?:in total|in all|altogether|a total of|events? (?:in all|overall))\b", re.I),
}
# A data table written as text: "参与读者:约8500人次", "Events held: 64".
_TABLE_ROW = re.compile(
    r"^[^，,。；;:：]{2,20}[:：]\s*(?:共计|共|约|近|合计|累计|总计|about|over|more than|nearly)?\s*"
    r"[\d一二三四五六七八九十百千万.,]+\s*(?:余|多)?[^\d，,。；;:：]{0,4}[。.]?$",
    re.I,
)
# A signature or date line closing the report: "桃江县图书馆", "2023年4月28日", "8 May 2023".
_SIGNATURE = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,20}(?:馆|局|中心|办公室|学会|协会)|(?:[A-Z][\w'’]*\s+){1,6}(?:Library|Branch|Bureau|Centre|Center|Society)|"
    r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})$"
)
_BARE_LEVEL = re.compile(r"^[市县区]图书馆$")
_MARKER = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}\s*[、.．])\s*"
)
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,60})[”\"」』]|《([^》]{1,40})》")


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


def _clause_bounds(sentence: str, pos: int, lang: str) -> tuple[int, int]:
    # English chains a second act with "and" + a participle: "bringing 300 books and holding a talk".
    seps = _CLAUSE_SEPS[lang]
    # A clause is short: look back a bounded window so a run-on sentence stays linear.
    lo = max(0, pos - 400)
    left = max((m.end() for m in seps.finditer(sentence, lo, pos)), default=lo)
    hi = min(len(sentence), pos + 400)
    m = seps.search(sentence, pos, hi)
    return left, (m.start() if m else hi)


_CLAUSE_SEPS = {
    "zh": re.compile(r"[，,、：:；;。]"),
    "en": re.compile(r"[,;:]|\band (?=\w+(?:ing|ed)\b)"),
}


def _title(sentence: str, trig: kinds.Trigger, lang: str) -> tuple[str | None, bool]:
    """The activity's name: a quotation next to its trigger word, else the trigger's clause."""
    left, right = _clause_bounds(sentence, trig.start, lang)
    clause = sentence[left:right]
    near = 8 if lang == "zh" else 30
    for q in _QUOTED.finditer(sentence):
        touches = (
            (trig.start - near <= q.end() <= trig.start)
            or (q.start() <= trig.start < q.end())
            or (trig.end <= q.start() <= trig.end + 3)
        )
        if touches:
            return (q.group(1) or q.group(2)).strip(), True
    text = _MARKER.sub("", clause.strip(" 。.;；"))
    if lang == "zh":
        text = re.sub(r"^(?:并|还|同时|另外|此外|如|其中|一是|二是|三是|四是|五是)", "", text)
        return text[:30] or None, False
    return text[:80] or None, False


def _head_word(trigger_text: str, lang: str) -> str:
    if lang == "zh":
        return trigger_text[-2:] if len(trigger_text) >= 2 else ""
    words = re.findall(r"[a-z]+", trigger_text.lower())
    return words[-1].rstrip("s") if words and len(words[-1]) > 3 else ""


def _is_run_in_heading(sentence: str, lang: str) -> bool:
    """A short phrase opening a paragraph ("Author talk.", "● 读者座谈会。"): the name of what follows."""
    text = sentence.rstrip("。.:：")
    if re.search(r"[\d，,；;]", text):
        return False
    if lang == "zh":
        return 2 <= len(text) <= 14 and not re.search(r"了|开展|举办|组织|举行|进行", text)
    words = text.split()
    return 1 <= len(words) <= 7 and not any(
        w.endswith("ed") or w.lower() in {"is", "was", "were", "are", "held", "ran", "gave", "took"}
        for w in words
    )


def find_activities(
    paras: list[Paragraph],
    lang: str,
    year: str,
    reporting_key: str | None,
    reporting_name: str | None = None,
) -> Extracted:
    mentions: list[Mention] = []
    report_figures: list[Found] = []
    libraries: list[str] = []
    keys: dict[str, str] = {}
    has_sections = sum(1 for p in paras if _opens_section(p)) >= 2
    skipping = False
    item = 0
    prev_heading_mentions: list[Mention] = []
    for pi, para in enumerate(paras):
        body_start = 1 if pi == 0 and _is_title(para, lang) else 0
        if pi < body_start + 1 and _is_title(para, lang):
            continue
        if pi >= len(paras) - 3 and pi > 2 and _SIGNATURE.match(para.text):
            continue  # the signature and date under the report
        if _TABLE_ROW.match(_MARKER.sub("", para.text)):
            for sent in para.sentences:
                report_figures.extend(figures_in(sent.text, lang))
            continue
        if _opens_section(para):
            skipping = bool(
                _SKIP_SECTION[lang].search(para.sentences[0].text if para.sentences else para.text)
            )
            item += 1
        intro = (
            has_sections
            and not _opens_section(para)
            and not any(_opens_section(p) for p in paras[:pi])
            and pi <= 2
        ) or (
            not has_sections
            and pi <= 2
            and (
                bool(_INTRO_END[lang].search(para.text))
                or (
                    bool(_NEWS_LEAD[lang].search(para.text)) and bool(_CAMPAIGN_TOTAL[lang].search(para.text))
                )
            )
        )
        closing = bool(_CLOSING[lang].match(para.text)) or (
            has_sections
            and pi == len(paras) - 1
            and not para.marker
            and bool(_RESULT_WORDS[lang].search(para.text))
        )
        carried_lib: names.LibraryMention | None = None
        carried_date: tuple[str | None, str | None, str] | None = None
        para_mentions: list[Mention] = []
        for si, sent in enumerate(para.sentences):
            if sent.new_item or (lang == "zh" and re.match(r"^(?:同时|此外|另外)", sent.text)):
                item += 1
                carried_date = None
            libs = names.libraries_in(sent.text, lang)
            if reporting_key and reporting_name:
                # 区图书馆 in a report by 姑苏区图书馆 is the reporting library itself.
                libs = [
                    dataclasses.replace(lib, key=reporting_key)
                    if _BARE_LEVEL.match(lib.name) and reporting_name.endswith(lib.name)
                    else lib
                    for lib in libs
                ]
            for lib in libs:
                if lib.doer and not lib.generic and lib.key and lib.key not in keys.values():
                    keys[lib.name] = lib.key
                    libraries.append(lib.name)
                elif lib.doer and not lib.generic and lib.key:
                    keys.setdefault(lib.name, lib.key)
            found_figures = figures_in(sent.text, lang)
            if skipping or closing or intro:
                report_figures.extend(found_figures)
                continue
            # A trigger word inside a library's name (河东镇分馆) is no event.
            media_spans = [
                (p, p + len(name))
                for name, at in names.media_in(sent.text, lang)
                if (p := sent.text.find(name, at)) >= 0
            ]
            trigs = kinds.triggers(
                sent.text, lang, [(lib.start, lib.end) for lib in libs if not lib.generic] + media_spans
            )
            spans = dates.find_dates(sent.text, lang, year)
            summary_match = _SUMMARY[lang].search(sent.text)
            is_preview_sentence = (
                para.heading
                or (para.marker and si == 0 and len(sent.text) <= (60 if lang == "zh" else 140))
                or (si == 0 and len(para.sentences) > 1 and _is_run_in_heading(sent.text, lang))
            )
            sent_mentions: dict[tuple[str, str], Mention] = {}
            for trig in trigs:
                doer = None
                for lib in libs:
                    if lib.start <= trig.start and lib.doer:
                        doer = lib
                if doer is None:
                    doer = carried_lib
                generic = bool(doer and doer.generic)
                lib_name = None if doer is None or doer.generic else doer.name
                lib_key = "" if doer is None or doer.generic else doer.key
                if lib_key and reporting_key and lib_key == reporting_key:
                    lib_name = None
                    lib_key = ""
                key = (trig.kind, lib_key)
                if key in sent_mentions:
                    sent_mentions[key].positions.append(trig.start)
                    continue
                date_before = [d for d in spans if d.pos <= trig.start]
                date_after = [d for d in spans if d.pos > trig.start]
                span = date_before[-1] if date_before else (date_after[0] if date_after else None)
                start = end = None
                if span:
                    start, end = span.start, span.end
                elif carried_date and carried_date[2] == lib_key:
                    start, end = carried_date[0], carried_date[1]
                title, quoted = _title(sent.text, trig, lang)
                m = Mention(
                    kind=trig.kind,
                    para=pi,
                    sent=si,
                    item=item,
                    pos=trig.start,
                    library=lib_name,
                    library_key=lib_key,
                    title=title,
                    quoted=quoted,
                    start=start,
                    end=end,
                    preview=bool(is_preview_sentence),
                    summary=bool(summary_match and trig.start < summary_match.end()),
                    weak=trig.strength == kinds.WEAK,
                    generic=generic,
                    positions=[trig.start],
                    head=_head_word(sent.text[trig.start : trig.end], lang),
                    word=sent.text[trig.start : trig.end],
                )
                m.venue = names.venue_in(sent.text[: max(trig.end, (span.stop if span else 0)) + 40], lang)
                m.partners = names.partners_in(sent.text, lang)
                m.audience = names.audiences_in(sent.text, lang)
                sent_mentions[key] = m
            new = list(sent_mentions.values())
            # A weak mention right after another mention of the same doer only repeats it.
            if new and all(m.weak for m in new) and para_mentions:
                last = para_mentions[-1].root()
                if last.library_key == new[0].library_key and last.item == item:
                    new = []
            if media_spans:
                # A coverage sentence ("The Courier ran a story on the author visit", 《X日报》对读书讲座
                # 进行了报道) speaks of an event already told: its trigger refers back, it tells no new one.
                for m in new:
                    if m.weak:
                        continue  # a channel word ("on the X website") is no named event
                    told = [
                        o for o in mentions if o.merged_into is None and o.kind == m.kind and not o.generic
                    ]
                    if told:
                        m.merged_into = told[-1]
            for m in new:
                if m.merged_into is not None:
                    mentions.append(m)
                    continue
                # Repeats in the same paragraph item are the same activity.
                for old in reversed(para_mentions):
                    o = old.root()
                    # "…举办了科普讲座。参加讲座的师生…": the bare head word of an earlier
                    # compound refers back to it, whatever kind the bare word alone would name.
                    back_reference = (
                        o.kind != m.kind
                        and o.item == m.item
                        and o.library_key == m.library_key
                        and m.sent > o.sent
                        and m.word.lower() == m.head
                        and bool(o.head)
                        and o.head == m.head
                        and len(o.word) > len(m.word)
                    )
                    if back_reference:
                        m.merged_into = o
                        break
                    if (
                        o.kind == m.kind
                        and o.library_key == m.library_key
                        and o.item == m.item
                        and not (m.start and o.start and m.start != o.start)
                        and not (m.quoted and o.quoted and _distinct_titles(m.title or "", o.title or ""))
                        and not o.generic
                    ):
                        m.merged_into = o
                        o.start = o.start or m.start
                        o.end = o.end or m.end
                        o.venue = o.venue or m.venue
                        o.preview = o.preview and m.preview
                        o.summary = o.summary and m.summary
                        break
                mentions.append(m)
                para_mentions.append(m)
            live = [m for m in new]
            earlier = [m for m in para_mentions if m.item == item and m.sent < si]
            spans_libraries = _spans_libraries(sent.text, libs, lang)
            for fig in found_figures:
                same_item = [m for m in para_mentions if m.item == item]
                if (
                    fig.report_level
                    or (fig.total and not live and not same_item)
                    or (spans_libraries and _TOTAL[lang].search(sent.text))
                ):
                    report_figures.append(fig)
                    continue
                target = _attach(fig, live, earlier, sent.text, lang) or _referred(sent.text, earlier, lang)
                if target is None and not para_mentions and prev_heading_mentions:
                    target = prev_heading_mentions[-1]
                if target is None:
                    report_figures.append(fig)
                else:
                    target.figures.append(fig)
            for lib in libs:
                if lib.doer:
                    carried_lib = lib
            if spans:
                carried_date = (
                    spans[-1].start,
                    spans[-1].end,
                    live[-1].library_key if live else (carried_lib.key if carried_lib else ""),
                )
        prev_heading_mentions = (
            para_mentions
            if para.heading
            else (prev_heading_mentions if not para_mentions and not _opens_section(para) else [])
        )
    _drop_previews(mentions)
    return Extracted(mentions, report_figures, libraries, keys)


def _opens_section(para: Paragraph) -> bool:
    """A numbered paragraph or a heading (numbered or not: memos head sections with a bare line)."""
    return bool(para.marker) or para.heading


def _distinct_titles(a: str, b: str) -> bool:
    return a not in b and b not in a


# Totals: a count that sums up more than one event or library.
_TOTAL = {
    "zh": re.compile(
        r"全(?:市|县|区|省|州|旗)|共计|总计|合计|累计|据统计|共(?:有|举办|开展|组织|接待|吸引|发放|计)"
    ),
    "en": re.compile(
        r"\b(?:in total|in all|altogether|a total of|overall|cumulative(?:ly)?|all told)\b", re.I
    ),
}
# A subject that spans libraries or the whole campaign: 全市各馆, 各公共图书馆, libraries across the city.
_SPANNING = {
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
_WHOLE_EVENT = {
    "zh": re.compile(r"^(?:本次|此次|这次|该|整个|当天)?活动|^(?:现场|当天|活动当天|活动现场)"),
    "en": re.compile(
        r"^(?:the|this|that) (?:event|events|activity|activities|programme|program|day|occasion)\b", re.I
    ),
}


def _spans_libraries(sentence: str, libs: list[names.LibraryMention], lang: str) -> bool:
    """The sentence's subject covers several libraries (全市各馆, libraries across the city, 甲馆和乙馆)."""
    if _SPANNING[lang].search(sentence):
        return True
    doers = {lib.key for lib in libs if lib.doer and not lib.generic and lib.key}
    return len(doers) >= 2 and not any(lib.generic is False and lib.doer is False for lib in libs)


def _referred(sentence: str, candidates: list[Mention], lang: str) -> Mention | None:
    """The earlier mention a sentence without a trigger word goes on about.

    The one whose head word it repeats ("…a book fair. About 1,500 residents visited the fair.");
    else, when it speaks of the event as a whole ("活动共吸引市民600余人次"), the head event of
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
    if _WHOLE_EVENT[lang].search(sentence.strip()):
        last_sent = candidates[-1].sent
        heads = [m for m in candidates if m.sent == last_sent]
        return min(heads, key=lambda m: m.pos).root()
    return candidates[-1].root()


def _attach(
    fig: Found, live: list[Mention], earlier: list[Mention], sentence: str, lang: str
) -> Mention | None:
    """The activity a figure in a sentence that tells at least one event belongs to.

    In order: the event its own noun phrase names ("issued 85 new library cards"); the nearest
    event told before it in its clause, then in its sentence ("举办图片展，展出图片120幅"); an
    event told after it in its clause ("300余名读者参加了朗诵比赛"); the activity the paragraph
    was telling before this sentence ("…当天共200余人参加，馆里还举办了讲座"); the first event after it.
    """
    if not live:
        return None
    left, right = _clause_bounds(sentence, fig.start, lang)

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
    before = [m for m in live if last_before(m) >= 0]
    if before:
        return max(before, key=last_before).root()
    after_in_clause = [m for m in live if 0 <= first_from(m, fig.start) < right]
    if after_in_clause:
        return min(after_in_clause, key=lambda m: first_from(m, fig.start)).root()
    first_after = min(live, key=lambda m: min(spots(m)))
    told = [m for m in earlier if not m.preview]
    if told and told[-1].root().library_key == first_after.library_key:
        return told[-1].root()
    return first_after.root()


def _drop_previews(mentions: list[Mention]) -> None:
    """Merge a heading's or summary's mention into the same kind told later, drop generic ones."""
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
        if later:
            target = later[0]
            m.merged_into = target
            target.figures[:0] = m.figures
            m.figures = []
            if m.library and not target.library:
                target.library, target.library_key = m.library, m.library_key


def _is_title(para: Paragraph, lang: str) -> bool:
    return (
        para.index == 0
        and not para.marker
        and len(para.text) <= (60 if lang == "zh" else 120)
        and not re.search(r"[。；;]" if lang == "zh" else r"[.;]\s", para.text.rstrip("。."))
    )


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
            m.root().figures.extend(m.figures)
            m.figures = []
    return out
