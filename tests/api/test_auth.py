from __future__ import annotations

import pytest
from django.test import Client

from shuxiang.api.models import ApiToken
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
