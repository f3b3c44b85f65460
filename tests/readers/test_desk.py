"""The sign-up desk: capacity, open and close, walk-ins, check-in and attendance."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from shuxiang.activities.models import Activity, Figure
from shuxiang.orgs.models import Membership
from shuxiang.readers import desk, services
from shuxiang.readers.models import Registration, Seat

Status = Registration.Status


@pytest.fixture
def staff(create_user):
    def make(activity: Activity, role: str = Membership.Role.STAFF):
        return create_user(activity.library, role)

    return make


def test_staff_cannot_lower_capacity_below_the_places_given_or_below_zero(
    create_session, create_reader, staff
):
    session = create_session(capacity=3)
    for _ in range(2):
        services.sign_up(session, create_reader(), acting_user=None)
    user = staff(session.activity)
    with pytest.raises(services.SignupError) as err:
        desk.change_capacity(session, 1, acting_user=user)
    assert err.value.code == "below_given"
    with pytest.raises(services.SignupError) as err:
        desk.change_capacity(session, -1, acting_user=user)
    assert err.value.code == "bad_capacity"
    assert Seat.objects.filter(session=session).count() == 3


def test_raising_capacity_promotes_the_waiting_and_lowering_drops_free_seats(
    create_session, create_reader, staff
):
    session = create_session(capacity=1)
    regs = [services.sign_up(session, create_reader(), acting_user=None).registration for _ in range(3)]
    user = staff(session.activity)
    desk.change_capacity(session, 2, acting_user=user)
    assert Registration.objects.get(pk=regs[1].pk).status == Status.CONFIRMED
    assert Registration.objects.get(pk=regs[2].pk).status == Status.WAITING
    services.cancel_registration(regs[0], acting_user=None)  # regs[2] promoted
    services.cancel_registration(regs[2], acting_user=None)
    seating = desk.change_capacity(session, 1, acting_user=user)
    assert seating.capacity == 1 and Seat.objects.filter(session=session).count() == 1


def test_a_volunteer_cannot_change_capacity(create_session, staff):
    session = create_session(capacity=3)
    with pytest.raises(PermissionDenied):
        desk.change_capacity(session, 5, acting_user=staff(session.activity, Membership.Role.VOLUNTEER))


def test_closing_signup_keeps_registrations_and_refuses_new_ones(create_session, create_reader, staff):
    session = create_session(capacity=3)
    reg = services.sign_up(session, create_reader(), acting_user=None).registration
    desk.set_signup_open(session.activity, False, acting_user=staff(session.activity))
    with pytest.raises(services.SignupError):
        services.sign_up(session, create_reader(), acting_user=None)
    assert Registration.objects.get(pk=reg.pk).status == Status.CONFIRMED


def test_check_in_counts_attendance_once_and_a_second_scan_says_already(create_session, create_reader, staff):
    session = create_session(capacity=3)
    parent = create_reader()
    kid = create_reader(age_group="child", guardian=parent, phone="")
    reg = services.sign_up(session, parent, companions=[kid], acting_user=None).registration
    volunteer = staff(session.activity, Membership.Role.VOLUNTEER)
    first = desk.check_in(reg.qr_payload, acting_user=volunteer)
    second = desk.check_in(reg.token, acting_user=volunteer)
    assert not first.already and second.already
    figure = Figure.objects.get(activity=session.activity, measure="attendees", counted=True)
    assert figure.value == Decimal(2) and figure.unit == "person"


def test_check_in_refuses_unknown_codes_waiting_registrations_and_other_libraries(
    create_session, create_reader, staff, create_activity
):
    session = create_session(capacity=1)
    services.sign_up(session, create_reader(), acting_user=None)
    waiting = services.sign_up(session, create_reader(), acting_user=None).registration
    user = staff(session.activity)
    with pytest.raises(services.SignupError) as err:
        desk.check_in("SX1:nope", acting_user=user)
    assert err.value.code == "unknown_code"
    with pytest.raises(services.SignupError) as err:
        desk.check_in(waiting.qr_payload, acting_user=user)
    assert err.value.code == "not_confirmed"
    with pytest.raises(PermissionDenied):
        desk.check_in(waiting.qr_payload, acting_user=staff(create_activity()))
    assert not Figure.objects.filter(measure="attendees").exists()


def test_a_walk_in_takes_a_free_seat_and_counts_as_attended(create_session, staff):
    session = create_session(capacity=1)
    user = staff(session.activity)
    reg = desk.add_walk_in(session, name="王阿姨", acting_user=user)
    assert reg.status == Status.CONFIRMED and reg.checked_in_at is not None
    assert Figure.objects.get(activity=session.activity, measure="attendees").value == 1
    with pytest.raises(services.SignupError) as err:
        desk.add_walk_in(session, name="李叔叔", acting_user=user)
    assert err.value.code == "full"


def test_staff_cannot_raise_capacity_above_the_activity_forms_bound(create_session, staff):
    from django.utils import translation

    from shuxiang.activities.validation import MAX_CAPACITY

    session = create_session(capacity=3)
    services.ensure_seating(session)
    user = staff(session.activity)
    for too_many in (MAX_CAPACITY + 1, 10**12):
        with translation.override("en"), pytest.raises(services.SignupError) as err:
            desk.change_capacity(session, too_many, acting_user=user)
        assert err.value.code == "over_max_capacity"
        assert f"at most {MAX_CAPACITY} places" in err.value.messages[0]
    assert Seat.objects.filter(session=session).count() == 3
    session.refresh_from_db()
    assert session.capacity == 3
    assert desk.change_capacity(session, MAX_CAPACITY, acting_user=user).capacity == MAX_CAPACITY
