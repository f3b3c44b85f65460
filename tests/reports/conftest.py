"""A small city for report tests: a bureau, two libraries (one with a branch), a campaign."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from shuxiang.activities.models import MediaCoverage
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs.models import Membership, Organisation
from tests.factories import make_activity, make_bureau, make_campaign, make_figure, make_library, make_user


@dataclass
class City:
    bureau: Organisation
    cangxi: Organisation
    branch: Organisation
    wangcang: Organisation
    campaign: Campaign


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Accounts are made per test; a fast hasher keeps the suite quick (hashing is not under test)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def city(db) -> City:
    bureau = make_bureau(name="广元市文化广播影视新闻出版局")
    cangxi = make_library(bureau, name="苍溪县图书馆", short_name="苍溪馆")
    branch = make_library(
        cangxi, name="苍溪县图书馆陵江分馆", short_name="陵江分馆", kind=Organisation.Kind.BRANCH
    )
    wangcang = make_library(bureau, name="旺苍县图书馆", short_name="旺苍馆")
    campaign = make_campaign(issuer=bureau, libraries=(cangxi, wangcang))
    return City(bureau, cangxi, branch, wangcang, campaign)


@pytest.fixture
def filled_city(city) -> City:
    """Activities with figures, partners, audiences and media in both libraries."""
    school = Organisation.objects.create(name="陵江镇回水小学", kind=Organisation.Kind.SCHOOL)
    first = make_activity(
        city.campaign,
        city.cangxi,
        audience=("children", "students"),
        kind="consultation",
        title="免费开放主题宣传",
        venue="同心广场",
        start_date=dt.date(2016, 5, 28),
    )
    first.partners.add(school)
    make_figure(first, value=Decimal(300), qualifier="more_than", unit="person_time", measure="inquiries")
    make_figure(first, value=Decimal(3000), qualifier="exact", unit="copy", measure="leaflets")
    branch_activity = make_activity(
        city.campaign, city.branch, kind="lecture", title="亲子阅读讲座", start_date=dt.date(2016, 5, 29)
    )
    make_figure(
        branch_activity, value=Decimal(200), qualifier="exact", unit="person_time", measure="inquiries"
    )
    make_activity(
        city.campaign, city.cangxi, kind="exhibition", title="书画展", start_date=dt.date(2016, 5, 30)
    )
    second = make_activity(
        city.campaign,
        city.wangcang,
        kind="card_drive",
        title="现场办证",
        start_date=dt.date(2016, 5, 27),
        end_date=dt.date(2016, 6, 2),
    )
    make_figure(second, value=Decimal(200), qualifier="more_than", unit="card", measure="cards_issued")
    make_figure(second, value=Decimal(100), qualifier="nearly", unit="person_time", measure="inquiries")
    make_activity(city.campaign, city.wangcang, kind="lecture", title="取消的讲座", status="cancelled")
    MediaCoverage.objects.create(campaign=city.campaign, library=city.cangxi, outlet="广元晚报")
    return city


@pytest.fixture
def users(city) -> dict[str, object]:
    return {
        "bureau": make_user(city.bureau, Membership.Role.BUREAU_ADMIN),
        "cangxi": make_user(city.cangxi, Membership.Role.STAFF),
        "branch": make_user(city.branch, Membership.Role.STAFF),
        "wangcang": make_user(city.wangcang, Membership.Role.LIBRARY_ADMIN),
        "volunteer": make_user(city.cangxi, Membership.Role.VOLUNTEER),
    }
