"""What a registration hands the reader: the QR code (segno) and an .ics calendar entry."""

from __future__ import annotations

import datetime as dt
import io

import segno

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


def _ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def ics(registration: Registration, *, now: dt.datetime | None = None) -> str:
    """An iCalendar (RFC 5545) file with one event: the session the reader signed up for."""
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
        f"DTSTAMP:{_ics_time(stamp)}",
        f"DTSTART:{_ics_time(start)}",
        f"DTEND:{_ics_time(end)}",
        f"SUMMARY:{_ics_escape(activity.title)}",
        f"LOCATION:{_ics_escape(activity.venue or activity.library.name)}",
        f"DESCRIPTION:{_ics_escape(registration.qr_payload)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
