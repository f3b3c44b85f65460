"""Where a page may send its visitor: the header's links and an activity's sign-up and staff links.

Reads only. The header's state (``header_state``) costs no query for anonymous visitors: it
looks at the session (already loaded for ``request.user``) and at the user's membership
(cached on the user, which ``base.html`` reads anyway). An activity's sign-up state costs one
query, and only when its sign-up is open.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone

from shuxiang.activities.models import Activity
from shuxiang.orgs import permissions
from shuxiang.readers import session as reader_session
from shuxiang.readers.models import Seat


@dataclass(frozen=True)
class HeaderState:
    staff: bool  # has a membership: check-in at least (volunteers included)
    can_import: bool  # the roles shuxiang.imports lets in (WRITER_ROLES)
    reader: bool  # a reader is signed in on this browser


def header_state(request: HttpRequest) -> HeaderState:
    user = getattr(request, "user", None)
    membership = permissions.membership_of(user) if user is not None else None
    reader = reader_session.signed_in(request)
    return HeaderState(
        staff=membership is not None,
        can_import=membership is not None and membership.role in permissions.WRITER_ROLES,
        reader=reader,
    )


class SignupState(enum.StrEnum):
    OPEN = "open"  # places free, or no limit
    FULL = "full"  # no free seat in any coming session: new sign-ups join the waiting list
    CLOSED = "closed"  # has places, but sign-up is closed (or every session has begun)


def signup_state(activity: Activity) -> SignupState | None:
    """What the public page offers: a sign-up button, "full", "closed", or nothing at all.

    Nothing for internal, done or cancelled activities, for activities that take no sign-ups
    (no places and sign-up never opened: a leaflet stand), and for past ones. Sessions are read
    (one query) only when sign-up is open: they decide, since staff may add sessions after the
    activity's first day. Without sessions, the sign-up page makes the default one on the
    activity's first day at its first visit.
    """
    if activity.visibility != Activity.Visibility.PUBLIC or activity.status != Activity.Status.PLANNED:
        return None
    past = (activity.end_date or activity.start_date) < timezone.localdate()
    if not activity.signup_open:
        return SignupState.CLOSED if activity.capacity is not None and not past else None
    now = timezone.now()
    # ``Seating.full`` lags (it turns on once someone has to wait), so look for a free seat
    # instead (the ``seat_free`` partial index). No seating row yet: seats not made, all free.
    free_seat = Seat.objects.filter(session=OuterRef("pk"), registration__isnull=True)
    sessions = list(
        activity.sessions.annotate(has_free_seat=Exists(free_seat)).values_list(
            "starts_at", "seating__session", "seating__capacity", "has_free_seat"
        )
    )
    coming_full = [
        seating is not None and capacity is not None and not has_free_seat
        for starts_at, seating, capacity, has_free_seat in sessions
        if starts_at > now
    ]
    if not sessions:
        return None if past else SignupState.OPEN
    if not coming_full:
        return None if past else SignupState.CLOSED
    return SignupState.FULL if all(coming_full) else SignupState.OPEN


@dataclass(frozen=True)
class StaffLinks:
    desk: bool  # the sign-up desk (counts, roster): whoever may read the library
    check_in: bool  # check-in at the door: volunteers too
    card_drive: bool  # issuing library cards: writers only

    @property
    def any(self) -> bool:
        return self.desk or self.check_in or self.card_drive


def staff_links(user, activity: Activity) -> StaffLinks:
    """The readers app's staff pages for ``activity``, as its views check them."""
    library = activity.library
    return StaffLinks(
        desk=permissions.can_read_library(user, library),
        check_in=permissions.can_check_in(user, library),
        card_drive=permissions.can_edit_library(user, library),
    )
