"""API tokens: a bearer key per script or integration, stored only as a hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "sx_"

# How long a token works, at most and by default. A leaked key stops working on its own a year
# later at the latest; a script's owner makes a new one (signed in) when it runs out.
TOKEN_LIFETIME_DAYS = 365


def default_token_expiry() -> dt.datetime:
    """A year from now: new tokens by default, and tokens made before expiry existed (migration)."""
    return timezone.now() + dt.timedelta(days=TOKEN_LIFETIME_DAYS)


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_token_key() -> str:
    """A random bearer key; shown to its owner once, never stored in clear."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. a script."))
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("first characters"), max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(
        _("expires at"), default=default_token_expiry, help_text=_("The token is refused from then on.")
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"
