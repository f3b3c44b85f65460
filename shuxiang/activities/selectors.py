"""Reads that need care: which activities a page may show, fetched in a fixed number of queries."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db.models import Prefetch, Q, QuerySet

from shuxiang import vocab
from shuxiang.activities.models import Activity, ActivityAudience, Figure
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation
from shuxiang.web.params import whole_number


@dataclasses.dataclass(frozen=True)
class ActivityFilters:
    """The public filters of a campaign page, read leniently from GET parameters."""

    library: int | None = None
    kind: str = ""
    audience: str = ""
    date: dt.date | None = None

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> ActivityFilters:
        library = params.get("library", "")
        kind = params.get("kind", "")
        audience = params.get("audience", "")
        try:
            date = dt.date.fromisoformat(params.get("date", ""))
        except ValueError:
            date = None
        return cls(
            library=whole_number(library),
            kind=kind if kind in vocab.KIND_CODES else "",
            audience=audience if audience in vocab.AUDIENCE_CODES else "",
            date=date,
        )

    @property
    def active(self) -> bool:
        return bool(self.library or self.kind or self.audience or self.date)

    def apply(self, qs: QuerySet[Activity]) -> QuerySet[Activity]:
        if self.library:
            qs = qs.filter(library_id=self.library)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.audience:
            qs = qs.filter(audiences__group=self.audience)
        if self.date:  # what is known to happen that day: undated activities are not
            qs = overlapping(qs.filter(date_precision=Activity.DatePrecision.DAY), self.date, self.date)
        return qs


def overlapping(qs: QuerySet[Activity], first: dt.date, last: dt.date) -> QuerySet[Activity]:
    """Activities taking place on at least one day of ``first``..``last``."""
    return qs.filter(start_date__lte=last).filter(
        Q(end_date__gte=first) | Q(end_date__isnull=True, start_date__gte=first)
    )


def with_listing_data(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    """What a list row shows: library and audiences, in two queries whatever the length."""
    return qs.select_related("library", "campaign").prefetch_related(
        Prefetch("audiences", queryset=ActivityAudience.objects.order_by("group"))
    )


def public_activities(campaign: Campaign | None = None) -> QuerySet[Activity]:
    """Activities the public may see: never internal ones."""
    qs = Activity.objects.filter(visibility=Activity.Visibility.PUBLIC)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs


def may_see_activity(user: permissions.AnyUser, activity: Activity) -> bool:
    """Public activities are for everyone; internal ones (and their photos) for the library's staff."""
    return activity.visibility == Activity.Visibility.PUBLIC or permissions.can_read_library(
        user, activity.library
    )


def shown_figures(user: permissions.AnyUser, activity: Activity) -> list[Figure]:
    """The figures of ``activity`` that ``user`` may read: all of them, or none.

    Figures are staff-only while they are in progress (with their notes and the phrases they were
    read from): the staff who may read the library see them at any time, everyone else once the
    activity is done. The activity page and ``GET /api/activities/{id}`` both ask here.
    """
    if activity.status == Activity.Status.DONE or permissions.can_read_library(user, activity.library):
        return list(activity.figures.all())
    return []


def campaign_libraries(campaign: Campaign) -> QuerySet[Organisation]:
    return Organisation.objects.filter(participations__campaign=campaign).order_by("path")


@dataclasses.dataclass
class CalendarDay:
    date: dt.date
    in_month: bool
    in_campaign: bool
    activities: list[Activity]


def month_grid(
    year: int, month: int, activities: Iterable[Activity], campaign: Campaign
) -> list[list[CalendarDay]]:
    """Weeks (Monday first) of ``month``, each day with the activities held on it.

    Activities without known days are on no day (see :func:`without_days`).
    """
    by_day: dict[dt.date, list[Activity]] = defaultdict(list)
    for activity in activities:
        if not activity.dated:
            continue
        day = activity.start_date
        while day <= activity.last_date:
            by_day[day].append(activity)
            day += dt.timedelta(days=1)
    for day_activities in by_day.values():
        day_activities.sort(key=lambda a: (a.daily_start_time or dt.time.min, a.pk))
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [
            CalendarDay(
                date=day,
                in_month=day.month == month,
                in_campaign=campaign.start_date <= day <= campaign.end_date,
                activities=by_day.get(day, []),
            )
            for day in week
        ]
        for week in weeks
    ]


def without_days(activities: Iterable[Activity]) -> list[Activity]:
    """Activities whose days are not known (undated, or a month alone), listed once on a calendar."""
    return [a for a in activities if not a.dated]


def group_by_day(activities: Iterable[Activity]) -> list[tuple[dt.date | None, list[Activity]]]:
    """Activities grouped by their first day, in date order; those without known days last, under None."""
    days: dict[dt.date, list[Activity]] = defaultdict(list)
    undated: list[Activity] = []
    for activity in activities:
        if activity.dated:
            days[activity.start_date].append(activity)
        else:
            undated.append(activity)
    grouped: list[tuple[dt.date | None, list[Activity]]] = list(sorted(days.items()))
    if undated:
        grouped.append((None, undated))
    return grouped
