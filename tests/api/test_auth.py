from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from shuxiang.api.models import TOKEN_LIFETIME_DAYS, ApiToken
from shuxiang.orgs.models import AuditEntry
from tests.api.conftest import post
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def session_client(user, *, csrf: bool) -> Client:
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def test_openapi_document_and_docs_are_served():
    client = Client(HTTP_HOST="localhost")
    spec = client.get("/api/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    assert "/api/activities" in paths and "/api/campaigns/{campaign_id}/record" in paths
    assert client.get("/api/docs").status_code == 200


def test_create_token_returns_the_key_once_and_stores_only_its_hash(world):
    client = session_client(world.staff_a, csrf=False)
    response = post(client, "/api/tokens", {"name": "script"})
    assert response.status_code == 201
    key = response.json()["token"]
    token = ApiToken.objects.get()
    assert key not in (token.key_hash, token.hint) and key.startswith(token.hint)
    assert "token" not in client.get("/api/tokens").json()[0]
    assert AuditEntry.objects.filter(action="api_token.create", actor=world.staff_a).exists()


def test_create_token_needs_a_signed_in_staff_member_and_a_name(world, django_user_model):
    assert post(Client(HTTP_HOST="localhost"), "/api/tokens", {"name": "x"}).status_code == 401
    reader = django_user_model.objects.create_user("reader", password=PASSWORD)
    assert post(session_client(reader, csrf=False), "/api/tokens", {"name": "x"}).status_code == 403
    response = post(session_client(world.staff_a, csrf=False), "/api/tokens", {"name": "  "})
    assert response.status_code == 422 and "name" in response.json()["errors"]


def test_a_token_name_with_a_null_character_is_422_not_a_database_error(world):
    """PostgreSQL stores no NUL: it was a DataError (500) there."""
    response = post(session_client(world.staff_a, csrf=False), "/api/tokens", {"name": "脚本\x00"})
    assert response.status_code == 422 and list(response.json()["errors"]) == ["name"]
    assert not ApiToken.objects.exists()


def test_a_revoked_or_wrong_token_is_refused_with_401(world, client_for):
    client = client_for(world.staff_a)
    assert client.get("/api/tokens").status_code == 200
    token = ApiToken.objects.get(user=world.staff_a)
    assert post(client, f"/api/tokens/{token.pk}/revoke").status_code == 200
    assert client.get("/api/tokens").status_code == 401
    wrong = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION="Bearer sx_not-a-token")
    assert wrong.get("/api/campaigns").status_code == 401


def test_nobody_revokes_another_users_token(world, client_for):
    client_for(world.staff_b)
    other = ApiToken.objects.get(user=world.staff_b)
    response = post(client_for(world.staff_a), f"/api/tokens/{other.pk}/revoke")
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_session_writes_need_the_csrf_token(world):
    client = session_client(world.staff_a, csrf=True)
    url = f"/api/activities/{world.activity_a.pk}/figures"
    refused = post(client, url, {"text": "300多人次"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    client.get("/api/campaigns")  # any page; the CSRF cookie is set by the form page in real use
    from django.middleware.csrf import _get_new_csrf_string

    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    accepted = client.post(
        url, {"text": "300多人次"}, content_type="application/json", HTTP_X_CSRFTOKEN=secret
    )
    assert accepted.status_code == 201


def test_session_reads_need_no_csrf_token(world):
    client = session_client(world.staff_a, csrf=True)
    assert client.get(f"/api/activities/{world.activity_a.pk}").status_code == 200


# --------------------------------------------------------------------------- making tokens: session, expiry


def test_a_bearer_token_cannot_make_tokens_and_nothing_is_written(world, client_for):
    """A leaked token could otherwise mint successors and outlive its revocation."""
    client = client_for(world.staff_a)
    response = client.post(
        "/api/tokens", {"name": "persist"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "A token cannot make tokens: sign in and make one from your session."
    }
    assert ApiToken.objects.filter(user=world.staff_a).count() == 1  # the bearer's own
    assert AuditEntry.objects.filter(action="api_token.create", actor=world.staff_a).count() == 1


def test_a_bearer_token_still_lists_and_revokes_its_users_tokens(world, client_for):
    client = client_for(world.staff_a)
    [listed] = client.get("/api/tokens").json()
    assert post(client, f"/api/tokens/{listed['id']}/revoke").status_code == 200


def test_making_a_token_from_the_session_needs_the_csrf_token(world):
    client = session_client(world.staff_a, csrf=True)
    refused = post(client, "/api/tokens", {"name": "script"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert not ApiToken.objects.exists()
    from django.middleware.csrf import _get_new_csrf_string

    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    accepted = client.post(
        "/api/tokens", {"name": "script"}, content_type="application/json", HTTP_X_CSRFTOKEN=secret
    )
    assert accepted.status_code == 201


def test_a_new_token_expires_in_a_year_by_default_and_the_list_shows_when(world):
    client = session_client(world.staff_a, csrf=False)
    before = timezone.now()
    created = post(client, "/api/tokens", {"name": "script"}).json()
    token = ApiToken.objects.get()
    year = dt.timedelta(days=TOKEN_LIFETIME_DAYS)
    assert before + year <= token.expires_at <= timezone.now() + year
    shown = token.expires_at.replace(microsecond=token.expires_at.microsecond // 1000 * 1000)  # JSON: ms
    assert dt.datetime.fromisoformat(created["expires_at"]) == shown
    [listed] = client.get("/api/tokens").json()
    assert dt.datetime.fromisoformat(listed["expires_at"]) == shown


def test_a_token_may_be_made_to_expire_sooner_but_not_later_than_a_year(world):
    client = session_client(world.staff_a, csrf=False)
    assert post(client, "/api/tokens", {"name": "week", "expires_in_days": 7}).status_code == 201
    assert ApiToken.objects.get().expires_at < timezone.now() + dt.timedelta(days=8)
    for days in (0, -1, TOKEN_LIFETIME_DAYS + 1, 10**20):
        response = post(client, "/api/tokens", {"name": "bad", "expires_in_days": days})
        assert response.status_code == 422 and list(response.json()["errors"]) == ["expires_in_days"]
    assert ApiToken.objects.count() == 1


def test_an_expired_token_is_refused_with_401_saying_when_it_expired(world, client_for):
    client = client_for(world.staff_a)
    expired = timezone.now() - dt.timedelta(minutes=1)
    ApiToken.objects.filter(user=world.staff_a).update(expires_at=expired)
    when = timezone.localtime(expired).isoformat(timespec="minutes")
    response = client.get("/api/tokens", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json() == {"detail": f"This token expired at {when}. Sign in and make a new one."}
    zh = client.get("/api/campaigns", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert zh.status_code == 401 and zh.json() == {"detail": f"此令牌已于 {when} 过期。请登录后新建一个。"}
    assert (
        post(client, f"/api/activities/{world.activity_a.pk}/figures", {"text": "3人次"}).status_code == 401
    )


def test_a_token_name_past_its_column_is_422_not_cut(world):
    limit = ApiToken._meta.get_field("name").max_length
    client = session_client(world.staff_a, csrf=False)
    response = post(client, "/api/tokens", {"name": "x" * (limit + 1)})
    assert response.status_code == 422 and list(response.json()["errors"]) == ["name"]
    assert post(client, "/api/tokens", {"name": "脚本\t1"}).status_code == 422
    assert post(client, "/api/tokens", {"name": "x" * limit}).status_code == 201
