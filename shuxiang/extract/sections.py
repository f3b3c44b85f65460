"""What a paragraph is in a report: a heading, a section to skip, the intro, a closing, a table row.

Planning and results sections (高度重视, 取得成效, "Background", "Recommendation", "By the numbers",
"Thank you") hold no activities; neither do the intro that announces the account (现将…总结如下), a
news-style lead with the campaign's totals, closing paragraphs (总之, "In summary"), the campaign's
totals under the last item (读书月期间，全馆累计…), a data table written as text or the signature
under the report. A heading may name the one event told under it (``names_event``).
"""

from __future__ import annotations

import re

from shuxiang.extract.attach import TOTAL
from shuxiang.extract.segment import NUMBERED_PARAGRAPH, Paragraph

SKIP_SECTION = {
    "zh": re.compile(
        r"重视|部署|安排|筹备|组织领导|领导|效益|成效|效果|显著|知晓|反响|体会|经验|不足|问题|打算|下一步|思路|参与性|到位|意义|认识"
    ),
    "en": re.compile(
        r"importance|deploy|arrangement|organi[sz]e carefully|effect|results|benefit|awareness|participation|experience|shortcoming|next step|significance|"  # noqa: E501 - one alternation reads best on one line
        # the frame of a report to a board or panel: why it is written, what it asks, whom it thanks
        r"purpose|background|recommendation|acknowledg|thanks|thank you|totals|overview|introduction|"
        # a section of the campaign's numbers: "By the numbers", "At a glance", "Key figures"
        r"by the numbers|in numbers|at a glance|key (?:figures|facts|numbers|statistics)|"
        # a section that lists the press coverage: its counts (two articles) are the report's
        r"^\W*(?:(?:media|press|news)(?:\s+coverage)?|coverage|in the (?:news|media))\W*$",
        re.I,
    ),
}
CLOSING = {
    "zh": re.compile(
        r"^(?:总之|综上|总而言之|通过以上|通过开展|通过这次|通过此次|通过本次|特此|今后|下一步)"
    ),
    "en": re.compile(
        r"^(?:In short|In summary|To sum up|In conclusion|Through this|Through these|By carrying out|Report here|In the future)",  # noqa: E501 - one alternation reads best on one line
        re.I,
    ),
}
# The last paragraph of a news feature: a quotation and who said it.
CLOSING_QUOTE = {
    "zh": re.compile(
        r"^[“\"「][^”\"」]{2,80}[”\"」][^，,。；;]{0,16}?(?:表示|说|介绍|认为|坦言|感慨|告诉记者)"
    ),
    "en": re.compile(r"^[\"“][^\"”]{2,300}[\"”][^\"“”.]{0,40}?\b(?:said|says|added|explained)\b"),
}
SUMMARY = {
    "zh": re.compile(r"等(?:[\u4e00-\u9fff]{0,8}?)(?:方式|形式|活动|措施|项目|途径)"),
    "en": re.compile(
        r"\b(?:etc\.?|and so on|such as|in various forms|by (?:holding|hanging|means of))", re.I
    ),
}
RESULT_WORDS = {
    "zh": re.compile(r"作用|效果|成效|反响|影响力|意义|知名度"),
    "en": re.compile(r"\b(?:role|effect|results|influence|significance|reputation)\b", re.I),
}
# The opening paragraph of a report without numbered sections ends by announcing the account.
INTRO_END = {
    "zh": re.compile(r"(?:总结|报告|汇总|汇报|小结)如下|情况如下"),
    "en": re.compile(
        r"\b(?:as follows|(?:summari[sz]ed|reported|outlined|described|listed) (?:as )?below|"
        r"this report (?:summari[sz]es|sets out|describes|outlines))\b",
        re.I,
    ),
}
# A news-style lead: the campaign as a whole opened or closed, with its totals
# ("…系列阅读活动圆满落幕。本次活动自7月8日启动…共举办各类活动36场").
NEWS_LEAD = {
    "zh": re.compile(r"(?:圆满)?(?:落幕|闭幕|收官|落下帷幕|拉开(?:了)?(?:帷幕|序幕))"),
    "en": re.compile(r"\b(?:came to a close|wrapped up|drew to a close|kicked off)\b", re.I),
}
# The campaign's period opening a paragraph: 宣传周期间，…; "During the week, …".
PERIOD_LEAD = {
    "zh": re.compile(r"^[^，,。；;]{0,10}(?:期间|以来|内)[，,]"),
    "en": re.compile(
        r"^(?:During|Over|Across|Throughout) the (?:week|month|campaign|fortnight|festival|challenge)\b", re.I
    ),
}


def campaign_totals(text: str, lang: str) -> bool:
    """A paragraph that counts the campaign's totals over its period (读书月期间，全馆累计借出图书…)."""
    return bool(PERIOD_LEAD[lang].match(text)) and bool(TOTAL[lang].search(text))


CAMPAIGN_TOTAL = {
    "zh": re.compile(r"各类活动|系列活动|共(?:举办|开展|组织)"),
    "en": re.compile(r"\b(?:in total|in all|altogether|a total of|events? (?:in all|overall))\b", re.I),
}
# A data table written as text: "参与读者:约8500人次", "Events held: 64".
TABLE_ROW = re.compile(
    # the label may carry a note in brackets: "Loans (print, audio and digital): 12,045"
    r"^(?:[^，,。；;:：(（]|[(（][^)）]{0,40}[)）]){2,40}[:：]\s*"
    r"(?:共计|共|约|近|合计|累计|总计|about|over|more than|nearly)?\s*"
    r"[\d一二三四五六七八九十百千万.,]+\s*(?:余|多)?[^\d，,。；;:：]{0,4}[。.]?$",
    re.I,
)
# A signature or date line closing the report: "桃江县图书馆", "2023年4月28日", "8 May 2023".
SIGNATURE = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,20}(?:馆|局|中心|办公室|学会|协会)|(?:[A-Z][\w'’]*\s+){1,6}(?:Library|Branch|Bureau|Centre|Center|Society)|"
    r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})$"
)
MARKER = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|"
    + NUMBERED_PARAGRAPH
    + r"|\d{1,2}\s*[、.．])\s*"
)


# A heading that names one event ("Quilt show and tell", "Games night, 12 May", （一）“X”剪窗花活动。),
# not a section of several ("二、主要活动", "Highlights", "Summary").
EVENT_HEADING = {
    "zh": re.compile(r"(?:活动|仪式|晚会|游园|市集|集市|大会|之夜)[。.]?$"),
    "en": re.compile(
        r"\b(?:night|evening|afternoon|morning|day|party|celebration|fair|festival|walk|tour|swap|picnic|"
        r"social|gala|carnival|hunt)s?\b",
        re.I,
    ),
}
GENERIC_HEADING = {
    "zh": re.compile(r"情况|概况|总体|基本|主要|其他|其它|数据|成效|做法"),
    "en": re.compile(
        r"\b(?:summary|overview|highlights?|results|activities|events|programmes?|programs?|other)\b", re.I
    ),
}


def names_event(heading: str, lang: str, dated: bool) -> bool:
    """Whether a heading names the one event told under it (a date or a name of its own tells it)."""
    if GENERIC_HEADING[lang].search(heading):
        return False
    return dated or bool(EVENT_HEADING[lang].search(heading))


def is_run_in_heading(sentence: str, lang: str) -> bool:
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


def opens_section(para: Paragraph) -> bool:
    """A numbered paragraph or a heading (numbered or not: memos head sections with a bare line)."""
    return bool(para.marker) or para.heading


def is_title(para: Paragraph, lang: str) -> bool:
    return (
        para.index == 0
        and not para.marker
        and len(para.text) <= (60 if lang == "zh" else 120)
        and not re.search(r"[。；;]" if lang == "zh" else r"[.;]\s", para.text.rstrip("。."))
    )
