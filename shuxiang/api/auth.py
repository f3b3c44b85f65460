"""Who is calling: a bearer token, or the browser's session (with CSRF on writes), or nobody.

Ninja tries the callbacks in order. A request that carries an ``Authorization`` header
with a bad token gets 401 at once rather than falling back to the session. The session
callback checks CSRF only for a signed-in user, so an anonymous write gets 401, not a
misleading CSRF 403.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from shuxiang.api.services import user_for_key


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any | None:
        if "Authorization" in request.headers:
            result = super().__call__(request)
            if result is None:
                raise AuthenticationError(401, "Invalid or revoked token.")
            return result
        return None

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_key(token)
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


def anonymous(request: HttpRequest) -> bool:
    """Lets public reads through without credentials; ``request.user`` stays anonymous."""
    return True


WRITE_AUTH = [TokenAuth(), SessionAuth()]
READ_AUTH = [TokenAuth(), SessionAuth(), anonymous]
