"""Typed model of report-record/1: load (with validation), dump.

Validation has two layers. The JSON Schema shipped with the spec checks shape
and vocabularies; :func:`validate` adds what a schema cannot say (a figure value
below zero, a date such as 2016-13-40, an end before its start). Every problem
is reported with the path of the field that holds it, e.g.
``activities[2].figures[0].value: must not be negative``.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from shuxiang.vocab import SCHEMA_ID

_EDTF = re.compile(r"^(?P<y>[0-9X]{4})(-(?P<m>[0-9X]{2})(-(?P<d>[0-9X]{2}))?)?$")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class RecordError(ValueError):
    """A record that does not conform; ``problems`` lists ``(path, message)`` pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{path}: {message}" for path, message in problems))


@dataclass
class Figure:
    value: float
    qualifier: str = "exact"
    unit: str = "other"
    measure: str | None = None
    text: str | None = None


@dataclass
class Activity:
    kind: str
    title: str | None = None
    library: str | None = None
    start: str | None = None
    end: str | None = None
    venue: str | None = None
    partners: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Campaign:
    name: str | None = None
    theme: str | None = None
    notice: str | None = None
    issuer: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass
class Media:
    outlet: str
    library: str | None = None


@dataclass
class Record:
    language: str
    campaign: Campaign = field(default_factory=Campaign)
    title: str | None = None
    reporting_body: str | None = None
    addressee: str | None = None
    libraries: list[str] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)
    schema: str = SCHEMA_ID

    def all_figures(self) -> list[tuple[Activity | None, Figure]]:
        """Every figure with the activity that holds it (None for the report's own)."""
        pairs: list[tuple[Activity | None, Figure]] = [(None, f) for f in self.figures]
        for activity in self.activities:
            pairs.extend((activity, f) for f in activity.figures)
        return pairs


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of report-record/1, as shipped with the spec."""
    return json.loads(resources.files("shuxiang.record").joinpath("schema.json").read_text("utf-8"))


def _path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(record)"


def edtf_problem(value: str) -> str | None:
    """Why ``value`` is not a real EDTF day/month/year (None if it is)."""
    match = _EDTF.match(value)
    if not match:
        return f"{value!r} is not an EDTF date (YYYY, YYYY-MM or YYYY-MM-DD, X for unknown digits)"
    month, day = match.group("m"), match.group("d")
    if month and "X" not in month and not 1 <= int(month) <= 12:
        return f"{value!r} has no month {month}"
    if day and "X" not in day:
        limit = _DAYS_IN_MONTH[int(month) - 1] if month and "X" not in month else 31
        year = match.group("y")
        if month == "02" and "X" not in year and int(day) == 29 and not _is_leap(int(year)):
            limit = 28
        if not 1 <= int(day) <= limit:
            return f"{value!r} has no day {day} in that month"
    return None


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _semantic_problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []

    def check_dates(obj: dict[str, Any], where: list[Any]) -> None:
        for key in ("start", "end"):
            value = obj.get(key)
            if isinstance(value, str) and (why := edtf_problem(value)):
                problems.append((_path([*where, key]), why))
        start, end = obj.get("start"), obj.get("end")
        if (
            isinstance(start, str)
            and isinstance(end, str)
            and "X" not in start + end
            and len(start) == len(end)
            and end < start
        ):
            problems.append((_path([*where, "end"]), f"{end} is before the start {start}"))

    def check_figures(figures: list[Any], where: list[Any]) -> None:
        for i, fig in enumerate(figures):
            value = fig.get("value") if isinstance(fig, dict) else None
            if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
                problems.append((_path([*where, i, "value"]), "must not be negative"))

    campaign = data.get("campaign")
    if isinstance(campaign, dict):
        check_dates(campaign, ["campaign"])
    check_figures(data.get("figures") or [], ["figures"])
    for i, activity in enumerate(data.get("activities") or []):
        if isinstance(activity, dict):
            check_dates(activity, ["activities", i])
            check_figures(activity.get("figures") or [], ["activities", i, "figures"])
    return problems


@cache
def _fast_check() -> Any:
    """A compiled validator (fastjsonschema): ~50x quicker on the common case, a valid record."""
    import fastjsonschema

    compiled_schema = {k: v for k, v in schema().items() if k != "$id"}  # "$id" is no resolvable URI
    return fastjsonschema.compile(compiled_schema)


@cache
def _explaining_validator() -> Any:
    """jsonschema lists every problem with its path; used only once a record has failed."""
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


def _schema_problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    import fastjsonschema

    try:
        _fast_check()(data)
    except fastjsonschema.JsonSchemaException:
        errors = _explaining_validator().iter_errors(data)
        return [
            (_path(err.absolute_path), err.message)
            for err in sorted(errors, key=lambda e: list(map(str, e.absolute_path)))
        ]
    return []


def validate(data: Any) -> None:
    """Raise :class:`RecordError` naming every field of ``data`` that breaks report-record/1."""
    if not isinstance(data, dict):
        raise RecordError([("(record)", "a record is a JSON object")])
    problems = _schema_problems(data) + _semantic_problems(data)
    if problems:
        raise RecordError(problems)


def _figure(data: dict[str, Any]) -> Figure:
    return Figure(
        value=data["value"],
        qualifier=data.get("qualifier", "exact"),
        unit=data.get("unit", "other"),
        measure=data.get("measure"),
        text=data.get("text"),
    )


def load(data: dict[str, Any]) -> Record:
    """A validated :class:`Record` from parsed JSON."""
    validate(data)
    campaign = data.get("campaign") or {}
    return Record(
        schema=data["schema"],
        language=data["language"],
        title=data.get("title"),
        reporting_body=data.get("reporting_body"),
        addressee=data.get("addressee"),
        campaign=Campaign(**{k: campaign.get(k) for k in Campaign.__dataclass_fields__}),
        libraries=list(data.get("libraries") or []),
        activities=[
            Activity(
                kind=a["kind"],
                title=a.get("title"),
                library=a.get("library"),
                start=a.get("start"),
                end=a.get("end"),
                venue=a.get("venue"),
                partners=list(a.get("partners") or []),
                audience=list(a.get("audience") or []),
                figures=[_figure(f) for f in a.get("figures") or []],
            )
            for a in data.get("activities") or []
        ],
        figures=[_figure(f) for f in data.get("figures") or []],
        media=[Media(outlet=m["outlet"], library=m.get("library")) for m in data.get("media") or []],
    )


def loads(text: str) -> Record:
    """A validated :class:`Record` from JSON text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError([("(record)", f"not JSON: {exc}")]) from exc
    return load(data)


def dump(record: Record) -> dict[str, Any]:
    """The record as plain JSON data, keys in the spec's order."""
    data = asdict(record)
    ordered = {"schema": data.pop("schema"), "language": data.pop("language"), "title": data.pop("title")}
    ordered.update(data)
    for figure_list in [ordered["figures"], *(a["figures"] for a in ordered["activities"])]:
        for fig in figure_list:
            value = fig["value"]
            if isinstance(value, float) and value.is_integer():
                fig["value"] = int(value)
    return ordered


def dumps(record: Record, *, indent: int | None = 2) -> str:
    """The record as JSON text (UTF-8, Chinese kept readable)."""
    return json.dumps(dump(record), ensure_ascii=False, indent=indent)
