"""Report pages: preview, downloads in every format and language, gaps, statistics tables.

Thin: selectors decide what the user may see (404 otherwise), build makes the record,
documents renders it.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from shuxiang.reports import documents, exports, selectors
from shuxiang.reports.build import Built, Scope, build
from shuxiang.reports.documents import CONTENT_TYPES


def _ui_lang(request: HttpRequest) -> str:
    lang = request.GET.get("lang") or translation.get_language() or "zh"
    return "en" if lang.startswith("en") else "zh"


def _download(content: bytes, content_type: str, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _check(lang: str, fmt: str, allowed: tuple[str, ...] = documents.FORMATS) -> None:
    if lang not in documents.LANGS or fmt not in allowed:
        raise Http404("unknown language or format")


def _page(request: HttpRequest, scope: Scope, built: Built, download_name: str, args: list) -> HttpResponse:
    campaign = scope.campaign
    lang = _ui_lang(request)
    downloads = [
        (
            lang_code,
            [(fmt, reverse(download_name, args=[*args, lang_code, fmt])) for fmt in documents.FORMATS],
        )
        for lang_code in documents.LANGS
    ]
    due = campaign.report_due
    url_for = documents.activity_url_maker()
    context = {
        "campaign": campaign,
        "scope": scope,
        "built": built,
        "preview_url": reverse(download_name, args=[*args, lang, "html"]) + "?inline=1",
        "downloads": downloads,
        "due": due,
        "overdue": due is not None and timezone.localdate() > due,
        "without_figures": [(m, url_for(m.pk)) for m in built.without_figures],
        "stats": [
            (
                fmt,
                standard,
                reverse("reports:campaign_stats", args=[campaign.pk, fmt]) + f"?standard={standard}",
            )
            for fmt, standard in (("xlsx", ""), ("csv", "cn"), ("csv", "us"))
        ],
        "libraries": (
            [(pk, name, reverse("reports:library", args=[campaign.pk, pk])) for pk, name in built.libraries]
            if scope.kind != "library"
            else []
        ),
    }
    return render(request, "reports/report.html", context)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    campaigns = selectors.visible_campaigns(request.user)
    years = sorted({c.start_date.year for c in campaigns}, reverse=True)
    return render(request, "reports/index.html", {"campaigns": campaigns, "years": years})


@login_required
@require_GET
def campaign(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The report page that fits the user: the compiled one for a bureau, their own library's else."""
    if selectors.is_bureau(request.user):
        selectors.compiled_scope(request.user, campaign_id)
        return redirect("reports:compiled", campaign_id)
    scope = selectors.own_library_scope(request.user, campaign_id)
    return redirect("reports:library", campaign_id, scope.library.pk)


@login_required
@require_GET
def library(request: HttpRequest, campaign_id: int, library_id: int) -> HttpResponse:
    scope = selectors.library_scope(request.user, campaign_id, library_id)
    built = build(scope, lang=_ui_lang(request))
    return _page(request, scope, built, "reports:library_download", [campaign_id, library_id])


@login_required
@require_GET
def compiled(request: HttpRequest, campaign_id: int) -> HttpResponse:
    scope = selectors.compiled_scope(request.user, campaign_id)
    built = build(scope, lang=_ui_lang(request))
    return _page(request, scope, built, "reports:compiled_download", [campaign_id])


def _serve(request: HttpRequest, scope: Scope, lang: str, fmt: str) -> HttpResponse:
    _check(lang, fmt)
    built = build(scope, lang=lang)
    doc = documents.document(built, lang=lang, fmt=fmt, url_for=documents.activity_url_maker())
    inline = fmt == "html" and request.GET.get("inline") == "1"
    content = doc.content
    if inline:  # shown in the preview frame: links open in the whole window
        content = content.replace(b"<head>", b'<head><base target="_top">', 1)
    return _download(content, doc.content_type, doc.filename, inline=inline)


@login_required
@require_GET
@xframe_options_sameorigin
def library_download(
    request: HttpRequest, campaign_id: int, library_id: int, lang: str, fmt: str
) -> HttpResponse:
    _check(lang, fmt)
    return _serve(request, selectors.library_scope(request.user, campaign_id, library_id), lang, fmt)


@login_required
@require_GET
@xframe_options_sameorigin
def compiled_download(request: HttpRequest, campaign_id: int, lang: str, fmt: str) -> HttpResponse:
    _check(lang, fmt)
    return _serve(request, selectors.compiled_scope(request.user, campaign_id), lang, fmt)


def _stats_response(
    request: HttpRequest, data: exports.StatsData, fmt: str, stem: str, title: str
) -> HttpResponse:
    lang = _ui_lang(request)
    if fmt == "xlsx":
        return _download(
            exports.to_xlsx(data, lang=lang, title=title), CONTENT_TYPES["xlsx"], f"{stem}-{lang}.xlsx"
        )
    standard = request.GET.get("standard", "cn")
    if standard not in exports.STANDARDS:
        raise Http404("unknown statistics standard")
    content = exports.to_csv(data, standard=standard, lang=lang)
    return _download(content, CONTENT_TYPES["csv"], f"{stem}-{standard}-{lang}.csv")


@login_required
@require_GET
def campaign_stats(request: HttpRequest, campaign_id: int, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404("unknown format")
    campaign = selectors.campaign_for(request.user, campaign_id)
    data = exports.collect(campaign_id=campaign.pk, under=selectors.stats_root(request.user, campaign))
    return _stats_response(request, data, fmt, f"statistics-campaign-{campaign.pk}", str(campaign))


@login_required
@require_GET
def year_stats(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS or not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise Http404("unknown format")
    data = exports.collect(year=year, under=selectors.stats_root(request.user))
    return _stats_response(request, data, fmt, f"statistics-{year}", str(year))
