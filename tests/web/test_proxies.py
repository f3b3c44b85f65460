"""Login throttling keys on the client's address, also behind reverse proxies (SHUXIANG_PROXIES)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from shuxiang.web.proxies import client_address
from tests.factories import PASSWORD, make_library, make_user

PROXY = "10.0.0.1"
MALLORY, ALICE = "203.0.113.5", "198.51.100.7"


def _login(client, username: str, password: str, *, via_proxy_for: str):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=via_proxy_for,
    )


@pytest.fixture
def librarian(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_user(make_library())


def test_behind_a_proxy_one_clients_wrong_passwords_do_not_lock_out_another(client, settings, librarian):
    settings.PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, librarian.username, "wrong", via_proxy_for=MALLORY)
    assert _login(client, librarian.username, PASSWORD, via_proxy_for=ALICE).status_code == 302
    client.logout()
    assert _login(client, librarian.username, PASSWORD, via_proxy_for=MALLORY).status_code == 429


def test_without_the_proxy_setting_everyone_behind_the_proxy_shares_one_lockout(client, settings, librarian):
    settings.PROXIES = 0
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, librarian.username, "wrong", via_proxy_for=MALLORY)
    assert _login(client, librarian.username, PASSWORD, via_proxy_for=ALICE).status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.7", PROXY),  # no proxies of ours: the header is the client's to forge
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "1.2.3.4, 198.51.100.7", "198.51.100.7"),  # an entry the client wrote is not trusted
        (2, "198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, "198.51.100.7", PROXY),  # fewer entries than proxies: misconfigured, the socket's peer
    ],
)
def test_the_client_address_is_the_entry_the_outermost_proxy_wrote(settings, proxies, forwarded, expected):
    settings.PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
