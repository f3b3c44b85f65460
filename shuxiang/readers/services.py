"""Every write on sign-ups: sign up, cancel, promote, staff changes, check-in.

Reader accounts, library cards and privacy writes live in ``accounts.py``; both are
re-exported here so callers (views, the JSON API) import one module.

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

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shuxiang.activities.models import Activity, Figure, Session
from shuxiang.orgs import permissions
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
from shuxiang.readers.models import (
    Companion,
    Reader,
    Registration,
    Seat,
    Seating,
)

Status = Registration.Status
User = AbstractBaseUser | None


class SignupError(ValidationError):
    """A sign-up (or staff change) refused with a message a person can act on."""


@dataclass(frozen=True)
class SignupResult:
    registration: Registration
    created: bool  # False when the reader was already signed up (a retry or a second press)


@dataclass(frozen=True)
class CheckInResult:
    registration: Registration
    already: bool  # True on a second scan of the same code


# --- sessions and seating ---------------------------------------------------------


def default_session(activity: Activity) -> Session:
    """The session readers sign up for when an activity is held once: created on first use."""
    first = activity.sessions.order_by("starts_at", "id").first()
    if first is not None:
        return first
    start = dt.datetime.combine(activity.start_date, activity.daily_start_time or dt.time(9, 0))
    end = (
        dt.datetime.combine(activity.start_date, activity.daily_end_time) if activity.daily_end_time else None
    )
    tz = timezone.get_current_timezone()
    session, _created = Session.objects.get_or_create(
        activity=activity,
        starts_at=timezone.make_aware(start, tz),
        defaults={
            "library": activity.library,
            "ends_at": timezone.make_aware(end, tz) if end else None,
        },
    )
    return session


def ensure_seating(session: Session) -> Seating:
    """The session's seating row and its seats, created (once, race-safe) on first use."""
    try:
        return session.seating
    except Seating.DoesNotExist:
        pass
    capacity = session.capacity if session.capacity is not None else session.activity.capacity
    try:
        with transaction.atomic():
            seating = Seating.objects.create(session=session, library=session.library, capacity=capacity)
            if capacity:
                Seat.objects.bulk_create(Seat(session=session, number=n) for n in range(1, capacity + 1))
    except IntegrityError:  # another request created it first
        seating = Seating.objects.get(pk=session.pk)
    session.seating = seating
    return seating


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


def _claim_free_seats(session_id: int, places: int, *, skip_locked: bool) -> list[int]:
    return list(
        Seat.objects.select_for_update(skip_locked=skip_locked)
        .filter(session_id=session_id, registration__isnull=True)
        .order_by("number")
        .values_list("id", flat=True)[:places]
    )


def _is_full(session_id: int) -> bool:
    with transaction.get_connection().cursor() as cursor:  # hot path: skip the ORM's query building
        cursor.execute(
            f'SELECT 1 FROM {Seating._meta.db_table} WHERE session_id = %s AND "full"', [session_id]
        )
        return cursor.fetchone() is not None


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
    _check_open(session)
    companions = list(companions)
    if len({c.pk for c in companions}) != len(companions) or reader.pk in {c.pk for c in companions}:
        raise SignupError(_("Each person can take only one place."), code="duplicate_person")
    for companion in companions:
        if companion.guardian_id != reader.pk:
            raise SignupError(
                _("%(name)s is not registered as your child.") % {"name": companion.name}, code="not_child"
            )
    seating = ensure_seating(session)
    created_by = acting_user if acting_user is not None and acting_user.is_authenticated else None
    now = timezone.now()
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
                seat_ids = _claim_free_seats(session.pk, places, skip_locked=True)
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
    if status == Status.WAITING and not _is_full(session.pk):
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
    return sign_up(session, reader, acting_user=None, channel=channel)


def _promote_locked(seating: Seating) -> list[Registration]:
    """Give free seats to the first waiting registrations whose places fit.

    The caller holds the ``seating`` row lock; sets ``full`` from what is left.
    """
    session_id = seating.pk
    now = timezone.now()
    promoted: list[Registration] = []
    if seating.capacity is None:
        waiting = list(Registration.objects.filter(session_id=session_id, status=Status.WAITING))
        Registration.objects.filter(pk__in=[r.pk for r in waiting]).update(
            status=Status.CONFIRMED, confirmed_at=now
        )
        promoted = waiting
        free: list[int] = []
    else:
        free = _claim_free_seats(session_id, seating.capacity, skip_locked=False)
        if free:
            queue = (
                Registration.objects.filter(session_id=session_id, status=Status.WAITING)
                .order_by("id")
                .only("id", "places")
            )
            for registration in queue.iterator(chunk_size=200):
                if registration.places > len(free):
                    continue
                updated = Registration.objects.filter(pk=registration.pk, status=Status.WAITING).update(
                    status=Status.CONFIRMED, confirmed_at=now
                )
                if not updated:  # cancelled meanwhile
                    continue
                take, free = free[: registration.places], free[registration.places :]
                Seat.objects.filter(id__in=take).update(registration=registration)
                promoted.append(registration)
                if not free:
                    break
    full = seating.capacity is not None and not free
    if seating.full and not full:
        # Seats are free now: a waiting insert that read ``full = true`` before our commit
        # and committed after this promotion's snapshot is promoted by a second pass after
        # our commit (waitlist.py's module docstring).
        transaction.on_commit(functools.partial(_promote_again_after_commit, session_id))
    if seating.full != full:
        seating.full = full
        seating.save(update_fields=["full", "updated_at"])
    for registration in promoted:
        record_audit(
            "registration.promote",
            registration,
            acting_user=None,
            organisation=seating.library,
            summary=f"promoted from the waiting list of session {session_id}",
        )
        mail.queue_registration_mail(registration.pk, "promoted")
    return promoted


def fill_free_seats(session: Session) -> list[Registration]:
    """Promote waiting registrations into any free seats; returns those promoted."""
    return fill_free_seats_of(session.pk)


def _promote_again_after_commit(session_id: int) -> None:
    """The freeing side's re-check: a second promotion, in a snapshot taken after our commit."""
    fill_free_seats_of(session_id)


def fill_free_seats_of(session_id: int) -> list[Registration]:
    """``fill_free_seats`` by the session's id."""
    with transaction.atomic():
        seating = Seating.objects.select_for_update().filter(pk=session_id).first()
        if seating is None or seating.full:  # full under the lock means no free seat
            return []
        return _promote_locked(seating)


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
            promoted = _promote_locked(seating)
    registration.refresh_from_db()
    return promoted


# --- staff ----------------------------------------------------------------------


def _require_editor(acting_user: User, activity: Activity) -> None:
    if acting_user is None or not permissions.can_edit_library(acting_user, activity.library):
        raise PermissionDenied(_("Only the organising library's staff may do this."))


def set_signup_open(activity: Activity, is_open: bool, *, acting_user: User) -> Activity:
    """Staff open or close sign-up; closing keeps every registration made so far."""
    _require_editor(acting_user, activity)
    with transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(signup_open=is_open)
        activity.signup_open = is_open
        record_audit(
            "activity.signup_open" if is_open else "activity.signup_close",
            activity,
            acting_user=acting_user,
            organisation=activity.library,
        )
    if is_open:
        for session in activity.sessions.all():
            ensure_seating(session)
    return activity


def change_capacity(session: Session, capacity: int | None, *, acting_user: User) -> Seating:
    """Set a session's places; never below the places already given. None removes the limit."""
    activity = session.activity
    _require_editor(acting_user, activity)
    if capacity is not None and (not isinstance(capacity, int) or capacity < 0):
        raise SignupError(
            _("Capacity must be a whole number of places, 0 or more (got %(value)s).") % {"value": capacity},
            code="bad_capacity",
        )
    ensure_seating(session)
    with transaction.atomic():
        seating = Seating.objects.select_for_update().get(pk=session.pk)
        given = Seat.objects.filter(session=session, registration__isnull=False).count()
        if seating.capacity is None:
            given = (
                Registration.objects.filter(session=session, status=Status.CONFIRMED).aggregate(
                    n=Sum("places")
                )["n"]
                or 0
            )
        if capacity is not None and capacity < given:
            raise SignupError(
                _("%(given)s places are already given; the capacity cannot go below that.")
                % {"given": given},
                code="below_given",
            )
        old = seating.capacity
        if capacity is None:
            Seat.objects.filter(session=session).delete()
        elif old is None:
            # A limit on an unlimited session: the confirmed registrations take the first seats.
            seats = Seat.objects.bulk_create(Seat(session=session, number=n) for n in range(1, capacity + 1))
            confirmed = Registration.objects.filter(session=session, status=Status.CONFIRMED).order_by("id")
            seat_iter = iter(seats)
            for registration in confirmed:
                ids = [next(seat_iter).pk for _i in range(registration.places)]
                Seat.objects.filter(id__in=ids).update(registration=registration)
        elif capacity > old:
            top = Seat.objects.filter(session=session).order_by("-number").values_list("number", flat=True)
            start = (top.first() or 0) + 1
            Seat.objects.bulk_create(
                Seat(session=session, number=n) for n in range(start, start + capacity - old)
            )
        elif capacity < old:
            spare = _claim_free_seats(session.pk, seating.capacity, skip_locked=False)
            drop = sorted(spare, reverse=True)[: old - capacity]
            Seat.objects.filter(id__in=drop).delete()
        seating.capacity = capacity
        seating.save(update_fields=["capacity", "updated_at"])
        Session.objects.filter(pk=session.pk).update(capacity=capacity)
        record_audit(
            "session.capacity",
            session,
            acting_user=acting_user,
            organisation=activity.library,
            data={"from": old, "to": capacity},
        )
        _promote_locked(seating)
    return seating


def add_walk_in(
    session: Session,
    *,
    acting_user: User,
    name: str = "",
    reader: Reader | None = None,
    places: int = 1,
) -> Registration:
    """A person who came without signing up: takes free seats and is checked in at once."""
    activity = session.activity
    if acting_user is None or not permissions.can_check_in(acting_user, activity.library):
        raise PermissionDenied(_("Only the organising library's staff may do this."))
    if places < 1:
        raise SignupError(_("A walk-in takes at least one place."), code="bad_places")
    seating = ensure_seating(session)
    now = timezone.now()
    with transaction.atomic():
        seating = Seating.objects.select_for_update().get(pk=session.pk)
        seat_ids: list[int] = []
        if seating.capacity is not None:
            seat_ids = _claim_free_seats(session.pk, places, skip_locked=False)
            if len(seat_ids) < places:
                raise SignupError(_("No free place is left; raise the capacity first."), code="full")
        registration = Registration.objects.create(
            session=session,
            activity=activity,
            library_id=session.library_id,
            reader=reader,
            places=places,
            status=Status.CONFIRMED,
            channel=Registration.Channel.WALK_IN,
            walk_in_name=name[:100],
            created_by=acting_user,
            confirmed_at=now,
            checked_in_at=now,
        )
        Seat.objects.filter(id__in=seat_ids).update(registration=registration)
        if (
            seating.capacity is not None
            and len(seat_ids)
            and not Seat.objects.filter(session=session, registration__isnull=True).exists()
        ):
            seating.full = True
            seating.save(update_fields=["full", "updated_at"])
        record_audit(
            "registration.walk_in", registration, acting_user=acting_user, organisation=activity.library
        )
        recount_attendees(activity)
    return registration


# --- check-in ---------------------------------------------------------------------


def parse_code(code: str) -> str:
    """The token from what a scanner read or a person typed: ``SX1:<token>`` or the token alone."""
    code = code.strip()
    prefix, sep, rest = code.partition(":")
    if sep and prefix.upper().startswith("SX") and prefix[2:].isdigit():
        return rest.strip()
    return code


def check_in(code: str, *, acting_user: User) -> CheckInResult:
    """Record that a confirmed registration came; a second scan changes nothing and says so."""
    token = parse_code(code)
    registration = (
        Registration.objects.select_related("activity", "library").filter(token=token).first()
        if token
        else None
    )
    if registration is None:
        raise SignupError(_("Unknown code: no sign-up has this code."), code="unknown_code")
    if acting_user is None or not permissions.can_check_in(acting_user, registration.library):
        raise PermissionDenied(_("You may not check readers in for this library."))
    if registration.checked_in_at is not None:
        return CheckInResult(registration, already=True)
    if registration.status != Status.CONFIRMED:
        raise SignupError(
            _("This sign-up is %(status)s, not confirmed: it cannot be checked in.")
            % {"status": registration.get_status_display()},
            code="not_confirmed",
        )
    with transaction.atomic():
        updated = Registration.objects.filter(
            pk=registration.pk, checked_in_at__isnull=True, status=Status.CONFIRMED
        ).update(checked_in_at=timezone.now())
        if updated:
            record_audit(
                "registration.check_in",
                registration,
                acting_user=acting_user,
                organisation=registration.library,
            )
            recount_attendees(registration.activity)
    registration.refresh_from_db()
    return CheckInResult(registration, already=not updated)


def recount_attendees(activity: Activity) -> Figure:
    """The activity's counted ``attendees`` figure, recomputed from check-ins (never typed).

    Runs inside the caller's transaction; the activity row lock serialises the figure's creation.
    """
    Activity.objects.select_for_update().filter(pk=activity.pk).first()
    total = (
        Registration.objects.filter(activity=activity, checked_in_at__isnull=False).aggregate(
            n=Sum("places")
        )["n"]
        or 0
    )
    unit = "person_time" if activity.repeats_daily else "person"
    figure = Figure.objects.filter(activity=activity, measure="attendees", counted=True).first()
    if figure is None:
        figure = Figure.objects.create(
            campaign_id=activity.campaign_id,
            library_id=activity.library_id,
            activity=activity,
            measure="attendees",
            unit=unit,
            qualifier="exact",
            counted=True,
            value=Decimal(total),
            note="counted from check-ins",
        )
    elif figure.value != total:
        figure.value = Decimal(total)
        figure.save(update_fields=["value"])
    return figure
