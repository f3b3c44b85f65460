"""Pages issue a fixed number of queries however many activities they list (200 here)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shuxiang import vocab
from shuxiang.activities.models import Activity, ActivityAudience, Figure, MediaCoverage

KINDS = sorted(vocab.KIND_CODES)
AUDIENCES = sorted(vocab.AUDIENCE_CODES)


def _fill(world, n: int) -> None:
    campaign = world["campaign"]
    libraries = [world["library"], world["other"]]
    activities = Activity.objects.bulk_create(
        Activity(
            campaign=campaign,
            library=libraries[i % 2],
            kind=KINDS[i % len(KINDS)],
            title=f"活动 {i}",
            venue="报告厅",
            start_date=campaign.start_date + dt.timedelta(days=i % 7),
            end_date=campaign.start_date + dt.timedelta(days=(i % 7) + (i % 2)),
            daily_start_time=dt.time(9 + i % 8),
            status="done" if i % 3 else "planned",
        )
        for i in range(n)
    )
    ActivityAudience.objects.bulk_create(
        ActivityAudience(activity=a, group=AUDIENCES[(i + k) % len(AUDIENCES)])
        for i, a in enumerate(activities)
        for k in range(2)
    )
    Figure.objects.bulk_create(
        Figure(campaign=campaign, library=a.library, activity=a, value=Decimal(100 + i), unit="person_time")
        for i, a in enumerate(activities)
        if i % 2
    )
    MediaCoverage.objects.bulk_create(
        MediaCoverage(campaign=campaign, library=a.library, activity=a, outlet="广元日报")
        for a in activities[:10]
    )


PAGES = {
    # page: (url builder, who is logged in, query budget)
    "home": (lambda w: "/", None, 3),
    "campaign": (lambda w: reverse("campaigns:detail", args=[w["campaign"].pk]), None, 4),
    "campaign_filtered": (
        lambda w: reverse("campaigns:detail", args=[w["campaign"].pk]) + "?audience=children&date=2016-05-29",
        None,
        4,
    ),
    "calendar": (lambda w: reverse("campaigns:calendar", args=[w["campaign"].pk]), None, 3),
    "ical": (lambda w: reverse("campaigns:ical", args=[w["campaign"].pk]), None, 2),
    "dashboard": (lambda w: reverse("campaigns:dashboard", args=[w["campaign"].pk]), "staff", 13),
    "bureau": (lambda w: reverse("campaigns:bureau", args=[w["campaign"].pk]), "bureau_admin", 10),
}


def _count(client, world, name) -> int:
    build, who, _budget = PAGES[name]
    if who:
        client.force_login(world[who])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(build(world))
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_queries_do_not_grow_with_activities(client, world, name, django_assert_max_num_queries):
    _fill(world, 2)
    few = _count(client, world, name)
    _fill(world, 198)
    build, _who, budget = PAGES[name]
    with django_assert_max_num_queries(budget):
        response = client.get(build(world))
    assert response.status_code == 200
    many = _count(client, world, name)
    assert many == few
    if name in {"campaign", "calendar", "dashboard"}:
        assert response.content.decode().count("活动 1") >= 1


def test_home_lists_200_upcoming_activities_in_bounded_queries(
    client, world, create_campaign, django_assert_max_num_queries
):
    today = dt.date.today()
    world["campaign"] = create_campaign(
        issuer=world["bureau"],
        libraries=(world["library"], world["other"]),
        start_date=today,
        end_date=today + dt.timedelta(days=10),
    )
    _fill(world, 200)
    with django_assert_max_num_queries(4):
        body = client.get("/").content.decode()
    assert "活动 0" in body
