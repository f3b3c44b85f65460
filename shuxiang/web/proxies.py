"""The client's address behind reverse proxies, for login throttling (django-axes).

Behind nginx every request comes from nginx's address: throttling by that address would let
five wrong passwords from anyone lock an account for everyone. Each proxy appends the address it
received the request from to ``X-Forwarded-For``; with ``settings.PROXIES`` proxies of ours in
front, the entry the outermost one wrote is the client. Entries before it are the client's own
to write, so they are never trusted.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address the outermost of our proxies saw; ``REMOTE_ADDR`` with no proxies (or too few entries)."""
    remote = request.META.get("REMOTE_ADDR")
    if not settings.PROXIES:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < settings.PROXIES:
        return remote
    return forwarded[-settings.PROXIES]
