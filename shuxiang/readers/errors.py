"""The readers app's refusal, in a module of its own so that every module of the app can raise it."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class SignupError(ValidationError):
    """A sign-up (or staff change) refused with a message a person can act on."""
