"""Writes on API tokens: issue one (the key is returned once) and revoke it."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuxiang.activities.validation import check_text
from shuxiang.api.models import ApiToken, hash_token, new_token_key
from shuxiang.orgs import permissions
from shuxiang.orgs.services import record_audit

User = AbstractBaseUser | AnonymousUser


def issue_token(*, name: str, acting_user: User) -> tuple[ApiToken, str]:
    """A new token for ``acting_user`` (staff only); returns the row and the clear key, shown once."""
    membership = permissions.membership_of(acting_user)
    if membership is None:
        raise PermissionDenied(_("Only library and bureau staff may use the API."))
    if not name.strip():
        raise ValidationError({"name": [_("Say what the token is for.")]})
    errors: dict[str, list[str]] = {}
    check_text(errors, "name", name, limit=None)  # a NUL PostgreSQL cannot store; longer is cut below
    if errors:
        raise ValidationError(errors)
    key = new_token_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=acting_user, name=name.strip()[:100], key_hash=hash_token(key), hint=key[:8]
        )
        record_audit("api_token.create", token, acting_user=acting_user, organisation=membership.organisation)
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
    """The active user a bearer key belongs to, or None; notes when the token was last used."""
    token = (
        ApiToken.objects.filter(key_hash=hash_token(key), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
