"""The home page's campaign cards: a dashboard link only where the user's organisation takes part."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse


@pytest.fixture
def campaigns(world, create_campaign):
    today = dt.date.today()
    dates = {"start_date": today, "end_date": today + dt.timedelta(days=7)}
    return {
        "joined": create_campaign(
            issuer=world["bureau"], libraries=(world["library"],), name="已参加", **dates
        ),
        "not_joined": create_campaign(
            issuer=world["bureau"], libraries=(world["other"],), name="未参加", **dates
        ),
    }


def _dashboard_links(client, campaigns) -> dict[str, bool]:
    body = client.get("/").content.decode()
    return {key: reverse("campaigns:dashboard", args=[c.pk]) in body for key, c in campaigns.items()}


@pytest.mark.parametrize("who", ["staff", "admin", "volunteer"])
def test_home_links_the_dashboard_only_for_campaigns_the_library_joined(client, world, campaigns, who):
    client.force_login(world[who])
    assert _dashboard_links(client, campaigns) == {"joined": True, "not_joined": False}


def test_home_links_a_bureau_to_every_campaign_it_covers(client, world, campaigns):
    client.force_login(world["bureau_admin"])
    assert _dashboard_links(client, campaigns) == {"joined": True, "not_joined": True}


def test_home_links_no_dashboard_for_the_public(client, world, campaigns):
    assert _dashboard_links(client, campaigns) == {"joined": False, "not_joined": False}
    assert "已参加" in client.get("/").content.decode()


def test_home_dashboard_links_cost_one_query_however_many_campaigns(
    client, world, campaigns, create_campaign
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["staff"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    today = dt.date.today()
    for n in range(5):
        create_campaign(
            issuer=world["bureau"], libraries=(world["library"],), start_date=today, end_date=today
        )
        create_campaign(issuer=world["bureau"], name=f"往年 {n}")
    assert count() == few
