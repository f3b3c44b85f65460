import datetime as dt
import re

import pytest
from django.urls import reverse

from shuxiang.activities.models import Activity


@pytest.fixture
def activities(world, create_activity):
    lib, other, campaign = world["library"], world["other"], world["campaign"]
    return {
        "lecture": create_activity(
            campaign=campaign,
            library=lib,
            title="阅读推广讲座",
            audience=("children",),
            start_date=dt.date(2016, 5, 28),
        ),
        "exhibition": create_activity(
            campaign=campaign,
            library=other,
            kind="exhibition",
            title="书画展览",
            start_date=dt.date(2016, 5, 27),
            end_date=dt.date(2016, 6, 2),
        ),
        "internal": create_activity(
            campaign=campaign, library=lib, title="馆员内部培训", visibility=Activity.Visibility.INTERNAL
        ),
    }


def test_campaign_page_lists_public_activities_in_chinese_by_default(zh, world, activities):
    response = zh.get(reverse("campaigns:detail", args=[world["campaign"].pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in body
    assert "阅读推广讲座" in body and "书画展览" in body
    assert "讲座" in body and "少年儿童" in body  # kind and audience labels in Chinese
    assert "5月27日至6月2日" in body
    assert "馆员内部培训" not in body


def test_campaign_page_in_english_when_the_browser_asks(en_client, world, activities):
    body = en_client.get(reverse("campaigns:detail", args=[world["campaign"].pk])).content.decode()
    assert '<html lang="en">' in body
    assert "Lecture" in body and "children" in body
    assert "27 May – 2 June 2016" in body
    assert "All libraries" in body


def test_language_switcher_sets_english(client, world, activities):
    url = reverse("campaigns:detail", args=[world["campaign"].pk])
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    assert "All libraries" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"kind": "exhibition"}, "书画展览", "阅读推广讲座"),
        ({"audience": "children"}, "阅读推广讲座", "书画展览"),
        ({"date": "2016-05-30"}, "书画展览", "阅读推广讲座"),
        ({"kind": "no-such-kind"}, "书画展览", "馆员内部培训"),
    ],
)
def test_campaign_page_filters(client, world, activities, params, shown, hidden):
    body = client.get(reverse("campaigns:detail", args=[world["campaign"].pk]), params).content.decode()
    assert shown in body
    assert hidden not in body


def test_library_filter_and_htmx_partial(client, world, activities):
    url = reverse("campaigns:detail", args=[world["campaign"].pk])
    response = client.get(url, {"library": world["other"].pk}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.startswith('<div id="results">')  # only the list, no page around it
    assert "书画展览" in body and "阅读推广讲座" not in body


def test_month_calendar_places_activities_on_each_of_their_days(client, world, activities):
    url = reverse("campaigns:calendar", args=[world["campaign"].pk])
    body = client.get(url).content.decode()
    assert body.count("书画展览") == 5  # 27-31 May
    assert "阅读推广讲座" in body and "馆员内部培训" not in body
    assert "?month=2016-06" in body
    june = client.get(url, {"month": "2016-06"}).content.decode()
    assert june.count("书画展览") == 2  # 1-2 June
    assert client.get(url, {"month": "garbage"}).status_code == 200


def test_activity_page_is_public_but_internal_ones_are_not(client, world, activities, create_user):
    ok = client.get(reverse("activities:detail", args=[activities["lecture"].pk]))
    assert ok.status_code == 200 and "阅读推广讲座" in ok.content.decode()
    internal = reverse("activities:detail", args=[activities["internal"].pk])
    assert client.get(internal).status_code == 404
    client.force_login(world["other_staff"])
    assert client.get(internal).status_code == 404
    client.force_login(world["staff"])
    assert client.get(internal).status_code == 200


def test_home_shows_current_campaigns_and_upcoming_public_activities(
    client, world, create_campaign, create_activity
):
    today = dt.date.today()
    running = create_campaign(
        issuer=world["bureau"],
        libraries=(world["library"],),
        name="世界读书日",
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=20),
    )
    create_activity(
        campaign=running, library=world["library"], title="亲子共读", start_date=today + dt.timedelta(days=2)
    )
    create_activity(
        campaign=running,
        library=world["library"],
        title="内部会议",
        start_date=today + dt.timedelta(days=2),
        visibility=Activity.Visibility.INTERNAL,
    )
    body = client.get("/").content.decode()
    assert "世界读书日" in body and "亲子共读" in body
    assert "内部会议" not in body
    assert "往期主题活动" in body  # the 2016 campaign of the world fixture is past


def test_login_page_renders_in_chinese_by_default(client):
    assert "工作人员登录" in client.get(reverse("login")).content.decode()


def test_login_page_in_english(en_client):
    assert "Staff log in" in en_client.get(reverse("login")).content.decode()


def test_static_css_and_vendored_htmx_are_linked(client, db):
    body = client.get("/").content.decode()
    assert "css/shuxiang.css" in body and "vendor/htmx-2.0.11.min.js" in body
    # Nothing loaded from another site (a CDN). Not a search for "cdn" in the page: random CSRF
    # tokens contain it now and then.
    assets = re.findall(r'<(?:script|link|img)[^>]*(?:src|href)="([^"]*)"', body)
    assert assets and [a for a in assets if "//" in a] == []


def test_calendar_day_lists_activities_by_time_of_day(client, world, create_activity):
    late = dict(daily_start_time=dt.time(17), title="晚场故事会", start_date=dt.date(2016, 5, 27))
    create_activity(
        campaign=world["campaign"], library=world["library"], end_date=dt.date(2016, 5, 29), **late
    )
    create_activity(
        campaign=world["campaign"],
        library=world["library"],
        title="早场讲座",
        start_date=dt.date(2016, 5, 28),
        daily_start_time=dt.time(9),
    )
    body = client.get(reverse("campaigns:calendar", args=[world["campaign"].pk])).content.decode()
    day = body.split("5月28日")[1].split("</td>")[0]
    assert day.index("早场讲座") < day.index("晚场故事会")
    assert "2016年5月" in body


@pytest.fixture
def undated(world, create_activity):
    """An activity imported from a report that gives it no date: it spans the campaign, undated."""
    campaign = world["campaign"]
    return create_activity(
        campaign=campaign,
        library=world["library"],
        title="送书进军营",
        start_date=campaign.start_date,
        end_date=campaign.end_date,
        date_precision=Activity.DatePrecision.NONE,
    )


def test_an_undated_activity_shows_during_the_campaign_never_the_campaigns_dates(client, world, undated):
    url = reverse("activities:detail", args=[undated.pk])
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "活动期间" in body and "5月27日" not in body
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "during the campaign" in body and "27 May" not in body


def test_campaign_list_puts_undated_activities_under_their_own_heading(zh, world, activities, undated):
    response = zh.get(reverse("campaigns:detail", args=[world["campaign"].pk]))
    days = response.context["days"]
    assert days[-1] == (None, [undated])
    assert all(undated not in acts for day, acts in days[:-1])
    assert "未注明日期" in response.content.decode()
    # A date filter asks what is known to happen that day: not the undated activity.
    filtered = zh.get(reverse("campaigns:detail", args=[world["campaign"].pk]), {"date": "2016-05-28"})
    assert undated.title not in filtered.content.decode()


def test_calendar_lists_an_undated_activity_once_not_on_every_day(zh, world, activities, undated):
    response = zh.get(reverse("campaigns:calendar", args=[world["campaign"].pk]), {"month": "2016-05"})
    body = response.content.decode()
    assert body.count(undated.title) == 1
    assert response.context["undated"] == [undated]
    assert all(undated not in cell.activities for week in response.context["weeks"] for cell in week)
    assert "书画展览" in body  # dated activities stay on their days


def test_ical_feed_leaves_out_undated_activities(zh, world, activities, undated):
    body = zh.get(reverse("campaigns:ical", args=[world["campaign"].pk])).content.decode()
    assert f"activity-{undated.pk}@" not in body and f"activity-{activities['lecture'].pk}@" in body


def test_activity_lists_carry_no_bullets_beside_their_cards():
    from django.conf import settings

    css = (settings.BASE_DIR / "shuxiang" / "static" / "css" / "shuxiang.css").read_text("utf-8")
    rule = css[css.index("ul.activities {") :].split("}", 1)[0]
    assert "list-style: none" in rule
