"""The report's text, from Jinja2 templates a library can edit.

One template per language and part (``templates/zh/opening.md.j2`` ...), written in
Markdown. The same templates serve every format, rendered in one of three modes:

- ``md``: Markdown; record text is backslash-escaped where Markdown would read it
  as markup, and numbers carry their link as ``[300多人次](url)``.
- ``html``: autoescaped (every record string is HTML-escaped); numbers become
  ``<a class="figure">`` links; charts are inline SVG. :mod:`.html_out` turns the
  Markdown blocks into HTML.
- ``plain``: no escaping; DOCX and PDF are built from its blocks (:mod:`.blocks`).

Block directives are HTML comments, invisible in any Markdown viewer:
``<!-- style: right -->`` / ``<!-- style: noindent -->`` / ``<!-- style: center -->``
before a paragraph, and ``<!-- chart: kind -->`` where a chart goes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from shuxiang.record.model import Activity, Campaign, Figure, Record
from shuxiang.render import context as context_module
from shuxiang.render import phrases
from shuxiang.render.blocks import GUARD
from shuxiang.render.charts import ChartSet

DEFAULT_TEMPLATES = Path(__file__).parent / "templates"
MODES = ("md", "html", "plain")
# The parts of a report, in order; the numbered ones get 一、二、三 (I. II. III.) as they appear.
PARTS = ("title", "opening", "organisation", "activities", "participation", "media", "closing")
NUMBERED = frozenset({"organisation", "activities", "participation", "media"})
_SECTION = "@@SECTION@@"

FigureLinks = Callable[[Activity | None, Figure], str | None]


class Raw(str):
    """Text the Markdown escaping leaves alone (it is already Markdown)."""

    __slots__ = ()


_MD_TABLE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})
# What else makes a line a block when it starts one: a list item (- + 1. 1)), a setext
# underline or a fence (= ~). Record text may start a line (the addressee, the signature,
# a library at the head of its paragraph), so a value that starts with one is escaped.
_MD_LEADING = re.compile(r"^(\s*)(?:([-+])(?=\s|$)|([-=~])(?=\3\3)|(\d+)(?=[.)](?:\s|$)))")
_NEWLINES = re.compile(r"[ \t]*[\r\n]+[ \t]*")
# A value starting with one of these, at the start of a line, would be read as a heading or
# a directive by :func:`blocks.parse` in the HTML and plain modes; a zero-width space in
# front keeps it text (blocks.parse removes it again).
_BLOCK_CHARS = ("#", "<")


def md_escape(text: str) -> str:
    """Backslash-escape what Markdown would take for markup (``<script>`` stays text,
    ``# x`` and ``1. x`` are no heading and no list when they start a line)."""
    text = text.translate(_MD_TABLE)
    if text[:1].isspace() or text[:1] in "-+=~0123456789":
        text = _MD_LEADING.sub(_md_leading, text, count=1)
    return text


def _md_leading(match: re.Match[str]) -> str:
    space, item, rule, number = match.groups()
    mark = item or rule
    return f"{space}\\{mark}" if mark else f"{space}{number}\\"


def _one_line(value: str) -> str:
    """Record text on one line: a line break in a name or title would end the paragraph
    (and the next line could pass for a heading). Whitespace-only values are the
    templates' own layout ("\\n\\n" between paragraphs) and stay."""
    if ("\n" in value or "\r" in value) and not value.isspace():
        return _NEWLINES.sub(" ", value)
    return value


def _md_finalize(value: Any) -> Any:
    if isinstance(value, Raw) or not isinstance(value, str):
        return "" if value is None else value
    return md_escape(_one_line(value))


def _plain_finalize(value: Any) -> Any:
    if value is None:
        return ""
    if not isinstance(value, str) or isinstance(value, Markup | Raw):
        return value  # not text, or markup the helpers made (a chart marker)
    value = _one_line(value)
    if value.lstrip().startswith(_BLOCK_CHARS):
        return GUARD + value
    return value


# ------------------------------------------------------------ filters


def _lang(ctx: Context) -> str:
    return ctx["lang"]


def _mode(ctx: Context) -> str:
    return ctx["_mode"]


def _html_escape(text: str) -> str:
    """What markupsafe's ``escape`` gives (``&#34;`` and ``&#39;`` for quotes), as a plain str."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )


_ESCAPE: dict[str, Callable[[str], str]] = {"html": _html_escape, "md": md_escape, "plain": str}


def _wrap(mode: str, url: str | None, quantity: str) -> str:
    """A quantity already escaped for ``mode``, with its link: the string building of the
    hot path (one call per figure, 50,000 in a city's report), no Markup.format."""
    if mode == "html":
        if url:
            return f'<a class="figure" href="{_html_escape(url)}">{quantity}</a>'
        return f'<span class="figure">{quantity}</span>'
    if mode == "md" and url:
        return f"[{quantity}](<{url}>)"
    return quantity


def _marked(mode: str, text: str) -> Any:
    """Text already escaped for ``mode``, marked so the template does not escape it again."""
    if mode == "html":
        return Markup(text)
    return Raw(text) if mode == "md" else text


def _quantity(ctx: Context, fig: Figure, activity: Activity | None, quantity: str) -> Any:
    """The number of a figure, linked to where it came from when the caller gives links."""
    return _linked(_mode(ctx), ctx.get("_links"), fig, activity, quantity)


def _linked(
    mode: str, links: FigureLinks | None, fig: Figure, activity: Activity | None, quantity: str
) -> Any:
    url = links(activity, fig) if links else None
    return _marked(mode, _wrap(mode, url, _ESCAPE[mode](quantity)))


def _concat(ctx: Context, pieces: Sequence[Any]) -> Any:
    """Join text pieces, escaping plain strings for the mode and keeping marked-up ones."""
    mode = _mode(ctx)
    if mode == "html":
        return Markup("").join(escape(p) for p in pieces)
    if mode == "md":
        return Raw("".join(p if isinstance(p, Raw) else md_escape(str(p)) for p in pieces))
    return "".join(str(p) for p in pieces)


def _separators(n: int, lang: str, *, clauses: bool) -> list[str]:
    """The n-1 separators of a list: zh 、…和 (names) or ，(clauses); en , … and."""
    if n < 2:
        return []
    if lang == "zh":
        return ["，" if clauses else "、"] * (n - 2) + ["，" if clauses else "和"]
    return [", "] * (n - 2) + [" and "]


def _interleave(items: Sequence[Any], seps: Sequence[str]) -> list[Any]:
    out: list[Any] = list(items[:1])
    for sep, item in zip(seps, items[1:], strict=True):
        out.extend([sep, item])
    return out


@pass_context
def f_figure(ctx: Context, fig: Figure, activity: Activity | None = None) -> Any:
    """One figure as prose (zh 发放宣传资料3000余份), its number linked when links are given."""
    parts = phrases.figure_parts(fig, _lang(ctx))
    return _concat(ctx, [parts.lead, _quantity(ctx, fig, activity, parts.quantity), parts.tail])


@pass_context
def f_figures(ctx: Context, figures: Sequence[Figure], activity: Activity | None = None) -> Any:
    """Figures in a row: zh 解答咨询300多人次，发放宣传资料3000余份; en "... and ...".

    Neighbours that share their words are written once: 展出图书300余种、500余册;
    "more than 300 titles and more than 500 volumes on display".
    """
    if not figures:
        return ""
    lang, mode, links = _lang(ctx), _mode(ctx), ctx.get("_links")
    # This runs once per activity (50,000 figures in a city's report): phrases come from a
    # cache already escaped for the mode, and the text is built as plain strings, joined once.
    runs: list[tuple[str, str, list[str]]] = []  # (lead, tail, quantities), all escaped
    for fig in figures:
        lead, quantity, tail = _escaped_parts(fig.value, fig.qualifier, fig.unit, fig.measure, lang, mode)
        if links is not None or mode == "html":
            quantity = _wrap(mode, links(activity, fig) if links else None, quantity)
        if runs and runs[-1][0] == lead and runs[-1][1] == tail and (lead or tail):
            runs[-1][2].append(quantity)
        else:
            runs.append((lead, tail, [quantity]))
    clauses = []
    for lead, tail, quantities in runs:
        if len(quantities) == 1:
            inner = quantities[0]
        elif lang == "zh":
            inner = "、".join(quantities)
        else:
            inner = _join_en(quantities)
        clauses.append(f"{lead}{inner}{tail}")
    if len(clauses) == 1:
        text = clauses[0]
    elif lang == "zh":
        text = "，".join(clauses)
    else:
        text = _join_en(clauses)
    return _marked(mode, text)


def _join_en(items: list[str]) -> str:
    """A, B and C (what :func:`_separators` gives for English)."""
    return f"{', '.join(items[:-1])} and {items[-1]}"


@lru_cache(maxsize=65536)
def _parts(value: float, qualifier: str, unit: str, measure: str | None, lang: str) -> tuple[str, str, str]:
    """:func:`phrases.figure_parts`, cached: a city's report repeats the same phrases often."""
    parts = phrases.figure_parts(Figure(value=value, qualifier=qualifier, unit=unit, measure=measure), lang)
    return parts.lead, parts.quantity, parts.tail


@lru_cache(maxsize=65536)
def _escaped_parts(
    value: float, qualifier: str, unit: str, measure: str | None, lang: str, mode: str
) -> tuple[str, str, str]:
    """:func:`_parts`, each escaped for ``mode`` (the separators never need it)."""
    escape_for = _ESCAPE[mode]
    lead, quantity, tail = _parts(value, qualifier, unit, measure, lang)
    return escape_for(lead), escape_for(quantity), escape_for(tail)


def f_counts(figures: Sequence[Figure]) -> list[Figure]:
    """The figures that count something (durations left out)."""
    return [f for f in figures if not phrases.is_duration(f)]


def f_durations(figures: Sequence[Figure]) -> list[Figure]:
    """The figures that say how long something lasted (为期一周)."""
    return [f for f in figures if phrases.is_duration(f)]


@pass_context
def f_names(ctx: Context, names: Sequence[str]) -> str:
    """Names as written, joined: zh 甲、乙和丙; en A, B and C."""
    return phrases.join_names(list(names), _lang(ctx))


@pass_context
def f_outlets(ctx: Context, outlets: Sequence[str]) -> str:
    """Media outlets: zh 《广元晚报》、《广元新闻网》 (titles in 《》); en as written."""
    if _lang(ctx) == "zh":
        return "、".join(f"《{o}》" for o in outlets)
    return phrases.join_names(list(outlets), "en")


def _dates_of(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, Activity | Campaign):
        return value.start, value.end
    if isinstance(value, tuple | list):
        return (value[0] if value else None), (value[1] if len(value) > 1 else None)
    return value, None


@pass_context
def f_dates(ctx: Context, value: Any, full: bool = False) -> str:
    """An activity's or campaign's dates: zh 5月27日至6月2日; en 27 May – 2 June 2016.

    ``full`` writes the year whenever it is known (the opening paragraph).
    """
    start, end = _dates_of(value)
    ref = None if full else ctx.get("ref_year")
    return phrases.date_phrase(start, end, _lang(ctx), ref_year=ref)


@pass_context
def f_when(ctx: Context, value: Any, full: bool = False) -> str:
    """The dates with their preposition: zh 于5月28日; en "on 28 May", "from 27 May to 2 June"."""
    start, end = _dates_of(value)
    ref = None if full else ctx.get("ref_year")
    return phrases.when_phrase(start, end, _lang(ctx), ref_year=ref)


@pass_context
def f_day(ctx: Context, value: str | None) -> str:
    """One date, year always written when known (the report's own date)."""
    return phrases.date_phrase(value, None, _lang(ctx))


@pass_context
def f_kind(ctx: Context, code: str) -> str:
    return phrases.kind_label(code, _lang(ctx))


@pass_context
def f_audience(ctx: Context, codes: Sequence[str]) -> list[str]:
    return phrases.audience_labels(codes, _lang(ctx))


@pass_context
def f_activity_name(ctx: Context, activity: Activity) -> str:
    """zh 举办了“……”讲座; en a lecture “……”."""
    return phrases.activity_name(activity.kind, activity.title, _lang(ctx))


@pass_context
def f_count(ctx: Context, n: int, singular: str = "", plural: str = "") -> str:
    """A count the record implies (how many libraries, activities): zh 21, en "21 activities"."""
    if _lang(ctx) == "zh":
        return str(n)
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}".strip()


def f_upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@pass_context
def g_chart(ctx: Context, name: str) -> Any:
    """A chart block: inline SVG (html), a data table (md), a marker for DOCX/PDF (plain)."""
    charts: ChartSet = ctx["_charts"]
    if name not in charts.charts:
        return ""
    caption = charts.caption(name)
    mode = _mode(ctx)
    if mode == "html":
        return Markup('<figure class="chart chart-{}">{}<figcaption>{}</figcaption></figure>').format(
            name, Markup(_NO_BLANK_LINES.sub("\n", charts.svg(name))), caption
        )
    marker = f"<!-- chart: {name} -->"
    if mode == "plain":
        return Raw(f"{marker}\n{caption}")
    chart = charts.charts[name]
    head = ("项目", "数值") if ctx["lang"] == "zh" else ("", "Value")
    lines = [marker, "", f"**{md_escape(caption)}**", "", f"| {head[0]} | {head[1]} |", "|---|---:|"]
    lines += [f"| {md_escape(label)} | {value:,.0f} |" for label, value in chart.rows]
    return Raw("\n".join(lines))


_NO_BLANK_LINES = re.compile(r"\n\s*\n")

FILTERS: dict[str, Callable[..., Any]] = {
    "figure": f_figure,
    "figures": f_figures,
    "counts": f_counts,
    "durations": f_durations,
    "names": f_names,
    "outlets": f_outlets,
    "dates": f_dates,
    "when": f_when,
    "day": f_day,
    "kind": f_kind,
    "audience": f_audience,
    "activity_name": f_activity_name,
    "count": f_count,
    "upper_first": f_upper_first,
}


@cache
def environment(templates_dir: Path | None, mode: str) -> Environment:
    """The Jinja environment for ``mode``; ``templates_dir`` overrides the shipped templates
    file by file (a library may replace one part and keep the rest)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    search = [DEFAULT_TEMPLATES] if templates_dir is None else [Path(templates_dir), DEFAULT_TEMPLATES]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(p)) for p in search]),
        autoescape=mode == "html",
        finalize=_md_finalize if mode == "md" else _plain_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(FILTERS)
    env.globals["chart"] = g_chart
    return env


_BLANKS = re.compile(r"\n[ \t]*(\n[ \t]*)+")
# Headings and directives always start a block, however the template spaced them.
_BLOCK_START = re.compile(r"\n(?=#{1,3} |<!-- (?:style|chart):)")


def render_text(
    record: Record,
    lang: str,
    mode: str,
    *,
    templates_dir: Path | None = None,
    figure_links: FigureLinks | None = None,
    extra: Mapping[str, Any] | None = None,
    charts: ChartSet | None = None,
) -> tuple[str, ChartSet]:
    """The report as Markdown text in ``mode``, and the charts it placed."""
    env = environment(Path(templates_dir) if templates_dir else None, mode)
    charts = charts or ChartSet(record, lang)
    ctx = context_module.build(record, lang, extra)
    ctx.update({"_mode": mode, "_links": figure_links, "_charts": charts, "charts": charts.names})
    parts = []
    number = 0
    for part in PARTS:
        template = env.get_template(f"{lang}/{part}.md.j2")
        text = template.render(ctx, number=_SECTION).strip()
        if not text:
            continue
        if part in NUMBERED:
            number += 1
            text = text.replace(_SECTION, phrases.ordinal(number, lang))
        parts.append(text)
    out = _BLOCK_START.sub("\n\n", "\n\n".join(parts))
    out = _BLANKS.sub("\n\n", out).strip() + "\n"
    return out, charts
