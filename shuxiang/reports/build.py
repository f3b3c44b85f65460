"""From the database to a report record: one library's, or compiled for a campaign or a bureau.

Reads only, in a constant number of queries whatever the size (``values_list`` rows, no
model instances, no query per activity): libraries, activities, audiences, partners,
figures, media — six queries, plus the campaign's issuer if it is not already loaded.

What goes in:
- every activity of the scope except cancelled ones (planned and done both: before the
  due date a report is a draft of what is under way), ordered by start date;
- one library's report: that library's and its branches' activities, and their
  report-level figures (activity empty) as recorded;
- a compiled report: every participating library's (or, under a bureau, every library
  below it) activities, and as report-level figures the totals per unit and measure
  computed by :mod:`shuxiang.reports.totals` (a library's own report-level figure of a
  unit and measure stands for its activities' figures of the same kind);
- a compiled report also states the figures its body (the bureau it is compiled for, the
  issuer for the whole campaign) recorded for the whole campaign, such as a city-wide
  "近万名读者": they come first and stand for the computed total of their unit and measure.
  A single library's report never carries a bureau's figures.

Dates follow what is known (``Activity.date_precision``): days as EDTF days, a month alone
as ``2016-05``, an undated activity (the report gave no date) as ``null`` — never the
campaign's days it is stored with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import FloatField
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.translation import gettext as _

from shuxiang.activities.models import Activity, ActivityAudience, Figure, MediaCoverage
from shuxiang.campaigns.models import Campaign, Participation
from shuxiang.orgs.models import Organisation
from shuxiang.record import model as rec
from shuxiang.reports import totals as tot

CANCELLED = Activity.Status.CANCELLED


@dataclass
class Scope:
    """Which part of a campaign a report covers."""

    campaign: Campaign
    library: Organisation | None = None  # one library's report (with its branches)
    under: Organisation | None = None  # compiled for the libraries under a bureau

    @property
    def kind(self) -> str:
        if self.library is not None:
            return "library"
        return "bureau" if self.under is not None else "campaign"

    @property
    def path(self) -> str | None:
        """The tree prefix libraries must have, None for the whole campaign."""
        org = self.library or self.under
        return org.path if org is not None else None

    @property
    def body(self) -> Organisation:
        """The organisation the report speaks for."""
        return self.library or self.under or self.campaign.issuer


@dataclass
class MissingActivity:
    pk: int
    title: str
    library: str
    start: date


@dataclass
class Built:
    """A record and what the web needs beside it: database ids of its activities, and gaps."""

    record: rec.Record
    scope: Scope
    activity_pks: list[int]  # parallel to record.activities
    totals: list[tot.Total]  # the scope's totals per (unit, measure)
    libraries: list[tuple[int, str]]  # (pk, display name) of every library in scope
    without_figures: list[MissingActivity] = field(default_factory=list)
    without_media: list[tuple[int, str]] = field(default_factory=list)  # participants with no coverage yet

    def figure_links(
        self, url_for: Callable[[int], str | None]
    ) -> Callable[[rec.Activity | None, rec.Figure], str | None]:
        """The renderer's ``figure_links``: each figure to its activity's page (``url_for(pk)``)."""
        pk_of = {id(a): pk for a, pk in zip(self.record.activities, self.activity_pks, strict=True)}

        def link(activity: rec.Activity | None, figure: rec.Figure) -> str | None:
            if activity is None or id(activity) not in pk_of:
                return None
            return url_for(pk_of[id(activity)])

        return link


def _display(name: str, short_name: str) -> str:
    return short_name or name


def _edtf(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


DAY = Activity.DatePrecision.DAY
MONTH = Activity.DatePrecision.MONTH


def activity_dates(start: date, end: date | None, precision: str) -> tuple[str | None, str | None]:
    """An activity's EDTF start and end as far as they are known (null for an undated one)."""
    if precision == DAY:
        return _edtf(start), _edtf(end) if end is not None and end != start else None
    if precision == MONTH:
        last = end or start
        month_end = f"{last:%Y-%m}" if (last.year, last.month) != (start.year, start.month) else None
        return f"{start:%Y-%m}", month_end
    return None, None


def _combine_sums(sums: dict[tuple[int, bool, str, str | None], tot.Running]) -> list[tot.Total]:
    """Scope totals from running sums per library: a library's own figures of a key win over
    its activities' (see :func:`shuxiang.reports.totals.library_totals`), then libraries add up."""
    by_library: dict[int, tuple[dict, dict]] = {}
    for (library_id, own, unit, measure), running in sums.items():
        by_library.setdefault(library_id, ({}, {}))[1 if own else 0][(unit, measure)] = running
    return tot.combine(
        tot.prefer_own(tot.running_totals(from_activities), tot.running_totals(own))
        for from_activities, own in by_library.values()
    )


def _in_scope(qs, scope: Scope, prefix: str = "library__"):
    path = scope.path
    return qs.filter(**{f"{prefix}path__startswith": path}) if path is not None else qs


def _title(scope: Scope, body: str, lang: str) -> str:
    campaign = scope.campaign
    with translation.override("zh-hans" if lang == "zh" else "en"):
        return _("%(body)s: %(year)s %(campaign)s, summary of activities") % {
            "body": body,
            "year": campaign.start_date.year,
            "campaign": campaign.name,
        }


def build(scope: Scope, *, lang: str = "zh") -> Built:
    """The report record of ``scope`` (see the module docstring for what it holds)."""
    campaign = scope.campaign
    activities_qs = _in_scope(Activity.objects.filter(campaign=campaign), scope).exclude(status=CANCELLED)
    activity_rows = list(
        activities_qs.order_by("start_date", "id").values_list(
            "id",
            "kind",
            "title",
            "library_id",
            "library__name",
            "library__short_name",
            "start_date",
            "end_date",
            "venue",
            "date_precision",
        )
    )
    audiences: dict[int, list[str]] = {}
    for activity_id, group in (
        _in_scope(ActivityAudience.objects.filter(activity__campaign=campaign), scope, "activity__library__")
        .order_by("id")
        .values_list("activity_id", "group")
    ):
        audiences.setdefault(activity_id, []).append(group)
    partners: dict[int, list[str]] = {}
    for activity_id, name in (
        _in_scope(
            Activity.partners.through.objects.filter(activity__campaign=campaign),
            scope,
            "activity__library__",
        )
        .order_by("id")
        .values_list("activity_id", "organisation__name")
    ):
        partners.setdefault(activity_id, []).append(name)
    figure_rows = list(
        _in_scope(Figure.objects.filter(campaign=campaign), scope)
        .order_by("id")
        .values_list(
            "activity_id",
            "library_id",
            Cast("value", FloatField()),  # floats: Decimal conversion costs more than the query
            "qualifier",
            "unit",
            "measure",
            "source_text",
            "library__kind",
        )
    )
    media_rows = list(
        _in_scope(MediaCoverage.objects.filter(campaign=campaign), scope).values_list(
            "outlet", "library__path", "library__name", "library__short_name"
        )
    )
    library_rows = list(
        _in_scope(Participation.objects.filter(campaign=campaign), scope)
        .order_by("library__path", "library__name")
        .values_list("library_id", "library__name", "library__short_name", "library__path")
    )

    # Libraries: participants first (tree order), then any that recorded activities without joining.
    libraries: dict[int, str] = {pk: _display(name, short) for pk, name, short, _path in library_rows}
    for row in activity_rows:
        libraries.setdefault(row[3], _display(row[4], row[5]))

    figures_by_activity: dict[int, list[rec.Figure]] = {}
    own_figures: dict[int, list[rec.Figure]] = {}  # report-level figures per library
    # Running sums per (library, from its own figures?, unit, measure).
    sums: dict[tuple[int, bool, str, str | None], tot.Running] = {}
    # The compiled report's body's own figures (a bureau's city-wide totals), per (unit, measure).
    stated: list[rec.Figure] = []
    stated_sums: dict[tuple[str, str | None], tot.Running] = {}
    body = scope.body
    activity_ids = {row[0] for row in activity_rows}
    for activity_id, library_id, value, qualifier, unit, measure, text, owner_kind in figure_rows:
        measure = measure or None
        fig = rec.Figure(
            value=int(value) if value.is_integer() else value,
            qualifier=qualifier,
            unit=unit,
            measure=measure,
            text=text or None,
        )
        own = activity_id is None
        if own and owner_kind not in Organisation.LIBRARY_KINDS:
            # A bureau's report-wide figure: the compiled report of that bureau states it.
            # (Another bureau's inside the scope is left out rather than added to the libraries'.)
            if scope.kind != "library" and library_id == body.pk:
                stated.append(fig)
                stated_sums.setdefault((unit, measure), tot.Running()).add(value, qualifier)
            continue
        if own:
            own_figures.setdefault(library_id, []).append(fig)
        elif activity_id in activity_ids:  # not a cancelled activity's
            figures_by_activity.setdefault(activity_id, []).append(fig)
        else:
            continue
        key = (library_id, own, unit, measure)
        running = sums.get(key)
        if running is None:
            running = sums[key] = tot.Running()
        running.add(value, qualifier)

    activities: list[rec.Activity] = []
    pks: list[int] = []
    without_figures: list[MissingActivity] = []
    for pk, kind, title, _lib_id, lib_name, lib_short, start, end, venue, precision in activity_rows:
        library_name = _display(lib_name, lib_short)
        edtf_start, edtf_end = activity_dates(start, end, precision)
        activities.append(
            rec.Activity(
                kind=kind,
                title=title,
                library=library_name,
                start=edtf_start,
                end=edtf_end,
                venue=venue or None,
                partners=partners.get(pk, []),
                audience=audiences.get(pk, []),
                figures=figures_by_activity.get(pk, []),
            )
        )
        pks.append(pk)
        if pk not in figures_by_activity:
            without_figures.append(MissingActivity(pk, title, library_name, start))

    scope_totals = tot.prefer_own(_combine_sums(sums), tot.running_totals(stated_sums))
    if scope.kind == "library":
        report_figures = [f for figs in own_figures.values() for f in figs]
    else:
        stated_keys = set(stated_sums)
        report_figures = stated + [
            rec.Figure(value=tot.plain_number(t.value), qualifier=t.qualifier, unit=t.unit, measure=t.measure)
            for t in scope_totals
            if t.key not in stated_keys
        ]

    # A participant has coverage when it or one of its branches has (paths are tree prefixes).
    media_paths = [row[1] for row in media_rows]
    without_media = [
        (pk, _display(name, short))
        for pk, name, short, path in library_rows
        if not any(p.startswith(path) for p in media_paths)
    ]
    body_name = body.name
    issuer = campaign.issuer
    record = rec.Record(
        language=lang,
        title=_title(scope, body_name, lang),
        reporting_body=body_name,
        addressee=issuer.name if scope.kind != "campaign" and issuer.pk != body.pk else None,
        campaign=rec.Campaign(
            name=campaign.name,
            theme=campaign.theme or None,
            notice=campaign.notice_title or None,
            issuer=issuer.name,
            start=_edtf(campaign.start_date),
            end=_edtf(campaign.end_date),
        ),
        libraries=list(libraries.values()),
        activities=activities,
        figures=report_figures,
        media=[rec.Media(outlet=outlet, library=_display(n, s)) for outlet, _lib, n, s in media_rows],
    )
    return Built(
        record=record,
        scope=scope,
        activity_pks=pks,
        totals=scope_totals,
        libraries=list(libraries.items()),
        without_figures=without_figures,
        without_media=without_media,
    )


def library_record(campaign: Campaign, library: Organisation, *, lang: str = "zh") -> Built:
    """One library's report (its branches' activities included)."""
    return build(Scope(campaign, library=library), lang=lang)


def compiled_record(campaign: Campaign, *, under: Organisation | None = None, lang: str = "zh") -> Built:
    """The compiled report of every participating library, or of those under ``under``."""
    return build(Scope(campaign, under=under), lang=lang)


# --- year over year -------------------------------------------------------------------------


def previous_campaign(scope: Scope) -> Campaign | None:
    """The latest earlier campaign of the same name the scope took part in (one query)."""
    campaign = scope.campaign
    qs = Campaign.objects.filter(name=campaign.name, start_date__lt=campaign.start_date)
    if scope.kind == "campaign":
        qs = qs.filter(issuer_id=campaign.issuer_id)
    else:
        qs = qs.filter(participations__library__path__startswith=scope.path)
    return qs.select_related("issuer").order_by("-start_date", "-id").first()


def scope_totals(scope: Scope) -> tuple[list[tot.Total], int, int]:
    """Totals, activity count and library count of a scope, without building its record (3 queries)."""
    campaign = scope.campaign
    figures = _in_scope(Figure.objects.filter(campaign=campaign), scope).exclude(activity__status=CANCELLED)
    of_libraries: list[tuple[int | None, int, tot.Row]] = []
    stated: list[tot.Row] = []  # the compiled body's own figures, as in build()
    body_pk = scope.body.pk if scope.kind != "library" else None
    for activity_id, library_id, value, qualifier, unit, measure, owner_kind in figures.values_list(
        "activity_id", "library_id", "value", "qualifier", "unit", "measure", "library__kind"
    ):
        row = tot.Row(value, qualifier, unit, measure or None)
        if activity_id is None and owner_kind not in Organisation.LIBRARY_KINDS:
            if library_id == body_pk:
                stated.append(row)
            continue
        of_libraries.append((activity_id, library_id, row))
    libraries = set(
        _in_scope(Participation.objects.filter(campaign=campaign), scope).values_list("library_id", flat=True)
    )
    n_activities = (
        _in_scope(Activity.objects.filter(campaign=campaign), scope).exclude(status=CANCELLED).count()
    )
    result = tot.prefer_own(tot.scope_totals(of_libraries), tot.totals(stated))
    return result, n_activities, len(libraries | {library_id for _a, library_id, _r in of_libraries})


def _campaign_info(campaign: Campaign, n_activities: int, n_libraries: int) -> dict[str, object]:
    return {
        "name": campaign.name,
        "year": campaign.start_date.year,
        "start": _edtf(campaign.start_date),
        "end": _edtf(campaign.end_date),
        "activities": n_activities,
        "libraries": n_libraries,
    }


def comparison(built: Built) -> dict[str, object] | None:
    """This year against the latest earlier campaign of the same name (shape: docs/reports.md)."""
    scope = built.scope
    previous = previous_campaign(scope)
    if previous is None:
        return None
    prev_scope = Scope(previous, library=scope.library, under=scope.under)
    prev_totals, prev_activities, prev_libraries = scope_totals(prev_scope)
    before = {t.key: t for t in prev_totals}
    now = {t.key: t for t in built.totals}
    rows = []
    for key in dict.fromkeys([*now, *before]):
        cur, prev = now.get(key), before.get(key)
        change = change_pct = None
        if cur is not None and prev is not None:
            change = tot.plain_number(cur.value - prev.value)
            if prev.value:
                change_pct = round(float(100 * (cur.value - prev.value) / prev.value), 1)
        rows.append(
            {
                "unit": key[0],
                "measure": key[1],
                "previous": prev.as_figure() if prev else None,
                "current": cur.as_figure() if cur else None,
                "change": change,
                "change_pct": change_pct,
                "exact": bool(cur and prev and cur.qualifier == prev.qualifier == tot.EXACT),
            }
        )
    body = scope.library or scope.under
    result: dict[str, object] = {
        "scope": scope.kind,
        "library": body.display_name if body is not None else None,
        "previous": _campaign_info(previous, prev_activities, prev_libraries),
        "current": _campaign_info(scope.campaign, len(built.record.activities), len(built.libraries)),
        "rows": rows,
    }
    headline = _headline(rows)
    if headline is not None:  # the one-sentence form the renderer phrases
        result |= {
            "previous_year": previous.start_date.year,
            "current_year": scope.campaign.start_date.year,
            "previous_total": headline["previous"],
            "current_total": headline["current"],
            "unit": headline["unit"],
            "measure": headline["measure"],
        }
    return result


# Measures that count people taking part, best first: the headline of the comparison.
HEADLINE_MEASURES = ("participants", "attendees", "readers", None, "inquiries")


def _headline(rows: list[dict]) -> dict | None:
    """The row a one-sentence comparison should state: attendance in both years, the largest."""
    both = [r for r in rows if r["previous"] is not None and r["current"] is not None]
    people = [r for r in both if r["unit"] in {"person_time", "person"} and r["measure"] in HEADLINE_MEASURES]
    if people:
        return max(people, key=lambda r: (-HEADLINE_MEASURES.index(r["measure"]), r["current"]["value"]))
    return max(both, key=lambda r: r["current"]["value"]) if both else None
