"""Media outlets named in a report: 《titles》 of papers and stations, lists before 等媒体/报道,
English outlets by their title words (Daily, Gazette, Radio…) in a coverage sentence."""

from __future__ import annotations

import re

from shuxiang.extract.library_words import ZH_BOUNDARY
from shuxiang.extract.names import CJK_STRETCH
from shuxiang.extract.sections import MARKER

_ZH_MEDIA_BRACKET = re.compile(
    r"《([^《》]{2,20}?(?:日报|晚报|早报|报|电视台|广播电台|电台|台|新闻网|网|电视|广播|频道|杂志|周刊|卫视|客户端|在线|新闻))》"
)
_ZH_MEDIA_BARE = re.compile(
    r"([\u4e00-\u9fff]{2,8}?(?:日报|晚报|早报|晨报|都市报|商报|广播电视台|电视台|广播电台|新闻网|卫视|融媒体中心)"
    # a paper's app or channel joined to it by a middle dot is one outlet: X晚报·Y客户端
    r"(?:[·•][\u4e00-\u9fff]{2,6}?(?=[被报对进等、，,。；;和及与]|$))?)"
)
_EN_MEDIA = re.compile(
    r"[\"“]([A-Z][^\"“”]{2,60}?\b(?:News|Daily|Times|Post|Network|TV|Television|Station|Radio|Channel|Journal|"
    r"Weekly|Herald|Net|Online|Website|Newspaper|Gazette|Tribune))[\"”]"
)


# A list of outlets before 等媒体 or a reporting verb: 《烟台日报》、烟台电视台、胶东在线等媒体…报道.
_ZH_MEDIA_SUFFIX = re.compile(
    r"(?:日报|晚报|早报|报|电视台|广播电台|电台|台|新闻网|网|在线|客户端|频道|电视|卫视|广播|杂志|周刊|头条|号|融媒体中心|传媒中心|新闻中心)$"
)
_ZH_MEDIA_HINT = re.compile(
    r"报|台|网|在线|客户端|频道|电视|卫视|广播|杂志|周刊|头条|号|媒体|中心|转载|播出|直播"
)
_ZH_MEDIA_ANCHOR = re.compile(
    r"等(?:新闻|各级|主流|多家|各大|网络)?媒体|(?:分别|先后|相继|均|都|也|共)?(?:对[^，,。；;]{0,12}?)?"
    r"(?:进行了?|作了|予以|给予了?)?(?:宣传)?(?:报道|转载|刊发|刊登|播出|播报)"
    # a live broadcast *of* the event (对开幕式进行了现场直播), not the library's own stream
    r"|对[^，,。；;]{1,12}?(?:进行了?)?(?:现场|全程|网络)?直播"
)
_ZH_LIST_START = re.compile(r"[^，,。；;：:！？!?（）()\s]{0,120}$")
# An account named in quotation marks in a list of outlets: “江城发布”微信公众号, “青山发布”.
_ZH_QUOTED_ACCOUNT = re.compile(
    r"^[“\"「]([^”\"」]{2,12})[”\"」](?:微信公众号|公众号|微信号|官方微博|微博|客户端|APP|app|抖音号|视频号)?$"
)
_ZH_MEDIA_CUT = re.compile(r"^.*(?:被|由|经|如|其中|通过|了|的|得到)")
# The last word of an English outlet's name (newspapers, broadcasters); "Radio"/"TV" may take a
# place after it (BBC Radio Leeds).
_EN_OUTLET_WORDS = (
    r"Daily|News|TV(?:\s+Station)?|Television(?:\s+Station)?|Radio(?:\s+Station|\s+[A-Z][a-z]+(?!\s+[A-Z]))?|"
    r"Times|Post|Herald|Net|Online|Newspaper|Gazette|Tribune|Weekly|Evening|Courier|Chronicle|Telegraph|Guardian|"
    r"Observer|Examiner|Express|Mirror|Journal|Register|Press|Bulletin|Echo|Advertiser|Argus|Mercury|Sentinel|"
    r"Dispatch|Inquirer|Enquirer|Standard|Star|Record|Magazine"
)
_EN_MEDIA_BARE = re.compile(
    r"\b((?:[A-Z][\w'’-]*\s+){1,4}(?:" + _EN_OUTLET_WORDS + r"))\b"
    r"|\b((?:[A-Z][\w'’-]*\s+){1,4})(?=(?:website|newspaper|app|WeChat account|news site)\b)"
    r"|\b((?:Radio|TV|Television)(?:\s+[A-Z][\w'’-]*){1,3})"
    r"|\b([A-Z]{3,5}-(?:TV|FM|AM|DT))\b"  # a broadcaster's call sign: KXYZ-TV, WABC-FM
)
# A newspaper's title may be one word after "The" (The Courier); "The Radio…" is no outlet.
# A radio station by call sign or name and frequency: "KQRT 101.5 FM", "Coastal FM 94.7".
_EN_RADIO = re.compile(
    r"\b([A-Z]{3,5}(?:-(?:FM|AM))?\s+\d{2,3}(?:\.\d)?\s*(?:FM|AM)|(?:[A-Z][\w'’-]*\s+){1,3}(?:FM|AM)\s+\d{2,3}(?:\.\d)?)\b"
)
_EN_PAPER_TITLE = re.compile(
    r"Courier|Chronicle|Telegraph|Guardian|Observer|Examiner|Herald|Gazette|Tribune|Times|Post|Mirror|Express|"
    r"Sentinel|Dispatch|Inquirer|Enquirer|Advertiser|Argus|Mercury|Echo|Bulletin|Journal|Register"
)
_EN_MEDIA_VERB = re.compile(
    r"\b(?:covered|reported|coverage|broadcast|carried|featured|published by|interviewed|aired|appeared on|"
    r"ran (?:a|an|\w+) (?:stor(?:y|ies)|pieces?|articles?|features?|reports?|segments?)|"
    r"(?:news|morning|evening) (?:show|programme|program))\b",
    re.I,
)
# A sentence that tells coverage (not a column the library runs on an outlet, 在市电视台开设读书栏目).
COVERAGE = {"zh": re.compile(r"报道|转载|刊发|刊登|播出|播报|直播|采访|专访|聚焦|关注"), "en": _EN_MEDIA_VERB}
_EN_NOT_MEDIA = re.compile(
    r"Library|Branch|Bureau|Administration|Department|Office|Committee|Association|Society|University|School"
)
_EN_MEDIA_LEAD = re.compile(r"^(?:The|By|On|In|And|Both|Also|Local|Then)\s+")


def media_in(text: str, lang: str) -> list[tuple[str, int]]:
    """Media outlets named in ``text`` with their offsets."""
    found: list[tuple[str, int]] = []
    if lang == "zh" and not _ZH_MEDIA_HINT.search(text):
        return found  # most sentences name no outlet: skip the four scans
    if lang == "zh":
        covered = bytearray(len(text) + 1)
        for m in _ZH_MEDIA_BRACKET.finditer(text):
            found.append((m.group(1), m.start()))
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        for m in _ZH_MEDIA_BARE.finditer(text):
            if covered[m.start()]:
                continue
            name = m.group(1)
            for word in ZH_BOUNDARY:
                idx = name.rfind(word)
                if idx >= 0 and idx + len(word) < len(name) - 2:
                    name = name[idx + len(word) :]
            if len(name) >= 4:
                found.append((name, m.start()))
                covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        for anchor in _ZH_MEDIA_ANCHOR.finditer(text):
            # The list runs back from the anchor to the clause's start (at most 120 characters).
            head = text[max(0, anchor.start() - 120) : anchor.start()]
            listed = _ZH_LIST_START.search(head)
            segment = listed.group(0) if listed else ""
            offset = anchor.start() - len(segment)
            for part in re.split(r"[、和及与]", segment):
                pos = offset + segment.find(part) if part else offset
                account = _ZH_QUOTED_ACCOUNT.match(_ZH_MEDIA_CUT.sub("", part).strip())
                if account and "馆" not in account.group(1):
                    # a channel listed with the outlets that covered the event (not the library's own)
                    if not any(account.group(1) in f for f, _ in found[-50:]):
                        found.append((account.group(1), pos))
                    continue
                name = _ZH_MEDIA_CUT.sub("", part).strip("《》“” ")
                if (
                    2 <= len(name) <= 12
                    and _ZH_MEDIA_SUFFIX.search(name)
                    and "馆" not in name
                    and "公众号" not in name
                    and not any(name in f or f in name for f, _ in found[-50:])
                ):
                    found.append((name, pos))
        found.sort(key=lambda x: x[1])
    else:
        for m in CJK_STRETCH.finditer(text):
            # a Chinese outlet named in English prose: "covered by 宜宾日报 and 宜宾电视台"
            found.extend((name, m.start() + at) for name, at in media_in(m.group(0), "zh"))
        for m in _EN_MEDIA.finditer(text):
            found.append((m.group(1).strip(), m.start()))
        if _EN_MEDIA_VERB.search(text):
            for m in _EN_RADIO.finditer(text):
                name = _EN_MEDIA_LEAD.sub("", m.group(1).strip())
                if not any(name in f or f in name for f, _ in found):
                    found.append((name, m.start()))
            for m in _EN_MEDIA_BARE.finditer(text):
                name = (m.group(1) or m.group(2) or m.group(3) or m.group(4) or "").strip()
                # "The Herald ran a story": a one-word title is an outlet when "The" names it.
                the_title = name.startswith("The ") and m.group(1) is not None
                while _EN_MEDIA_LEAD.match(name):
                    name = _EN_MEDIA_LEAD.sub("", name)
                if (
                    (
                        (len(name) >= 4 and " " in name)
                        or name.endswith(("Daily", "News", "TV"))
                        or m.group(4)
                        or (the_title and _EN_PAPER_TITLE.fullmatch(name) is not None)
                    )
                    and not any(name in f or f in name for f, _ in found)
                    and not _EN_NOT_MEDIA.search(name)
                ):
                    found.append((name, m.start()))
        found.sort(key=lambda x: x[1])
    return found


# The kind of channel written after an outlet's name: “X发布”微信公众号, "the Y News website".
_CHANNEL_AFTER = {
    "zh": re.compile(
        r"[”\"」』》]?(?:微信公众号|公众号|微信号|官方微博|微博|客户端|APP|app|抖音号|视频号|网站)"
    ),
    "en": re.compile(r"[\"”]?\s*(?:website|app|Facebook page|WeChat account|social media)\b", re.I),
}
# What may stand before a coverage verb besides the outlets themselves: separators, the period
# (宣传周期间), adverbs (均, 先后, also).
_OUTLET_LIST_GLUE = {
    "zh": re.compile(
        r"^(?:[^，,。；;]{0,10}期间[，,]?)?(?:[、，,和及与“”「」《》\s]|以及|等(?:媒体)?|均|都|也|先后|分别|相继|还|共|累计)*$"
    ),
    "en": re.compile(r"^(?:[\s,\"“”]|\band\b|\bthe\b|\bThe\b|\bboth\b|\balso\b|\bthen\b)*$"),
}


def outlet_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Where the outlets of ``text`` are written, each with the channel word after it."""
    out = []
    for name, at in media_in(text, lang):
        p = text.find(name, at)
        if p < 0:
            continue
        end = p + len(name)
        channel = _CHANNEL_AFTER[lang].match(text, end)
        out.append((p, channel.end() if channel else end))
    return out


def told_by_outlets(sentence: str, spans: list[tuple[int, int]], lang: str) -> int:
    """Where the coverage verb is when the outlets are its subject (X日报、Y网刊发稿件9篇, "The Herald and
    Hill FM ran three stories"): what it counts is the campaign's coverage, not an event of the
    library. -1 when they are not."""
    verb = COVERAGE[lang].search(sentence)
    if verb is None or not spans or spans[0][0] > verb.start():
        return -1
    lead = MARKER.match(sentence)  # "3.1 The Herald ran two stories"
    head = list(" " * (lead.end() if lead else 0) + sentence[lead.end() if lead else 0 : verb.start()])
    for a, b in spans:
        head[a : min(b, verb.start())] = " " * (min(b, verb.start()) - a)
    return verb.start() if _OUTLET_LIST_GLUE[lang].match("".join(head)) else -1
