"""Every write on sign-ups: sign up, cancel, promote, staff changes, check-in.

Reader accounts, library cards and privacy writes live in ``accounts.py``; both are
re-exported here so callers (views, the JSON API) import one module.

Seat allocation, in one paragraph (the long version is docs/readers.md):
seats are rows. A sign-up claims ``places`` free seats of its session with
``SELECT ... FOR UPDATE SKIP LOCKED LIMIT places`` and, in the same transaction, inserts
its registration and marks those seats taken; concurrent sign-ups skip each other's
locked seats instead of queueing on one counter. When too few seats come back, the
sign-up goes on the waiting list. Once the session's ``Seating.full`` flag is set, a
one-person sign-up is one statement: an INSERT ... SELECT that writes a waiting
registration only if ``full`` is still set, holding a share lock on the seating row until
it commits (``_insert_waiting_if_full``). Seats are freed only under that row's exclusive
lock (cancel, capacity change), and whoever frees them promotes the first waiting
registrations whose places fit; the share lock orders every freeing against every
full-session insert, so one always sees the other. A general-path sign-up that ends on
the waiting list (it read ``full = false`` without a lock) re-reads ``full`` after commit
and, while it is false, runs the same promotion under the lock.

On SQLite ``select_for_update`` is a no-op, but every transaction begins IMMEDIATE
(settings), so writers are serialised and the same code is correct.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
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


@functools.cache
def _prepared_cursor_class() -> type:
    import psycopg  # only on PostgreSQL

    class PreparedCursor(psycopg.Cursor):
        def execute(self, query, params=None, **kwargs):
            return super().execute(query, params, prepare=True, **kwargs)

    return PreparedCursor


def _prepared_cursor(connection: BaseDatabaseWrapper) -> CursorWrapper:
    """A Django cursor whose statements PostgreSQL parses and plans once per connection.

    Django binds parameters client-side and disables psycopg's prepared statements (for
    connection poolers), so every execution of the full-session INSERT would be parsed and
    planned again: about 60% of its PostgreSQL CPU time, measured (docs/readers.md). This
    cursor binds server-side and prepares, for the one hot statement only, with the
    persistent connections of ``SHUXIANG_DB_CONN_MAX_AGE``. PgBouncer 1.21+ supports
    protocol-level prepared statements in transaction mode. Other databases: a plain cursor.
    Django's wrapper is kept, so errors are Django's and the statement is counted in Django's
    query log like any other (its text shows as None there: psycopg keeps no text of a
    prepared execution).
    """
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    if connection.connection.prepare_threshold is None:
        # Django turns psycopg's preparing off with None, which also ignores an explicit
        # prepare=True. A threshold no statement reaches keeps automatic preparing off (and
        # Django's own cursors bind client-side, so they never prepare) while letting this
        # cursor's explicit prepare=True through.
        connection.connection.prepare_threshold = 2**31
    raw = _prepared_cursor_class()(connection.connection)
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)


def _waiting_insert_sql(reader_column: str, *, lock: bool) -> str:
    """INSERT ... SELECT of a one-person waiting registration, a row only if the session is full and open.

    ``reader_column`` is ``access_token`` or ``id`` (chosen in code, never from a request).
    ``lock`` adds ``FOR SHARE OF`` the seating row: the statement then holds a share lock on
    it until it commits, which is what makes the waiting insert safe without a re-read (see
    ``_insert_waiting_if_full``). Table names come from the models.
    """
    assert reader_column in {"access_token", "id"}, reader_column
    registration = Registration._meta.db_table
    reader = Reader._meta.db_table
    sql = (
        f"INSERT INTO {registration} (session_id, activity_id, library_id, reader_id, places, status,"
        " channel, token, token_version, walk_in_name, created_by_id, created_at, anonymised)"
        " SELECT s.id, s.activity_id, s.library_id, r.id, 1, %s, %s, %s, %s, '', %s, %s, %s"
        f" FROM {Session._meta.db_table} s"
        f" JOIN {Activity._meta.db_table} a ON a.id = s.activity_id"
        f" JOIN {Seating._meta.db_table} st ON st.session_id = s.id"
        f" JOIN {reader} r ON r.{reader_column} = %s"
        ' WHERE s.id = %s AND st."full" AND st.capacity IS NOT NULL AND s.starts_at > %s'
        " AND a.status = %s AND a.signup_open AND a.visibility = %s"
    )
    if lock:
        sql += " FOR SHARE OF st"
    email = f"(SELECT email FROM {reader} WHERE id = {registration}.reader_id)"
    return sql + f" RETURNING id, reader_id, activity_id, library_id, {email}"


def _insert_waiting_if_full(
    session_id: int,
    *,
    reader_column: str,
    reader_value: int | str,
    channel: str,
    created_by_id: int | None,
    now: dt.datetime,
    lock: bool = True,
) -> tuple[Registration, str] | None:
    """Once a session is full, a one-person sign-up is this one statement: no transaction of its own.

    Inserts a waiting registration if, at the moment of the insert, the session's ``full``
    flag is set and sign-up is open (planned, open, public, in the future); returns the
    registration and the reader's e-mail, or None (nothing written: take the general path).
    Raises ``IntegrityError`` when the reader already holds a registration (a retry).

    Why no seat can stay free while this registration waits (docs/readers.md): seats are
    freed only by transactions holding the seating row ``FOR UPDATE``, which run the
    promotion before they commit and set ``full`` from what is left. The insert holds
    ``FOR SHARE`` on that row until it commits. If it takes the share lock first, a freeing
    transaction waits for the insert to commit, and its promotion (a later statement, so a
    later snapshot under READ COMMITTED) sees the new waiting row. If a freeing transaction
    holds the lock first, the insert waits, and PostgreSQL re-checks ``full`` on the row as
    committed: false means nothing is inserted and the caller claims the freed seat. SQLite
    serialises writers (an INSERT takes the write lock before it reads), so the check and
    the insert are one step there without a lock clause. Outside a transaction it runs in
    autocommit; inside one (tests, a caller's atomic block) it gets a savepoint so a
    duplicate does not break the caller's transaction.
    """
    connection = transaction.get_connection()
    adapt = connection.ops.adapt_datetimefield_value
    token = new_token()
    params = [
        *(Status.WAITING.value, str(channel), token, TOKEN_VERSION, created_by_id, adapt(now), False),
        *(
            reader_value,
            session_id,
            adapt(now),
            Activity.Status.PLANNED.value,
            Activity.Visibility.PUBLIC.value,
        ),
    ]
    sql = _waiting_insert_sql(reader_column, lock=lock and connection.features.has_select_for_update)
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    with guard, _prepared_cursor(connection) as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    registration_id, reader_id, activity_id, library_id, email = row
    values = {
        "id": registration_id,
        "session_id": session_id,
        "activity_id": activity_id,
        "library_id": library_id,
        "reader_id": reader_id,
        "places": 1,
        "status": Status.WAITING.value,
        "channel": str(channel),
        "token": token,
        "token_version": TOKEN_VERSION,
        "walk_in_name": "",
        "created_by_id": created_by_id,
        "created_at": now,
        "confirmed_at": None,
        "cancelled_at": None,
        "checked_in_at": None,
        "anonymised": False,
    }
    # The row as the database now holds it, built the way a query result is (positional,
    # every field): keyword construction costs more than the INSERT's own Python here.
    attnames = _registration_attnames()
    registration = Registration.from_db(connection.alias, attnames, [values[name] for name in attnames])
    return registration, email or ""


@functools.cache
def _registration_attnames() -> list[str]:
    return [field.attname for field in Registration._meta.concrete_fields]


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
        # Full (as last read): one conditional INSERT; a retry is answered by the unique constraint.
        try:
            inserted = _insert_waiting_if_full(
                session.pk,
                reader_column="id",
                reader_value=reader.pk,
                channel=channel,
                created_by_id=created_by.pk if created_by is not None else None,
                now=now,
            )
        except IntegrityError:
            existing = active_registration(session, reader)
            if existing is None:
                raise
            return SignupResult(existing, created=False)
        if inserted is not None:
            registration, _email = inserted
            if reader.email:
                mail.queue_registration_mail(registration.pk, "created")
            return SignupResult(registration, created=True)
        # A seat was freed since ``full`` was read (or the activity is not public): the general path.
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
    person is the rush's common case, and it is one parameterised statement
    (``_insert_waiting_if_full``: the reader found by token, the session's checks and its
    ``full`` flag, the INSERT, in autocommit). When that statement inserts nothing (seats
    still free, closed sign-up, unknown token or session) the general path answers:
    ``sign_up`` with the reader and session loaded. A retry is answered by the unique
    constraint. Codes beyond ``sign_up``'s: ``unknown_reader``, ``unknown_session``.
    """
    if not access_token:
        raise SignupError(_("Unknown or missing reader token."), code="unknown_reader")
    now = timezone.now()
    try:
        inserted = _insert_waiting_if_full(
            session_id,
            reader_column="access_token",
            reader_value=access_token,
            channel=channel,
            created_by_id=None,
            now=now,
        )
    except IntegrityError:  # a retry: the unique constraint found the first sign-up
        existing = (
            Registration.objects.filter(
                session_id=session_id, reader__access_token=access_token, status__in=Registration.ACTIVE
            )
            .order_by("id")
            .first()
        )
        if existing is None:
            raise
        return SignupResult(existing, created=False)
    if inserted is not None:
        registration, email = inserted
        if email:
            mail.queue_registration_mail(registration.pk, "created")
        return SignupResult(registration, created=True)
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
