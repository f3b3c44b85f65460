"""Render a report record as a summary report (活动总结) in Chinese or English.

Pure Python (no Django): ``render(record, lang="zh", fmt="docx")`` gives the bytes of
a Markdown, HTML, DOCX or PDF report, with charts. The text comes from Jinja2
templates a library can edit (``templates/<lang>/<part>.md.j2``, see
docs/rendering.md); prose helpers live in :mod:`.phrases`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from shuxiang.record.model import Activity, Figure, Record
from shuxiang.render.fonts import FontNotFoundError

FORMATS: tuple[str, ...] = ("md", "html", "docx", "pdf")
LANGUAGES: tuple[str, ...] = ("zh", "en")

__all__ = ["FORMATS", "LANGUAGES", "FontNotFoundError", "render"]


def render(
    record: Record,
    *,
    lang: str,
    fmt: str,
    templates_dir: Path | None = None,
    figure_links: Callable[[Activity | None, Figure], str | None] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> bytes:
    """The report for ``record`` in ``lang`` ("zh"/"en") and ``fmt`` (one of :data:`FORMATS`).

    ``templates_dir`` overrides the shipped templates file by file. ``figure_links``
    gives the URL each number links to in HTML (and Markdown), or None for no link.
    ``extra`` may hold ``comparison`` (the year-over-year paragraph), ``date`` (the
    report's date, EDTF, for the signature) and ``fragment`` (HTML: the article only).
    Markdown and HTML come back as UTF-8.
    """
    from shuxiang.render.blocks import parse
    from shuxiang.render.text import render_text

    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    if fmt == "md":
        text, _ = render_text(
            record, lang, "md", templates_dir=templates_dir, figure_links=figure_links, extra=extra
        )
        return text.encode("utf-8")
    if fmt == "html":
        from shuxiang.render.html_out import to_html

        text, _ = render_text(
            record, lang, "html", templates_dir=templates_dir, figure_links=figure_links, extra=extra
        )
        return to_html(text, lang, extra)
    text, charts = render_text(record, lang, "plain", templates_dir=templates_dir, extra=extra)
    blocks = parse(text)
    title = next((b.text for b in blocks if b.kind == "title"), "")
    if fmt == "docx":
        from shuxiang.render.docx_out import to_docx

        return to_docx(blocks, charts, lang, title=title)
    from shuxiang.render.pdf_out import to_pdf

    return to_pdf(blocks, charts, lang, title=title)
