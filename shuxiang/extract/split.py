"""One page -> its reports: a page often holds several numbered reports ("…总结 1", "Summary … 2")."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A heading line that ends in its number: 图书馆服务宣传周活动总结 1 / Summary of library service activities 2.  # noqa: E501 - one alternation reads best on one line
_ZH_HEADING = re.compile(
    r"^(?P<stem>[^\n，,。:：；;]{2,40}?(?:总结|报告|汇报|小结|情况|综述))\s*(?:[(（【]?(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})[)）】]?)$"
)
_EN_HEADING = re.compile(r"^(?P<stem>(?:[A-Z][\w'’-]*)(?: [\w'’-]+){1,10}?)\s+(?P<n>\d{1,2})$")
_EN_STEM_WORD = re.compile(r"\b(summary|report|review|activities)\b", re.I)


@dataclass(frozen=True)
class Part:
    heading: str | None
    text: str


def _heading(line: str) -> tuple[str, str] | None:
    line = line.strip()
    m = _ZH_HEADING.match(line)
    if m:
        return m.group("stem").strip(), m.group("n")
    m = _EN_HEADING.match(line)
    if m and _EN_STEM_WORD.search(m.group("stem")) and len(line) < 90:
        return m.group("stem").strip().lower(), m.group("n")
    return None


def split_reports(text: str) -> list[Part]:
    """The numbered reports of a page, each with its heading; the whole text when there is one or none.

    A run of headings sharing a stem and counting 1, 2, 3… marks the reports; what
    comes before the first one (the page's introduction) is dropped.
    """
    lines = text.split("\n")
    found: list[tuple[int, str, str]] = []
    for i, line in enumerate(lines):
        h = _heading(line)
        if h:
            found.append((i, h[0], h[1]))
    by_stem: dict[str, list[tuple[int, str]]] = {}
    for i, stem, n in found:
        by_stem.setdefault(stem, []).append((i, n))
    best: list[tuple[int, str]] = max(by_stem.values(), key=len, default=[])
    if len(best) < 2:
        return [Part(heading=None, text=text)]
    starts = [i for i, _ in best]
    parts = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        chunk = "\n".join(lines[start:end]).strip()
        parts.append(Part(heading=lines[start].strip(), text=chunk))
    return parts
