"""Seats and the waiting list's promotion: the primitives every sign-up path shares.

A session's ``Seating`` row carries its capacity and the ``full`` flag; its ``Seat`` rows
are the places themselves (docs/readers.md, "Seat allocation"). Seats are claimed with
``FOR UPDATE SKIP LOCKED`` and freed only under the seating row's ``FOR UPDATE``, by
whoever then promotes the first waiting registrations whose places fit.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shuxiang.activities.models import Activity, Session
from shuxiang.activities.validation import MAX_CAPACITY
from shuxiang.orgs.services import record_audit
from shuxiang.readers import mail
from shuxiang.readers.errors import SignupError
from shuxiang.readers.models import Registration, Seat, Seating

Status = Registration.Status


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
    """The session's seating row and its seats, created (once, race-safe) on first use.

    A capacity past ``MAX_CAPACITY`` is refused (``SignupError`` code ``over_max_capacity``)
    before any seat is written: the activity form, the API and the desk refuse one, but a row
    saved where no check runs (the Django admin, or before the bound) must not become that many
    Seat rows in one request.
    """
    try:
        return session.seating
    except Seating.DoesNotExist:
        pass
    capacity = session.capacity if session.capacity is not None else session.activity.capacity
    if capacity is not None and capacity > MAX_CAPACITY:
        raise SignupError(
            _(
                "This session is set to %(capacity)s places, more than the %(limit)s a session can "
                "offer: staff must change the activity's capacity before readers can sign up."
            )
            % {"capacity": capacity, "limit": MAX_CAPACITY},
            code="over_max_capacity",
        )
    try:
        with transaction.atomic():
            seating = Seating.objects.create(session=session, library=session.library, capacity=capacity)
            if capacity:
                Seat.objects.bulk_create(Seat(session=session, number=n) for n in range(1, capacity + 1))
    except IntegrityError:  # another request created it first
        seating = Seating.objects.get(pk=session.pk)
    session.seating = seating
    return seating


def claim_free_seats(session_id: int, places: int, *, skip_locked: bool) -> list[int]:
    return list(
        Seat.objects.select_for_update(skip_locked=skip_locked)
        .filter(session_id=session_id, registration__isnull=True)
        .order_by("number")
        .values_list("id", flat=True)[:places]
    )


def is_full(session_id: int) -> bool:
    with transaction.get_connection().cursor() as cursor:  # hot path: skip the ORM's query building
        cursor.execute(
            f'SELECT 1 FROM {Seating._meta.db_table} WHERE session_id = %s AND "full"', [session_id]
        )
        return cursor.fetchone() is not None


def promote_locked(seating: Seating) -> list[Registration]:
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
        free = claim_free_seats(session_id, seating.capacity, skip_locked=False)
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


def _promote_again_after_commit(session_id: int) -> None:
    """The freeing side's re-check: a second promotion, in a snapshot taken after our commit."""
    fill_free_seats_of(session_id)


def fill_free_seats(session: Session) -> list[Registration]:
    """Promote waiting registrations into any free seats; returns those promoted."""
    return fill_free_seats_of(session.pk)


def fill_free_seats_of(session_id: int) -> list[Registration]:
    """``fill_free_seats`` by the session's id."""
    with transaction.atomic():
        seating = Seating.objects.select_for_update().filter(pk=session_id).first()
        if seating is None or seating.full:  # full under the lock means no free seat
            return []
        return promote_locked(seating)


def resize(session: Session, capacity: int | None, *, acting_user: AbstractBaseUser | None) -> Seating:
    """Set a session's places and its seats together, under the seating row's lock.

    Seats are added or removed (free ones, the highest numbers first), never below the places
    already given (``SignupError`` ``below_given``), and the waiting list is promoted into new
    places. None removes the limit. The caller has checked who may and the bound
    (``desk.change_capacity``, ``activities.services``' session sync); the seating row exists.
    """
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
            spare = claim_free_seats(session.pk, seating.capacity, skip_locked=False)
            drop = sorted(spare, reverse=True)[: old - capacity]
            Seat.objects.filter(id__in=drop).delete()
        seating.capacity = capacity
        seating.save(update_fields=["capacity", "updated_at"])
        Session.objects.filter(pk=session.pk).update(capacity=capacity)
        record_audit(
            "session.capacity",
            session,
            acting_user=acting_user,
            organisation=session.library,
            data={"from": old, "to": capacity},
        )
        promote_locked(seating)
    return seating
