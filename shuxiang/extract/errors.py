"""The one error extraction raises: a message fit for a person, never a traceback."""

from __future__ import annotations


class ExtractError(ValueError):
    """A file or text that cannot be read as a report; the message says why in one line."""
