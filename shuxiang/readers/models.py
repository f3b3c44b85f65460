"""Readers, their sign-ups for sessions, the seats those sign-ups hold, and library cards.

Seat allocation (see docs/readers.md): every limited session has one ``Seating`` row
(capacity, the cheap ``full`` flag) and ``capacity`` pre-created ``Seat`` rows. A sign-up
claims free seats with ``SELECT ... FOR UPDATE SKIP LOCKED LIMIT n``, so concurrent
sign-ups take different seats instead of queueing on one counter; once ``full`` is set,
a sign-up only inserts a waiting registration and takes no lock at all. Waiting-list
positions are not stored: a position is the rank of the registration's id among the
session's waiting registrations, so the list is gap-free by construction.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shuxiang.activities.models import Activity, Session
from shuxiang.orgs.models import Organisation

TOKEN_VERSION = 1  # bumped when the QR payload format changes; old codes stay readable


def new_token() -> str:
    """A random, unguessable code (never a primary key) for QR codes and reader links."""
    return secrets.token_urlsafe(18)


class Reader(models.Model):
    """A person who signs up for activities: created on the public site or by staff at a desk."""

    class AgeGroup(models.TextChoices):
        CHILD = "child", _("child (under 14)")
        TEEN = "teen", _("teenager (14-17)")
        ADULT = "adult", _("adult")
        SENIOR = "senior", _("senior (60+)")

    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices)
    guardian = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("guardian"),
    )
    card_number = models.CharField(
        _("library card number"), max_length=32, null=True, blank=True, unique=True
    )
    home_library = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The reader's own key: signs them in on the public site ("my sign-ups") and the API.
    access_token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("reader")
        verbose_name_plural = _("readers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email="") | Q(guardian__isnull=False),
                name="reader_reachable",
                violation_error_message=_("Give a phone number or an e-mail address (or a guardian)."),
            ),
            models.CheckConstraint(
                condition=~Q(age_group="child") | Q(guardian__isnull=False),
                name="reader_child_has_guardian",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


def mask_phone(phone: str) -> str:
    """138****5678: enough for a person to recognise their own number, not to call it."""
    if len(phone) < 7:
        return "*" * len(phone)
    return f"{phone[:3]}{'*' * (len(phone) - 7)}{phone[-4:]}"


class Seating(models.Model):
    """Capacity state of one session: the row staff changes lock, and the ``full`` flag.

    Sign-ups never lock this row; they read ``full`` to skip seat claiming once no seat is left.
    ``capacity`` None means no limit (no seats, every sign-up confirmed).
    """

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, primary_key=True, related_name="seating"
    )
    library = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    capacity = models.PositiveIntegerField(null=True, blank=True)
    full = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.session}: {self.capacity}"


class Registration(models.Model):
    """One sign-up: a reader (and any companions) for one session."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("waiting list")
        CANCELLED = "cancelled", _("cancelled")

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.WAITING: frozenset({Status.CONFIRMED, Status.CANCELLED}),
        Status.CONFIRMED: frozenset({Status.CANCELLED}),
        Status.CANCELLED: frozenset(),
    }
    ACTIVE = frozenset({Status.CONFIRMED, Status.WAITING})

    class Channel(models.TextChoices):
        WEB = "web", _("public site")
        API = "api", _("API")
        DESK = "desk", _("staff at the desk")
        WALK_IN = "walk_in", _("walk-in")

    # Every index is paid for by each sign-up in a rush: session lookups use the
    # "registration_queue" index (session first), the token its unique constraint.
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", db_index=False
    )
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    library = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    # Empty for a walk-in without an account and after the reader deleted their data.
    reader = models.ForeignKey(
        Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    places = models.PositiveSmallIntegerField(_("places"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    token = models.CharField(max_length=40, default=new_token, editable=False)
    token_version = models.PositiveSmallIntegerField(default=TOKEN_VERSION)
    walk_in_name = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    anonymised = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["session", "status", "id"], name="registration_queue")]
        constraints = [
            # One active sign-up per reader per session: a retried request returns the first one.
            models.UniqueConstraint(
                fields=["session", "reader"],
                condition=Q(status__in=["confirmed", "waiting"]) & Q(reader__isnull=False),
                name="registration_one_active_per_reader",
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="registration_places_positive"),
            # A constraint, not unique=True: PostgreSQL then builds no second pattern-match index.
            models.UniqueConstraint(fields=["token"], name="registration_token_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.session} / {self.reader_id} ({self.status})"

    @property
    def qr_payload(self) -> str:
        """What the QR code carries: a version and the random token, never a primary key."""
        return f"SX{self.token_version}:{self.token}"


class Companion(models.Model):
    """A further person a registration covers (a child coming with their parent)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="companions")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    reader = models.ForeignKey(Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=100, blank=True)
    cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "reader"],
                condition=Q(cancelled=False) & Q(reader__isnull=False),
                name="companion_once_per_session",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Seat(models.Model):
    """One place in a limited session; ``registration`` empty while free."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="seats")
    number = models.PositiveIntegerField()
    registration = models.ForeignKey(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="seats"
    )

    class Meta:
        ordering = ["session", "number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="seat_number_once")]
        indexes = [
            models.Index(
                fields=["session", "number"], condition=Q(registration__isnull=True), name="seat_free"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} #{self.number}"


class CardIssue(models.Model):
    """A library card issued at an activity (a card drive at a booth); counts survive deletion."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="card_issues")
    library = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reader = models.ForeignKey(Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    card_number = models.CharField(max_length=32, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        # No card number and no reader: this is what an audit row or the admin would show.
        return f"card issue {self.pk}"
