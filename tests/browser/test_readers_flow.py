"""A reader's sign-up on a phone, the waiting list, promotion, and staff check-in by typed code."""

from __future__ import annotations

import pytest
from django.test import Client

from shuxiang.activities.models import Figure
from shuxiang.orgs.models import Membership
from tests.factories import make_open_session, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _reader_signs_up(page, activity_id: int, name: str, phone: str) -> None:
    page.goto(f"/readers/activity/{activity_id}/")
    page.locator("a[href^='/readers/join/']").click()
    page.fill("input[name=name]", name)
    page.fill("input[name=phone]", phone)
    page.click("button[name=create]")
    page.wait_for_url(f"**/readers/activity/{activity_id}/")
    page.click("button[name=signup]")
    page.wait_for_url("**/readers/r/**")


def test_phone_sign_up_waiting_list_promotion_and_typed_check_in(page_for, live_server):
    session = make_open_session(capacity=1)
    activity = session.activity

    first = page_for(phone=True)
    _reader_signs_up(first, activity.pk, "张一", "13800000001")
    assert first.locator("#status").get_attribute("class").split()[-1] == "status-confirmed"
    assert first.locator(".qr svg").is_visible()
    assert first.evaluate("document.documentElement.scrollWidth") <= 390  # fits the phone

    second = page_for(phone=True)
    _reader_signs_up(second, activity.pk, "王二", "13800000002")
    assert "status-waiting" in second.locator("#status").get_attribute("class")
    assert "1" in second.locator("#position").inner_text()

    first.click("button[name=cancel]")
    assert "status-cancelled" in first.locator("#status").get_attribute("class")

    second.reload()
    assert "status-confirmed" in second.locator("#status").get_attribute("class")
    code = second.locator("#code").inner_text()

    client = Client()
    client.force_login(make_user(activity.library, Membership.Role.VOLUNTEER))
    staff = page_for(phone=True)
    staff.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    staff.goto("/readers/staff/check-in/")
    staff.fill("input[name=code]", code)
    staff.click("button[name=check_in]")
    assert staff.locator("#result.ok").is_visible()
    staff.fill("input[name=code]", code)
    staff.click("button[name=check_in]")
    assert staff.locator("#result.warn").is_visible()  # already checked in

    figure = Figure.objects.get(activity=activity, measure="attendees", counted=True)
    assert figure.value == 1


def test_the_personal_link_on_another_phone_asks_then_opens_my_sign_ups(page_for, live_server):
    session = make_open_session(capacity=5)
    first = page_for(phone=True)
    _reader_signs_up(first, session.activity.pk, "张一", "13800000001")
    first.goto("/readers/me/")
    link = first.locator("input[readonly]").input_value()

    other = page_for(phone=True)
    other.goto(link)
    assert "张**" in other.locator("h1").inner_text()  # asks first: the link alone signs nobody in
    assert other.evaluate("document.documentElement.scrollWidth") <= 390
    other.click("button[name=continue]")
    other.wait_for_url("**/readers/me/")
    assert session.activity.title in other.locator(".my-signups").inner_text()
