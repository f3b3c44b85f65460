"""Every write on sign-ups: sign up, cancel, promote, staff changes, check-in.

Reader accounts, library cards and privacy writes live in ``accounts.py`` (re-exported
here); seats and promotion in ``seating.py``; staff actions at the sign-up desk (open and
close, capacity, walk-ins, check-in) in ``desk.py``; the full-session waiting insert in
``waitlist.py``.

Seat allocation, in one paragraph (the long version is docs/readers.md):
seats are rows. A sign-up claims ``places`` free seats of its session with
``SELECT ... FOR UPDATE SKIP LOCKED LIMIT places`` and, in the same transaction, inserts
its registration and marks those seats taken; concurrent sign-ups skip each other's
locked seats instead of queueing on one counter. When too few seats come back, the
sign-up goes on the waiting list. Once the session's ``Seating.full`` flag is set, a
one-person sign-up is one INSERT ... SELECT that writes a waiting registration only if
``full`` is still set, with no lock, batched with the concurrent ones (``waitlist.py``).
Seats are freed only under the seating row's exclusive lock (cancel, capacity change),
and whoever frees them promotes the first waiting registrations whose places fit. Both
sides re-check after their commit (the freer promotes once more if it turned ``full``
off, a waiting insert re-reads ``full``), so a waiting reader never sits beside a free
seat. A general-path sign-up that ends on the waiting list (it read ``full = false``)
re-reads ``full`` after commit in the same way.

On SQLite ``select_for_update`` is a no-op, but every transaction begins IMMEDIATE
(settings), so writers are serialised and the same code is correct.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuxiang.activities.models import Activity, Session
from shuxiang.orgs.services import record_audit
from shuxiang.readers import mail, waitlist
from shuxiang.readers.accounts import (  # noqa: F401 - re-exported: one module for every write
    delete_reader,
    issue_card,
    recount_cards_issued,
    register_card_at_drive,
    register_reader,
    validate_phone,
)
from shuxiang.readers.errors import SignupError
from shuxiang.readers.models import (
    Companion,
    Reader,
    Registration,
    Seat,
    Seating,
)
from shuxiang.readers.seating import (
    claim_free_seats,
    default_session,  # noqa: F401 - re-exported for views
    ensure_seating,
    fill_free_seats,
    is_full,
    promote_locked,
)

Status = Registration.Status
User = AbstractBaseUser | None


@dataclass(frozen=True)
class SignupResult:
    registration: Registration
    created: bool  # False when the reader was already signed up (a retry or a second press)


@dataclass(frozen=True)
class CheckInResult:
    registration: Registration
    already: bool  # True on a second scan of the same code


def _check_open(session: Session) -> None:
    activity = session.activity
    if activity.status != Activity.Status.PLANNED:
        raise SignupError(_("This activity is not taking sign-ups any more."), code="not_planned")
    if not activity.signup_open:
        raise SignupError(_("Sign-up for this activity is closed."), code="closed")
    if session.activity_id != activity.pk:
        raise SignupError(_("This session belongs to another activity."), code="wrong_session")
    if session.starts_at <= timezone.now():
        raise SignupError(_("This session has already started or is in the past."), code="past")


def active_registration(session: Session, reader: Reader) -> Registration | None:
    return (
        Registration.objects.filter(session=session, reader=reader, status__in=Registration.ACTIVE)
        .order_by("id")
        .first()
    )


# --- sign-up ---------------------------------------------------------------------


def sign_up(
    session: Session,
    reader: Reader,
    *,
    acting_user: User,
    companions: Sequence[Reader] = (),
    channel: str = Registration.Channel.WEB,
) -> SignupResult:
    """Sign ``reader`` (and ``companions``, together or not at all) up for ``session``.

    Confirmed while enough seats remain, else on the waiting list. Idempotent: a second
    call for the same reader and session returns the first registration. Call it with a
    freshly loaded ``session`` and outside any transaction (it commits on its own).
    """
    companions = list(companions)
    _check_signup(session, reader, companions)
    seating = ensure_seating(session)
    _check_fits(seating, 1 + len(companions))
    created_by = acting_user if acting_user is not None and acting_user.is_authenticated else None
    if seating.capacity is not None and seating.full and not companions:
        # Full (as last read): append to the waiting list in one statement (waitlist.py).
        joined = waitlist.join_if_full(
            waitlist.WaitingRequest(
                session_id=session.pk,
                reader_column="id",
                reader_key=reader.pk,
                channel=str(channel),
                created_by_id=created_by.pk if created_by is not None else None,
            )
        )
        if joined is not None:
            if reader.email:
                mail.queue_registration_mail(joined.registration.pk, "created")
            return SignupResult(joined.registration, created=True)
        # Nothing inserted: already signed up, or a seat was freed since ``full`` was read.
    return _sign_up_deciding_seats(session, reader, seating, companions, channel, created_by)


def _check_signup(session: Session, reader: Reader, companions: Sequence[Reader]) -> None:
    _check_open(session)
    if len({c.pk for c in companions}) != len(companions) or reader.pk in {c.pk for c in companions}:
        raise SignupError(_("Each person can take only one place."), code="duplicate_person")
    for companion in companions:
        if companion.guardian_id != reader.pk:
            raise SignupError(
                _("%(name)s is not registered as your child.") % {"name": companion.name}, code="not_child"
            )


def _check_fits(seating: Seating, places: int) -> None:
    """A family larger than the whole session could only wait for ever: refuse it instead."""
    if seating.capacity is not None and places > seating.capacity:
        raise SignupError(
            _("This session has %(capacity)d places in all, fewer than the %(places)d you asked for.")
            % {"capacity": seating.capacity, "places": places},
            code="more_than_capacity",
        )


def _sign_up_deciding_seats(
    session: Session,
    reader: Reader,
    seating: Seating,
    companions: Sequence[Reader],
    channel: str,
    created_by: AbstractBaseUser | None,
) -> SignupResult:
    """The general path: an existing registration, else claim seats or wait, in one transaction."""
    now = timezone.now()
    existing = active_registration(session, reader)
    if existing is not None:
        return SignupResult(existing, created=False)
    places = 1 + len(companions)
    seat_ids: list[int] = []
    try:
        with transaction.atomic():
            status = Status.WAITING
            if seating.capacity is None:
                status = Status.CONFIRMED
            else:
                seat_ids = claim_free_seats(session.pk, places, skip_locked=True)
                if len(seat_ids) == places:
                    status = Status.CONFIRMED
            registration = Registration.objects.create(
                session=session,
                activity_id=session.activity_id,
                library_id=session.library_id,
                reader=reader,
                places=places,
                status=status,
                channel=channel,
                created_by=created_by,
                confirmed_at=now if status == Status.CONFIRMED else None,
            )
            if status == Status.CONFIRMED and seat_ids:
                Seat.objects.filter(id__in=seat_ids).update(registration=registration)
            if companions:
                Companion.objects.bulk_create(
                    Companion(registration=registration, session=session, reader=c, name=c.name)
                    for c in companions
                )
    except IntegrityError:
        if seat_ids:  # the rollback freed seats we held: let the waiting list have them
            fill_free_seats(session)
        existing = active_registration(session, reader)
        if existing is not None:
            return SignupResult(existing, created=False)
        raise SignupError(
            _("One of the people you are signing up is already signed up for this session."),
            code="companion_taken",
        ) from None
    # The registration row records who signed up, when and how: it is its own audit row.
    # A waiting insert here read ``full = false`` without a lock (or skipped seats locked by
    # sign-ups that may roll back): re-read the flag after commit and, while it is still
    # false, run the promotion under the seating lock (module docstring).
    if status == Status.WAITING and not is_full(session.pk):
        fill_free_seats(session)
        registration.refresh_from_db()
    if reader.email:
        mail.queue_registration_mail(registration.pk, "created")
    return SignupResult(registration, created=True)


def sign_up_with_token(
    access_token: str, session_id: int, *, channel: str = Registration.Channel.API
) -> SignupResult:
    """Sign up the reader holding ``access_token`` for session ``session_id`` (apps, the API).

    The same rules and answers as ``sign_up``. Once the session is full, a sign-up of one
    person is the rush's common case: ``waitlist.join_if_full`` finds the reader by token,
    checks the session and its ``full`` flag and inserts, with no lock and no reads before
    (batched with concurrent sign-ups of this process). When nothing is inserted (seats
    still free, closed sign-up, unknown token or session, a retry) the general path
    answers: ``sign_up`` with the reader and session loaded. Codes beyond ``sign_up``'s:
    ``unknown_reader``, ``unknown_session``.
    """
    if not access_token:
        raise SignupError(_("Unknown or missing reader token."), code="unknown_reader")
    joined = waitlist.join_if_full(
        waitlist.WaitingRequest(
            session_id=session_id,
            reader_column="access_token",
            reader_key=access_token,
            channel=str(channel),
            created_by_id=None,
        )
    )
    if joined is not None:
        if joined.email:
            mail.queue_registration_mail(joined.registration.pk, "created")
        return SignupResult(joined.registration, created=True)
    session = (
        Session.objects.select_related("activity", "seating")
        .filter(pk=session_id, activity__visibility=Activity.Visibility.PUBLIC)
        .first()
    )
    if session is None:
        raise SignupError(_("Unknown session."), code="unknown_session")
    reader = Reader.objects.filter(access_token=access_token).first()
    if reader is None:
        raise SignupError(_("Unknown or missing reader token."), code="unknown_reader")
    # Not ``sign_up``: its waiting insert is the one that just inserted nothing.
    _check_signup(session, reader, ())
    return _sign_up_deciding_seats(session, reader, ensure_seating(session), (), channel, None)


def cancel_registration(
    registration: Registration, *, acting_user: User, companion: Companion | None = None
) -> list[Registration]:
    """Cancel a whole registration, or one companion of a family; returns who got promoted.

    Cancelling twice is a no-op. The reader themselves cancels the whole registration
    (their companions are their children and cannot come alone).
    """
    with transaction.atomic():
        seating = Seating.objects.select_for_update().filter(pk=registration.session_id).first()
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if reg.status == Status.CANCELLED:
            return []
        now = timezone.now()
        if companion is not None and reg.places > 1:
            updated = Companion.objects.filter(pk=companion.pk, registration=reg, cancelled=False).update(
                cancelled=True
            )
            if not updated:
                return []
            reg.places -= 1
            reg.save(update_fields=["places"])
            last_seat = reg.seats.order_by("-number").first()
            if last_seat is not None:
                Seat.objects.filter(pk=last_seat.pk).update(registration=None)
            action = "registration.cancel_companion"
        else:
            reg.status = Status.CANCELLED
            reg.cancelled_at = now
            reg.save(update_fields=["status", "cancelled_at"])
            Companion.objects.filter(registration=reg).update(cancelled=True)
            Seat.objects.filter(registration=reg).update(registration=None)
            action = "registration.cancel"
        record_audit(action, reg, acting_user=acting_user, organisation=reg.library)
        promoted: list[Registration] = []
        if seating is not None:  # seats were freed: the waiting list gets them first
            promoted = promote_locked(seating)
    registration.refresh_from_db()
    return promoted
