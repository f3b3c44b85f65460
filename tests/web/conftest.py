"""A small world for page tests: a bureau, two libraries in a campaign, one of each role."""

from __future__ import annotations

import pytest

from shuxiang.orgs.models import Membership

Role = Membership.Role


@pytest.fixture
def world(create_library, create_campaign, create_user):
    library = create_library()
    other = create_library(parent=library.parent)
    campaign = create_campaign(issuer=library.parent, libraries=(library, other))
    return {
        "bureau": library.parent,
        "library": library,
        "other": other,
        "campaign": campaign,
        "staff": create_user(library, Role.STAFF),
        "admin": create_user(library, Role.LIBRARY_ADMIN),
        "volunteer": create_user(library, Role.VOLUNTEER),
        "other_staff": create_user(other, Role.STAFF),
        "bureau_admin": create_user(library.parent, Role.BUREAU_ADMIN),
    }


@pytest.fixture
def zh(client):
    """The site's default language: no Accept-Language header."""
    return client


@pytest.fixture
def en_client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Staff users are made in almost every test here; the real hasher costs seconds per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
