"""Whole numbers sent in forms and query strings (ids, counts), read safely.

``str.isdigit`` is not the check: it accepts "²" and "١٢", which ``int`` then refuses (a 500),
and any length, which PostgreSQL's bigint then refuses (a 500 again).
"""

from __future__ import annotations

BIGINT_DIGITS = 18  # every 18-digit number fits PostgreSQL's bigint


def whole_number(value: object) -> int | None:
    """``value`` as a non-negative int if it is written with ASCII digits only (surrounding spaces
    allowed), else None ("abc", "1x", "", "²", a 19-digit number)."""
    text = str(value if value is not None else "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > BIGINT_DIGITS:
        return None
    return int(text)
