"""Text -> tidy text: one paragraph per line, page furniture removed.

Removes what web copies of reports carry around the report itself: "related
articles" lists and everything after them, submission links (我要投稿), time
stamps of the page, site breadcrumbs ("Site - News - Title"), the credits line of a
post (文字：… 图片：… 编辑：…). It also restores
line breaks that copying lost before a numbered heading.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A line that starts the page's trailing list of other articles: cut from there.
_TAIL_START = re.compile(
    r"^(?:[【\[]?.{0,40}[】\]]?\s*)?(?:相关文章|相关阅读|相关推荐|推荐阅读|猜你喜欢|延伸阅读|热门文章|上一篇|下一篇|"
    r"Related (?:articles|posts|reading)|Recommended (?:articles|reading)|You may also like)\s*[:：]?\s*$",
    re.I,
)
_JUNK_LINE = re.compile(
    r"(我要投稿|投稿邮箱|版权所有|Copyright|All rights reserved|ICP备|点击(?:收藏|下载)|返回顶部|"
    r"^\s*时间[:：]\s*\d{4}-\d{2}-\d{2}|^\s*(?:来源|作者|浏览|阅读)[:：].{0,30}$|"
    r"^\s*(?:首页|Home)\s*[>»/|-].*$)",
    re.I,
)
# The credits under a web post: "（文字：李萌 图片：少儿部 编辑：陈晓）", "Photos: J. Smith".
_CREDITS = re.compile(
    r"^[（(\[【]?\s*(?:(?:文字|文|图片|图|摄影|视频|编辑|责编|责任编辑|审核|审校|校对|供稿|撰稿|排版|初审|复审|终审|"
    r"来源|作者|通讯员|记者|Text|Words|Photos?|Photography|Pictures?|Images?|Editor|Edited by|Written by)"
    r"\s*[:：｜|]\s*[^:：（）()\[\]【】]{1,20}?\s*[|｜/,，;；]?\s*){2,}[）)\]】]?$",
    re.I,
)
_BREADCRUMB = re.compile(r"^[^\n。.]{1,40}( - [^\n。.]{1,40}){2,}$")
# A numbered report heading glued to the end of the previous paragraph ("... dreams. Summary of X 2").
_GLUED_EN_HEADING = re.compile(r"(?<=[.!?\"”)]) +((?:Summary|Report|Review)\b[A-Za-z' ,-]{0,80}? \d{1,2})$")
# "…的人。3、庆六一…": a numbered item glued after a full stop.
_GLUED_ZH_ITEM = re.compile(
    r"(?<=[。！？])\s*(?=(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.．](?=[\u4e00-\u9fff“《]))"
)


def clean(text: str) -> str:
    """Normalised text: NFKC-safe spaces, no control characters, no page furniture, paragraphs per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    out: list[str] = []
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            out.append("")
            continue
        if _TAIL_START.match(line):
            break
        if (_JUNK_LINE.search(line) or _CREDITS.match(line)) and len(line) < 80:
            continue
        if _BREADCRUMB.match(line) and not re.search(r"\d", line):
            continue
        glued = _GLUED_EN_HEADING.search(line)
        if glued and glued.start() > 0:
            out.append(line[: glued.start()].rstrip())
            out.append("")
            line = glued.group(1)
        for part in _GLUED_ZH_ITEM.split(line):
            if part.strip():
                out.append(part.strip())
    lines: list[str] = []
    for line in out:
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


def fullwidth_digits(text: str) -> str:
    """０１２ -> 012 and full-width Latin letters to ASCII, leaving Chinese punctuation alone."""
    return "".join(unicodedata.normalize("NFKC", ch) if "\uff10" <= ch <= "\uff5a" else ch for ch in text)
