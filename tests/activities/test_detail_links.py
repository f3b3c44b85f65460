"""The activity pages lead readers to sign-up and staff to the desk, check-in and card drive."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shuxiang.activities.models import Activity
from shuxiang.orgs.models import Membership
from shuxiang.readers import services as reader_services
from shuxiang.readers.session import SESSION_KEY
from tests.factories import make_open_session, make_reader

Role = Membership.Role


def _as(user=None, reader=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    if reader is not None:
        session = client.session
        session[SESSION_KEY] = reader.pk
        session.save()
    return client


@pytest.fixture
def upcoming(world, create_activity):
    """A public, planned activity next week of ``world``'s library, no sign-up opened yet."""
    return create_activity(
        campaign=world["campaign"],
        library=world["library"],
        start_date=timezone.localdate() + dt.timedelta(7),
    )


def _page(client: Client, activity: Activity) -> str:
    response = client.get(reverse("activities:detail", args=[activity.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _signup_url(activity: Activity) -> str:
    return reverse("readers:activity", args=[activity.pk])


# --------------------------------------------------------------------------- sign-up for readers


def test_open_signup_shows_a_sign_up_button_to_everyone(world, upcoming):
    Activity.objects.filter(pk=upcoming.pk).update(signup_open=True, capacity=30)
    for client in (Client(), _as(reader=make_reader()), _as(world["staff"])):
        page = _page(client, upcoming)
        assert f'<a class="button" href="{_signup_url(upcoming)}">报名</a>' in page


def test_sign_up_button_is_in_english_for_an_english_browser(upcoming):
    Activity.objects.filter(pk=upcoming.pk).update(signup_open=True)
    page = _page(Client(HTTP_ACCEPT_LANGUAGE="en"), upcoming)
    assert f'href="{_signup_url(upcoming)}">Sign up</a>' in page


def test_full_activity_offers_the_waiting_list(upcoming):
    Activity.objects.filter(pk=upcoming.pk).update(signup_open=True, capacity=1)
    upcoming.refresh_from_db()
    session = make_open_session(upcoming, capacity=1)
    reader_services.sign_up(session, make_reader(), acting_user=None)
    page = _page(Client(), upcoming)
    assert "已满" in page
    assert f'href="{_signup_url(upcoming)}">登记候补</a>' in page
    assert ">报名</a>" not in page


def test_activity_with_a_free_session_left_is_not_full(upcoming):
    Activity.objects.filter(pk=upcoming.pk).update(signup_open=True, capacity=1)
    upcoming.refresh_from_db()
    reader_services.sign_up(make_open_session(upcoming, capacity=1), make_reader(), acting_user=None)
    make_open_session(upcoming, capacity=1, starts_at=timezone.now() + dt.timedelta(days=2))
    page = _page(Client(), upcoming)
    assert ">报名</a>" in page and "登记候补" not in page


def test_closed_signup_of_an_activity_with_places_says_so_without_a_link(upcoming):
    Activity.objects.filter(pk=upcoming.pk).update(signup_open=False, capacity=30)
    page = _page(Client(), upcoming)
    assert "目前不接受报名。" in page
    assert _signup_url(upcoming) not in page


def test_signup_whose_sessions_have_all_begun_is_closed(upcoming):
    Activity.objects.filter(pk=upcoming.pk).update(signup_open=True, capacity=30)
    upcoming.refresh_from_db()
    make_open_session(upcoming, starts_at=timezone.now() - dt.timedelta(hours=1))
    page = _page(Client(), upcoming)
    assert "目前不接受报名。" in page and _signup_url(upcoming) not in page


@pytest.mark.parametrize(
    "change",
    [
        {"capacity": None, "signup_open": False},  # takes no sign-ups at all: a leaflet stand
        {"signup_open": True, "status": Activity.Status.CANCELLED},
        {"signup_open": True, "status": Activity.Status.DONE},
        {"signup_open": True, "start_date": dt.date(2016, 5, 28)},  # in the past
    ],
    ids=["no-places", "cancelled", "done", "past"],
)
def test_no_sign_up_offer_for_activities_that_take_none(upcoming, change):
    Activity.objects.filter(pk=upcoming.pk).update(**change)
    page = _page(Client(), upcoming)
    assert _signup_url(upcoming) not in page
    assert "目前不接受报名" not in page


def test_internal_activity_shows_its_staff_no_sign_up_button(world, upcoming):
    Activity.objects.filter(pk=upcoming.pk).update(signup_open=True, visibility=Activity.Visibility.INTERNAL)
    page = _page(_as(world["staff"]), upcoming)
    assert _signup_url(upcoming) not in page


def test_sign_up_state_costs_no_query_while_signup_is_closed(upcoming, django_assert_num_queries):
    from shuxiang.web.navigation import signup_state

    Activity.objects.filter(pk=upcoming.pk).update(capacity=30)
    upcoming.refresh_from_db()
    with django_assert_num_queries(0):
        assert signup_state(upcoming) == "closed"
    Activity.objects.filter(pk=upcoming.pk).update(signup_open=True)
    upcoming.refresh_from_db()
    with django_assert_num_queries(1):
        assert signup_state(upcoming) == "open"


def test_activity_dated_earlier_with_a_coming_session_still_offers_sign_up(world, create_activity):
    activity = create_activity(campaign=world["campaign"], library=world["library"], signup_open=True)
    assert activity.start_date < timezone.localdate()
    make_open_session(activity)  # tomorrow
    assert f'href="{_signup_url(activity)}">报名</a>' in _page(Client(), activity)


# --------------------------------------------------------------------------- links for staff


@pytest.fixture
def people(world, create_user, create_library):
    """Everyone who may look at ``world``'s activity, by role."""
    far_bureau = create_library().parent  # a library under another bureau: take its bureau
    return {
        "anonymous": None,
        "reader": "reader",
        "volunteer": world["volunteer"],
        "staff": world["staff"],
        "library_admin": create_user(world["library"], Role.LIBRARY_ADMIN),
        "bureau_admin": world["bureau"],
        "neighbour_staff": world["neighbour"],
        "other_bureau_admin": create_user(far_bureau, Role.BUREAU_ADMIN),
    }


def _client_for(people, who: str) -> Client:
    person = people[who]
    if person == "reader":
        return _as(reader=make_reader())
    return _as(person)


def _staff_urls(activity: Activity) -> dict[str, str]:
    return {
        "desk": reverse("readers:staff_activity", args=[activity.pk]),
        "check_in": reverse("readers:check_in"),
        "card_drive": reverse("readers:card_drive", args=[activity.pk]),
    }


DETAIL_LINKS = {
    # who: the staff pages linked from the public activity page
    "anonymous": set(),
    "reader": set(),
    "volunteer": {"desk", "check_in"},
    "staff": {"desk", "check_in", "card_drive"},
    "library_admin": {"desk", "check_in", "card_drive"},
    "bureau_admin": {"desk", "check_in", "card_drive"},
    "neighbour_staff": set(),
    "other_bureau_admin": set(),
}


@pytest.mark.parametrize("who", sorted(DETAIL_LINKS))
def test_activity_page_links_staff_pages_for_the_roles_that_may_open_them(people, upcoming, who):
    page = _page(_client_for(people, who), upcoming)
    # The check-in page is not per activity, and the header links it for every member: look at
    # the activity page's own links only.
    own = page.split('class="staff-links"', 1)[1] if 'class="staff-links"' in page else ""
    shown = {name for name, url in _staff_urls(upcoming).items() if f'href="{url}"' in own}
    assert shown == DETAIL_LINKS[who]


@pytest.mark.parametrize("who", sorted(DETAIL_LINKS))
def test_every_staff_link_on_the_activity_page_opens_for_that_role(people, upcoming, who):
    client = _client_for(people, who)
    for name in DETAIL_LINKS[who]:
        assert client.get(_staff_urls(upcoming)[name]).status_code == 200, name


@pytest.mark.parametrize("who", ["staff", "library_admin", "bureau_admin"])
def test_edit_page_links_desk_check_in_and_card_drive(people, upcoming, who):
    response = _client_for(people, who).get(reverse("activities:edit", args=[upcoming.pk]))
    assert response.status_code == 200
    own = response.content.decode().split('class="staff-links"', 1)[1]
    for url in _staff_urls(upcoming).values():
        assert f'href="{url}"' in own


def test_staff_links_are_in_chinese_and_english(world, upcoming):
    zh = _page(_as(world["staff"]), upcoming)
    assert "报名情况" in zh and "现场办证" in zh
    en = _as(world["staff"])
    en.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = _page(en, upcoming)
    assert "Sign-up desk" in page and "Card drive" in page
