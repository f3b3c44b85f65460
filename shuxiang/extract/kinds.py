"""Activity kinds from trigger words, in Chinese and English.

Each trigger is a genre word (讲座, 漂流, 展览, lecture, drifting…) with a
strength: a *weak* trigger (展出, 新书, display) names a kind only when no strong
one appears in the same sentence. When two kinds meet in one sentence, the
``DOMINATES`` table keeps the one the spec files the event under (a book
delivery by the mobile service is ``mobile_service``, not ``book_donation``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

STRONG, WEAK = 2, 1

ZH_TRIGGERS: tuple[tuple[str, str, int], ...] = (
    (
        "contest",
        r"(?:诵读|朗读|朗诵|讲故事|故事|阅读|读书|演讲|征文|书法|绘画|知识|作文|摄影|书画)?(?:比赛|大赛|竞赛)|"
        r"征文|猜谜|灯谜|知识问答|有奖问答|竞答|抢答|答题|擂台|评选|评比|演讲",
        STRONG,
    ),
    (
        "card_drive",
        r"办证活动|现场办证|免费办证|新增办证|集体办证|上门办证|办理(?:借书|读者|借阅)证|办(?:借书|读者)证|发放(?:新)?(?:借书|读者)?证(?!书)",
        STRONG,
    ),
    ("book_drifting", r"漂流", STRONG),
    ("book_exchange", r"图书交换|交换图书|换书|图书互换|以书会友", STRONG),
    (
        "mobile_service",
        r"流动服务|流动图书|流动车|服务车|补充(?:新书|图书)|(?:配送|更新|调配)图书|图书(?:配送|调配)|送书上门|送书下乡|送书进|进校园|进社区|进军营|进部队|进农村|进企业|进机关|进校|(?<![在各])分馆|看守所|监狱",
        STRONG,
    ),
    ("book_donation", r"赠书|捐书|送书|赠送|捐赠|赠与|赠阅|送去|送到|带去|送给|献书|捐献", STRONG),
    (
        "book_exhibition",
        r"新书展|新书推荐|好书推荐|图书推荐|推荐图书|(?:图书|新书|好书)推介|推介(?:图书|新书|好书)|书目|书展|(?<![开发])展读|荐书|新书好书",
        STRONG,
    ),
    ("reading_event", r"心得|读书", WEAK),
    ("book_exhibition", r"新书|好书", WEAK),
    ("science_outreach", r"科普(?!类)|科技活动|科技资料|科学知识|科学(?:小)?课堂|科学实验|科协", STRONG),
    ("exhibition", r"展览|图片展|作品展|书画展|摄影展|专题展|美术展|成果展|书法展|图片|书画", STRONG),
    (
        "exhibition",
        r"并(?:在[^，,。；;]{0,12})?(?:展出|展览|展示)",
        STRONG,
    ),  # 比赛…,并在展厅展出: a show of its own
    ("exhibition", r"展出|展示", WEAK),
    (
        "lecture",
        r"讲座|讲学|讲堂|报告会|授课|讲课|体验课|公开课|(?:小|大|公益|阅读|亲子|假期|暑期|周末)课堂",
        STRONG,
    ),
    ("film_screening", r"电影|影片|放映|科教片|卡通片|动画片|纪录片|短片|观影", STRONG),
    (
        "reading_event",
        r"亲子阅读|诵读|朗诵|朗读|故事会|讲故事|绘本|读书会|读书活动|阅读活动|讲读|共读|读书节|阅读分享|品读|读书沙龙|阅读打卡|读书打卡",
        STRONG,
    ),
    ("forum", r"座谈会|论坛|研讨会|征求意见|意见建议|(?:收集|听取)[^，,。；;]{0,8}意见|接待日|沙龙", STRONG),
    ("training", r"培训|业务指导|服务指导|指导活动|辅导", STRONG),
    ("volunteer_service", r"志愿(?:者)?(?:服务|活动|行动)", STRONG),
    # Volunteers who help at another event (由家长志愿者讲读绘本) make it no volunteer event.
    ("volunteer_service", r"志愿", WEAK),
    ("performance", r"演出|课本剧|文艺节目|表演|话剧|小品|舞蹈|歌舞|戏剧|展演", STRONG),
    (
        "digital_service",
        r"电子阅览室|数字图书馆|电子图书|电子书|数字阅读|网络课堂|(?:多媒体|视听|数字)(?:演播|体验)室",
        STRONG,
    ),
    # Resources and devices: the event only when nothing else is told (宣传馆藏数字资源 is publicity).
    (
        "digital_service",
        r"数字资源|电子资源|数据库|有声读物|听书|无线网络|免费(?:WiFi|Wi-Fi|wifi|上网)|平板电脑",
        WEAK,
    ),
    ("consultation", r"咨询|答疑|解答", STRONG),
    (
        "publicity",
        r"宣传单|宣传册|宣传页|宣传资料|宣传折页|传单|折页|横幅|标语|条幅|电子屏|显示屏|宣传栏|宣传版面|海报|宣传车|宣传品|推文",
        STRONG,
    ),
    # Channels: a post is publicity unless the sentence names the event it carries (微信公众号上的知识竞赛).
    ("publicity", r"公众号|微信|微博|抖音|网站", WEAK),
    ("fee_waiver", r"减免|免收|免除|逾期费|免押金", STRONG),
    ("digital_service", r"网上|在线|线上", WEAK),  # online as the way another event is held
    ("other", r"开放日|手工(?:课|制作|活动|坊|体验)?|剪纸", STRONG),  # crafts, as the spec files 封面临摹
)

EN_TRIGGERS: tuple[tuple[str, str, int], ...] = (
    ("contest", r"speech contests?|contests?|competitions?|quiz(?:zes)?|riddles?|essay|trivia", STRONG),
    (
        "card_drive",
        r"certificate application|card application|library cards?|new certificates|reader'?s? cards?|apply(?:ing)? for (?:library )?cards|regist(?:er|ered|ering|ration of) (?:\d[\d,]* )?(?:new )?(?:\w+ )?readers",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    ("book_drifting", r"drifting|book rafting|floated|book crossing", STRONG),
    ("book_exchange", r"book exchange|exchang(?:e|ed|ing) books|book swap", STRONG),
    (
        "mobile_service",
        r"mobile (?:library|service)|service vehicle|book(?:mobile| bus| van| truck)|library (?:van|bus|truck)|door-to-door|prison|detention",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    (
        "book_donation",
        r"donat(?:e|ed|es|ing|ions?|ors?)\b(?!\s+by\b)|gave (?:away )?(?:\w+ ){0,3}(?:books|gifts|copies|materials|readers)|given free|gifts?|sent \d|sent (?:books|\w+ books)|book-delivery|delivered (?:\w+ )?books|book delivery|sent books",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    (
        "book_exhibition",
        r"new (?:and good )?books? (?:recommendation|exhibition|display)|book recommendations?|recommend(?:ed|ing)? (?:\w+ )?books|book exhibitions?|book fairs?|reading lists?|(?<!her )(?<!his )(?<!their )new book",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    (
        "science_outreach",
        r"popular science|science populari[sz]ation|science association|science and technology week|science (?:day|week|festival|fair|show|camp|club|class(?:es)?)|hands-on experiments?",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    ("exhibition", r"exhibitions?|photo|calligraphy and painting|calligraphy|paintings", STRONG),
    ("exhibition", r"exhibited|displayed|display", WEAK),
    (
        "lecture",
        r"lectures?|talks?\b|seminar classes|spoke (?:about|on)\b|author (?:visits?|events?)",
        STRONG,
    ),
    ("film_screening", r"films?|movies?|screen(?:ed|ing|ings)|cartoons?", STRONG),
    (
        "reading_event",
        r"reading activit\w+|reading sessions?|reading challenges?|storytelling|story ?(?:time|hours?)|rhyme ?times?|lapsit|baby bounce|read(?:s|ing)? aloud|recitation|recite|read-aloud|parent-child reading|picture books?|reading club|book club|reading party",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    ("forum", r"symposium|forum|seminar|solicit opinions", STRONG),
    (
        "training",
        r"training|guidance|(?:trained|trains|coached|taught) (?:\w+ ){0,3}"
        r"(?:staff|volunteers|librarians|teachers|colleagues|managers|workers|administrators)",
        STRONG,
    ),
    ("volunteer_service", r"volunteer(?:ing| service| activit\w+| work)", STRONG),
    ("volunteer_service", r"volunteer", WEAK),
    (
        "performance",
        r"perform\w*|cultural program\w*|textbook drama|drama|(?:staged?|put on|puppet|short|talent|variety) (?:plays?|shows?)\b",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    (
        "digital_service",
        r"\be-reading|electronic reading|digital (?:reading|resources? room|library)|online class|\be-books?",
        STRONG,
    ),
    (
        "digital_service",
        r"digital resources|online (?:resources|databases?)|audiobooks?|databases?|"
        r"\bwi-?fi\b|tablets?|e-readers?",
        WEAK,
    ),
    (
        "consultation",
        r"consultations?|inquiries|(?:help|information|enquiry|inquiry) desk|answer(?:ed|ing)? (?:\w+ ){0,3}questions",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    (
        "other",
        r"open days?|open house|book sales?|celebration (?:events?|part(?:y|ies))|award ceremon(?:y|ies)",
        STRONG,
    ),
    (
        "publicity",
        r"slogans?|banners?|leaflets?|brochures?|flyers?|posters?|bookmarks?|electronic screens?|LED screens?|publicity materials|publish(?:ed|es|ing)? (?:\d[\d,]* )?(?:articles|posts)",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    (
        "publicity",
        r"WeChat|Weibo|official account|website|TikTok|Douyin|"
        # promoted through/on a channel; a section headed "Promotion" (not "Promotion Week")
        r"promoted (?:through|on|via|with|in)\b|^\s*(?:promotion|publicity|marketing)(?:\s+and\s+\w+)?\s*$",
        WEAK,
    ),
    ("fee_waiver", r"waiv\w+|overdue fines?|fee exemption", STRONG),
)

# kind -> kinds it absorbs when both are triggered in one sentence: a delivery is part of the
# mobile service that brings it; a science day's desk, leaflets, panels and books are its own
# means; a help desk handing out leaflets is one desk; readers taught to use e-resources are a
# digital service.
DOMINATES: dict[str, frozenset[str]] = {
    "science_outreach": frozenset({"consultation", "publicity", "exhibition", "book_donation"}),
    "mobile_service": frozenset({"book_donation"}),
    "book_exchange": frozenset({"book_donation"}),
    "book_drifting": frozenset({"book_donation"}),
    "card_drive": frozenset({"book_donation"}),
    "digital_service": frozenset({"training"}),
    "consultation": frozenset({"publicity"}),
}
# kind -> kinds it absorbs only inside one clause (科普进社区 is science; "流动服务车开进两个乡镇，
# …并举办了科普讲座" is a trip and a talk; 免费办证 is one card drive).
DOMINATES_IN_CLAUSE: dict[str, frozenset[str]] = {
    "science_outreach": frozenset({"mobile_service", "lecture"}),  # 科普实验课…授课: one science class
    "card_drive": frozenset({"fee_waiver"}),
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
        # A campaign's own name, capitalised: Summer Reading Challenge, the Challenge, National Library Week.
        re.compile(
            r"\b(?:(?:Summer|Winter|Spring|Holiday)\s+)?Reading\s+(?:Challenge|Club|Program(?:me)?|Game)\b"
            r"|\b[Tt]he Challenge\b|\bLibrary (?:Week|Month)\b|\bLibrary Lovers['’]? (?:Month|Day)\b"
        ),
    ),
}

_LONG_TITLE = re.compile(r"《([^》]{7,})》")

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
    if any(t.strength == STRONG for t in found):
        found = [t for t in found if t.strength == STRONG]
    elif found:
        found = [min(found, key=lambda t: (t.row, t.start))]  # weak words alone: the earliest row
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


def _compounds(found: list[Trigger], sentence: str, lang: str) -> list[Trigger]:
    """Merge triggers that touch into one noun: 科普讲座, 网上竞答, poetry recitation contest."""
    out: list[Trigger] = []
    for t in found:
        if out:
            prev = out[-1]
            gap = sentence[prev.end : t.start]
            touching = gap == "" if lang == "zh" else (gap in {" ", "-"} and t.start > prev.end - 1)
            if touching and prev.kind != t.kind and prev.strength == t.strength == STRONG:
                kind = prev.kind if (prev.kind, t.kind) in _MODIFIER_WINS else t.kind
                out[-1] = Trigger(kind, prev.start, t.end, STRONG, min(prev.row, t.row))
                continue
        out.append(t)
    return out
