"""Reads for the campaign pages that need care: who takes part, and the dashboard's figures.

- Taking part: a staff member's organisation takes part in a campaign when a library at or
  under it joined (or, for a branch, the library above it did), and a bureau covers the
  campaigns it (or a bureau under it) issued. Only those campaigns get a dashboard link.
- The dashboard's totals are the library report's: the figures are chosen as
  :func:`shuxiang.reports.build.scope_totals` chooses them for a library's scope and summed
  by :mod:`shuxiang.reports.totals` (qualifiers joined: 300多 + 约200 is 约500), and they
  are written as the reports write them (:func:`shuxiang.render.phrases.figure_parts`).
  Both sum through :func:`shuxiang.reports.totals.scope_totals`; :func:`dashboard_figures` reads
  the figures in one query (the report's ``scope_totals`` takes three, counting activities and
  libraries too), and ``tests/campaigns/test_selectors.py`` holds the two equal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils.translation import pgettext

from shuxiang import vocab
from shuxiang.activities.models import Activity, Figure
from shuxiang.campaigns import services
from shuxiang.campaigns.models import Campaign, Participation
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation
from shuxiang.record import model as rec
from shuxiang.render import phrases
from shuxiang.reports import totals as tot

# --------------------------------------------------------------------------- taking part


def _path_ids(organisation: Organisation) -> list[int]:
    """The organisation's id and its ancestors' (its path), as :func:`services.is_participating` reads it."""
    return [int(part) for part in organisation.path.strip("/").split("/") if part] or [organisation.pk]


def _taking_part(root: Organisation) -> Q:
    participants = Participation.objects.filter(
        Q(library__path__startswith=root.path) | Q(library_id__in=_path_ids(root))
    ).values("campaign_id")
    return Q(issuer__path__startswith=root.path) | Q(pk__in=participants)


def campaigns_taken_part(user: permissions.AnyUser, campaigns: Iterable[Campaign]) -> set[int]:
    """The ids among ``campaigns`` the user's organisation takes part in or covers (one query)."""
    membership = permissions.membership_of(user)
    ids = [c.pk for c in campaigns]
    if membership is None or not ids:
        return set()
    qs = Campaign.objects.filter(_taking_part(membership.organisation), pk__in=ids)
    return set(qs.values_list("pk", flat=True))


def takes_part(user: permissions.AnyUser, campaign: Campaign) -> bool:
    """Whether the user's organisation takes part in (or covers) ``campaign``."""
    return campaign.pk in campaigns_taken_part(user, [campaign])


@dataclass(frozen=True)
class Standing:
    """Where one library stands in a campaign, from its participations (one query)."""

    joined: bool  # the library, or the library above a branch, has joined
    report: bool  # the library's report page answers for this user (reports.selectors.library_scope)


def standing(
    user: permissions.AnyUser, campaign: Campaign, library: Organisation, *, has_activities: bool
) -> Standing:
    """Whether ``library`` joined ``campaign`` and whether ``user`` may open its report.

    The report rule is :func:`shuxiang.reports.selectors.library_scope`'s: the user may edit the
    library, sees the campaign (their organisation issued it or a library under it joined), and
    the library or a branch under it joined or recorded activities. ``has_activities`` says
    whether the library itself has activities in the campaign (the dashboard has loaded them);
    a branch's activities alone are not looked up, so the link stays off rather than dead.
    """
    membership = permissions.membership_of(user)
    if membership is None:
        return Standing(joined=services.is_participating(campaign, library), report=False)
    root = membership.organisation
    rows = list(
        Participation.objects.filter(campaign=campaign)
        .filter(
            Q(library_id__in=_path_ids(library))
            | Q(library__path__startswith=library.path)
            | Q(library__path__startswith=root.path)
        )
        .values_list("library_id", "library__path")
    )
    ancestors = set(_path_ids(library))
    joined = any(library_id in ancestors for library_id, _path in rows)
    under_library = any(path.startswith(library.path) for _id, path in rows)
    visible = campaign.issuer.is_within(root) or any(path.startswith(root.path) for _id, path in rows)
    report = (
        library.is_library
        and permissions.can_edit_library(user, library)
        and visible
        and (under_library or has_activities)
    )
    return Standing(joined=joined, report=report)


# --------------------------------------------------------------------------- figures


def list_separator() -> str:
    """What goes between the names of a list in the active language: "、" in Chinese, ", " in English."""
    return pgettext("between the names of a list", ", ")


@dataclass(frozen=True)
class TotalRow:
    """One line of the dashboard's totals: the measure and the qualified sum as the reports write it."""

    total: tot.Total
    label: str  # the measure in the reader's language ("" when the figures name none)
    quantity: str  # number, qualifier and unit: 3000余份 / more than 3,000 leaflets


@dataclass(frozen=True)
class DashboardFigures:
    own: list[Figure]  # the library's campaign-wide figures (activity empty), as recorded
    totals: list[TotalRow]


_UNIT_ORDER = {unit.code: i for i, unit in enumerate(vocab.UNITS)}


def total_rows(totals: Iterable[tot.Total], lang: str) -> list[TotalRow]:
    """Totals as the dashboard lists them, by unit (vocabulary order) then measure."""
    rows = []
    for total in totals:
        figure = rec.Figure(
            value=tot.plain_number(total.value),
            qualifier=total.qualifier,
            unit=total.unit,
            measure=total.measure,
        )
        rows.append(
            TotalRow(
                total=total,
                label=phrases.measure_label(total.measure, lang),
                quantity=phrases.figure_parts(figure, lang).quantity,
            )
        )
    rows.sort(key=lambda r: (_UNIT_ORDER.get(r.total.unit, len(_UNIT_ORDER)), r.total.measure or ""))
    return rows


def dashboard_figures(campaign: Campaign, library: Organisation, *, lang: str) -> DashboardFigures:
    """The library's own campaign-wide figures and its totals, in one query.

    Chosen as the library's report chooses them (``reports.build.scope_totals`` on a library
    scope): the library's and its branches' figures, none of cancelled activities, none a
    service point or bureau recorded for itself; per library, its own figure of a unit and
    measure stands for its activities' (``totals.scope_totals``), then libraries add up.
    """
    figures = (
        Figure.objects.filter(campaign=campaign, library__path__startswith=library.path)
        .exclude(activity__status=Activity.Status.CANCELLED)
        .annotate(owner_kind=F("library__kind"))
        .order_by("id")
    )
    kept = [f for f in figures if f.activity_id is not None or f.owner_kind in Organisation.LIBRARY_KINDS]
    totals = tot.scope_totals((f.activity_id, f.library_id, f) for f in kept)
    own = [f for f in kept if f.activity_id is None and f.library_id == library.pk]
    return DashboardFigures(own=own, totals=total_rows(totals, lang))
