"""Sign-up, cancel and promotion, one behaviour per test (staff actions: test_desk.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from shuxiang.activities.models import Activity
from shuxiang.orgs.models import AuditEntry
from shuxiang.readers import selectors, services
from shuxiang.readers.models import Reader, Registration, Seat

Status = Registration.Status


def test_signups_are_confirmed_while_seats_remain_then_numbered_on_the_waiting_list(
    create_session, create_reader
):
    session = create_session(capacity=2)
    results = [services.sign_up(session, create_reader(), acting_user=None) for _ in range(4)]
    assert [r.registration.status for r in results] == [Status.CONFIRMED] * 2 + [Status.WAITING] * 2
    assert [selectors.waiting_position(r.registration) for r in results] == [None, None, 1, 2]
    session.seating.refresh_from_db()
    assert session.seating.full


def test_signing_up_twice_returns_the_first_registration_and_takes_no_second_place(
    create_session, create_reader
):
    session = create_session(capacity=3)
    reader = create_reader()
    first = services.sign_up(session, reader, acting_user=None)
    again = services.sign_up(session, reader, acting_user=None)
    assert first.created and not again.created
    assert again.registration.pk == first.registration.pk
    assert Seat.objects.filter(session=session, registration__isnull=False).count() == 1


def test_a_family_takes_all_its_places_together_or_waits(create_session, create_reader):
    session = create_session(capacity=3)
    services.sign_up(session, create_reader(), acting_user=None)  # 2 seats left
    parent = create_reader()
    kids = [create_reader(age_group="child", guardian=parent, phone="") for _ in range(2)]
    result = services.sign_up(session, parent, companions=kids, acting_user=None)
    assert result.registration.status == Status.WAITING and result.registration.places == 3
    assert Seat.objects.filter(session=session, registration__isnull=True).count() == 2


def test_a_family_larger_than_the_whole_session_is_refused_not_put_on_the_list(create_session, create_reader):
    session = create_session(capacity=2)
    parent = create_reader()
    kids = [create_reader(age_group="child", guardian=parent, phone="") for _ in range(2)]
    with pytest.raises(services.SignupError) as err:
        services.sign_up(session, parent, companions=kids, acting_user=None)
    assert err.value.code == "more_than_capacity" and "2" in err.value.messages[0]
    assert not Registration.objects.filter(session=session).exists()
    assert services.sign_up(session, parent, companions=kids[:1], acting_user=None).registration.places == 2


def test_promotion_skips_a_family_that_does_not_fit_and_confirms_the_next_single(
    create_session, create_reader
):
    session = create_session(capacity=2)
    first = services.sign_up(session, create_reader(), acting_user=None).registration
    services.sign_up(session, create_reader(), acting_user=None)  # both seats taken
    parent = create_reader()
    kid = create_reader(age_group="child", guardian=parent, phone="")
    family = services.sign_up(session, parent, companions=[kid], acting_user=None).registration
    single = services.sign_up(session, create_reader(), acting_user=None).registration
    promoted = services.cancel_registration(first, acting_user=None)
    assert [r.pk for r in promoted] == [single.pk]
    family.refresh_from_db()
    assert family.status == Status.WAITING and selectors.waiting_position(family) == 1


def test_cancelling_one_child_frees_one_seat_for_the_first_waiting(create_session, create_reader):
    session = create_session(capacity=3)
    parent = create_reader()
    kids = [create_reader(age_group="child", guardian=parent, phone="") for _ in range(2)]
    family = services.sign_up(session, parent, companions=kids, acting_user=None).registration
    waiting = services.sign_up(session, create_reader(), acting_user=None).registration
    companion = family.companions.first()
    promoted = services.cancel_registration(family, companion=companion, acting_user=None)
    assert [r.pk for r in promoted] == [waiting.pk]
    family.refresh_from_db()
    assert family.places == 2 and family.status == Status.CONFIRMED
    assert family.seats.count() == 2


def test_cancelling_twice_is_a_no_op(create_session, create_reader):
    session = create_session(capacity=1)
    reg = services.sign_up(session, create_reader(), acting_user=None).registration
    services.cancel_registration(reg, acting_user=None)
    assert services.cancel_registration(reg, acting_user=None) == []
    assert AuditEntry.objects.filter(action="registration.cancel", object_id=str(reg.pk)).count() == 1


def test_a_companion_must_be_the_readers_own_child(create_session, create_reader):
    session = create_session()
    with pytest.raises(services.SignupError) as err:
        services.sign_up(session, create_reader(), companions=[create_reader()], acting_user=None)
    assert err.value.code == "not_child"
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"signup_open": False}, "closed"),
        ({"status": Activity.Status.CANCELLED}, "not_planned"),
    ],
)
def test_signup_is_refused_for_a_closed_or_cancelled_activity(create_session, create_reader, change, code):
    session = create_session()
    Activity.objects.filter(pk=session.activity_id).update(**change)
    session.activity.refresh_from_db()
    with pytest.raises(services.SignupError) as err:
        services.sign_up(session, create_reader(), acting_user=None)
    assert err.value.code == code
    assert not Registration.objects.exists()


def test_signup_is_refused_for_a_session_in_the_past(create_session, create_reader):
    session = create_session(starts_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(services.SignupError) as err:
        services.sign_up(session, create_reader(), acting_user=None)
    assert err.value.code == "past"
    assert not Registration.objects.exists()


def test_confirmation_mail_goes_after_commit_with_qr_and_ics(
    create_session, create_reader, django_capture_on_commit_callbacks
):
    session = create_session(capacity=1)
    reader = create_reader(email="reader@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        reg = services.sign_up(session, reader, acting_user=None).registration
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert reg.qr_payload in message.body
    assert {a[0] for a in message.attachments} == {"ticket.png", "event.ics"}
    version, token = reg.qr_payload.split(":")
    assert version == "SX1" and token == reg.token and token != str(reg.pk) and len(token) >= 20


def test_promotion_mail_tells_the_waiting_reader(
    create_session, create_reader, django_capture_on_commit_callbacks
):
    session = create_session(capacity=1)
    first = services.sign_up(session, create_reader(), acting_user=None).registration
    waiting_reader = create_reader(email="next@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up(session, waiting_reader, acting_user=None)
    assert "1" in mail.outbox[-1].body  # number 1 on the waiting list
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(first, acting_user=None)
    assert mail.outbox[-1].to == ["next@example.org"]
    assert "ticket.png" in {a[0] for a in mail.outbox[-1].attachments}


def test_unlimited_sessions_confirm_everyone_without_seats(create_session, create_reader):
    session = create_session(capacity=None)
    regs = [services.sign_up(session, create_reader(), acting_user=None).registration for _ in range(3)]
    assert {r.status for r in regs} == {Status.CONFIRMED}
    assert not Seat.objects.filter(session=session).exists()


def test_default_session_is_created_once_for_a_one_off_activity(create_activity):
    activity = create_activity(signup_open=True, capacity=5)
    first = services.default_session(activity)
    assert services.default_session(activity).pk == first.pk
    assert first.starts_at.date() == activity.start_date


@pytest.mark.django_db
def test_reader_validation_refuses_bad_phone_and_email_and_creates_nothing():
    with pytest.raises(ValidationError) as err:
        services.register_reader(
            name="张三", phone="12345", email="not-an-email", age_group="adult", acting_user=None
        )
    assert set(err.value.message_dict) == {"phone", "email"}
    with pytest.raises(ValidationError) as err:
        services.register_reader(name="张三", age_group="adult", acting_user=None)
    assert "phone" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.register_reader(name="小明", age_group="child", acting_user=None)
    assert "guardian" in err.value.message_dict
    assert not Reader.objects.exists()


@pytest.mark.django_db
def test_reader_phone_is_normalised():
    reader = services.register_reader(
        name="张三", phone="+86 138-1234-5678", age_group="adult", acting_user=None
    )
    assert reader.phone == "13812345678" and reader.masked_phone == "138****5678"


def test_once_full_a_token_sign_up_is_one_statement_and_a_retry_returns_the_first(
    create_session, create_reader
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session = create_session(capacity=1)
    first = create_reader()
    services.sign_up(session, first, acting_user=None)
    services.sign_up(session, create_reader(), acting_user=None)  # waits, and marks the session full
    late = create_reader()
    with CaptureQueriesContext(connection) as queries:
        result = services.sign_up_with_token(late.access_token, session.pk)
    assert result.created and result.registration.status == Status.WAITING
    assert selectors.waiting_position(Registration.objects.get(pk=result.registration.pk)) == 2
    statements = [q for q in queries if not (q["sql"] or "").startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 1  # the INSERT (logged as None on PostgreSQL: prepared)
    assert result.registration.reader_id == late.pk
    assert result.registration.activity_id == session.activity_id
    again = services.sign_up_with_token(late.access_token, session.pk)
    assert not again.created and again.registration.pk == result.registration.pk
    confirmed_retry = services.sign_up_with_token(first.access_token, session.pk)
    assert not confirmed_retry.created and confirmed_retry.registration.status == Status.CONFIRMED
    assert Registration.objects.filter(session=session).count() == 3


def test_a_retried_token_sign_up_on_a_full_session_tries_the_waiting_insert_once(
    create_session, create_reader, monkeypatch
):
    from shuxiang.readers import waitlist

    session = create_session(capacity=1)
    services.sign_up(session, create_reader(), acting_user=None)
    services.sign_up(session, create_reader(), acting_user=None)  # waits, and marks the session full
    late = create_reader()
    first = services.sign_up_with_token(late.access_token, session.pk)
    tries = []
    real = waitlist.join_if_full
    monkeypatch.setattr(waitlist, "join_if_full", lambda request: tries.append(request) or real(request))
    again = services.sign_up_with_token(late.access_token, session.pk)
    assert not again.created and again.registration.pk == first.registration.pk
    assert len(tries) == 1  # the general path answers the retry without a second insert


def test_token_sign_up_refuses_unknown_tokens_and_sessions_and_closed_sign_up(create_session, create_reader):
    session = create_session(capacity=1)
    reader = create_reader()
    for token, session_id, code in (
        ("nope", session.pk, "unknown_reader"),
        (reader.access_token, 999999, "unknown_session"),
    ):
        with pytest.raises(services.SignupError) as err:
            services.sign_up_with_token(token, session_id)
        assert err.value.code == code
    Activity.objects.filter(pk=session.activity_id).update(signup_open=False)
    with pytest.raises(services.SignupError) as err:
        services.sign_up_with_token(reader.access_token, session.pk)
    assert err.value.code == "closed"
    assert not Registration.objects.exists()


def test_a_seat_freed_just_before_the_waiting_insert_goes_to_that_sign_up(
    create_session, create_reader, monkeypatch
):
    """A cancel frees a seat (no one waiting fits) and clears ``full`` just before the waiting
    insert runs; the insert is conditional on ``full``, writes nothing, and the sign-up takes
    the freed seat through the general path."""
    from shuxiang.readers import waitlist
    from shuxiang.readers.models import Seating

    session = create_session(capacity=1)
    services.sign_up(session, create_reader(), acting_user=None)
    services.sign_up(session, create_reader(), acting_user=None)  # waits; session marked full
    Registration.objects.filter(session=session, status=Status.WAITING).update(status=Status.CANCELLED)
    real_insert_waiting = waitlist.insert_waiting

    def cancel_then_insert(requests, recheck=()):
        Registration.objects.filter(session=session, status=Status.CONFIRMED).update(status=Status.CANCELLED)
        Seat.objects.filter(session=session).update(registration=None)
        Seating.objects.filter(pk=session.pk).update(full=False)
        return real_insert_waiting(requests, recheck)

    monkeypatch.setattr(waitlist, "insert_waiting", cancel_then_insert)
    late = services.sign_up_with_token(create_reader().access_token, session.pk)
    assert late.registration.status == Status.CONFIRMED
    assert Seat.objects.get(session=session).registration_id == late.registration.pk


def test_a_web_sign_up_with_a_stale_full_flag_takes_the_seat_freed_since(create_session, create_reader):
    from shuxiang.activities.models import Session
    from shuxiang.readers.models import Seating

    session = create_session(capacity=1)
    first = services.sign_up(session, create_reader(), acting_user=None).registration
    services.sign_up(session, create_reader(), acting_user=None).registration.delete()  # marks full
    loaded = Session.objects.select_related("activity", "seating").get(pk=session.pk)
    assert loaded.seating.full
    services.cancel_registration(first, acting_user=None)  # no one waits: the seat stays free
    assert not Seating.objects.get(pk=session.pk).full
    late = services.sign_up(loaded, create_reader(), acting_user=None).registration
    assert late.status == Status.CONFIRMED
    assert Seat.objects.get(session=session).registration_id == late.pk


def test_once_full_a_web_sign_up_is_one_insert_and_a_second_press_returns_the_first(
    create_session, create_reader
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from shuxiang.activities.models import Session

    session = create_session(capacity=1)
    services.sign_up(session, create_reader(), acting_user=None)
    services.sign_up(session, create_reader(), acting_user=None)  # waits, and marks the session full
    loaded = Session.objects.select_related("activity", "seating").get(pk=session.pk)
    late = create_reader()
    with CaptureQueriesContext(connection) as queries:
        result = services.sign_up(loaded, late, acting_user=None)
    statements = [q for q in queries if not (q["sql"] or "").startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 1  # the INSERT (logged as None on PostgreSQL: prepared)
    assert result.created and result.registration.status == Status.WAITING
    assert selectors.waiting_position(Registration.objects.get(pk=result.registration.pk)) == 2
    again = services.sign_up(loaded, late, acting_user=None)
    assert not again.created and again.registration.pk == result.registration.pk
