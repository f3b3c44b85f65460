"""Cleaned text of one report -> a validated report-record/1 :class:`Record`."""

from __future__ import annotations

import re

from shuxiang.extract import dates, media, names
from shuxiang.extract.activities import find_activities
from shuxiang.extract.campaign import campaign_fields, campaign_span, opening
from shuxiang.extract.figures import Found, measure_for
from shuxiang.extract.mentions import final_mentions
from shuxiang.extract.segment import Paragraph, language, paragraphs
from shuxiang.record.model import Activity, Campaign, Figure, Media, Record, dump, validate
from shuxiang.vocab import KIND_CODES, UNIT_CODES

MAX_CHARS = 100_000  # a report is a few pages; longer input is cut (the head is kept), not choked on
_ADDRESSEE = re.compile(r"^([^，,。.;；]{2,80}?)\s*[:：]$")


def _figure(found: Found, kind: str | None, lang: str) -> Figure:
    unit = found.unit if found.unit in UNIT_CODES else "other"
    value = found.value
    return Figure(
        value=int(value) if float(value).is_integer() else value,
        qualifier=found.qualifier,
        unit=unit,
        measure=measure_for(found, kind, lang),
        text=found.text or None,
    )


def _title_and_addressee(paras: list[Paragraph], lang: str) -> tuple[str | None, str | None, int]:
    title = addressee = None
    body = 0
    short = bool(paras) and not paras[0].marker and len(paras[0].text) <= (60 if lang == "zh" else 120)
    if short and not re.search(r"[。；;]|\.\s", paras[0].text.rstrip("。.")):
        title, body = paras[0].text, 1
    if len(paras) > body:
        m = _ADDRESSEE.match(paras[body].text)
        if m:
            addressee, body = m.group(1).strip(), body + 1
    return title, addressee, body


def _reporting_body(intro: str, whole: str, lang: str) -> str | None:
    for sentence in re.split(r"[。；;.]\s*", intro):
        for lib in names.libraries_in(sentence, lang):
            if lib.doer and not lib.generic:
                return lib.name
    if lang == "zh":
        m = re.search(r"(我(?:县|市|区|省|镇|乡))", intro)
        if m:
            return m.group(1)
        m = re.search(r"([\u4e00-\u9fff]{2,4}(?:市|县|区))(?:各馆|各图书馆|各公共图书馆|公共图书馆)", whole)
        if m:
            return m.group(1)
    else:
        m = re.search(r"\b[Ll]ibraries in ((?:[A-Z][a-z]+ )+(?:City|County|District))", whole)
        if m:
            return m.group(1)
    return None


def _own_library_in_frame(
    title: str | None, paras: list[Paragraph], lang: str, frame: str = ""
) -> str | None:
    """The report's own library when only its heading, by-line or signature names it.

    ("X图书馆2025年…总结", "From: Youth Services, X Public Library", "X Libraries, October 2022").
    """
    signature = [p.text for p in paras[-3:] if len(p.text) <= 40 and not p.marker]
    for text in [title or "", *frame.split("\n"), *reversed(signature)]:
        for lib in names.libraries_in(text, lang):
            if not lib.generic:
                return lib.name
    return None


def _with_own_library(libraries: list[str], own: str | None) -> list[str]:
    """The spec lists the report's own library when the text names it; the heading names it first."""
    if own is None:
        return libraries
    own_key = names.key_of(own)
    if any(names.key_of(lib) == own_key or own.endswith(lib) for lib in libraries):
        return libraries  # already listed as it acts (市图书馆 for 张掖市图书馆)
    return [own, *libraries]


def _media(paras: list[Paragraph], lang: str, keys: dict[str, str], reporting_key: str) -> list[Media]:
    out: list[Media] = []
    seen: set[str] = set()
    for para in paras:
        for sent in para.sentences:
            outlets = media.media_in(sent.text, lang)
            if not outlets:
                continue
            libs = [lib for lib in names.libraries_in(sent.text, lang) if not lib.generic]
            respectively = ("分别" in sent.text or "respectively" in sent.text) and len(libs) > 1
            for k, (outlet, pos) in enumerate(outlets):
                if outlet in seen:
                    continue
                seen.add(outlet)
                before = [lib for lib in libs if lib.start < pos]
                lib = None
                if respectively and k < len(libs):
                    lib = libs[k]
                elif before:
                    lib = before[-1]
                name = lib.name if lib is not None and lib.key != reporting_key else None
                out.append(Media(outlet=outlet, library=name))
    return out


def build_record(text: str) -> Record:
    """The report record of one report's text; never raises on odd input."""
    text = text[:MAX_CHARS]
    lang = language(text)
    paras = paragraphs(text, lang)
    title, addressee, body = _title_and_addressee(paras, lang)
    frame, intro = opening(paras, body, lang)
    year = dates.report_year(text, lang)
    fields = campaign_fields(intro, lang, text)
    reporting_body = _reporting_body(intro, text, lang)
    own_from_frame = None
    if reporting_body is None:
        reporting_body = own_from_frame = _own_library_in_frame(title, paras, lang, frame)
    reporting_key = None
    if reporting_body:
        reporting_key = names.key_of(reporting_body)
        if not re.search(r"馆$|Librar(?:y|ies)$|Hall$|Pavilion$", reporting_body):
            reporting_key = None
    ex = find_activities(paras, lang, year, reporting_key, reporting_body)
    activities = []
    for m in final_mentions(ex):
        if m.kind not in KIND_CODES:
            continue
        start, end = m.start, m.end
        if start and end and "X" not in start + end and len(start) == len(end) and end < start:
            end = None
        activities.append(
            Activity(
                kind=m.kind,
                title=m.title,
                library=m.library,
                start=start,
                end=end if end != start else None,
                venue=m.venue,
                partners=m.partners,
                audience=m.audience,
                figures=[_figure(f, m.kind, lang) for f in sorted(m.figures, key=lambda f: (f.start,))],
            )
        )
    camp_start, camp_end = campaign_span(intro, paras, lang, year, fields.name)
    campaign = Campaign(
        name=fields.name,
        theme=fields.theme,
        notice=fields.notice,
        issuer=fields.issuer,
        start=camp_start,
        end=camp_end,
    )
    record = Record(
        language=lang,
        title=title,
        reporting_body=reporting_body,
        addressee=addressee,
        campaign=campaign,
        libraries=_with_own_library(list(dict.fromkeys(ex.libraries)), own_from_frame),
        activities=activities,
        figures=[_figure(f, None, lang) for f in ex.report_figures],
        media=_media(paras, lang, ex.library_keys, reporting_key or ""),
    )
    validate(dump(record))
    return record
