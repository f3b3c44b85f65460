"""Library staff log in, create an activity with two figures in the web form, and find it on the
public calendar in Chinese and in English."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from shuxiang.activities.models import Activity
from shuxiang.orgs.models import Membership
from tests.factories import PASSWORD, make_bureau, make_campaign, make_library, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_create_an_activity_with_two_figures_and_see_it_on_the_public_calendar(page_for):
    today = timezone.localdate()
    bureau = make_bureau(name="广元市文化广播影视新闻出版局")
    library = make_library(parent=bureau, name="苍溪县图书馆", short_name="苍溪馆")
    campaign = make_campaign(
        issuer=bureau,
        libraries=(library,),
        start_date=today,
        end_date=today + dt.timedelta(days=6),
        report_due=None,
    )
    staff = make_user(library, Membership.Role.STAFF, username="cangxi_staff")
    day = today + dt.timedelta(days=2)

    page = page_for(locale="zh-CN")
    page.goto(f"/accounts/login/?next=/activities/new/{campaign.pk}/")
    page.fill("#id_username", staff.username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/activities/new/{campaign.pk}/")

    page.select_option("#id_kind", "lecture")
    page.fill("#id_title", "实现伟大中国梦主题讲座")
    page.fill("#id_venue", "多功能厅")
    page.fill("#id_start_date", day.isoformat())
    page.fill("#id_figures-0-text", "60余人")
    page.fill("#id_figures-1-text", "3000多份")
    page.click("#activity-form button[type=submit]")
    page.wait_for_url("**/activities/*/edit/")

    activity = Activity.objects.get(title="实现伟大中国梦主题讲座")
    assert (activity.library, activity.start_date, activity.kind) == (library, day, "lecture")
    figures = sorted(activity.figures.values_list("value", "qualifier", "unit"))
    assert [(int(v), q, u) for v, q, u in figures] == [
        (60, "more_than", "person"),
        (3000, "more_than", "copy"),
    ]

    calendar = f"/campaigns/{campaign.pk}/calendar/?month={day:%Y-%m}"
    for locale, lang, monday in (("zh-CN", "zh-hans", "周一"), ("en-US", "en", "Mon")):
        public = page_for(locale=locale)  # a visitor: not logged in
        public.goto(calendar)
        assert public.locator("html").get_attribute("lang") == lang
        assert public.locator("table.calendar thead").inner_text().split()[0] == monday
        href = f"a[href='/activities/{activity.pk}/']"
        link = public.locator(f"table.calendar {href}")
        assert link.is_visible() and "实现伟大中国梦主题讲座" in link.inner_text()
        cell = public.locator("table.calendar td", has=public.locator(href))
        assert "苍溪馆" in cell.inner_text()
