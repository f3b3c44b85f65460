"""Who an activity is for (audience groups), with (partners) and where (venue)."""

from __future__ import annotations

import re

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
