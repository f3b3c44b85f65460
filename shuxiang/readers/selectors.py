"""Reads that need care: waiting-list positions, rosters (with privacy), a reader's own data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from shuxiang.activities.models import Session
from shuxiang.orgs import permissions
from shuxiang.readers.models import CardIssue, Reader, Registration, Seat, mask_phone

Status = Registration.Status


def waiting_position(registration: Registration) -> int | None:
    """1-based place on the waiting list, computed from order of arrival (ids): never a gap."""
    if registration.status != Status.WAITING:
        return None
    ahead = Registration.objects.filter(
        session_id=registration.session_id, status=Status.WAITING, id__lt=registration.pk
    ).count()
    return ahead + 1


def waiting_list(session: Session) -> list[tuple[int, Registration]]:
    """(position, registration) for everyone waiting, first first."""
    queue = Registration.objects.filter(session=session, status=Status.WAITING).order_by("id")
    return list(enumerate(queue, start=1))


@dataclass(frozen=True)
class SessionCounts:
    capacity: int | None
    confirmed_places: int
    waiting_places: int
    seats_taken: int
    checked_in_places: int

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else self.capacity - self.seats_taken


def session_counts(session: Session) -> SessionCounts:
    agg = Registration.objects.filter(session=session).aggregate(
        confirmed=Sum("places", filter=Q(status=Status.CONFIRMED)),
        waiting=Sum("places", filter=Q(status=Status.WAITING)),
        checked=Sum("places", filter=Q(checked_in_at__isnull=False)),
    )
    seating = getattr(session, "seating", None)
    capacity = seating.capacity if seating is not None else (session.capacity or session.activity.capacity)
    return SessionCounts(
        capacity=capacity,
        confirmed_places=agg["confirmed"] or 0,
        waiting_places=agg["waiting"] or 0,
        seats_taken=Seat.objects.filter(session=session, registration__isnull=False).count(),
        checked_in_places=agg["checked"] or 0,
    )


def reader_registrations(reader: Reader) -> QuerySet[Registration]:
    """A reader's own sign-ups, newest session first, with what the page shows."""
    return (
        Registration.objects.filter(reader=reader)
        .select_related("session", "activity", "activity__library")
        .annotate(companion_count=Count("companions", filter=Q(companions__cancelled=False)))
        .order_by("-session__starts_at", "-id")
    )


@dataclass(frozen=True)
class RosterRow:
    registration: Registration
    name: str
    phone: str  # masked
    position: int | None


def mask_name(name: str) -> str:
    """王**: the first character, enough to tell two people at the door apart, not to name them."""
    return f"{name[:1]}**"


def shown_name(registration: Registration, *, details: bool) -> str:
    """The name staff see for a registration: in full with ``details``, masked otherwise.

    ``details`` is ``permissions.can_see_reader_details`` for the registration's library.
    A walk-in's typed name is a person's name too and is masked the same way.
    """
    name = registration.reader.name if registration.reader is not None else registration.walk_in_name
    if not name:
        return "—"
    return name if details else mask_name(name)


def session_roster(session: Session, user: Any) -> list[RosterRow]:
    """Who signed up, for staff: names only for the organising library's staff, phones always masked.

    Everyone else allowed to check in (volunteers, a bureau admin) sees no names: ``王**``,
    and no phone.
    """
    show = permissions.can_see_reader_details(user, session.library)
    rows: list[RosterRow] = []
    position = 0
    queue = (
        Registration.objects.filter(session=session, status__in=Registration.ACTIVE)
        .select_related("reader")
        .order_by("id")
    )
    for registration in queue:
        if registration.status == Status.WAITING:
            position += 1
        reader = registration.reader
        rows.append(
            RosterRow(
                registration=registration,
                name=shown_name(registration, details=show),
                phone=mask_phone(reader.phone) if reader is not None and show else "",
                position=position if registration.status == Status.WAITING else None,
            )
        )
    return rows


def export_reader_data(reader: Reader) -> dict[str, Any]:
    """Everything shuxiang holds about a reader (and their children), for them to download."""

    def person(r: Reader) -> dict[str, Any]:
        return {
            "name": r.name,
            "phone": r.phone,
            "email": r.email,
            "age_group": r.age_group,
            "card_number": r.card_number,
            "home_library": r.home_library.name if r.home_library_id else None,
            "created_at": r.created_at.isoformat(),
        }

    registrations = []
    for registration in reader_registrations(reader):
        registrations.append(
            {
                "activity": registration.activity.title,
                "library": registration.activity.library.name,
                "session_starts_at": registration.session.starts_at.isoformat(),
                "status": registration.status,
                "places": registration.places,
                "companions": [c.name for c in registration.companions.all()],
                "signed_up_at": registration.created_at.isoformat(),
                "checked_in_at": registration.checked_in_at.isoformat()
                if registration.checked_in_at
                else None,
                "code": registration.qr_payload,
            }
        )
    cards = [
        {"card_number": c.card_number, "activity": c.activity.title, "issued_at": c.issued_at.isoformat()}
        for c in CardIssue.objects.filter(reader=reader).select_related("activity")
    ]
    return {
        "format": "shuxiang-reader-export/1",
        "reader": person(reader),
        "children": [person(c) for c in reader.children.select_related("home_library")],
        "registrations": registrations,
        "cards": cards,
    }
