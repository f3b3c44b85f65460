"""404, 403 and 500 pages: in the site's layout and the visitor's language, with a way on (DEBUG off)."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from tests.factories import make_activity


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


LANGUAGES = {
    "zh-hans": {
        "404": "页面不存在",
        "403": "您没有权限打开此页面",
        "500": "服务器出错",
        "home": "返回首页",
        "log_in": "工作人员登录",
        "log_in_again": "以其他用户身份登录",
    },
    "en": {
        "404": "This page does not exist",
        "403": "You may not open this page",
        "500": "The server ran into a problem",
        "home": "Back to the home page",
        "log_in": "Staff log in",
        "log_in_again": "Log in as another user",
    },
}


def _client(language: str, **kwargs) -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE=language, **kwargs)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_unknown_activity_gives_a_404_page_in_the_layout_and_language(world, language):
    response = _client(language).get(reverse("activities:detail", args=[999999]))
    body = response.content.decode()
    assert response.status_code == 404
    assert f"<h1>{LANGUAGES[language]['404']}</h1>" in body
    assert '<header class="site">' in body
    assert f'<a class="button" href="{reverse("web:home")}">{LANGUAGES[language]["home"]}</a>' in body
    assert "The requested resource was not found" not in body


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_volunteer_on_an_edit_page_gets_a_403_page_with_a_hint_to_log_in_as_staff(world, language):
    activity = make_activity(campaign=world["campaign"], library=world["library"])
    client = _client(language)
    client.force_login(world["volunteer"])
    path = reverse("activities:edit", args=[activity.pk])
    response = client.get(path)
    body = response.content.decode()
    assert response.status_code == 403
    assert f"<h1>{LANGUAGES[language]['403']}</h1>" in body
    assert world["volunteer"].get_username() in body  # "you are logged in as ..."
    assert f'href="{reverse("login")}?next={path}"' in body
    assert LANGUAGES[language]["log_in_again"] in body
    assert f'href="{reverse("web:home")}"' in body
    assert "403 Forbidden" not in body


def test_403_page_shows_the_reason_the_view_gave(world):
    client = _client("en")
    client.force_login(world["volunteer"])
    body = client.get(reverse("imports:start")).content.decode()
    assert "Only library and bureau staff may import reports." in body


@pytest.mark.urls("tests.web.error_urls")
def test_anonymous_403_page_offers_the_staff_log_in(db):
    response = _client("zh-hans").get("/refuse/")
    body = response.content.decode()
    assert response.status_code == 403
    assert LANGUAGES["zh-hans"]["log_in"] in body and LANGUAGES["zh-hans"]["log_in_again"] not in body


@pytest.mark.urls("tests.web.error_urls")
@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_a_failing_view_gives_a_500_page_in_the_layout_and_language(db, language):
    response = _client(language, raise_request_exception=False).get("/fail/")
    body = response.content.decode()
    assert response.status_code == 500
    assert f"<h1>{LANGUAGES[language]['500']}</h1>" in body
    assert '<header class="site">' in body and 'href="/"' in body
    assert "Server Error (500)" not in body


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_500_page_renders_without_a_database_or_request_context(language):
    """No ``db`` fixture: any query here fails the test (the database may be what broke)."""
    with translation.override(language):
        response = server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert LANGUAGES[language]["500"] in body and LANGUAGES[language]["home"] in body
