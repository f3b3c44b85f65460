"""Who is calling: a bearer token, or the browser's session (with CSRF on writes), or nobody.

Ninja tries the callbacks in order. A request that carries an ``Authorization`` header
with a bad, revoked or expired token gets 401 at once (saying which) rather than falling back to
the session. The session callback checks CSRF only for a signed-in user, so an anonymous write
gets 401, not a misleading CSRF 403.

Making a token (``POST /api/tokens``) takes the session alone (:data:`SESSION_ONLY_AUTH`): a
token cannot make tokens, so a leaked one cannot outlive its own expiry or revocation.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from shuxiang.api.services import TokenExpired, user_for_key


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any | None:
        if "Authorization" in request.headers:
            try:
                result = super().__call__(request)
            except TokenExpired as exc:
                when = timezone.localtime(exc.expires_at).isoformat(timespec="minutes")
                raise AuthenticationError(
                    401,
                    _("This token expired at %(when)s. Sign in and make a new one.") % {"when": when},
                ) from None
            if result is None:
                raise AuthenticationError(401, _("Invalid or revoked token."))
            return result
        return None

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_key(token)  # raises TokenExpired
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """Django's session; unsafe methods need the CSRF token (header ``X-CSRFToken``)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)  # checked below, only once the user is known

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header.")
        return user


class NoToken:
    """Refuses a request that brings a bearer token where only a signed-in session will do (403)."""

    def __call__(self, request: HttpRequest) -> Any | None:
        if "Authorization" in request.headers:
            raise HttpError(403, _("A token cannot make tokens: sign in and make one from your session."))
        return None


def anonymous(request: HttpRequest) -> bool:
    """Lets public reads through without credentials; ``request.user`` stays anonymous."""
    return True


WRITE_AUTH = [TokenAuth(), SessionAuth()]
READ_AUTH = [TokenAuth(), SessionAuth(), anonymous]
SESSION_ONLY_AUTH = [NoToken(), SessionAuth()]
