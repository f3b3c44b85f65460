"""Readers' and staff pages over HTTP: forms, messages, privacy, the token endpoint."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from shuxiang.activities.models import Figure
from shuxiang.orgs.models import Membership
from shuxiang.readers import desk, services
from shuxiang.readers.models import CardIssue, Reader, Registration
from shuxiang.readers.session import SESSION_KEY
from tests.factories import make_activity

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


# --- privacy and safety (security review, findings 4, 5, 6, 9, 12) ----------------------


def test_a_volunteer_sees_masked_names_and_no_phones_on_the_roster(
    client, create_session, create_reader, create_user
):
    session = create_session()
    services.sign_up(session, create_reader(name="王小明", phone="13812345678"), acting_user=None)
    desk.add_walk_in(session, name="李大伟", acting_user=create_user(session.library, Membership.Role.STAFF))
    client.force_login(create_user(session.library, Membership.Role.VOLUNTEER))
    page = client.get(reverse("readers:staff_activity", args=[session.activity_id])).content.decode()
    assert "王**" in page and "李**" in page
    assert "王小明" not in page and "李大伟" not in page and "5678" not in page


def test_a_library_admin_sees_names_and_masked_phones_on_the_roster(
    client, create_session, create_reader, create_user
):
    session = create_session()
    services.sign_up(session, create_reader(name="王小明", phone="13812345678"), acting_user=None)
    client.force_login(create_user(session.library, Membership.Role.LIBRARY_ADMIN))
    page = client.get(reverse("readers:staff_activity", args=[session.activity_id])).content.decode()
    assert "王小明" in page and "138****5678" in page


@pytest.mark.parametrize(("role", "shown"), [("volunteer", "王**"), ("staff", "王小明")])
def test_check_in_shows_the_full_name_to_staff_and_the_masked_name_to_a_volunteer(
    client, create_session, create_reader, create_user, role, shown
):
    session = create_session()
    reg = services.sign_up(session, create_reader(name="王小明"), acting_user=None).registration
    client.force_login(create_user(session.library, role))
    page = client.post(reverse("readers:check_in"), {"code": reg.qr_payload}).content.decode()
    assert 'class="ok"' in page and shown in page
    if role == "volunteer":
        assert "王小明" not in page


@pytest.mark.parametrize(
    "evil",
    ["//evil.example/phish", "https://evil.example/", "///evil.example/", "/\\evil.example", "http:evil"],
)
def test_join_never_sends_the_new_reader_to_another_site(client, db, evil):
    response = client.post(
        f"{reverse('readers:join')}?next={evil}",
        {"name": "王小明", "phone": "13812345678", "email": "", "age_group": "adult"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("readers:me")


def test_the_personal_link_asks_before_signing_in_and_its_get_changes_nothing(client, create_reader):
    mine = create_reader(name="王小明")
    theirs = create_reader(name="李大伟")
    _as_reader(client, mine)
    url = reverse("readers:sign_in_with_key", args=[theirs.access_token])
    response = client.get(url)  # what an <img> on another site can make a browser do
    assert response.status_code == 200
    page = response.content.decode()
    assert "以 李** 的身份继续？" in page and "李大伟" not in page  # zh by default
    assert 'method="post"' in page and "csrfmiddlewaretoken" in page
    assert client.session[SESSION_KEY] == mine.pk
    english = client.get(url, headers={"Accept-Language": "en"}).content.decode()
    assert "Continue as 李**?" in english


def test_the_personal_link_signs_in_on_post_under_a_new_session_key(client, create_reader):
    reader = create_reader(name="王小明")
    _as_reader(client, create_reader())
    before = client.session.session_key
    url = reverse("readers:sign_in_with_key", args=[reader.access_token])
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("readers:me")
    assert client.session[SESSION_KEY] == reader.pk
    assert client.session.session_key != before


def test_the_personal_link_post_needs_the_csrf_token_and_an_unknown_key_is_404(create_reader, db):
    from django.test import Client

    reader = create_reader()
    strict = Client(enforce_csrf_checks=True)
    url = reverse("readers:sign_in_with_key", args=[reader.access_token])
    assert strict.post(url).status_code == 403
    assert SESSION_KEY not in strict.session
    unknown = reverse("readers:sign_in_with_key", args=["not-a-key"])
    assert strict.get(unknown).status_code == 404


def test_the_personal_link_of_the_reader_already_signed_in_goes_straight_to_their_page(client, create_reader):
    reader = create_reader()
    _as_reader(client, reader)
    response = client.get(reverse("readers:sign_in_with_key", args=[reader.access_token]))
    assert response.status_code == 302 and response["Location"] == reverse("readers:me")


@pytest.mark.parametrize("companion", ["abc", "1x", "-1", "99999999999999999999999"])
def test_cancelling_an_unknown_or_non_numeric_companion_is_a_404_and_cancels_nothing(
    client, create_session, create_reader, companion
):
    session = create_session()
    reg = services.sign_up(session, create_reader(), acting_user=None).registration
    response = client.post(reverse("readers:registration_cancel", args=[reg.token]), {"companion": companion})
    assert response.status_code == 404
    reg.refresh_from_db()
    assert reg.status == Status.CONFIRMED


@pytest.mark.parametrize("value", ["1x", "abc", "99999999999999999999999"])
def test_the_desk_answers_a_non_numeric_session_with_a_message(client, create_session, create_user, value):
    session = create_session(capacity=5)
    client.force_login(create_user(session.library))
    response = client.post(
        reverse("readers:staff_activity", args=[session.activity_id]),
        {"action": "capacity", "session": value, "capacity": "3"},
        follow=True,
    )
    assert response.status_code == 200
    assert "没有这个场次。" in response.content.decode()  # "Unknown session."
    session.refresh_from_db()
    assert session.capacity == 5


def test_the_public_join_form_takes_no_card_number_and_says_nothing_about_issued_ones(client, create_reader):
    create_reader(card_number="GY-0001")
    form_page = client.get(reverse("readers:join")).content.decode()
    assert 'name="card_number"' not in form_page
    data = {
        "name": "张三",
        "phone": "13812345678",
        "email": "",
        "age_group": "adult",
        "card_number": "GY-0001",
    }
    response = client.post(reverse("readers:join"), data)
    assert response.status_code == 302  # the number is ignored, not checked
    assert Reader.objects.get(name="张三").card_number is None
    data |= {"name": "李四", "phone": "13812345679", "card_number": "GY-0002"}
    client.post(reverse("readers:join"), data)
    assert Reader.objects.get(name="李四").card_number is None


def test_staff_give_a_card_number_to_a_reader_made_at_the_desk(client, create_library, create_user):
    client.force_login(create_user(create_library()))
    url = reverse("readers:desk_new_reader")
    assert 'name="card_number"' in client.get(url).content.decode()
    data = {
        "name": "张三",
        "phone": "13812345678",
        "email": "",
        "age_group": "adult",
        "card_number": "GY-0001",
    }
    assert client.post(url, data).status_code == 302
    assert Reader.objects.get(name="张三").card_number == "GY-0001"
    data |= {"name": "李四", "phone": "13812345679"}
    response = client.post(url, data)
    assert response.status_code == 200 and "GY-0001" in response.content.decode()


# --------------------------------------------------------------------------- check-in from the list


def _roster_check_in(client, activity_id: int, registration_id):
    return client.post(
        reverse("readers:staff_activity", args=[activity_id]),
        {"action": "check_in", "registration": registration_id},
        follow=True,
    )


def test_a_volunteer_checks_a_reader_in_from_the_list_and_attendance_counts_once(
    client, create_session, create_reader, create_user
):
    session = create_session(capacity=5)
    reg = services.sign_up(session, create_reader(name="王小明"), acting_user=None).registration
    client.force_login(create_user(session.library, Membership.Role.VOLUNTEER))
    page = client.get(reverse("readers:staff_activity", args=[session.activity_id])).content.decode()
    assert f'name="registration" value="{reg.pk}"' in page
    first = _roster_check_in(client, session.activity_id, reg.pk).content.decode()
    again = _roster_check_in(client, session.activity_id, reg.pk).content.decode()
    assert "签到成功：王**（1 人）。" in first and "王小明" not in first
    assert "已经签到过：王**" in again
    reg.refresh_from_db()
    figure = session.activity.figures.get(measure="attendees", counted=True)
    assert reg.checked_in_at is not None and figure.value == 1
    assert f'name="registration" value="{reg.pk}"' not in again  # no button once checked in


def test_the_list_offers_no_check_in_for_a_waiting_reader_and_refuses_one_posted(
    client, create_session, create_reader, create_user
):
    session = create_session(capacity=1)
    services.sign_up(session, create_reader(), acting_user=None)
    waiting = services.sign_up(session, create_reader(), acting_user=None).registration
    client.force_login(create_user(session.library))
    page = client.get(reverse("readers:staff_activity", args=[session.activity_id])).content.decode()
    assert f'name="registration" value="{waiting.pk}"' not in page
    _roster_check_in(client, session.activity_id, waiting.pk)
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None


@pytest.mark.parametrize("value", ["abc", "", "999999"])
def test_checking_in_an_unknown_or_another_activitys_sign_up_from_the_list_changes_nothing(
    client, create_session, create_reader, create_user, value
):
    session = create_session(capacity=5)
    other = create_session(
        make_activity(signup_open=True, library=session.library, campaign=session.activity.campaign)
    )
    theirs = services.sign_up(other, create_reader(), acting_user=None).registration
    client.force_login(create_user(session.library))
    for posted in (value, theirs.pk):
        response = _roster_check_in(client, session.activity_id, posted)
        assert "没有这条报名记录。" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.checked_in_at is None


def test_a_visitor_signed_out_asking_for_their_data_is_sent_to_sign_in_not_refused(client, create_reader):
    reader = create_reader()
    for response in (
        client.get(reverse("readers:export")),
        client.post(reverse("readers:delete"), {"confirm": "yes"}),
    ):
        assert response.status_code == 302 and response.url == reverse("readers:me")
    assert Reader.objects.filter(pk=reader.pk).exists()
