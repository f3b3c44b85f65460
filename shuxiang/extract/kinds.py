"""Activity kinds from trigger words, in Chinese and English.

Each trigger is a genre word (讲座, 漂流, 展览, lecture, drifting…) with a
strength: a *weak* trigger (展出, 新书, display) names a kind only when no strong
one appears in the same sentence. When two kinds meet in one sentence, the
``DOMINATES`` table keeps the one the spec files the event under (a book
delivery by the mobile service is ``mobile_service``, not ``book_donation``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STRONG, WEAK = 2, 1

ZH_TRIGGERS: tuple[tuple[str, str, int], ...] = (
    (
        "contest",
        r"演讲比赛|朗读比赛|朗诵比赛|征文比赛|知识竞赛|书法比赛|绘画比赛|竞赛|比赛|大赛|征文|猜谜|灯谜|知识问答|有奖问答|擂台|演讲",
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
        r"流动服务|流动图书|流动车|服务车|送书上门|送书下乡|送书进|进校园|进社区|进军营|进部队|进农村|进企业|进机关|进校|分馆|看守所|监狱",
        STRONG,
    ),
    ("book_donation", r"赠书|捐书|送书|赠送|捐赠|赠与|赠阅|送去|送到|带去|送给|献书|捐献", STRONG),
    (
        "book_exhibition",
        r"新书展|新书推荐|好书推荐|图书推荐|推荐图书|图书推介|新书推介|推介|书目|书展|展读活动|新书展读|荐书|新书好书",
        STRONG,
    ),
    ("reading_event", r"心得|读书", WEAK),
    ("book_exhibition", r"新书|好书", WEAK),
    ("science_outreach", r"科普(?![、，,类])|科技活动|科技资料|科学知识|科协", STRONG),
    ("exhibition", r"展览|图片展|作品展|书画展|摄影展|专题展|美术展|成果展|书法展|图片|书画", STRONG),
    ("exhibition", r"展出|展示", WEAK),
    ("lecture", r"讲座|讲学|讲堂|报告会|授课|讲课", STRONG),
    ("film_screening", r"电影|影片|放映|科教片|卡通片|动画片|纪录片|短片|观影", STRONG),
    (
        "reading_event",
        r"亲子阅读|诵读|朗诵|朗读|故事会|讲故事|绘本|读书会|读书活动|阅读活动|讲读|共读|读书节|阅读分享|品读|读书沙龙",
        STRONG,
    ),
    ("forum", r"座谈会|论坛|研讨会|征求意见|沙龙", STRONG),
    ("training", r"培训|业务指导|服务指导|指导活动|辅导", STRONG),
    ("volunteer_service", r"志愿", STRONG),
    ("performance", r"演出|课本剧|文艺节目|表演|话剧|小品|舞蹈|歌舞|戏剧|展演", STRONG),
    (
        "digital_service",
        r"电子阅览室|网上|在线|数字图书馆|电子图书|电子书|数字阅读|网络课堂|多媒体演播",
        STRONG,
    ),
    ("consultation", r"咨询|答疑|解答", STRONG),
    (
        "publicity",
        r"宣传单|宣传册|宣传页|宣传资料|宣传折页|传单|折页|横幅|标语|条幅|电子屏|显示屏|宣传栏|宣传版面|海报|公众号|微信|微博|宣传车|宣传品",
        STRONG,
    ),
    ("fee_waiver", r"减免|免收|免除|逾期费|免押金", STRONG),
)

EN_TRIGGERS: tuple[tuple[str, str, int], ...] = (
    ("contest", r"speech contests?|contests?|competitions?|quiz(?:zes)?|riddles?|essay", STRONG),
    (
        "card_drive",
        r"certificate application|card application|library cards?|new certificates|reader'?s? cards?|apply(?:ing)? for (?:library )?cards",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    ("book_drifting", r"drifting|rafting|floated|book crossing", STRONG),
    ("book_exchange", r"book exchange|exchang(?:e|ed|ing) books|book swap", STRONG),
    (
        "mobile_service",
        r"mobile (?:library|service)|service vehicle|book(?:mobile| bus)|door-to-door|prison|detention",
        STRONG,
    ),
    (
        "book_donation",
        r"donat\w*|gave|given free|gifts?|sent \d|sent (?:books|\w+ books)|book-delivery|delivered (?:\w+ )?books|book delivery|sent books",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    (
        "book_exhibition",
        r"new (?:and good )?books? (?:recommendation|exhibition|display)|book recommendations?|recommend(?:ed|ing)? (?:\w+ )?books|book exhibitions?|book fairs?|reading lists?|new book",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    (
        "science_outreach",
        r"popular science|science populari[sz]ation|science association|science and technology week",
        STRONG,
    ),
    ("exhibition", r"exhibitions?|photo|calligraphy and painting|calligraphy|paintings", STRONG),
    ("exhibition", r"exhibited|displayed|display", WEAK),
    ("lecture", r"lectures?|talks?\b|seminar classes", STRONG),
    ("film_screening", r"films?|movies?|screen(?:ed|ing|ings)|cartoons?", STRONG),
    (
        "reading_event",
        r"reading activit\w+|reading sessions?|storytelling|story time|recitation|recite|read-aloud|parent-child reading|picture books?|reading club|book club|reading party",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    ("forum", r"symposium|forum|seminar|solicit opinions", STRONG),
    ("training", r"training|guidance", STRONG),
    ("volunteer_service", r"volunteer", STRONG),
    ("performance", r"perform\w*|cultural program|textbook drama|drama|plays?\b|shows?\b", STRONG),
    (
        "digital_service",
        r"e-reading|electronic reading|digital (?:reading|resources? room|library)|online class|e-books?",
        STRONG,
    ),
    ("consultation", r"consultations?|inquiries|help desk|answer(?:ed|ing)? questions", STRONG),
    (
        "publicity",
        r"slogans?|banners?|leaflets?|brochures?|flyers?|posters?|electronic screens?|LED screens?|WeChat|Weibo|official account|publicity materials",  # noqa: E501 - one alternation reads best on one line
        STRONG,
    ),
    ("fee_waiver", r"waiv\w+|overdue fines?|fee exemption", STRONG),
)

# kind -> kinds it absorbs when both are triggered in one sentence.
DOMINATES: dict[str, frozenset[str]] = {
    "science_outreach": frozenset(
        {"mobile_service", "consultation", "publicity", "exhibition", "book_donation"}
    ),
    "mobile_service": frozenset({"book_donation"}),
    "book_exchange": frozenset({"book_donation"}),
    "book_drifting": frozenset({"book_donation"}),
    "card_drive": frozenset({"book_donation"}),
}

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


def triggers(sentence: str, lang: str) -> list[Trigger]:
    """Kind triggers in a sentence: non-overlapping, earlier table rows winning ties, weak ones dropped
    when a strong one is present, dominated kinds dropped."""
    found: list[Trigger] = []
    taken = [False] * len(sentence)
    # Words inside 《book titles》 name books, not events (but a short title may name a booklet series).
    for m in re.finditer(r"《([^》]{7,})》", sentence):
        for i in range(m.start(), m.end()):
            taken[i] = True
    for kind, pattern, strength in _COMPILED[lang]:
        for m in pattern.finditer(sentence):
            if any(taken[m.start() : m.end()]):
                continue
            found.append(Trigger(kind, m.start(), m.end(), strength))
            for i in range(m.start(), m.end()):
                taken[i] = True
    if any(t.strength == STRONG for t in found):
        found = [t for t in found if t.strength == STRONG]
    elif found:
        found = found[:1]  # weak words alone: the first row of the table that matched
    kinds = {t.kind for t in found}
    absorbed = set().union(*(DOMINATES.get(k, frozenset()) for k in kinds)) if kinds else set()
    found = [t for t in found if t.kind not in absorbed]
    return sorted(found, key=lambda t: t.start)
