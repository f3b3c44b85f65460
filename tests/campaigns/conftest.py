"""Fixtures for these tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Staff users are made in almost every test here; the real hasher costs seconds per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(create_library, create_campaign, create_user):
    """A bureau, two libraries in its campaign, a library outside it, and one user of each role."""
    from shuxiang.orgs.models import Membership

    role = Membership.Role
    library = create_library()
    bureau = library.parent
    other = create_library(parent=bureau)
    outsider = create_library(parent=bureau)
    campaign = create_campaign(issuer=bureau, libraries=(library, other))
    return {
        "bureau": bureau,
        "library": library,
        "other": other,
        "outsider": outsider,
        "campaign": campaign,
        "staff": create_user(library, role.STAFF),
        "admin": create_user(library, role.LIBRARY_ADMIN),
        "volunteer": create_user(library, role.VOLUNTEER),
        "outsider_staff": create_user(outsider, role.STAFF),
        "outsider_admin": create_user(outsider, role.LIBRARY_ADMIN),
        "bureau_admin": create_user(bureau, role.BUREAU_ADMIN),
    }


@pytest.fixture
def en_client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
