"""A reader signs out of this browser (shuxiang.readers.session_views)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from shuxiang.readers.session import SESSION_KEY


def _signed_in(reader) -> Client:
    client = Client(enforce_csrf_checks=True)
    session = client.session
    session[SESSION_KEY] = reader.pk
    session.save()
    return client


def _csrf(client: Client) -> str:
    client.get(reverse("web:home"))  # the header's forms set the CSRF cookie
    return client.cookies["csrftoken"].value


def test_sign_out_forgets_the_reader_and_goes_home_with_a_message(create_reader):
    client = _signed_in(create_reader())
    old_key = client.session.session_key
    response = client.post(reverse("readers:sign_out"), {"csrfmiddlewaretoken": _csrf(client)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:home")
    assert "您已退出读者账户。" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert client.session.session_key != old_key
    assert client.get(reverse("readers:me")).status_code == 302  # to the join page again


def test_sign_out_refuses_get_and_posts_without_a_csrf_token(create_reader):
    client = _signed_in(create_reader())
    assert client.get(reverse("readers:sign_out")).status_code == 405
    assert client.post(reverse("readers:sign_out")).status_code == 403
    assert client.session[SESSION_KEY]


def test_sign_out_keeps_a_staff_user_logged_in(create_reader, create_user, create_library):
    staff = create_user(create_library())
    client = _signed_in(create_reader())
    client.force_login(staff)
    session = client.session
    session[SESSION_KEY] = create_reader().pk
    session.save()
    client.post(reverse("readers:sign_out"), {"csrfmiddlewaretoken": _csrf(client)})
    assert SESSION_KEY not in client.session
    assert client.get(reverse("readers:check_in")).status_code == 200


def test_sign_out_without_a_reader_just_goes_home(db):
    client = Client()
    response = client.post(reverse("readers:sign_out"))
    assert response.status_code == 302 and response["Location"] == reverse("web:home")
