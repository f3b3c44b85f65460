"""Paragraphs -> activity mentions -> activities, with figures attached.

Walk the report sentence by sentence. Each kind trigger is a *mention* of an
activity, done by the library named before it in the sentence (or carried over
from the previous sentence of the paragraph). Then:

- mentions of one kind by one library in a sentence are one activity (unless a second quoted
  event name or publicity online after publicity on site tells another), and so are those in
  one paragraph item (一是…, 同时… and a new date or title start another; a last day alone,
  "until 30 May", only ends the event);
- a heading's mentions ("(四)开展图书漂流活动和赠书活动") and a summary's ("通过…等方式")
  are previews: dropped when the same kind is told in full later;
- planning and results sections (高度重视, 取得成效…) and closing paragraphs hold no activities;
- a heading that names one event without a genre word ("Quilt show and tell", （一）“X”剪窗花活动。)
  is that event, kind ``other``, when the first sentence under it tells no event of a known kind;
- each figure goes to the mention in its clause, else the nearest in its
  sentence, else the last one in its paragraph item (``attach``), never to an event of a library
  other than the one its sentence names; city-wide totals, the campaign's totals under the last
  item, what the media published and figures outside any activity stay with the report, unless
  they count the people who joined one event named in their clause.
"""

from __future__ import annotations

import dataclasses
import re

from shuxiang.extract import dates, kinds, media, names, parties
from shuxiang.extract.attach import (
    TOTAL,
    attach,
    attends,
    clause_bounds,
    joins_event,
    other_doers,
    referred,
    spans_libraries,
)
from shuxiang.extract.figures import Found, figures_in
from shuxiang.extract.mentions import (
    Extracted,
    Mention,
    another_event,
    distinct_titles,
    drop_previews,
    head_word,
    heading_mention,
    title_of,
)
from shuxiang.extract.sections import (
    CAMPAIGN_TOTAL,
    CLOSING,
    CLOSING_QUOTE,
    INTRO_END,
    MARKER,
    NEWS_LEAD,
    RESULT_WORDS,
    SIGNATURE,
    SKIP_SECTION,
    SUMMARY,
    TABLE_ROW,
    campaign_totals,
    is_run_in_heading,
    is_title,
    names_event,
    opens_section,
)
from shuxiang.extract.segment import Paragraph

# A library named after the service it is ("The Mobile Library called at six villages", 流动图书馆): its name
# still tells what it does.
_SERVICE_NAME = re.compile(r"^(?:Mobile Library|Home Library Service|流动图书馆)$")


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
    has_sections = sum(1 for p in paras if opens_section(p)) >= 2
    places = names.place_stems("\n".join(p.text for p in paras)) if lang == "zh" else frozenset()
    skipping = lead_in = False
    item = 0
    prev_heading_mentions: list[Mention] = []
    # A heading that names an event with no genre word ("Quilt show and tell", （一）“X”剪窗花活动。):
    # the event, of kind "other", when the first sentence under it tells no event of a known kind.
    heading_event: Mention | None = None
    last_body = max(
        (i for i, p in enumerate(paras) if not (i >= len(paras) - 3 and i > 2 and SIGNATURE.match(p.text))),
        default=-1,
    )
    for pi, para in enumerate(paras):
        body_start = 1 if pi == 0 and is_title(para, lang) else 0
        if pi < body_start + 1 and is_title(para, lang):
            continue
        if pi >= len(paras) - 3 and pi > 2 and SIGNATURE.match(para.text):
            continue  # the signature and date under the report
        if TABLE_ROW.match(MARKER.sub("", para.text)):
            for sent in para.sentences:
                report_figures.extend(figures_in(sent.text, lang))
            continue
        if opens_section(para):
            heading_event = None
        if opens_section(para) and not (para.bullet and lead_in):
            # a bullet under a lead-in ("Results so far:") is an item of that section
            lead_in = para.text.rstrip().endswith((":", "："))
            skipping = bool(
                SKIP_SECTION[lang].search(para.sentences[0].text if para.sentences else para.text)
            )
            item += 1
        intro = (
            has_sections
            and not opens_section(para)
            and not any(opens_section(p) for p in paras[:pi])
            and pi <= 2
        ) or (
            not has_sections
            and pi <= 2
            and (
                bool(INTRO_END[lang].search(para.text))
                or (bool(NEWS_LEAD[lang].search(para.text)) and bool(CAMPAIGN_TOTAL[lang].search(para.text)))
            )
        )
        closing = (
            bool(CLOSING[lang].match(para.text))
            or (
                # a news feature ends on a quotation: “好书要慢慢读。”馆长表示…
                pi == len(paras) - 1 and bool(CLOSING_QUOTE[lang].match(para.text))
            )
            or (
                has_sections
                and pi == len(paras) - 1
                and not para.marker
                and bool(RESULT_WORDS[lang].search(para.text))
            )
            or (has_sections and pi == last_body and not para.marker and campaign_totals(para.text, lang))
        )
        carried_lib: names.LibraryMention | None = None
        carried_date: tuple[str | None, str | None, str] | None = None
        para_mentions: list[Mention] = []
        for si, sent in enumerate(para.sentences):
            if sent.new_item or (lang == "zh" and re.match(r"^(?:同时|此外|另外)", sent.text)):
                item += 1
                carried_date = None
            libs = names.libraries_in(sent.text, lang, places)
            if reporting_key and reporting_name:
                # 区图书馆 in a report by 姑苏区图书馆 is the reporting library itself.
                libs = [
                    dataclasses.replace(lib, key=reporting_key)
                    if names.BARE_LEVEL.match(lib.name) and reporting_name.endswith(lib.name)
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
            media_spans = media.outlet_spans(sent.text, lang)
            trigs = kinds.triggers(
                sent.text,
                lang,
                [
                    (lib.start, lib.end)
                    for lib in libs
                    if not lib.generic and not _SERVICE_NAME.match(lib.name)
                ]
                + media_spans,
            )
            spans = dates.find_dates(sent.text, lang, year)
            summary_match = SUMMARY[lang].search(sent.text)
            is_preview_sentence = (
                para.heading
                or (
                    para.marker
                    and si == 0
                    and len(sent.text) <= (60 if lang == "zh" else 140)
                    # a numbered line that tells its counts is the account, not a heading over one
                    and (len(para.sentences) > 1 or not found_figures)
                )
                or (si == 0 and len(para.sentences) > 1 and is_run_in_heading(sent.text, lang))
            )
            sent_mentions: dict[tuple[str, str], Mention] = {}  # the latest of each kind and doer
            sent_list: list[Mention] = []
            for trig in trigs:
                doer = None
                for lib in libs:
                    if lib.start <= trig.start and lib.doer:
                        doer = lib
                if doer is None:
                    # "The Phone Basics sessions at X Library…": held at the library named after it
                    doer = next(
                        (lib for lib in libs if lib.held_at and 0 < lib.start - trig.start <= 60), None
                    )
                if doer is None:
                    doer = carried_lib
                generic = bool(doer and doer.generic)
                lib_name = None if doer is None or doer.generic else doer.name
                lib_key = "" if doer is None or doer.generic else doer.key
                if lib_key and reporting_key and lib_key == reporting_key:
                    lib_name = None
                    lib_key = ""
                key = (trig.kind, lib_key)
                if sent_list and attends(sent.text, trig.start, trig.end, lang):
                    sent_list[-1].positions.append(trig.start)  # 举办新书展，300余名读者参观了展览
                    continue
                title, quoted = title_of(sent.text, trig, lang)
                same = sent_mentions.get(key)
                if same is not None and not another_event(same, trig, title, quoted, sent.text, lang):
                    same.positions.append(trig.start)
                    continue
                date_before = [d for d in spans if d.pos <= trig.start]
                date_after = [d for d in spans if d.pos > trig.start]
                span = date_before[-1] if date_before else (date_after[0] if date_after else None)
                start = end = None
                if span and span.until:
                    end = span.start  # "shown until 21 March": how long it ran, not a new event
                elif span:
                    start, end = span.start, span.end
                elif carried_date and carried_date[2] == lib_key:
                    start, end = carried_date[0], carried_date[1]
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
                    head=head_word(sent.text[trig.start : trig.end], lang),
                    word=sent.text[trig.start : trig.end],
                )
                m.venue = parties.venue_in(sent.text[: max(trig.end, (span.stop if span else 0)) + 40], lang)
                m.partners = parties.partners_in(sent.text, lang)
                m.audience = parties.audiences_in(sent.text, lang)
                sent_mentions[key] = m
                sent_list.append(m)
            new = sent_list
            if heading_event is not None and not is_preview_sentence:
                if not trigs:  # the heading's event, told here
                    doer = next((lib for lib in libs if lib.doer and not lib.generic), carried_lib)
                    if doer is not None and doer.key != reporting_key and not doer.generic:
                        heading_event.library, heading_event.library_key = doer.name, doer.key
                    heading_event.para, heading_event.sent, heading_event.item = pi, si, item
                    new = [heading_event]
                heading_event = None
            elif is_preview_sentence and si == 0 and not trigs and names_event(sent.text, lang, bool(spans)):
                heading_event = heading_mention(sent.text, pi, item, spans[0] if spans else None)
            # A weak mention right after another mention of the same doer only repeats it, unless it
            # tells a new day ("3月5日…颁奖仪式。3月9日，…组织“X”活动": two events).
            if new and all(m.weak for m in new) and para_mentions:
                last = para_mentions[-1].root()
                new_day = any(m.start and last.start and m.start != last.start for m in new)
                if last.library_key == new[0].library_key and last.item == item and not new_day:
                    last.end = last.end or next((m.end for m in new if m.end and not m.start), None)
                    new = []  # ("Forty prints were displayed until 30 May": how long the show ran)
            if media_spans and media.COVERAGE[lang].search(sent.text):
                # A coverage sentence ("The Echo ran a story on the poetry talk", 《X日报》对读书讲座
                # 进行了报道) speaks of an event already told: its trigger refers back, it tells no new one.
                for m in new:
                    if m.weak:
                        continue  # a channel word ("on the X website") is no named event
                    left, right = clause_bounds(sent.text, m.pos, lang)
                    if not (
                        any(left <= a < right for a, _ in media_spans)
                        or media.COVERAGE[lang].search(sent.text, left, right)
                    ):
                        continue  # "…covered the week, and our posts reached 6,000 people": a new event
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
                        old.kind == m.kind
                        and old.library_key == m.library_key
                        and (old.para, old.sent) == (m.para, m.sent)
                    ):
                        break  # told apart from it in this sentence: another event, not a repeat
                    if (
                        o.kind == m.kind
                        and o.library_key == m.library_key
                        and o.item == m.item
                        and not (m.start and o.start and m.start != o.start)
                        and not (m.quoted and o.quoted and distinct_titles(m.title or "", o.title or ""))
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
            spanning = spans_libraries(sent.text, libs, lang)
            coverage_at = media.told_by_outlets(sent.text, media_spans, lang)
            others = other_doers(libs, reporting_key)
            for fig in found_figures:
                same_item = [m for m in para_mentions if m.item == item]
                if coverage_at >= 0:
                    left, right = clause_bounds(sent.text, fig.start, lang)
                    if left <= coverage_at < right:
                        report_figures.append(fig)  # the outlets' stories, not the library's event
                        continue
                if (
                    fig.report_level
                    or (fig.total and not live and not same_item)
                    or (spanning and TOTAL[lang].search(sent.text))
                ) and not joins_event(fig, live, sent.text, lang):
                    report_figures.append(fig)
                    continue
                target = attach(fig, live, earlier, sent.text, lang) or referred(
                    sent.text, [m for m in earlier if not others or m.root().library_key in others], lang
                )
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
                last = spans[-1]
                carried_date = (
                    None if last.until else last.start,
                    last.start if last.until else last.end,
                    live[-1].library_key if live else (carried_lib.key if carried_lib else ""),
                )
        prev_heading_mentions = (
            para_mentions
            if para.heading
            else (prev_heading_mentions if not para_mentions and not opens_section(para) else [])
        )
    drop_previews(mentions)
    return Extracted(mentions, report_figures, libraries, keys)
