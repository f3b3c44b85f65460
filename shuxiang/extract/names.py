"""Names as written: libraries, media outlets, venues, partners, audiences, campaign fields.

Rules key on genre words, never on particular names: a library is a name ending
in 图书馆 or 馆 (Library, Hall, Pavilion) that acts in the sentence; a media
outlet is a 《title》 ending in 报, 台, 网, 电视…; a venue follows 在 and ends at
the verb of the event; a theme is the quotation before 为主题 (theme of "…").
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

# Words that end the run of characters before 馆: what precedes them is not part of the name.
_ZH_BOUNDARY = (
    # Verbs and adverbs that stand before a bare 图书馆/我馆 in prose ("读者表示图书馆…").
    "表示",
    "希望",
    "认为",
    "称赞",
    "赞扬",
    "今后",
    "目前",
    "以来",
    "随后",
    "之后",
    "首先",
    "其次",
    "包括",
    "根据",
    "联合",
    "开展",
    "举办",
    "组织",
    "期间",
    "同时",
    "此外",
    "通过",
    "利用",
    "走进",
    "来到",
    "进入",
    "感谢",
    "支持",
    "协助",
    "配合",
    "带领",
    "其中",
    "例如",
    "比如",
    "以及",
    "并且",
    "分别",
    "先后",
    "于",
    "在",
    "如",
    "由",
    "与",
    "和",
    "及",
    "了",
    "的",
    "将",
    "为",
    "向",
    "到",
    "对",
    "让",
    "使",
    "据",
    "是",
    "把",
    "被",
    "给",
    "从",
    "经",
    "等",
    "该",
    "各",
    "都",
    "也",
    "还",
    "并",
    "均",
    "年",
    "月",
    "日",
    "即",
    "又",
    "且",
    "或",
    "以",
    "之",
    "、",
    "请",
    "由",
    "同",
    "共",
    "这",
    "那",
    "其",
    "全",
    # verbs that take a library as object: 提高图书馆…, 走进图书馆
    "提高",
    "享受",
    "扩大",
    "营造",
    "推进",
    "发放",
    "发挥",
    "促进",
    "宣传",
    "结合",
    "参观",
    "来",
    "去",
    "进",
    "建设",
    "了解",
    "认识",
    "关注",
    "支持",
    "加强",
    "提升",
    "展示",
    "介绍",
    "走",
    "使用",
    "利用",
    "打造",
    "地",
    "得",
    "着",
    "过",
    "次",
    "推广",
    "各项",
    "整个",
    "全体",
    "所有",
    "说",
    "看",
    "让",
    "叫",
    "帮助",
    "服务",
    "发展",
    "树立",
    "成为",
    "形成",
    "进行",
    # verbs that take a library as object or means: 推出X馆书目, 邀请X馆, 依托X馆
    "推出",
    "依托",
    "借助",
    "邀请",
    "携手",
    "前往",
    "参加",
    "参与",
    # quantifiers of unnamed libraries: 部分县级图书馆, 个别馆, 少数馆
    "部分",
    "个别",
    "少数",
    "多数",
)
_NOT_DOER_BEFORE = {
    "与",
    "和",
    "同",
    "到",
    "向",
    "为",
    "给",
    "对",
    "走进",
    "来到",
    "进入",
    "在",
    "联合",
    "及",
    "以及",
    "邀请",
    "携手",
    "前往",
}
_STOP_BASES = {
    "",
    "公共",
    "各",
    "本",
    "该",
    "我",
    "新",
    "全",
    "分",
    "总",
    "少儿",
    "数字",
    "流动",
    "城市",
    "文化",
    "美术",
    "博物",
    "科技",
    "展览",
    "纪念",
    "体育",
    "档案",
    "天文",
    "艺术",
    "会",
    "场",
    "旅",
    "宾",
    "图书",
    "学校",
    "乡镇",
    "社区",
    "农家",
    "村",
    "高校",
    "大学",
    "中学",
    "小学",
    "全市公共",
    "各级",
    "公共图书",
    "儿童",
    "少年儿童",
    "国家",
    "党",
    "展",
    "书",
    "茶",
    "会展",
    "画",
    "书画",
    "陈列",
    "报",
    "菜",
    # a level of the system, not a library's name: 县级图书馆, 市级馆
    "县级",
    "市级",
    "区级",
    "省级",
    "地市级",
    "基层",
}
_STOP_ENDINGS = (
    "文化",
    "美术",
    "博物",
    "科技",
    "展览",
    "纪念",
    "体育",
    "档案",
    "艺术",
    "分",
    "公共",
    "陈列",
    "少年宫",
)
_ADMIN = ("市", "县", "区", "省", "镇", "乡", "州", "旗")
_ZH_AFTER_BAD = (
    "长",
    "藏",
    "内",
    "外",
    "际",
    "员",
    "舍",
    "学",
    "法",
    "事业",
    "界",
    "址",
    "训",
    "风",
    "徽",
    "刊",
    "报",
)
_ZH_GENERIC_SUBJECT = re.compile(
    r"各(?:个)?(?:图书)?馆|全市(?:公共)?图书馆|各(?:级|县|区|市)(?:公共)?图书馆|各县区|各区县|各[\u4e00-\u9fff]{0,4}分馆"
)
# Places a branch library is named after (双塔街道分馆, 河东镇分馆, 阳光社区分馆).
_BRANCH_PLACE = (*("市", "县", "区", "省", "镇", "乡", "州", "旗"), "街道", "社区", "村", "街", "路")
_DATE_BOUNDARY = {"年", "月", "日"}

_ZH_LIB = re.compile(r"(图书馆|馆)")
_EN_LIB = re.compile(
    r"\b((?:[A-Z][a-z'’]+|xx|XX|[A-Z]{2,})(?:\s+(?:[A-Z][a-z'’]+|xx|XX|of))*?)\s+(Library|Libraries|Hall|Pavilion|Branch(?!\s+Library))\b"
    r"(?!\s+(?:Association|Society|Science|Service|Law|Week|Card|Network|School|Primary|Journal|Federation|Committee))",
)
_EN_LIB_LOWER_XX = re.compile(r"\b(xx|XX)\s+(library)\b")
_EN_STOP_WORDS = {
    "the",
    "a",
    "an",
    "for",
    "example",
    "each",
    "our",
    "this",
    "every",
    "public",
    "in",
    "and",
    "of",
    "children's",
    "digital",
    "mobile",
    "new",
    "such",
    "as",
    "at",
    "by",
    "on",
    "to",
    "with",
    "from",
    "during",
    "after",
    "before",
    "when",
    "while",
    "since",
    "through",
    "national",
    "all",
    "its",
    "their",
    "his",
    "her",
    "these",
    "those",
    "that",
    "which",
    "first",
    "second",
    "third",
    "then",
    "director",
    "head",
    "curator",
    "staff",
    "leader",
    "leaders",
    "secretary",
    "deputy",
    "members",
    "readers",
    "museum",
    "books",
}


@dataclass(frozen=True)
class LibraryMention:
    name: str
    key: str
    start: int
    end: int
    doer: bool
    generic: bool = False


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


def zh_libraries(sentence: str) -> list[LibraryMention]:
    """Library names in a Chinese sentence, each with whether it acts there."""
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
        if after.startswith(_ZH_AFTER_BAD) or after.startswith("（站") or after.startswith("(站"):
            continue
        left = m.start()
        lo = max(0, left - 10)
        run_start = left
        while run_start > lo and re.match(r"[\u4e00-\u9fffA-Za-z]", sentence[run_start - 1]):
            run_start -= 1
        run = sentence[run_start:left]
        cut, boundary = 0, ""
        for word in _ZH_BOUNDARY:
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
        branch = base.endswith("分") and base[:-1].endswith(_BRANCH_PLACE) and len(base) >= 4
        if not branch and (
            base.lower() in _STOP_BASES or base.endswith(_STOP_ENDINGS) or any(ch.isdigit() for ch in base)
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
        doer = boundary not in _NOT_DOER_BEFORE and not sentence[m.end() :].startswith("合作")
        out.append(LibraryMention(name, zh_key(base), left - len(base), m.end(), doer=doer))
    out.sort(key=lambda x: x.start)
    return out


_EN_LIB_OF = re.compile(
    r"\b(?:[Tt]he\s+)?((?:Public\s+|Municipal\s+|County\s+|District\s+|City\s+)?Library\s+of\s+(?:[A-Z][a-z'’]+)(?:\s+[A-Z][a-z'’]+){0,2})"
)
# A Chinese name in English prose: 宜宾市图书馆 held…, the mobile library of 南溪区图书馆…
_CJK_STRETCH = re.compile(r"[\u4e00-\u9fff]{2,}")
_EN_NOT_DOER = re.compile(r"\b(with|to|from|visit(?:ed|ing)?|and|at|into|toward|towards|thank(?:ed)?)$")


def key_of(name: str) -> str:
    """The key that tells one library from another, whichever language its name is written in."""
    if re.search(r"[\u4e00-\u9fff]", name):
        return zh_key(re.sub(r"(图书馆|馆)$", "", name))
    return en_key(name)


def _en_doer(sentence: str, start: int) -> bool:
    before = sentence[max(0, start - 40) : start].rstrip().lower()
    return not _EN_NOT_DOER.search(before.removesuffix("the").rstrip())


def en_libraries(sentence: str) -> list[LibraryMention]:
    out: list[LibraryMention] = []
    for m in _CJK_STRETCH.finditer(sentence):
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
    for m in _EN_LIB.finditer(sentence):
        words = m.group(1).split()
        while words and words[0].lower() in _EN_STOP_WORDS:
            words.pop(0)
        if not words or all(w.lower() in _EN_STOP_WORDS for w in words):
            continue
        name = " ".join([*words, m.group(2)])
        start = m.start() + m.group(0).find(words[0])
        if any(x.start <= start < x.end for x in out):
            continue
        doer = _en_doer(sentence, start)
        out.append(LibraryMention(name, en_key(name), start, m.end(), doer=doer))
    for m in _EN_LIB_LOWER_XX.finditer(sentence):
        if any(x.start <= m.start() < x.end for x in out):
            continue
        out.append(LibraryMention(m.group(0), en_key(m.group(0)), m.start(), m.end(), doer=True))
    for g in re.finditer(
        r"\b(?:each|every|all|various)\s+(?:of the\s+)?(?:libraries|library|museum|pavilion)s?\b",
        sentence,
        re.I,
    ):
        out.append(LibraryMention(g.group(0), "", g.start(), g.end(), doer=True, generic=True))
    out.sort(key=lambda x: x.start)
    return out


def libraries_in(sentence: str, lang: str) -> list[LibraryMention]:
    return zh_libraries(sentence) if lang == "zh" else en_libraries(sentence)


# ---------------------------------------------------------------- media
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
_ZH_MEDIA_HINT = re.compile(r"报|台|网|在线|客户端|频道|电视|卫视|广播|杂志|周刊|头条|号|媒体|中心|转载|播出")
_ZH_MEDIA_ANCHOR = re.compile(
    r"等(?:新闻|各级|主流|多家|各大|网络)?媒体|(?:分别|先后|相继|均|都|也)?(?:对[^，,。；;]{0,12}?)?"
    r"(?:进行了?|作了|予以|给予了?)?(?:宣传)?(?:报道|转载|刊发|刊登|播出|播报)"
)
_ZH_LIST_START = re.compile(r"[^，,。；;：:！？!?（）()\s]{0,120}$")
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
_EN_PAPER_TITLE = re.compile(
    r"Courier|Chronicle|Telegraph|Guardian|Observer|Examiner|Herald|Gazette|Tribune|Times|Post|Mirror|Express|"
    r"Sentinel|Dispatch|Inquirer|Enquirer|Advertiser|Argus|Mercury|Echo|Bulletin|Journal|Register"
)
_EN_MEDIA_VERB = re.compile(
    r"\b(?:covered|reported|coverage|broadcast|carried|featured|published by|interviewed|aired|appeared on|"
    r"ran (?:a|an) (?:story|piece|article|feature|report|segment)|"
    r"(?:news|morning|evening) (?:show|programme|program))\b",
    re.I,
)
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
            for word in _ZH_BOUNDARY:
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
        for m in _CJK_STRETCH.finditer(text):
            # a Chinese outlet named in English prose: "covered by 宜宾日报 and 宜宾电视台"
            found.extend((name, m.start() + at) for name, at in media_in(m.group(0), "zh"))
        for m in _EN_MEDIA.finditer(text):
            found.append((m.group(1).strip(), m.start()))
        if _EN_MEDIA_VERB.search(text):
            for m in _EN_MEDIA_BARE.finditer(text):
                name = (m.group(1) or m.group(2) or m.group(3) or m.group(4) or "").strip()
                # "The Courier ran a story": a one-word title is an outlet when "The" names it.
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


# ---------------------------------------------------------------- audiences
_ZH_AUDIENCE: tuple[tuple[str, str], ...] = (
    (r"留守儿童", "left_behind_children"),
    (r"残疾|残障|盲人|聋哑|特殊教育", "disabled"),
    (r"(?<!留守)(?:少年儿童|少儿|儿童|孩子|小读者|幼儿|小朋友|亲子)", "children"),
    (r"青少年", "teenagers"),
    (r"学生|师生|中小学|同学", "students"),
    (r"家长|父母|亲子", "parents"),
    (r"老年|老人|老干部", "elderly"),
    (r"干部|职工|党员|公务员", "cadres"),
    (r"官兵|部队|军营|武警|军人", "soldiers"),
    (r"服刑|犯人|看守所|监狱|戒毒", "inmates"),
    (r"农民|农村|村民|乡村|乡镇(?:读者|群众|居民|儿童)", "rural_residents"),
    (r"社区居民|居民|社区", "community_residents"),
    (r"读者|群众|市民|公众|大众|行人|民众", "general_public"),
)
_EN_AUDIENCE: tuple[tuple[str, str], ...] = (
    (r"left-behind children", "left_behind_children"),
    (r"disab|special education|blind|deaf", "disabled"),
    (r"(?<!left-behind )\b(?:children|kids|child)\b", "children"),
    (r"teenager|young people|youth|adolescent", "teenagers"),
    (r"student|pupil|schools", "students"),
    (r"parent", "parents"),
    (r"elderly|older people|senior|old readers", "elderly"),
    (r"cadre|official|civil servant|party member", "cadres"),
    (r"soldier|troops|army|barracks", "soldiers"),
    (r"inmate|prison|detention", "inmates"),
    (r"farmer|rural|villager", "rural_residents"),
    (r"residents|communit", "community_residents"),
    (r"reader|the public|citizens|general public|passers-by", "general_public"),
)


def audiences_in(text: str, lang: str) -> list[str]:
    table = _ZH_AUDIENCE if lang == "zh" else _EN_AUDIENCE
    out: list[str] = []
    for pattern, code in table:
        if re.search(pattern, text, re.I) and code not in out:
            out.append(code)
    if (
        "left_behind_children" in out
        and "children" in out
        and not re.search(r"(?<!留守)儿童|(?<!left-behind )children", text)
    ):
        out.remove("children")
    return out


# ---------------------------------------------------------------- venues and partners
_ZH_VENUE = re.compile(
    r"在([^，,。；;：:“”《》在]{2,24}?)(?:内|里|前|上)?(?:举办|开展|举行|展出|组织|启动|进行|播放|放映|召开|设立|悬挂|"
    r"摆放|发放|向|为|给|开放|展示|推出|设置)"
)
_EN_VENUE = re.compile(
    r"\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\w'’]*\s+){0,5}(?:Square|Room|Hall|Bar|Building|Center|Centre|Park|Plaza|Street|"
    r"Campus|Area|Museum|Library|School)s?(?:\s+(?:and|of)\s+(?:the\s+)?(?:[A-Z][\w'’]*\s+){0,4}(?:Square|Room|Hall|Building|Park))?|"
    r"(?:[a-z'’]+\s+){0,3}(?:reading room|square|streets|campus|exhibition area)(?:\s+of the\s+[\w\s]{0,30}?(?:museum|library|building))?)",  # noqa: E501 - one alternation reads best on one line
)
_ZH_PARTNER = (
    re.compile(r"联合([^，,。；;：:“”]{2,30}?)(?:开展|举办|组织|共同|一起|一道|举行|在)"),
    re.compile(r"与([^，,。；;：:“”与]{2,20}?)(?:联合|合作|共同|一道|一起)"),
    re.compile(
        r"(?:送到了?|来到|走进|深入)([^，,。；;：:“”]{2,16}?(?:学校|小学|中学|幼儿园|中心|医院|社区|部队|中队|敬老院|福利院|看守所|监狱|政府))"
    ),
    re.compile(
        r"为([^，,。；;：:“”为]{2,16}?(?:学校|小学|中学|幼儿园|中心|医院|部队|中队|敬老院|福利院|看守所|监狱))(?:的|送|带|提供)"
    ),
)
_EN_PARTNER = (
    re.compile(
        r"\b(?:cooperated with|in cooperation with|together with|jointly with|in conjunction with|partnered with|contact(?:ed)?)\s+(?:the\s+)?([^,;.]{3,60}?)(?=\s+(?:to|and sent|in|on|for)\b|[,;.])"  # noqa: E501 - one alternation reads best on one line
    ),
    re.compile(
        r"\b(?:to|visited)\s+(?:the\s+)?((?:[A-Z][\w'’.]*\s+){1,6}(?:School|Center|Centre|Kindergarten|Kindergartens|Committee|Government|Hospital|Home))\b"
    ),
)


def venue_in(text: str, lang: str) -> str | None:
    if lang == "zh":
        m = _ZH_VENUE.search(text)
        if m:
            venue = m.group(1)
            venue = re.sub(r"^(?:县城|当天|期间|此期间)", "", venue) or venue
            if not re.search(r"\d月|\d日|期间|过程|活动中|基础上|工作|方面", venue):
                return venue
        return None
    m = _EN_VENUE.search(text)
    return m.group(1).strip() if m else None


def partners_in(text: str, lang: str) -> list[str]:
    out: list[str] = []
    for pattern in _ZH_PARTNER if lang == "zh" else _EN_PARTNER:
        for m in pattern.finditer(text):
            for part in re.split(r"[、和及]|,\s*|\s+and\s+", m.group(1)) if lang == "zh" else [m.group(1)]:
                part = part.strip().removeprefix("the ").strip()
                if 2 <= len(part) <= 40 and part not in out and not re.search(r"图书馆$|Library$", part):
                    out.append(part)
    return out


# ---------------------------------------------------------------- campaign
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
# "the American Library Association's theme", "run nationally by The Reading Agency"
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
        m = _EN_THEME.search(intro)
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
