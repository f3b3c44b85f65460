"""Seats: created once per session from its capacity (shuxiang.readers.seating)."""

from __future__ import annotations

import pytest
from django.utils import translation

from shuxiang.activities.validation import MAX_CAPACITY
from shuxiang.readers import services
from shuxiang.readers.models import Seat, Seating
from shuxiang.readers.seating import ensure_seating


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
