"""API test world: a bureau, two libraries in one campaign, users of every role, and token clients."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client

from shuxiang.api.services import issue_token
from shuxiang.orgs.models import Membership
from tests.factories import make_activity, make_bureau, make_campaign, make_library, make_user

Role = Membership.Role


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    bureau = make_bureau()
    a = make_library(parent=bureau, name="苍溪县图书馆", short_name="苍溪馆")
    b = make_library(parent=bureau, name="旺苍县图书馆", short_name="旺苍馆")
    campaign = make_campaign(
        issuer=bureau, libraries=(a, b), start_date=dt.date(2016, 5, 27), end_date=dt.date(2016, 6, 2)
    )
    return SimpleNamespace(
        bureau=bureau,
        a=a,
        b=b,
        campaign=campaign,
        bureau_admin=make_user(bureau, Role.BUREAU_ADMIN),
        admin_a=make_user(a, Role.LIBRARY_ADMIN),
        staff_a=make_user(a, Role.STAFF),
        staff_b=make_user(b, Role.STAFF),
        volunteer_a=make_user(a, Role.VOLUNTEER),
        activity_a=make_activity(campaign=campaign, library=a, title="苍溪讲座"),
        activity_b=make_activity(campaign=campaign, library=b, title="旺苍讲座"),
    )


@pytest.fixture
def client_for(db):
    """``client_for(user)``: a test client sending ``user``'s bearer token (anonymous for None)."""

    def make(user=None) -> Client:
        if user is None:
            return Client(HTTP_HOST="localhost")
        _token, key = issue_token(name="tests", acting_user=user)
        return Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {key}")

    return make


def post(client: Client, url: str, data: dict | None = None):
    return client.post(url, data or {}, content_type="application/json")


def patch(client: Client, url: str, data: dict):
    return client.patch(url, data, content_type="application/json")
