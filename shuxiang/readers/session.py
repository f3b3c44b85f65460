"""Which reader this browser belongs to: kept in the Django session under one key.

Readers have no password: they sign in by creating an account or through their personal link,
and stay signed in on that browser. Views sign them in and out here; the site header reads
``signed_in`` to show "my sign-ups".
"""

from __future__ import annotations

from django.http import HttpRequest

from shuxiang.readers.models import Reader

SESSION_KEY = "shuxiang_reader_id"


def signed_in(request: HttpRequest) -> bool:
    """A reader is signed in on this browser (no query)."""
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SESSION_KEY))


def current_reader(request: HttpRequest) -> Reader | None:
    reader_id = request.session.get(SESSION_KEY)
    return Reader.objects.filter(pk=reader_id).first() if reader_id else None


def sign_in(request: HttpRequest, reader: Reader) -> None:
    """Sign ``reader`` in under a new session key, as ``django.contrib.auth.login`` does for users.

    A key set before sign-in (by another site, or on a shared phone) is worth nothing after it.
    """
    request.session.cycle_key()
    request.session[SESSION_KEY] = reader.pk


def sign_out(request: HttpRequest) -> bool:
    """Forget the reader on this browser, under a new session key; False if none was signed in.

    Only the reader's key goes: a staff user logged in on the same browser stays logged in.
    """
    if request.session.pop(SESSION_KEY, None) is None:
        return False
    request.session.cycle_key()
    return True
