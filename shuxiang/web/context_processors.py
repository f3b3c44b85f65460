"""Template context for every page: the header's links (shuxiang.web.navigation.header_state)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from shuxiang.web.navigation import header_state


def navigation(request: HttpRequest) -> dict[str, object]:
    """``nav``: computed when a template first reads it (a JSON view renders no header)."""
    return {"nav": SimpleLazyObject(lambda: header_state(request))}
