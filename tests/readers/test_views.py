"""Readers' and staff pages over HTTP: forms, messages, privacy, the token endpoint."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from shuxiang.activities.models import Figure
from shuxiang.orgs.models import Membership
from shuxiang.readers import desk, services
from shuxiang.readers.models import CardIssue, Reader, Registration
from shuxiang.readers.views import SESSION_KEY

Status = Registration.Status


def _as_reader(client, reader: Reader) -> None:
    session = client.session
    session[SESSION_KEY] = reader.pk
    session.save()


def test_a_reader_creates_an_account_and_is_sent_back_to_the_activity(client, create_session):
    session = create_session()
    url = reverse("readers:activity", args=[session.activity_id])
    response = client.post(
        f"{reverse('readers:join')}?next={url}",
        {"name": "张三", "phone": "13812345678", "email": "", "age_group": "adult", "card_number": ""},
    )
    assert response.status_code == 302 and response["Location"] == url
    assert client.session[SESSION_KEY] == Reader.objects.get(name="张三").pk


def test_join_form_shows_clear_messages_for_a_bad_phone_and_e_mail_and_saves_nothing(client, db):
    response = client.post(
        reverse("readers:join"),
        {"name": "张三", "phone": "555-1234", "email": "zhang@", "age_group": "adult"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "555-1234" in text and "zhang@" in text
    assert not Reader.objects.exists()


def test_signing_up_on_the_activity_page_leads_to_the_confirmation_with_qr_and_ics(
    client, create_session, create_reader
):
    session = create_session(capacity=1)
    reader = create_reader()
    _as_reader(client, reader)
    response = client.post(reverse("readers:activity", args=[session.activity_id]), {"session": session.pk})
    reg = Registration.objects.get(reader=reader)
    assert response["Location"] == reverse("readers:registration", args=[reg.token])
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and reg.qr_payload in page
    ics = client.get(reverse("readers:registration_ics", args=[reg.token]))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    png = client.get(reverse("readers:registration_qr", args=[reg.token]))
    assert png.content.startswith(b"\x89PNG")


def test_the_activity_page_refuses_an_unknown_activity_with_404(client, db):
    assert client.get(reverse("readers:activity", args=[999999])).status_code == 404


def test_the_activity_page_says_sign_up_is_closed(client, create_session, create_reader):
    session = create_session()
    session.activity.signup_open = False
    session.activity.save()
    _as_reader(client, create_reader())
    response = client.post(reverse("readers:activity", args=[session.activity_id]), {"session": session.pk})
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_token_endpoint_signs_up_once_and_answers_a_retry_with_the_same_code(
    client, create_session, create_reader
):
    session = create_session(capacity=1)
    reader = create_reader()
    url = reverse("readers:signup_by_token", args=[session.pk])
    first = client.post(url, headers={"X-Reader-Token": reader.access_token})
    again = client.post(url, headers={"X-Reader-Token": reader.access_token})
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["code"] == again.json()["code"] and first.json()["status"] == "confirmed"
    other = client.post(url, headers={"X-Reader-Token": create_reader().access_token})
    assert other.json()["status"] == "waiting"


def test_token_endpoint_once_the_session_is_full_costs_one_query_and_a_retry_gets_200(
    client, create_session, create_reader
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session = create_session(capacity=1)
    url = reverse("readers:signup_by_token", args=[session.pk])
    for _ in range(2):  # the second waits and marks the session full
        client.post(url, headers={"X-Reader-Token": create_reader().access_token})
    reader = create_reader()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, headers={"X-Reader-Token": reader.access_token})
    assert response.status_code == 201 and response.json()["status"] == "waiting"
    statements = [q for q in queries if not (q["sql"] or "").startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 1  # the INSERT (logged as None on PostgreSQL: prepared)
    retry = client.post(url, headers={"X-Reader-Token": reader.access_token})
    assert retry.status_code == 200 and retry.json()["code"] == response.json()["code"]


def test_token_endpoint_refuses_missing_tokens_unknown_sessions_and_closed_sign_up(
    client, create_session, create_reader
):
    session = create_session()
    reader = create_reader()
    assert client.post(reverse("readers:signup_by_token", args=[session.pk])).status_code == 401
    unknown = client.post(
        reverse("readers:signup_by_token", args=[999999]), headers={"X-Reader-Token": reader.access_token}
    )
    assert unknown.status_code == 404 and unknown.json()["code"] == "unknown_session"
    session.activity.signup_open = False
    session.activity.save()
    closed = client.post(
        reverse("readers:signup_by_token", args=[session.pk]), headers={"X-Reader-Token": reader.access_token}
    )
    assert closed.status_code == 409 and closed.json()["code"] == "closed"
    assert not Registration.objects.exists()


def test_the_roster_masks_phones_and_hides_names_from_a_bureau_admin(
    client, create_session, create_reader, create_user
):
    session = create_session()
    services.sign_up(session, create_reader(name="王小明", phone="13812345678"), acting_user=None)
    url = reverse("readers:staff_activity", args=[session.activity_id])
    client.force_login(create_user(session.library, Membership.Role.STAFF))
    page = client.get(url).content.decode()
    assert "王小明" in page and "138****5678" in page and "13812345678" not in page
    client.force_login(create_user(session.library.parent, Membership.Role.BUREAU_ADMIN))
    page = client.get(url).content.decode()
    assert "王小明" not in page and "138" not in page


def test_staff_of_another_library_cannot_open_the_sign_up_desk(
    client, create_session, create_user, create_library
):
    session = create_session()
    client.force_login(create_user(create_library()))
    assert client.get(reverse("readers:staff_activity", args=[session.activity_id])).status_code == 403


def test_capacity_of_minus_one_is_refused_with_a_message(client, create_session, create_user):
    session = create_session(capacity=5)
    client.force_login(create_user(session.library))
    response = client.post(
        reverse("readers:staff_activity", args=[session.activity_id]),
        {"action": "capacity", "session": session.pk, "capacity": -1},
        follow=True,
    )
    assert "-1" in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 5


def test_typed_check_in_counts_once_then_says_already(client, create_session, create_reader, create_user):
    session = create_session()
    reg = services.sign_up(session, create_reader(), acting_user=None).registration
    client.force_login(create_user(session.library, Membership.Role.VOLUNTEER))
    first = client.post(reverse("readers:check_in"), {"code": reg.qr_payload})
    second = client.post(reverse("readers:check_in"), {"code": reg.qr_payload})
    assert 'class="ok"' in first.content.decode() and 'class="warn"' in second.content.decode()
    assert Figure.objects.get(activity=session.activity, measure="attendees").value == 1
    bad = client.post(reverse("readers:check_in"), {"code": "SX1:made-up"})
    assert bad.status_code == 400


def test_card_drive_issues_a_card_and_counts_it_in_cards_issued(client, create_activity, create_user):
    activity = create_activity()
    client.force_login(create_user(activity.library))
    url = reverse("readers:card_drive", args=[activity.pk])
    for number, phone in (("GY0001", "13900000001"), ("GY0002", "13900000002")):
        response = client.post(
            url, {"name": "李四", "phone": phone, "age_group": "adult", "card_number": number}
        )
        assert response.status_code == 302
    duplicate = client.post(
        url, {"name": "王五", "phone": "13900000003", "age_group": "adult", "card_number": "GY0001"}
    )
    assert duplicate.status_code == 200 and Reader.objects.count() == 2
    figure = Figure.objects.get(activity=activity, measure="cards_issued")
    assert figure.value == 2 and figure.unit == "card" and figure.counted


def test_a_reader_downloads_their_data_as_json(client, create_session, create_reader):
    session = create_session()
    reader = create_reader(name="赵六", email="zhao@example.org")
    services.sign_up(session, reader, acting_user=None)
    _as_reader(client, reader)
    data = json.loads(client.get(reverse("readers:export")).content)
    assert data["reader"]["name"] == "赵六" and data["reader"]["email"] == "zhao@example.org"
    assert data["registrations"][0]["status"] == "confirmed"


@pytest.mark.django_db
def test_deleting_my_data_erases_the_person_but_keeps_the_counts(
    client, create_session, create_reader, create_user
):
    session = create_session(capacity=2)
    reader = create_reader(name="钱七")
    kid = create_reader(name="钱小七", age_group="child", guardian=reader, phone="")
    reg = services.sign_up(session, reader, companions=[kid], acting_user=None).registration
    staff = create_user(session.library)
    desk.check_in(reg.token, acting_user=staff)
    services.issue_card(session.activity, reader, "QQ0007", acting_user=staff)
    _as_reader(client, reader)
    client.post(reverse("readers:delete"), {"confirm": "yes"})
    assert not Reader.objects.filter(pk__in=[reader.pk, kid.pk]).exists()
    reg.refresh_from_db()
    assert reg.reader is None and reg.anonymised and reg.places == 2
    assert not reg.companions.exclude(name="").exists()
    assert CardIssue.objects.get().card_number == ""
    figures = {f.measure: f.value for f in Figure.objects.filter(activity=session.activity)}
    assert figures == {"attendees": 2, "cards_issued": 1}


def test_deleting_a_reader_frees_their_future_seat_for_the_waiting_list(create_session, create_reader):
    session = create_session(capacity=1)
    leaver = create_reader()
    services.sign_up(session, leaver, acting_user=None)
    waiting = services.sign_up(session, create_reader(), acting_user=None).registration
    services.delete_reader(leaver, acting_user=None)
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_the_sign_up_desk_costs_the_same_queries_for_3_or_30_registrations(
    client, create_session, create_reader, create_user, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session = create_session(capacity=10)
    client.force_login(create_user(session.library))
    url = reverse("readers:staff_activity", args=[session.activity_id])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(3):
        services.sign_up(session, create_reader(), acting_user=None)
    few = count()
    for _ in range(27):
        services.sign_up(session, create_reader(), acting_user=None)
    assert count() == few
    with django_assert_max_num_queries(15):
        client.get(url)
