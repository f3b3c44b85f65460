"""Every write on sign-ups: sign up, cancel, promote, staff changes, check-in.

Reader accounts, library cards and privacy writes live in ``accounts.py``; both are
re-exported here so callers (views, the JSON API) import one module.

Seat allocation, in one paragraph (the long version is docs/readers.md):
seats are rows. A sign-up claims ``places`` free seats of its session with
``SELECT ... FOR UPDATE SKIP LOCKED LIMIT places`` and, in the same transaction, inserts
its registration and marks those seats taken; concurrent sign-ups skip each other's
locked seats instead of queueing on one counter. When too few seats come back, the
sign-up goes on the waiting list. Once the session's ``Seating.full`` flag is set, a
sign-up reads the flag and inserts a waiting registration: no lock at all. Seats are
freed only under the ``Seating`` row lock (cancel, capacity change), and whoever frees
them promotes the first waiting registrations whose places fit. The one window where
a seat can be free while someone waits (a waiting insert racing the moment the last
seat is taken or freed) is closed by re-reading ``full`` after the waiting insert
commits: while it is false, the sign-up runs the same promotion under the lock.

On SQLite ``select_for_update`` is a no-op, but every transaction begins IMMEDIATE
(settings), so writers are serialised and the same code is correct.
"""

from __future__ import annotations

import contextlib
import datetime as dt
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
from shuxiang.readers import mail
from shuxiang.readers.accounts import (  # noqa: F401 - re-exported: one module for every write
    delete_reader,
    issue_card,
    recount_cards_issued,
    register_card_at_drive,
    register_reader,
    validate_phone,
)
from shuxiang.readers.models import (
    TOKEN_VERSION,
    Companion,
    Reader,
    Registration,
    Seat,
    Seating,
    new_token,
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
    known_full = seating.capacity is not None and seating.full
    if not known_full:  # when full, the insert's unique constraint answers a retry instead
        existing = active_registration(session, reader)
        if existing is not None:
            return SignupResult(existing, created=False)
    places = 1 + len(companions)
    seat_ids: list[int] = []
    now = timezone.now()
    # The fast path once full: a single-person waiting sign-up is one INSERT. Outside a
    # transaction it runs in autocommit (no BEGIN/COMMIT round trips); inside one (tests, a
    # caller's atomic block) it gets a savepoint so a duplicate does not break the caller.
    single_statement = known_full and not companions
    guard = (
        transaction.atomic()
        if not single_statement or transaction.get_connection().in_atomic_block
        else contextlib.nullcontext()
    )
    try:
        with guard:
            status = Status.WAITING
            if seating.capacity is None:
                status = Status.CONFIRMED
            elif not known_full:
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
                created_by=acting_user if acting_user is not None and acting_user.is_authenticated else None,
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
    if status == Status.WAITING and not _is_full(session.pk):
        fill_free_seats(session)
        registration.refresh_from_db()
    if reader.email:
        mail.queue_registration_mail(registration.pk, "created")
    return SignupResult(registration, created=True)


def _rush_lookup_sql() -> str:
    """Reader by token, session, activity and seating in one round trip (table names from the models)."""
    return (
        "SELECT r.id, r.email, s.activity_id, s.library_id, s.starts_at > %s, a.status, a.signup_open,"
        ' a.visibility, st.capacity, st."full"'
        f" FROM {Session._meta.db_table} s"
        f" JOIN {Activity._meta.db_table} a ON a.id = s.activity_id"
        f" LEFT JOIN {Seating._meta.db_table} st ON st.session_id = s.id"
        f" LEFT JOIN {Reader._meta.db_table} r ON r.access_token = %s"
        " WHERE s.id = %s"
    )


def _rush_insert_sql() -> str:
    return (
        f"INSERT INTO {Registration._meta.db_table} (session_id, activity_id, library_id, reader_id, places,"
        " status, channel, token, token_version, walk_in_name, created_at, anonymised)"
        " VALUES (%s, %s, %s, %s, 1, %s, %s, %s, %s, '', %s, %s) RETURNING id"
    )


def sign_up_with_token(
    access_token: str, session_id: int, *, channel: str = Registration.Channel.API
) -> SignupResult:
    """Sign up the reader holding ``access_token`` for session ``session_id`` (apps, the API).

    The same rules and answers as ``sign_up``. Once the session is full, a sign-up of one
    person is the rush's common case, and it runs as three parameterised statements (one
    lookup, one autocommitted INSERT, the re-read of ``full``) instead of the ORM path:
    that is what keeps a sign-up rush close to the framework's ceiling. Everything else
    (seats still free, closed sign-up, retries) goes through ``sign_up``.
    Codes beyond ``sign_up``'s: ``unknown_reader``, ``unknown_session``.
    """
    connection = transaction.get_connection()
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    if not access_token:
        raise SignupError(_("Unknown or missing reader token."), code="unknown_reader")
    with connection.cursor() as cursor:
        cursor.execute(_rush_lookup_sql(), [adapt(now), access_token, session_id])
        row = cursor.fetchone()
    if row is None or row[7] != Activity.Visibility.PUBLIC:
        raise SignupError(_("Unknown session."), code="unknown_session")
    reader_id, email, activity_id, library_id, future, status, signup_open, _vis, capacity, full = row
    if reader_id is None:
        raise SignupError(_("Unknown or missing reader token."), code="unknown_reader")
    fast = (
        capacity is not None
        and bool(full)
        and bool(future)
        and bool(signup_open)
        and status == Activity.Status.PLANNED
    )
    if not fast:
        session = Session.objects.select_related("activity", "seating").get(pk=session_id)
        return sign_up(session, Reader.objects.get(pk=reader_id), acting_user=None, channel=channel)
    token = new_token()
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    try:
        with guard, connection.cursor() as cursor:
            cursor.execute(
                _rush_insert_sql(),
                [
                    *(session_id, activity_id, library_id, reader_id),
                    *(Status.WAITING.value, str(channel), token, TOKEN_VERSION, adapt(now), False),
                ],
            )
            registration_id = cursor.fetchone()[0]
    except IntegrityError:  # a retry: the unique constraint found the first sign-up
        existing = Registration.objects.filter(
            session_id=session_id, reader_id=reader_id, status__in=Registration.ACTIVE
        ).first()
        if existing is None:
            raise
        return SignupResult(existing, created=False)
    registration = Registration(
        pk=registration_id,
        session_id=session_id,
        activity_id=activity_id,
        library_id=library_id,
        reader_id=reader_id,
        places=1,
        status=Status.WAITING,
        channel=channel,
        token=token,
        token_version=TOKEN_VERSION,
        created_at=now,
    )
    registration._state.adding = False
    if not _is_full(session_id):  # the race window of the module docstring
        fill_free_seats(Session.objects.get(pk=session_id))
        registration.refresh_from_db()
    if email:
        mail.queue_registration_mail(registration_id, "created")
    return SignupResult(registration, created=True)


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
    with transaction.atomic():
        seating = Seating.objects.select_for_update().filter(pk=session.pk).first()
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
        seating.full = False
        seating.save(update_fields=["capacity", "full", "updated_at"])
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
