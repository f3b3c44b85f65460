"""iCalendar (RFC 5545) text helpers shared by every calendar file shuxiang writes.

The campaign feed (``campaigns/ical.py``) and the reader's ticket (``readers/tickets.py``)
both write their lines by hand; this module is the one place that makes a value safe to
put on a line and a line safe to put in a file. No Django import: a pure helper.
"""

from __future__ import annotations

import datetime as dt
import re

# Everything a lenient parser (or Python's str.splitlines) may take for the end of a line:
# CRLF, LF, CR, VT, FF, FS/GS/RS, NEL, LINE and PARAGRAPH SEPARATOR. Each becomes an
# escaped newline, so a title can never start a property of its own (URL:, BEGIN:VALARM...).
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Other control characters are not allowed in a TEXT value (RFC 5545 3.1: CTL except HTAB).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, ``;`` and ``,`` escaped, line breaks as ``\\n``."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL.sub("", _LINE_BREAK.sub("\\\\n", text))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += width
    out.append(current)
    return "\r\n".join(out)


def content(lines: list[str]) -> str:
    """The file's text: each line folded, every line ending in CRLF."""
    return "".join(fold(line) + "\r\n" for line in lines)


def utc(moment: dt.datetime) -> str:
    """A DATE-TIME in UTC (``20160528T090000Z``)."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
