"""What a registration hands the reader: the QR code (segno) and an .ics calendar entry."""

from __future__ import annotations

import datetime as dt
import io

import segno

from shuxiang.ical import content, escape, utc
from shuxiang.readers.models import Registration


def qr_code(registration: Registration) -> segno.QRCode:
    """The QR code of ``registration``: its versioned random token (``SX1:<token>``), never a key."""
    return segno.make(registration.qr_payload, error="m", micro=False)


def qr_svg(registration: Registration, scale: int = 6) -> str:
    return qr_code(registration).svg_inline(scale=scale, title=registration.qr_payload)


def qr_png(registration: Registration, scale: int = 6) -> bytes:
    out = io.BytesIO()
    qr_code(registration).save(out, kind="png", scale=scale)
    return out.getvalue()


def ics(registration: Registration, *, now: dt.datetime | None = None) -> str:
    """An iCalendar (RFC 5545) file with one event: the session the reader signed up for.

    Escaped and folded by ``shuxiang.ical``, as the campaign feed is: a line break in a title
    or venue stays inside its value and can never start a line of its own.
    """
    session = registration.session
    activity = registration.activity
    start = session.starts_at
    end = session.ends_at or start + dt.timedelta(hours=1)
    stamp = now or dt.datetime.now(dt.UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//shuxiang//readers//EN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{registration.token}@shuxiang",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(start)}",
        f"DTEND:{utc(end)}",
        f"SUMMARY:{escape(activity.title)}",
        f"LOCATION:{escape(activity.venue or activity.library.name)}",
        f"DESCRIPTION:{escape(registration.qr_payload)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return content(lines)
