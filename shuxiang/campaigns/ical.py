"""An iCalendar (RFC 5545) feed of a campaign's public activities, written by hand.

One VEVENT per activity with known days (undated ones, from old reports, are left out);
a slot repeated every day carries ``RRULE:FREQ=DAILY;COUNT=n``.
Activities without a time are all-day events (``VALUE=DATE``). Times are written in UTC.
Escaping and folding: ``shuxiang.ical``, shared with the reader's ticket.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.utils import timezone

from shuxiang.activities.models import Activity
from shuxiang.campaigns.models import Campaign
from shuxiang.ical import content, escape, utc


def _local(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=timezone.get_default_timezone())


def event_lines(activity: Activity, *, url: str, host: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:activity-{activity.pk}@{host}",
        f"DTSTAMP:{utc(activity.updated_at)}",
    ]
    if activity.daily_start_time is None:
        lines.append(f"DTSTART;VALUE=DATE:{activity.start_date:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{activity.last_date + dt.timedelta(days=1):%Y%m%d}")
    else:
        start = _local(activity.start_date, activity.daily_start_time)
        end_day = activity.start_date if activity.repeats_daily else activity.last_date
        end_time = activity.daily_end_time or activity.daily_start_time
        end = _local(end_day, end_time)
        lines.append(f"DTSTART:{utc(start)}")
        if end > start:
            lines.append(f"DTEND:{utc(end)}")
        if activity.repeats_daily:
            days = (activity.last_date - activity.start_date).days + 1
            lines.append(f"RRULE:FREQ=DAILY;COUNT={days}")
    lines.append(f"SUMMARY:{escape(activity.title)}")
    place = ", ".join(p for p in (activity.library.display_name, activity.venue) if p)
    if place:
        lines.append(f"LOCATION:{escape(place)}")
    if activity.description:
        lines.append(f"DESCRIPTION:{escape(activity.description)}")
    lines.append(f"URL:{url}")
    status = {"planned": "CONFIRMED", "done": "CONFIRMED", "cancelled": "CANCELLED"}[activity.status]
    lines.append(f"STATUS:{status}")
    lines.append("END:VEVENT")
    return lines


def campaign_calendar(
    campaign: Campaign, activities: Iterable[Activity], *, url_for: Callable[[Activity], str], host: str
) -> str:
    """The whole VCALENDAR text, CRLF line endings, folded lines."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//shuxiang//campaign calendar//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(str(campaign))}",
    ]
    for activity in activities:
        if not activity.dated:  # no day known: nothing a calendar could place
            continue
        lines.extend(event_lines(activity, url=url_for(activity), host=host))
    lines.append("END:VCALENDAR")
    return content(lines)
