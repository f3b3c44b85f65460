"""Turn a record's EDTF dates (2016-05-28, 20XX-05-28, 2016-05, null) into real dates within a campaign.

Old reports often write 20xx or no date at all. The campaign the record is
imported into knows the year and the week, so an unknown year is taken from it
and a missing date falls back to the campaign's start, each time with a note
saying what was assumed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

_EDTF = re.compile(r"^(?P<y>[0-9X]{4})(?:-(?P<m>[0-9X]{2})(?:-(?P<d>[0-9X]{2}))?)?$")


@dataclass
class ResolvedDates:
    start: dt.date
    end: dt.date | None
    notes: list[str] = field(default_factory=list)


def _known(part: str | None) -> int | None:
    return int(part) if part and "X" not in part else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_one(value: str | None, first: dt.date, last: dt.date) -> tuple[dt.date | None, str | None]:
    """One EDTF value read against a campaign running ``first``..``last``: (date or None, note or None)."""
    if not value:
        return None, None
    match = _EDTF.match(value)
    if not match:
        return None, _("%(value)s is not a date") % {"value": value}
    year, month, day = (_known(match.group(k)) for k in "ymd")
    if month is None:
        return None, _("%(value)s names no month") % {"value": value}
    if year is None:
        for candidate in dict.fromkeys((first.year, last.year)):
            date = _safe_date(candidate, month, day or 1)
            if date and first <= date <= last:
                break
        else:
            date = _safe_date(first.year, month, day or 1)
        if date is None:
            return None, _("%(value)s is not a date") % {"value": value}
        return date, _("%(value)s: the year is not written; %(year)s taken from the campaign") % {
            "value": value,
            "year": date.year,
        }
    if day is None:
        month_first = _safe_date(year, month, 1)
        if month_first is None:
            return None, _("%(value)s is not a date") % {"value": value}
        date = first if (first.year, first.month) == (year, month) else month_first
        return date, _("%(value)s: no day written; %(date)s used") % {"value": value, "date": date}
    return _safe_date(year, month, day), None


def resolve_dates(start: str | None, end: str | None, first: dt.date, last: dt.date) -> ResolvedDates:
    """Start and end for an imported activity, within the campaign (activities may not fall outside it).

    A missing start becomes the campaign's first day; a date outside the campaign is moved to
    its nearest day. Each assumption leaves a note.
    """
    notes: list[str] = []
    start_date, note = resolve_one(start, first, last)
    if note:
        notes.append(note)
    if start_date is None:
        start_date = first
        notes.append(_("no date in the report; the campaign's first day %(date)s used") % {"date": first})
    end_date, note = resolve_one(end, first, last)
    if note:
        notes.append(note)
    if end_date is not None and end_date < start_date:
        notes.append(
            _("end %(end)s is before the start %(start)s and was dropped")
            % {"end": end_date, "start": start_date}
        )
        end_date = None
    if not first <= start_date <= last:
        inside = first if start_date < first else last
        notes.append(
            _("%(date)s is outside the campaign (%(first)s to %(last)s); %(inside)s used")
            % {"date": start_date, "first": first, "last": last, "inside": inside}
        )
        start_date = inside
    if end_date is not None and end_date > last:
        notes.append(
            _("end %(date)s is after the campaign's last day; %(last)s used")
            % {"date": end_date, "last": last}
        )
        end_date = last
    if end_date is not None and end_date <= start_date:
        end_date = None
    return ResolvedDates(start=start_date, end=end_date, notes=notes)
