"""Fixtures for import tests: the Guangyuan tree the 2016 city-wide report names, and gold records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shuxiang import record
from shuxiang.imports import extraction
from shuxiang.orgs.models import Membership, Organisation
from tests.factories import make_bureau, make_campaign, make_library, make_user

DATA = Path(__file__).resolve().parents[2] / "shuxiang" / "demo" / "data"

GUANGYUAN_LIBRARIES = {
    # name, short name as the 2016 report writes it
    "苍溪县图书馆": "苍溪馆",
    "旺苍县图书馆": "旺苍馆",
    "广元市图书馆": "市图书馆",
    "昭化区图书馆": "昭化馆",
    "剑阁县图书馆": "剑阁馆",
    "朝天区图书馆": "朝天馆",
}


def gold(name: str) -> record.Record:
    return record.load(json.loads((DATA / f"{name}.json").read_text("utf-8")))


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def guangyuan(db):
    """A bureau with the six libraries of zh-1, the 2016 week, and a bureau admin."""
    bureau = make_bureau(name="广元市文化广播影视新闻出版局")
    libraries = {
        short: make_library(parent=bureau, name=name, short_name=short)
        for name, short in GUANGYUAN_LIBRARIES.items()
    }
    campaign = make_campaign(issuer=bureau, libraries=tuple(libraries.values()))
    admin = make_user(bureau, Membership.Role.BUREAU_ADMIN)

    class World:
        pass

    world = World()
    world.bureau, world.libraries, world.campaign, world.admin = bureau, libraries, campaign, admin
    world.staff_of = lambda short: make_user(libraries[short], Membership.Role.STAFF)
    return world


@pytest.fixture
def county(db):
    """A county library under a provincial association, with a 2014 week it has joined."""
    import datetime as dt

    association = make_bureau(name="山西省图书馆学会", kind=Organisation.Kind.ASSOCIATION)
    library = make_library(parent=association, name="古县图书馆", short_name="古县馆")
    campaign = make_campaign(
        issuer=association,
        libraries=(library,),
        start_date=dt.date(2014, 5, 26),
        end_date=dt.date(2014, 6, 1),
        report_due=None,
    )
    return association, library, campaign


GUANGYUAN_ENGLISH = {
    # short name -> English name, as the demo gives them (shuxiang/demo/builder.py)
    "市图书馆": "Guangyuan City Library",
    "苍溪馆": "Cangxi County Library",
    "旺苍馆": "Wangcang County Library",
    "昭化馆": "Zhaohua District Library",
    "剑阁馆": "Jiange County Library",
    "朝天馆": "Chaotian District Library",
}


@pytest.fixture
def english_names(guangyuan):
    """``guangyuan`` with the English names the demo gives its libraries."""
    for short, name_en in GUANGYUAN_ENGLISH.items():
        library = guangyuan.libraries[short]
        library.name_en = name_en
        library.save(update_fields=["name_en"])
    return guangyuan


@pytest.fixture
def other_bodies(db):
    """Libraries outside Guangyuan, as in the demo: 古县图书馆 (Guxian Library) and a county's 县图书馆."""
    association = make_bureau(name="山西省图书馆学会", kind=Organisation.Kind.ASSOCIATION)
    county_bureau = make_bureau(name="县文化广播影视局")

    class Bodies:
        guxian = make_library(parent=association, name="古县图书馆", short_name="", name_en="Guxian Library")
        county = make_library(parent=county_bureau, name="县图书馆", short_name="", name_en="County Library")

    return Bodies


# --------------------------------------------------------------------------- the review pages

SOURCE = "苍溪馆在同心广场开展免费开放主题宣传，现场解答免费开放咨询300多人次，发放宣传单3000多份。"


def extracted(text: str) -> record.Record:
    """What extraction would read from SOURCE (extraction itself is tested in tests/extract)."""
    return record.loads(
        json.dumps(
            {
                "schema": "report-record/1",
                "language": "zh",
                "title": "苍溪馆总结",
                "campaign": {"name": "图书馆服务宣传周"},
                "libraries": ["苍溪馆"],
                "activities": [
                    {
                        "kind": "consultation",
                        "title": "免费开放主题宣传",
                        "library": "苍溪馆",
                        "start": "2016-05-28",
                        "venue": "同心广场",
                        "figures": [
                            {
                                "value": 300,
                                "qualifier": "more_than",
                                "unit": "person_time",
                                "text": "300多人次",
                            },
                            {"value": 3000, "qualifier": "more_than", "unit": "copy", "text": "3000多份"},
                        ],
                    }
                ],
                "figures": [],
                "media": [],
            }
        )
    )


@pytest.fixture
def fake_extraction(monkeypatch):
    """The review pages read :func:`extracted` instead of running the extractor."""
    monkeypatch.setattr(extraction, "extract_text", extracted)


@pytest.fixture
def staff_client(client, guangyuan):
    """A client logged in as staff of 苍溪馆 (Guangyuan)."""
    client.force_login(guangyuan.staff_of("苍溪馆"))
    return client
