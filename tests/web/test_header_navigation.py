"""The site header: each visitor finds their way (readers to their sign-ups, staff to check-in and import)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shuxiang.orgs.models import Membership
from shuxiang.readers.session import SESSION_KEY
from shuxiang.web.context_processors import navigation
from tests.factories import make_reader

Role = Membership.Role
PROCESSOR = "shuxiang.web.context_processors.navigation"


@pytest.fixture
def people(world, create_user, create_library):
    far_bureau = create_library().parent
    return {
        "anonymous": None,
        "reader": "reader",
        "volunteer": world["volunteer"],
        "staff": world["staff"],
        "library_admin": world["admin"],
        "bureau_admin": world["bureau_admin"],
        "other_bureau_admin": create_user(far_bureau, Role.BUREAU_ADMIN),
    }


def _client_for(person, *, language: str = "zh-hans") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if person == "reader":
        session = client.session
        session[SESSION_KEY] = make_reader().pk
        session.save()
    elif person is not None:
        client.force_login(person)
    return client


def _header(client: Client, path: str = "/") -> str:
    body = client.get(path).content.decode()
    return re.search(r'<header class="site">(.*?)</header>', body, re.S).group(1)


def _links(header: str) -> set[str]:
    urls = {
        "my_signups": reverse("readers:me"),
        "check_in": reverse("readers:check_in"),
        "imports": reverse("imports:start"),
        "staff_log_in": reverse("login"),
    }
    found = {name for name, url in urls.items() if re.search(rf'href="{re.escape(url)}[?"]', header)}
    if f'action="{reverse("readers:sign_out")}"' in header:
        found.add("reader_sign_out")
    if f'action="{reverse("logout")}"' in header:
        found.add("staff_log_out")
    return found


HEADER_LINKS = {
    "anonymous": {"my_signups", "staff_log_in"},
    "reader": {"my_signups", "reader_sign_out"},
    "volunteer": {"check_in", "staff_log_out"},
    "staff": {"check_in", "imports", "staff_log_out"},
    "library_admin": {"check_in", "imports", "staff_log_out"},
    "bureau_admin": {"check_in", "imports", "staff_log_out"},
    "other_bureau_admin": {"check_in", "imports", "staff_log_out"},
}


@pytest.mark.parametrize("who", sorted(HEADER_LINKS))
def test_header_links_each_visitor_to_the_pages_their_role_may_use(people, who):
    assert _links(_header(_client_for(people[who]))) == HEADER_LINKS[who]


@pytest.mark.parametrize("who", sorted(HEADER_LINKS))
def test_every_header_link_opens_for_that_visitor(people, who):
    client = _client_for(people[who])
    pages = {"my_signups": "readers:me", "check_in": "readers:check_in", "imports": "imports:start"}
    for name in HEADER_LINKS[who] & pages.keys():
        response = client.get(reverse(pages[name]))
        assert response.status_code == (302 if who == "anonymous" else 200), name


def test_anonymous_my_signups_leads_to_creating_a_reader_account(world):
    response = Client().get(reverse("readers:me"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("readers:join"))


def test_signed_in_reader_reaches_their_sign_ups_from_the_header(world):
    client = _client_for("reader")
    assert client.get(reverse("readers:me")).status_code == 200


def test_header_words_are_chinese_by_default_and_english_on_request(people):
    zh_reader = _header(_client_for(people["reader"]))
    assert "我的报名" in zh_reader and ">退出</button>" in zh_reader
    zh_staff = _header(_client_for(people["staff"]))
    assert "签到" in zh_staff and "导入报告" in zh_staff
    en_reader = _header(_client_for(people["reader"], language="en"))
    assert "My sign-ups" in en_reader and ">Sign out</button>" in en_reader
    en_staff = _header(_client_for(people["staff"], language="en"))
    assert "Check-in" in en_staff and "Import a report" in en_staff


def test_reader_sign_out_form_posts_with_a_csrf_token(people):
    header = _header(_client_for(people["reader"]))
    form = re.search(
        rf'<form method="post" action="{reverse("readers:sign_out")}">(.*?)</form>', header, re.S
    )
    assert form is not None and 'name="csrfmiddlewaretoken"' in form.group(1)


# --------------------------------------------------------------------------- cost


def test_header_state_costs_no_query_for_an_anonymous_visitor(db, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    with django_assert_num_queries(0):
        nav = navigation(request)["nav"]
        assert (nav.staff, nav.can_import, nav.reader) == (False, False, False)


def test_header_state_is_computed_only_when_a_template_reads_it(db):
    request = RequestFactory().get("/")  # no user, no session: reading them would fail
    navigation(request)


def _page_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["anonymous", "reader", "staff"])
def test_header_adds_no_query_to_a_page(people, settings, who):
    client = _client_for(people[who])
    path = "/"
    with_nav = _page_queries(client, path)
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {
            **engine,
            "OPTIONS": {
                **engine["OPTIONS"],
                "context_processors": [p for p in engine["OPTIONS"]["context_processors"] if p != PROCESSOR],
            },
        }
    ]
    assert _page_queries(client, path) == with_nav
