"""Turn a record's EDTF dates (2016-05-28, 20XX-05-28, 2016-05, null) into an activity's dates.

Nothing is invented (see docs/import.md, "Dates"):

- a missing date stays unknown: the activity spans the campaign (start and end are the
  campaign's first and last days) with ``date_precision`` ``none``, and pages say "during the
  campaign" instead of showing a day;
- a month alone (2016-05) spans that month with ``date_precision`` ``month``;
- a year written 20XX takes the year the record gives its own campaign when it gives one
  (2016-05-27 there, 20XX-05-28 here: 2016); when the record's campaign dates have no year
  either (20XX or none at all), the campaign it is imported into is the only source, and its
  year is used (the importer chose that campaign);
- dates outside the campaign are kept as written (a report may tell of a talk held a week
  before the campaign): the import passes ``allow_outside_campaign`` to the service.

Every assumption leaves a note.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from shuxiang.activities.models import Activity

_EDTF = re.compile(r"^(?P<y>[0-9X]{4})(?:-(?P<m>[0-9X]{2})(?:-(?P<d>[0-9X]{2}))?)?$")

Precision = Activity.DatePrecision


@dataclass
class ResolvedDates:
    start: dt.date
    end: dt.date | None
    precision: str = Precision.DAY
    notes: list[str] = field(default_factory=list)
    outside: bool = False  # no day of start..end falls within the campaign


def _known(part: str | None) -> int | None:
    return int(part) if part and "X" not in part else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def known_year(value: str | None) -> int | None:
    """The year of an EDTF value if it is written (2016-05-27 -> 2016; 20XX-05-27, None -> None)."""
    match = _EDTF.match(value or "")
    return _known(match.group("y")) if match else None


def resolve_one(
    value: str | None, first: dt.date, last: dt.date, *, record_year: int | None = None
) -> tuple[dt.date | None, str, str | None]:
    """One EDTF value read against a campaign running ``first``..``last``.

    Returns (date or None, precision ``day`` or ``month``, note or None). ``record_year`` is the
    year the record gives its own campaign (None when it writes none).
    """
    if not value:
        return None, Precision.NONE, None
    match = _EDTF.match(value)
    if not match:
        return None, Precision.NONE, _("%(value)s is not a date") % {"value": value}
    year, month, day = (_known(match.group(k)) for k in "ymd")
    if month is None:
        return None, Precision.NONE, _("%(value)s names no month") % {"value": value}
    notes: list[str] = []
    if year is None:
        if record_year is not None:
            year = record_year
            notes.append(
                _("%(value)s: the year is not written; %(year)s taken from the report's campaign dates")
                % {"value": value, "year": year}
            )
        else:
            year = first.year
            for candidate in dict.fromkeys((first.year, last.year)):
                date = _safe_date(candidate, month, day or 1)
                if date and first <= date <= last:
                    year = candidate
                    break
            notes.append(
                _(
                    "%(value)s: the report writes no year anywhere; %(year)s taken from the "
                    "campaign it was imported into"
                )
                % {"value": value, "year": year}
            )
    if day is None:
        date = _safe_date(year, month, 1)
        if date is None:
            return None, Precision.NONE, _("%(value)s is not a date") % {"value": value}
        notes.append(_("%(value)s: only the month is written") % {"value": value})
        return date, Precision.MONTH, "; ".join(notes)
    date = _safe_date(year, month, day)
    if date is None:
        return None, Precision.NONE, _("%(value)s is not a date") % {"value": value}
    return date, Precision.DAY, "; ".join(notes) or None


def resolve_dates(
    start: str | None,
    end: str | None,
    first: dt.date,
    last: dt.date,
    *,
    record_year: int | None = None,
) -> ResolvedDates:
    """Start, end and precision for an imported activity of a campaign running ``first``..``last``."""
    notes: list[str] = []
    start_date, precision, note = resolve_one(start, first, last, record_year=record_year)
    if note:
        notes.append(note)
    if start_date is None:
        notes.append(_("no date in the report: shown as during the campaign, no day assumed"))
        return ResolvedDates(
            start=first, end=last if last != first else None, precision=Precision.NONE, notes=notes
        )
    end_date, end_precision, note = resolve_one(end, first, last, record_year=record_year)
    if note:
        notes.append(note)
    if end_date is not None and end_precision == Precision.MONTH:
        end_date = _month_end(end_date)
    if end_date is None and precision == Precision.MONTH:
        end_date = _month_end(start_date)
    if end_date is not None and end_date < start_date:
        notes.append(
            _("end %(end)s is before the start %(start)s and was dropped")
            % {"end": end_date, "start": start_date}
        )
        end_date = _month_end(start_date) if precision == Precision.MONTH else None
    if end_date is not None and end_date <= start_date:
        end_date = None
    outside = start_date > last or (end_date or start_date) < first
    if outside:
        notes.append(
            _("%(date)s is outside the campaign (%(first)s to %(last)s); kept as the report writes it")
            % {"date": start_date, "first": first, "last": last}
        )
    return ResolvedDates(start=start_date, end=end_date, precision=precision, notes=notes, outside=outside)
