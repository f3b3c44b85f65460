"""What the templates see: the record arranged the way a summary report tells it.

Activities are grouped by kind (in the vocabulary's order: publicity first, then
consultation, card drives, exhibitions ...), and inside a kind by the library that
ran them, so one library's activities of a kind read as one run ("苍溪馆于……；
该馆还于……"). A large group is split into one paragraph per library.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from shuxiang.record.model import Activity, Figure, Record
from shuxiang.render.phrases import kind_label, ordinal, year_of
from shuxiang.vocab import ACTIVITY_KINDS, QUALIFIER_CODES, UNIT_CODES

# A kind with more activities than this gets one paragraph per library.
PARAGRAPH_LIMIT = 8
# ... and a library's run is cut into paragraphs of at most this many activities (readable,
# and ReportLab wraps a paragraph in more than linear time).
RUN_LIMIT = 12


@dataclass
class Item:
    """One activity in a paragraph."""

    activity: Activity
    subject: str  # who ran it, as written; "" when the record does not say
    again: bool  # the same doer as the sentence before it


@dataclass
class KindGroup:
    code: str
    label: str
    number: str  # （一） / (1)
    paragraphs: list[list[Item]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(p) for p in self.paragraphs)


@dataclass
class MediaGroup:
    library: str | None
    outlets: list[str]


def _runs(activities: list[Activity], fallback: str) -> list[list[Activity]]:
    """Activities of one kind, gathered by doer in order of first appearance."""
    runs: dict[str, list[Activity]] = {}
    for activity in activities:
        runs.setdefault(activity.library or fallback, []).append(activity)
    return list(runs.values())


def _paragraph(run: list[Activity], fallback: str) -> list[Item]:
    items, previous = [], None
    for activity in run:
        subject = activity.library or fallback
        items.append(Item(activity, subject, again=bool(subject) and subject == previous))
        previous = subject
    return items


def kind_groups(record: Record, lang: str) -> list[KindGroup]:
    fallback = record.reporting_body or ""
    by_kind: dict[str, list[Activity]] = {}
    for activity in record.activities:
        by_kind.setdefault(activity.kind, []).append(activity)
    order = [t.code for t in ACTIVITY_KINDS] + sorted(set(by_kind) - {t.code for t in ACTIVITY_KINDS})
    groups = []
    for code in order:
        if code not in by_kind:
            continue
        group = KindGroup(code, kind_label(code, lang), ordinal(len(groups) + 1, lang, level=2))
        runs = _runs(by_kind[code], fallback)
        if len(by_kind[code]) <= PARAGRAPH_LIMIT:
            group.paragraphs.append(_paragraph([a for run in runs for a in run], fallback))
        else:
            for run in runs:
                for start in range(0, len(run), RUN_LIMIT):
                    group.paragraphs.append(_paragraph(run[start : start + RUN_LIMIT], fallback))
        groups.append(group)
    return groups


def media_groups(record: Record) -> list[MediaGroup]:
    groups: dict[str | None, list[str]] = {}
    for media in record.media:
        outlets = groups.setdefault(media.library, [])
        if media.outlet not in outlets:
            outlets.append(media.outlet)
    return [MediaGroup(library, outlets) for library, outlets in groups.items()]


def libraries(record: Record) -> list[str]:
    """The record's libraries, plus any doer of an activity it forgot to list."""
    names = list(record.libraries)
    seen = set(names)
    for activity in record.activities:
        if activity.library and activity.library not in seen:
            names.append(activity.library)
            seen.add(activity.library)
    return names


def _comparison_figure(value: Any, defaults: Mapping[str, Any]) -> Figure | None:
    if value is None:
        return None
    if isinstance(value, Figure):
        return value
    if isinstance(value, Mapping):
        data = {**defaults, **value}
    elif isinstance(value, int | float) and not isinstance(value, bool):
        data = {**defaults, "value": value}
    else:
        raise ValueError(f"extra.comparison: a total must be a number or a figure object, not {value!r}")
    qualifier = data.get("qualifier", "exact")
    unit = data.get("unit", "person")
    if qualifier not in QUALIFIER_CODES or unit not in UNIT_CODES:
        raise ValueError(f"extra.comparison: unknown qualifier or unit in {value!r}")
    return Figure(value=data["value"], qualifier=qualifier, unit=unit, measure=data.get("measure"))


def comparison(extra: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """``extra["comparison"]`` as figures the templates phrase, or None when absent.

    Accepted shape: ``{"previous_year": 2015, "previous_total": 8000 | {figure},
    "current_total": 10000 | {figure}, "current_year": 2016 (optional),
    "unit": "person", "measure": "participants"}`` (unit and measure apply to bare numbers).
    """
    data = (extra or {}).get("comparison")
    if not data:
        return None
    defaults = {"unit": data.get("unit", "person"), "measure": data.get("measure", "participants")}
    previous = _comparison_figure(data.get("previous_total"), defaults)
    if previous is None or data.get("previous_year") is None:
        return None
    return {
        "previous_year": data["previous_year"],
        "current_year": data.get("current_year"),
        "previous": previous,
        "current": _comparison_figure(data.get("current_total"), defaults),
        "library": data.get("library"),
    }


def build(record: Record, lang: str, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The template context for ``record`` in ``lang``."""
    extra = extra or {}
    return {
        "lang": lang,
        "record": record,
        "campaign": record.campaign,
        "title": record.title,
        "addressee": record.addressee,
        "reporting_body": record.reporting_body,
        "ref_year": year_of(record.campaign.start) or year_of(record.campaign.end),
        "libraries": libraries(record),
        "groups": kind_groups(record, lang),
        "n_activities": len(record.activities),
        "totals": record.figures,
        "media_groups": media_groups(record),
        "comparison": comparison(extra),
        "report_date": extra.get("date"),
        "extra": extra,
    }
