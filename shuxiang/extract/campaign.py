"""The opening of a report, the days its campaign ran, and its name, theme, notice and issuer.

A report opens with a *frame* (memo fields "To:/From:/Date:", a by-line such as
"X Libraries, October 2022", the section heading "1. Purpose of the report") and
then *prose*. The campaign's dates and theme are told in the prose; a date in the
frame is when the report was written, not when the campaign ran.

The campaign's span is, in order of trust:

1. a range in the opening prose (5月27日至6月2日, from April 7 to April 13);
2. a start and an end each marked by its verb in the opening prose, as news-style
   pieces write it (8月28日…活动圆满落幕。本次活动自7月8日启动…; launched on … ended on …);
3. a range in any sentence that names the campaign (its name, "the Challenge",
   "the week", 本次活动): reports to a board or panel put it under "Background";
4. the first single date of the opening prose (a month alone: "In May 2016, …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shuxiang.extract import dates
from shuxiang.extract.segment import EN_FRAME_FIELD, SENTENCE_END, ZH_FRAME_FIELD, Paragraph

# Longest line a by-line or date line runs to; longer lines are prose even without a full stop.
_FRAME_MAX = {"zh": 30, "en": 80}
_MAX_PROSE = 3  # paragraphs of opening prose
_MAX_FRAME = 8  # frame lines looked through before the prose starts

# Verbs that mark a date as the campaign's first or last day.
# 9月3日在市民公园启动: a short place may stand between the day and its verb.
_ZH_STARTS = re.compile(
    r"\s*(?:在[^，,。；;在]{1,16}?)?(?:正式)?(?:启动|开始|开幕|开启|启幕|拉开(?:了)?(?:帷幕|序幕)|揭幕)"
)
_ZH_ENDS = re.compile(r"落幕|闭幕|结束|收官|落下帷幕|告一段落")
_EN_STARTS = re.compile(
    r"\b(?:launch(?:ed|es)?|kick(?:ed|s)?\s+off|beg(?:an|ins)|open(?:ed|s)|start(?:ed|s))\s+(?:on\s+)?$", re.I
)
_EN_ENDS = re.compile(
    r"\b(?:end(?:ed|s)?|clos(?:ed|es)|wrap(?:ped|s)?\s+up|finish(?:ed|es)|conclud(?:ed|es)|came to a close)"
    r"\s+(?:on\s+)?$",
    re.I,
)
# A sentence that speaks of the campaign as a whole without naming it.
_ZH_CAMPAIGN_ANAPHOR = re.compile(
    r"(?:本次|此次|这次|本届|今年的?)(?:系列)?(?:活动|宣传周|读书节|阅读节|读书月|阅读月)"
)
_EN_CAMPAIGN_HEADS = ("week", "month", "challenge", "club", "festival", "campaign", "programme", "program")


def is_frame_line(text: str, lang: str) -> bool:
    """A memo field, by-line or date line: short and without a sentence in it."""
    if EN_FRAME_FIELD.match(text) or ZH_FRAME_FIELD.match(text):
        return True
    return len(text) <= _FRAME_MAX.get(lang, 80) and not SENTENCE_END.search(text)


def opening(paras: list[Paragraph], body: int, lang: str) -> tuple[str, str]:
    """``(frame, prose)`` of the report's opening, from paragraph ``body`` on.

    The prose is the first paragraphs of running text up to the next section (at most
    three); the heading of a first numbered section ("1. Purpose", "一、基本情况") is
    skipped, since the paragraph under it is the report's introduction.
    """
    frame: list[str] = []
    prose: list[str] = []
    for p in paras[body:]:
        if p.marker:
            if prose:
                break
            if p.heading:
                continue
            prose.append(p.text)
            continue
        if not prose and is_frame_line(p.text, lang):
            frame.append(p.text)
            if len(frame) >= _MAX_FRAME:
                break
            continue
        if prose and is_frame_line(p.text, lang):
            break  # an unnumbered section heading ("Quiz night") ends the opening
        prose.append(p.text)
        if len(prose) >= _MAX_PROSE:
            break
    if not prose:  # a report of short lines only: its lines are its opening
        return "", "\n".join(frame)
    return "\n".join(frame), "\n".join(prose)


_SENTENCE_STOP = re.compile(r"[。！？；;!?\n]|\.(?:\s|$)")  # SENTENCE_END, plus a line break


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_STOP.search(text, pos)
    return m.start() if m else len(text)


def _marked_span(text: str, spans: list[dates.DateSpan], lang: str) -> tuple[str, str] | None:
    """First day and last day, each told with its own verb (自7月8日启动 … 8月28日…落幕)."""
    start = end = None
    for d in spans:
        if d.end:
            continue
        if d.until:
            end = end or d.start  # 将持续至10月15日, "runs until 15 October"
        elif lang == "zh":
            after = text[d.stop : _sentence_end(text, d.stop)]
            if _ZH_STARTS.match(after):
                start = start or d.start
            elif _ZH_ENDS.search(after):
                end = end or d.start
        else:
            before = text[max(0, d.pos - 40) : d.pos]
            if _EN_STARTS.search(before):
                start = start or d.start
            elif _EN_ENDS.search(before):
                end = end or d.start
    if start and end and start != end and len(start) == len(end) and ("X" in start + end or start < end):
        return start, end
    return None


def _names_campaign(sentence: str, lang: str, name: str | None) -> bool:
    if name and name.lower() in sentence.lower():
        return True
    if lang == "zh":
        return bool(_ZH_CAMPAIGN_ANAPHOR.search(sentence))
    heads = set(_EN_CAMPAIGN_HEADS)
    if name:
        heads.add(name.split()[-1].lower())
    return bool(re.search(r"\b(?:the|this|our)\s+(?:" + "|".join(sorted(heads)) + r")\b", sentence, re.I))


def _named_range(paras: list[Paragraph], lang: str, year: str, name: str | None) -> tuple[str, str] | None:
    """A date range in a sentence that names the campaign, anywhere in the report."""
    for p in paras:
        for sent in p.sentences:
            if not _names_campaign(sent.text, lang, name):
                continue
            for d in dates.find_dates(sent.text, lang, year):
                if d.end:
                    return d.start, d.end
    return None


def campaign_span(
    prose: str, paras: list[Paragraph], lang: str, year: str, name: str | None
) -> tuple[str | None, str | None]:
    """``(start, end)`` of the campaign (see the module docstring for the order of trust)."""
    spans = dates.find_dates(prose, lang, year)
    ranged = next((d for d in spans if d.end), None)
    if ranged is not None:
        return ranged.start, ranged.end
    marked = _marked_span(prose, spans, lang)
    if marked is not None:
        return marked
    named = _named_range(paras, lang, year, name)
    if named is not None:
        return named
    if spans:
        return spans[0].start, None
    return dates.bare_month(prose, lang, year), None


# ---------------------------------------------------------------- name, theme, notice, issuer
_ZH_THEME = (
    re.compile(r"以[“\"「『]([^”\"」』]{2,60})[”\"」』]为(?:主题|题)"),
    re.compile(r"[“\"「『]([^”\"」』]{2,60})[”\"」』](?:的|这一|这个)?[\u4e00-\u9fff]{0,10}?主题"),
    re.compile(r"主题(?:是|为)[：:]?[“\"「『]([^”\"」』]{2,60})[”\"」』]"),
)
# A news-style opening names the series after its year and its slogan: 2023年“快乐暑假”少儿阅读活动.
_ZH_YEAR_SLOGAN = re.compile(
    r"(?:\d{4}|20[xX]{2})年度?(?:第[一二三四五六七八九十\d]{1,3}届)?[“\"「『]([^”\"」』]{2,30})[”\"」』]"
    r"([\u4e00-\u9fff]{0,12}?(?:活动|读书节|阅读节|读书月|阅读月|宣传周|文化节|阅读季))"
)
_EN_THEME = re.compile(r"\b(?:theme|slogan|motto)\b[^\"“”.]{0,80}?[\"“]([^\"“”]{3,120})[\"”]", re.I)
# A theme written without quotation marks, as a capitalised name: "In 2019 our theme was Ocean Tales,".
_EN_BARE_THEME = re.compile(
    r"\b(?:[Tt]he|[Oo]ur|[Tt]his year's)\s+(?:(?:national|local|annual|official)\s+)?(?:theme|slogan)\s+"
    r"(?:for\s+(?:\d{4}|20[xX]{2}|the (?:week|month|year))\s+)?(?:was|is)\s+"
    r"([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|and|the|for|to|in|a|&)){0,7}?)(?=\s*(?:[,.;:!?(—–]|$))"
)
# The campaign's theme told later, under "Background": "Our local slogan for 2021 was "…"".
_EN_CAMPAIGN_THEME = re.compile(
    r"\b(?:our|this year's|the (?:campaign|week|month|year)['’]s|(?:the )?(?:local|national|annual|official))"
    r"\s+(?:theme|slogan)\s+(?:for\s+(?:\d{4}|20[xX]{2}|the (?:week|month|year))\s+)?(?:was|is|:)\s*"
    r"[\"“]([^\"“”]{3,120})[\"”]",
    re.I,
)
_ZH_NOTICE = re.compile(
    r"(?:根据|按照|依据|落实|响应|转发)?([^，,。；;《》“”根据按照]{0,30}?)《([^《》]*?(?:通知|意见|方案|函))》"
)
_EN_NOTICE = re.compile(
    r"[\"“]((?:Notice|Circular|Opinions?|Plan)\s+(?:on|of|about|for)\b[^\"“”]{5,200}?)\s*[\"”]"
)
_EN_ISSUER_AFTER = re.compile(
    r"^\s*(?:issued\s+)?(?:by|of|from)\s+(?:the\s+)?([A-Z][^,;.]{3,100}?)\s*(?:,|;|\.|$|\s+the\b)"
)
_EN_ISSUER_POSSESSIVE = re.compile(
    r"(?:to|with|of|by)\s+the\s+((?:[A-Z][\w]*\s+){1,8}?[A-Z][\w]*)[’']s\s+(?:Notice|Circular|notice)"
)
_ZH_CAMPAIGN = re.compile(
    r"((?:[\u4e00-\u9fff]{0,6}?)(?:服务宣传周|宣传周|读书日|读书月|阅读月|读书节|阅读节|活动周|服务周|阅读周))"
)
_EN_CAMPAIGN = re.compile(r"((?:[A-Z][a-z]+\s+){1,4}(?:Week|Day|Month|Festival|Challenge|Club))\b")
# "the National Reading Council's theme", "run nationally by The Reading Network"
_EN_ISSUER_OF_THEME = re.compile(
    r"\b(?:[Tt]he\s+)?((?:[A-Z][\w]*\s+){1,6}?[A-Z][\w]*)[’']s\s+(?:theme|slogan|campaign)"
    r"|\b(?:run|organi[sz]ed|coordinated|sponsored|led)\s+(?:nationally\s+|nationwide\s+)?by\s+(?:[Tt]he\s+)?"
    r"((?:[A-Z][\w]*\s+){0,6}[A-Z][\w]*)"
)


@dataclass
class CampaignFields:
    name: str | None = None
    theme: str | None = None
    notice: str | None = None
    issuer: str | None = None


def _strip_issuer_zh(text: str) -> str | None:
    text = text.strip().strip("的")
    text = re.sub(r"^.*?(?:根据|按照|依据|落实|响应|转发的?)", "", text)
    text = re.sub(r"^(?:\d{4}|20[xX]{2})年\d{1,2}月\d{1,2}日[，,]?", "", text)
    text = (
        re.sub(r"^[^，,]*?(?:图书馆|馆|我县|我市|我区)(?=[\u4e00-\u9fff“])", "", text)
        if re.search(r"(?:局|会|厅|部|办公室|政府|委员会|中心|处|室|组)$", text)
        and re.match(r"^[^，,]*?(?:图书馆|馆)根据", text)
        else text
    )
    return text if 2 <= len(text) <= 40 else None


def campaign_fields(intro: str, lang: str, whole: str) -> CampaignFields:
    """Campaign name, theme, notice and issuer from the opening of a report."""
    out = CampaignFields()
    if lang == "zh":
        for pattern in _ZH_THEME:
            m = pattern.search(intro)
            if m:
                out.theme = m.group(1).strip()
                break
        m = _ZH_NOTICE.search(intro)
        if m:
            out.notice = m.group(2).strip()
            prefix = intro[: m.start(2) - 1]
            cand = re.split(r"[，,。；;]", prefix)[-1]
            for lead in ("根据", "按照", "依据", "落实", "响应"):
                if lead in cand:
                    cand = cand.split(lead)[-1]
            cand = cand.strip()
            if 2 <= len(cand) <= 40 and not re.search(r"\d月\d", cand):
                out.issuer = cand
            if out.notice and "关于" in out.notice and not out.notice.startswith("关于"):
                head, _, tail = out.notice.partition("关于")
                out.issuer = out.issuer or head or None
                out.notice = "关于" + tail
        counts: dict[str, int] = {}
        for m in _ZH_CAMPAIGN.finditer(whole):
            name = re.sub(r"^.*?(?=图书馆服务宣传周|世界读书日|全民阅读)", "", m.group(1))
            name = re.sub(
                r"^(?:年度?|的|和|与|了|开展|举办|组织|纪念|迎接|本次|此次|这次|[\dxX]+年?)+", "", name
            )
            if len(name) >= 3:
                counts[name] = counts.get(name, 0) + 1
        if counts:
            out.name = max(counts, key=lambda k: (counts[k], len(k)))
        m = _ZH_YEAR_SLOGAN.search(intro)
        if m and not _ZH_CAMPAIGN.search(m.group(1)):
            out.theme = out.theme or m.group(1).strip()
            out.name = out.name or m.group(2)
    else:
        m = _EN_THEME.search(intro) or _EN_CAMPAIGN_THEME.search(whole) or _EN_BARE_THEME.search(intro)
        if m:
            out.theme = m.group(1).strip()
        m = _EN_NOTICE.search(intro)
        if m:
            out.notice = m.group(1).strip()
            after = _EN_ISSUER_AFTER.match(intro[m.end() :])
            if after:
                out.issuer = after.group(1).strip()
        if out.issuer is None:
            m = _EN_ISSUER_POSSESSIVE.search(intro) or _EN_ISSUER_OF_THEME.search(intro)
            if m:
                out.issuer = (m.group(1) or m.group(2)).strip()
        counts = {}
        for m in _EN_CAMPAIGN.finditer(whole):
            name = re.sub(r"^(?:The|This|In|During|Each|Every|Of)\s+", "", m.group(1))
            if len(name.split()) >= 2:
                counts[name] = counts.get(name, 0) + 1
        if counts:
            out.name = max(counts, key=lambda k: (counts[k], len(k)))
    return out
