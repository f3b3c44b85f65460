"""A reader on a phone finds the sign-up from the public activity page, and their sign-ups from the header."""

from __future__ import annotations

import pytest

from tests.factories import make_open_session

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_on_a_phone_goes_from_the_activity_page_to_sign_up_and_back_via_my_sign_ups(
    page_for, live_server
):
    session = make_open_session(capacity=5)
    activity = session.activity
    page = page_for(phone=True)

    page.goto(f"/activities/{activity.pk}/")
    button = page.get_by_role("link", name="报名", exact=True)
    assert button.is_visible()
    assert button.bounding_box()["y"] < 844  # on the first screen of a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # fits the phone
    button.click()
    page.wait_for_url(f"**/readers/activity/{activity.pk}/")

    page.locator("a[href^='/readers/join/']").click()
    page.fill("input[name=name]", "张一")
    page.fill("input[name=phone]", "13800000001")
    page.click("button[name=create]")
    page.wait_for_url(f"**/readers/activity/{activity.pk}/")
    page.click("button[name=signup]")
    page.wait_for_url("**/readers/r/**")

    header = page.locator("header.site")
    assert not header.get_by_role("link", name="工作人员登录").count()
    header.get_by_role("link", name="我的报名").click()
    page.wait_for_url("**/readers/me/")
    assert activity.title in page.locator(".my-signups").inner_text()

    header.get_by_role("button", name="退出").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "您已退出读者账户。" in page.locator(".messages").inner_text()
    assert page.locator("header.site").get_by_role("link", name="工作人员登录").is_visible()
