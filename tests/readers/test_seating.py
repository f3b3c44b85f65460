"""Seats: created once per session from its capacity, and following it when staff change it in
the activity form (shuxiang.readers.seating)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from shuxiang.activities import services as activity_services
from shuxiang.activities.validation import MAX_CAPACITY
from shuxiang.readers import services
from shuxiang.readers.models import Registration, Seat, Seating
from shuxiang.readers.seating import ensure_seating
from tests.factories import make_activity, make_reader, make_user

Status = Registration.Status


def test_seats_are_created_once_from_the_sessions_capacity(create_session):
    session = create_session(capacity=4)
    assert ensure_seating(session).capacity == 4
    ensure_seating(session)
    assert Seat.objects.filter(session=session).count() == 4


@pytest.mark.parametrize("where", ["session", "activity"])
def test_a_capacity_saved_past_the_bound_writes_no_seats_and_tells_staff_what_to_change(
    create_session, where
):
    """Where no check runs (the Django admin, rows older than the bound), sign-up refuses it."""
    session = create_session(capacity=MAX_CAPACITY + 1 if where == "session" else None)
    if where == "activity":
        session.activity.capacity = 200_000
        session.activity.save(update_fields=["capacity"])
    with translation.override("en"), pytest.raises(services.SignupError) as err:
        ensure_seating(session)
    assert err.value.code == "over_max_capacity"
    assert "change the activity's capacity" in err.value.messages[0]
    assert not Seat.objects.filter(session=session).exists()
    assert not Seating.objects.filter(session=session).exists()


# --------------------------------------------------------------------------- capacity from the activity form


def _open_activity(capacity: int):
    """An activity taking sign-ups in three days, its one session made as the edit form makes it."""
    activity = make_activity(
        signup_open=True, capacity=capacity, start_date=timezone.localdate() + dt.timedelta(days=3)
    )
    staff = make_user(activity.library)
    activity_services.sync_sessions(activity, acting_user=staff)
    return activity, activity.sessions.get(), staff


def _edited(activity, staff, **changes):
    fields = {f: getattr(activity, f) for f in ("kind", "title", "start_date", "signup_open", "capacity")}
    data = activity_services.ActivityData(**(fields | changes))
    return activity_services.update_activity(activity, data=data, acting_user=staff)


def test_places_added_in_the_activity_form_become_seats_and_the_first_waiting_reader_moves_up(db):
    activity, session, staff = _open_activity(capacity=1)
    services.sign_up(session, make_reader(), acting_user=None)
    waiting = services.sign_up(session, make_reader(), acting_user=None).registration
    assert waiting.status == Status.WAITING
    _edited(activity, staff, capacity=3)
    session.seating.refresh_from_db()
    waiting.refresh_from_db()
    assert session.seating.capacity == 3 and Seat.objects.filter(session=session).count() == 3
    assert waiting.status == Status.CONFIRMED
    assert services.sign_up(session, make_reader(), acting_user=None).registration.status == Status.CONFIRMED


def test_the_activity_form_cannot_take_away_places_already_given_and_changes_nothing(db):
    activity, session, staff = _open_activity(capacity=3)
    for _ in range(2):
        services.sign_up(session, make_reader(), acting_user=None)
    with pytest.raises(ValidationError) as err:
        _edited(activity, staff, capacity=1)
    assert "capacity" in err.value.message_dict
    activity.refresh_from_db()
    session.refresh_from_db()
    assert (activity.capacity, session.capacity, session.seating.capacity) == (3, 3, 3)
    assert Seat.objects.filter(session=session).count() == 3
