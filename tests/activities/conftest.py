"""Fixtures for these tests."""

from __future__ import annotations

import pytest

from shuxiang.orgs.models import Membership

Role = Membership.Role


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Staff users are made in almost every test here; the real hasher costs seconds per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(create_library, create_campaign, create_user):
    library = create_library()
    campaign = create_campaign(issuer=library.parent, libraries=(library,))
    return {
        "library": library,
        "campaign": campaign,
        "staff": create_user(library, Role.STAFF),
        "volunteer": create_user(library, Role.VOLUNTEER),
        "bureau": create_user(library.parent, Role.BUREAU_ADMIN),
        "neighbour": create_user(create_library(parent=library.parent), Role.STAFF),
    }


@pytest.fixture
def activity(world, create_activity):
    """A planned activity of ``world``'s library in ``world``'s campaign."""
    return create_activity(campaign=world["campaign"], library=world["library"])


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a folder of this test's own (see ``factories.files_under``)."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
