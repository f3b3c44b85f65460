"""Mark each figure of a record where extraction found it in the source text."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    figure: int  # index in the list of figure texts


def find_spans(source: str, texts: list[str | None]) -> tuple[list[Span], list[int]]:
    """Non-overlapping spans of ``texts`` in ``source`` (a text repeated is looked for after its
    previous match), and the indices of the texts not found."""
    spans: list[Span] = []
    missing: list[int] = []
    next_from: dict[str, int] = {}
    taken: list[tuple[int, int]] = []
    for index, text in enumerate(texts):
        if not text:
            missing.append(index)
            continue
        start = source.find(text, next_from.get(text, 0))
        while start != -1 and any(start < e and start + len(text) > s for s, e in taken):
            start = source.find(text, start + 1)
        if start == -1:
            missing.append(index)
            continue
        end = start + len(text)
        next_from[text] = end
        taken.append((start, end))
        spans.append(Span(start, end, index))
    return sorted(spans, key=lambda s: s.start), missing


def highlight(source: str, texts: list[str | None]) -> tuple[SafeString, list[int]]:
    """``source`` as HTML with each found figure text in ``<mark data-figure="i">``; missing indices."""
    spans, missing = find_spans(source, texts)
    out: list[str] = []
    pos = 0
    for span in spans:
        out.append(escape(source[pos : span.start]))
        out.append(
            f'<mark class="figure" id="figure-{span.figure}" data-figure="{span.figure}">'
            f"{escape(source[span.start : span.end])}</mark>"
        )
        pos = span.end
    out.append(escape(source[pos:]))
    # Safe: every piece of source text above went through escape().
    return mark_safe("".join(out)), missing
