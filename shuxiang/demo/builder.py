"""The demo world: real organisations, three campaigns rebuilt from real reports, live sign-ups.

Everything is written through the services (``create_campaign``, ``join_campaign``,
``import_record``, ``create_activity``...), exactly as a librarian's clicks would, so the
demo also exercises the permission checks and the audit trail.

- 广元市文化广播影视新闻出版局 with the city library and the county and district libraries
  its 2016 report names (gold record zh-1): the 2016 city-wide service week, its city-wide
  total a figure of the bureau;
- 山西省图书馆学会 with 古县图书馆 (zh-7): a county library's service week (2014);
- a county bureau with its 县图书馆 (zh-3): the 2012 "World Book Day" month, 20 April to 20 May;
- a current Guangyuan week around today with activities readers may sign up for.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from shuxiang import record
from shuxiang.activities.models import Activity
from shuxiang.activities.services import ActivityData, add_figure, figure_data_from_text
from shuxiang.activities.services import create_activity as create_activity_service
from shuxiang.campaigns.models import Campaign
from shuxiang.campaigns.services import CampaignData, create_campaign, join_campaign
from shuxiang.imports.services import import_record
from shuxiang.orgs.models import Membership, Organisation
from shuxiang.orgs.services import create_organisation, create_staff_user

PACKAGE_DATA = Path(__file__).resolve().parent / "data"
SHARED_GOLD = settings.BASE_DIR.parent / "shared" / "eval" / "seeds" / "gold"
GOLD_FILES = ("zh-1.json", "zh-7.json", "zh-3.json")

Role = Membership.Role
Kind = Organisation.Kind

GUANGYUAN_LIBRARIES = (
    # (name, as the 2016 report writes it, English name)
    ("广元市图书馆", "市图书馆", "Guangyuan City Library"),
    ("苍溪县图书馆", "苍溪馆", "Cangxi County Library"),
    ("旺苍县图书馆", "旺苍馆", "Wangcang County Library"),
    ("昭化区图书馆", "昭化馆", "Zhaohua District Library"),
    ("剑阁县图书馆", "剑阁馆", "Jiange County Library"),
    ("朝天区图书馆", "朝天馆", "Chaotian District Library"),
)


@dataclass(frozen=True)
class Credential:
    role: str
    username: str
    password: str
    organisation: str


def gold_path(name: str) -> Path:
    """A gold record from ``../shared`` next to the repository if present, else the packaged copy."""
    shared = SHARED_GOLD / name
    return shared if shared.is_file() else PACKAGE_DATA / name


def load_gold(name: str) -> record.Record:
    return record.load(json.loads(gold_path(name).read_text("utf-8")))


def is_empty() -> bool:
    """True when no organisation, campaign or user exists yet: the demo may load."""
    return not (
        Organisation.objects.exists() or Campaign.objects.exists() or get_user_model().objects.exists()
    )


class _World:
    def __init__(self) -> None:
        self.credentials: list[Credential] = []
        self.orgs: dict[str, Organisation] = {}
        self.users: dict[str, object] = {}

    def org(self, key: str, name: str, kind: str, parent: Organisation | None = None, **extra: str):
        self.orgs[key] = create_organisation(name=name, kind=kind, parent=parent, acting_user=None, **extra)
        return self.orgs[key]

    def user(self, username: str, org_key: str, role: str):
        password = secrets.token_urlsafe(12)
        organisation = self.orgs[org_key]
        user = create_staff_user(
            username=username, password=password, organisation=organisation, role=role, acting_user=None
        )
        self.users[username] = user
        self.credentials.append(Credential(Role(role).label, username, password, organisation.name))
        return user


def _campaign(world: _World, issuer_key: str, admin: str, libraries: list[str], **data) -> Campaign:
    campaign = create_campaign(
        issuer=world.orgs[issuer_key], data=CampaignData(**data), acting_user=world.users[admin]
    )
    for key in libraries:
        join_campaign(campaign, library=world.orgs[key], acting_user=world.users[admin])
    return campaign


def _live_week(world: _World, today: dt.date) -> Campaign:
    """A Guangyuan week running now, with upcoming activities open for sign-up."""
    campaign = _campaign(
        world,
        "gy_bureau",
        "gy_bureau_admin",
        ["gy_city", "gy_cangxi", "gy_zhaohua"],
        name="图书馆服务宣传周",
        theme="书香中国·阅读有我",
        notice_title=f"关于开展{today.year}年图书馆服务宣传周活动的通知",
        start_date=today - dt.timedelta(days=2),
        end_date=today + dt.timedelta(days=12),
        report_due=today + dt.timedelta(days=20),
        description="全市公共图书馆同步开展服务宣传周活动，欢迎读者报名参加。",
    )
    staff = world.users["cangxi_staff"]
    plans = [
        (
            "gy_cangxi",
            staff,
            ActivityData(
                kind="reading_event",
                title="亲子绘本共读会",
                start_date=today + dt.timedelta(days=2),
                venue="苍溪县图书馆少儿阅览室",
                daily_start_time=dt.time(9, 30),
                daily_end_time=dt.time(11, 0),
                audiences=("children", "parents"),
                capacity=30,
                signup_open=True,
                description="由馆员带领家长和孩子共读绘本，适合3-8岁儿童。",
            ),
            [],
        ),
        (
            "gy_cangxi",
            staff,
            ActivityData(
                kind="lecture",
                title="“实现伟大中国梦”主题讲座",
                start_date=today + dt.timedelta(days=4),
                venue="苍溪县图书馆多功能厅",
                daily_start_time=dt.time(14, 30),
                daily_end_time=dt.time(16, 30),
                audiences=("cadres", "general_public"),
                capacity=80,
                signup_open=True,
            ),
            [],
        ),
        (
            "gy_cangxi",
            staff,
            ActivityData(
                kind="consultation",
                title="免费开放咨询台",
                start_date=today + dt.timedelta(days=1),
                end_date=today + dt.timedelta(days=5),
                venue="同心广场",
                daily_start_time=dt.time(17, 0),
                daily_end_time=dt.time(18, 0),
                repeats_daily=True,
                audiences=("general_public",),
                capacity=20,
                signup_open=True,
            ),
            [],
        ),
        (
            "gy_city",
            world.users["gy_bureau_admin"],
            ActivityData(
                kind="book_exhibition",
                title="新书展读活动",
                start_date=today - dt.timedelta(days=1),
                end_date=today + dt.timedelta(days=6),
                venue="观景书吧",
                audiences=("general_public",),
            ),
            ["500余册", "300多种"],
        ),
    ]
    for key, user, data, figures in plans:
        activity = create_activity_service(
            campaign=campaign, library=world.orgs[key], data=data, acting_user=user
        )
        for text in figures:
            add_figure(activity=activity, data=figure_data_from_text(text), acting_user=user)
    return campaign


@transaction.atomic
def build_demo(*, today: dt.date | None = None) -> list[Credential]:
    """Load the whole demo into an empty database; returns the accounts made, with their passwords."""
    today = today or timezone.localdate()
    world = _World()

    bureau = world.org(
        "gy_bureau", "广元市文化广播影视新闻出版局", Kind.BUREAU, name_en="Guangyuan Culture Bureau"
    )
    keys = ("gy_city", "gy_cangxi", "gy_wangcang", "gy_zhaohua", "gy_jiange", "gy_chaotian")
    for key, (name, short, en) in zip(keys, GUANGYUAN_LIBRARIES, strict=True):
        world.org(key, name, Kind.LIBRARY, bureau, short_name=short, name_en=en)
    world.org(
        "gy_cangxi_branch",
        "苍溪县图书馆陵江分馆",
        Kind.BRANCH,
        world.orgs["gy_cangxi"],
        short_name="陵江分馆",
    )
    association = world.org(
        "sx_assoc", "山西省图书馆学会", Kind.ASSOCIATION, name_en="Shanxi Library Society"
    )
    world.org("sx_guxian", "古县图书馆", Kind.LIBRARY, association, name_en="Guxian Library")
    county = world.org("cty_bureau", "县文化广播影视局", Kind.BUREAU)
    world.org("cty_library", "县图书馆", Kind.LIBRARY, county, name_en="County Library")

    world.user("gy_bureau_admin", "gy_bureau", Role.BUREAU_ADMIN)
    world.user("cangxi_admin", "gy_cangxi", Role.LIBRARY_ADMIN)
    world.user("cangxi_staff", "gy_cangxi", Role.STAFF)
    world.user("cangxi_volunteer", "gy_cangxi", Role.VOLUNTEER)
    world.user("city_staff", "gy_city", Role.STAFF)
    world.user("sx_admin", "sx_assoc", Role.BUREAU_ADMIN)
    world.user("guxian_admin", "sx_guxian", Role.LIBRARY_ADMIN)
    world.user("county_admin", "cty_bureau", Role.BUREAU_ADMIN)
    world.user("county_library_admin", "cty_library", Role.LIBRARY_ADMIN)

    city = load_gold("zh-1.json")
    week_2016 = _campaign(
        world,
        "gy_bureau",
        "gy_bureau_admin",
        list(keys),
        name=city.campaign.name or "图书馆服务宣传周",
        theme=city.campaign.theme or "",
        notice_title=city.campaign.notice or "",
        start_date=dt.date(2016, 5, 27),
        end_date=dt.date(2016, 6, 2),
        report_due=dt.date(2016, 6, 10),
    )
    # The bureau imports its compiled city report: every activity names its library, and the
    # city-wide total (近万名读者) stays the bureau's own figure rather than a library's.
    import_record(city, campaign=week_2016, acting_user=world.users["gy_bureau_admin"])

    guxian = load_gold("zh-7.json")
    week_2014 = _campaign(
        world,
        "sx_assoc",
        "sx_admin",
        ["sx_guxian"],
        name=guxian.campaign.name or "图书馆服务宣传周",
        theme=guxian.campaign.theme or "",
        notice_title=(guxian.campaign.notice or "").replace("20xx", "2014"),
        start_date=dt.date(2014, 5, 26),
        end_date=dt.date(2014, 6, 1),
    )
    import_record(guxian, campaign=week_2014, acting_user=world.users["guxian_admin"])

    book_day = load_gold("zh-3.json")
    month_2012 = _campaign(
        world,
        "cty_bureau",
        "county_admin",
        ["cty_library"],
        name="“世界读书日”和图书馆服务宣传周系列活动",
        theme="让阅读成为习惯，让思考伴随人生",
        start_date=dt.date(2012, 4, 20),
        end_date=dt.date(2012, 5, 20),
    )
    import_record(
        book_day,
        campaign=month_2012,
        acting_user=world.users["county_library_admin"],
        library_map={None: world.orgs["cty_library"]},
    )

    _live_week(world, today)
    return world.credentials


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in {"W", "F"} else 1 for ch in text)


def credentials_table(credentials: list[Credential]) -> str:
    """A plain-text table of the accounts, for the console (columns aligned for Chinese too)."""
    rows = [("role", "username", "password", "organisation")]
    rows += [(str(c.role), c.username, c.password, c.organisation) for c in credentials]
    widths = [max(_width(r[i]) for r in rows) for i in range(3)]

    def line(row: tuple[str, ...]) -> str:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row[:3])]
        return "  ".join([*cells, row[3]])

    lines = [line(r) for r in rows]
    lines.insert(1, "-" * max(_width(text) for text in lines))
    return "\n".join(lines)


def upcoming_activities() -> int:
    return Activity.objects.filter(signup_open=True, start_date__gte=timezone.localdate()).count()
