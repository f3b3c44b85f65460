"""Writes on API tokens: issue one (the key is returned once) and revoke it; and which user a key is."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuxiang.api.models import TOKEN_LIFETIME_DAYS, ApiToken, hash_token, new_token_key
from shuxiang.orgs import permissions
from shuxiang.orgs.services import record_audit
from shuxiang.web.validation import add_error, check_text, max_length

User = AbstractBaseUser | AnonymousUser


class TokenExpired(Exception):
    """A known, unrevoked key whose ``expires_at`` has passed (the API answers 401 saying so)."""

    def __init__(self, expires_at: dt.datetime) -> None:
        super().__init__(expires_at)
        self.expires_at = expires_at


def issue_token(
    *, name: str, acting_user: User, expires_in_days: int = TOKEN_LIFETIME_DAYS
) -> tuple[ApiToken, str]:
    """A new token for ``acting_user`` (staff only); returns the row and the clear key, shown once.

    The token works for ``expires_in_days`` days (1 to ``TOKEN_LIFETIME_DAYS``). Over the API only a
    signed-in session may call this (``shuxiang.api.tokens``): a token cannot make tokens.
    """
    membership = permissions.membership_of(acting_user)
    if membership is None:
        raise PermissionDenied(_("Only library and bureau staff may use the API."))
    errors: dict[str, list[str]] = {}
    if not name.strip():
        add_error(errors, "name", _("Say what the token is for."))
    else:
        check_text(errors, "name", name.strip(), max_length(ApiToken, "name"))
    if isinstance(expires_in_days, bool) or not 1 <= expires_in_days <= TOKEN_LIFETIME_DAYS:
        add_error(
            errors,
            "expires_in_days",
            _("A token works for 1 to %(limit)s days.") % {"limit": TOKEN_LIFETIME_DAYS},
        )
    if errors:
        raise ValidationError(errors)
    key = new_token_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=acting_user,
            name=name.strip(),
            key_hash=hash_token(key),
            hint=key[:8],
            expires_at=timezone.now() + dt.timedelta(days=expires_in_days),
        )
        record_audit(
            "api_token.create",
            token,
            acting_user=acting_user,
            organisation=membership.organisation,
            data={"expires_at": token.expires_at.isoformat()},
        )
    return token, key


def revoke_token(token: ApiToken, *, acting_user: User) -> ApiToken:
    """Revoke one of the user's own tokens; revoking twice is a no-op."""
    if token.user_id != getattr(acting_user, "pk", None):
        raise PermissionDenied(_("You may revoke only your own tokens."))
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record_audit("api_token.revoke", token, acting_user=acting_user)
    return token


def user_for_key(key: str) -> AbstractBaseUser | None:
    """The active user a bearer key belongs to, or None; notes when the token was last used.

    Raises :class:`TokenExpired` for a key that was good until its ``expires_at``.
    """
    token = (
        ApiToken.objects.filter(key_hash=hash_token(key), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.expires_at <= now:
        raise TokenExpired(token.expires_at)
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
