"""The rendered Markdown as a list of blocks, for the HTML, DOCX and PDF writers.

Only what the templates write is recognised: ``#`` (title), ``##`` (part heading),
``###`` (group heading), paragraphs, ``<!-- style: X -->`` before a paragraph and
``<!-- chart: NAME -->`` followed by the caption. In HTML mode a block starting
with ``<figure``, ``<div`` or ``<table`` is markup the templates produced (record text is escaped by then).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Put by the templates' finalize (shuxiang.render.text) before record text starting with # or <.
GUARD = "\u200b"
_RAW_STARTS = ("<figure", "<div", "<table", "<svg")
_DIRECTIVE = re.compile(r"^<!--\s*(style|chart):\s*([\w-]+)\s*-->\s*(?:\n|$)")


@dataclass(frozen=True)
class Block:
    kind: str  # "title", "h2", "h3", "para", "chart", "raw"
    text: str
    style: str = ""  # for paragraphs: "", "right", "noindent", "center"; for charts: the chart name


def parse(text: str) -> list[Block]:
    """The blocks of ``text``; the zero-width space the templates put in front of record
    text that starts with ``#`` or ``<`` (so it is never a heading or a directive) goes."""
    return [
        b if GUARD not in b.text else Block(b.kind, b.text.replace(GUARD, ""), b.style) for b in _parse(text)
    ]


def _parse(text: str) -> list[Block]:
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        chunk = chunk.strip()
        if not chunk:
            continue
        match = _DIRECTIVE.match(chunk)
        if match and match.group(1) == "chart":
            blocks.append(Block("chart", chunk[match.end() :].strip(), match.group(2)))
            continue
        style = ""
        if match:
            style, chunk = match.group(2), chunk[match.end() :].strip()
        if chunk.startswith("### "):
            blocks.append(Block("h3", chunk[4:].strip()))
        elif chunk.startswith("## "):
            blocks.append(Block("h2", chunk[3:].strip()))
        elif chunk.startswith("# "):
            blocks.append(Block("title", chunk[2:].strip()))
        elif chunk.startswith(_RAW_STARTS) and not style:
            blocks.append(Block("raw", chunk))
        else:
            blocks.append(Block("para", " ".join(line.strip() for line in chunk.splitlines()), style))
    return blocks
