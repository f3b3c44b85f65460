"""A built report as a file: the record (json) or the renderer's md/html/docx/pdf."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from shuxiang.record import model as rec
from shuxiang.reports.build import Built, comparison

LANGS = ("zh", "en")
FORMATS = ("md", "html", "docx", "pdf", "json")
CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}

# The activities app's detail page, under whichever of these names it is routed.
ACTIVITY_URL_NAMES = ("activities:detail", "activities:activity_detail", "activities:activity")


def activity_url(pk: int) -> str | None:
    """The page of activity ``pk``, or None while the activities app has no detail page."""
    for name in ACTIVITY_URL_NAMES:
        try:
            return reverse(name, args=[pk])
        except NoReverseMatch:
            continue
    return None


_SENTINEL = 987654321


def activity_url_maker() -> Callable[[int], str | None]:
    """A fast ``activity_url``: the route is reversed once, then filled per activity
    (a compiled report links 50,000 figures; a ``reverse`` each would cost a second)."""
    sample = activity_url(_SENTINEL)
    if sample is None:
        return lambda pk: None
    head, _, tail = sample.partition(str(_SENTINEL))
    return lambda pk: f"{head}{pk}{tail}"


@dataclass
class Document:
    content: bytes
    content_type: str
    filename: str


def extra_for(built: Built) -> dict[str, object] | None:
    """The renderer's ``extra``: the year-over-year comparison when there is an earlier campaign."""
    compared = comparison(built)
    return {"comparison": compared} if compared is not None else None


def render_built(
    built: Built,
    *,
    lang: str,
    fmt: str,
    url_for: Callable[[int], str | None] | None = None,
    extra: dict[str, object] | None = None,
) -> bytes:
    """The bytes of ``built`` in ``fmt``; ``url_for(activity_pk)`` links figures in HTML."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "json":
        return rec.dumps(built.record).encode("utf-8")
    from shuxiang.render import render  # the pure renderer; imported when a document is asked for

    links = built.figure_links(url_for) if url_for is not None and fmt == "html" else None
    with translation.override("zh-hans" if lang == "zh" else "en"):
        return render(built.record, lang=lang, fmt=fmt, figure_links=links, extra=extra)


def filename(built: Built, *, lang: str, fmt: str) -> str:
    """An ASCII-safe file name: campaign year, scope, library id, language."""
    scope = built.scope
    year = scope.campaign.start_date.year
    who = {
        "library": f"library-{scope.library.pk if scope.library else ''}",
        "bureau": f"bureau-{scope.under.pk if scope.under else ''}",
        "campaign": "compiled",
    }[scope.kind]
    return f"report-{year}-campaign-{scope.campaign.pk}-{who}-{lang}.{fmt}"


def document(
    built: Built, *, lang: str, fmt: str, url_for: Callable[[int], str | None] | None = None
) -> Document:
    """The downloadable file of a built report, comparison with last year included."""
    extra = extra_for(built) if fmt != "json" else None
    return Document(
        content=render_built(built, lang=lang, fmt=fmt, url_for=url_for, extra=extra),
        content_type=CONTENT_TYPES[fmt],
        filename=filename(built, lang=lang, fmt=fmt),
    )
