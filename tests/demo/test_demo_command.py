from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.utils import timezone

from shuxiang.activities.models import Activity, Figure
from shuxiang.campaigns.models import Campaign
from shuxiang.demo import builder
from shuxiang.imports.models import ImportBatch
from shuxiang.orgs.models import Membership, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_demo_builds_three_report_campaigns_and_a_live_week_with_accounts_for_every_role(rf):
    output = run_demo("--if-empty")

    campaigns = {c.start_date.year: c for c in Campaign.objects.all()}
    assert {2012, 2014, 2016, timezone.localdate().year} <= set(campaigns)
    week_2016 = campaigns[2016]
    assert week_2016.issuer.name == "广元市文化广播影视新闻出版局"
    assert week_2016.activities.count() == 21 and week_2016.media.count() == 3
    assert week_2016.participations.count() == 6
    assert campaigns[2014].activities.count() == 6 and campaigns[2012].activities.count() == 15
    assert ImportBatch.objects.count() == 9  # zh-1: six libraries and the bureau's city-wide total
    city_total = Figure.objects.get(campaign=week_2016, activity__isnull=True)
    assert (city_total.library, city_total.value, city_total.qualifier) == (week_2016.issuer, 10000, "nearly")
    assert Organisation.objects.get(short_name="苍溪馆").parent == week_2016.issuer

    upcoming = Activity.objects.filter(signup_open=True, start_date__gt=timezone.localdate())
    assert upcoming.count() >= 3
    assert all(a.sessions.exists() for a in upcoming)

    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    # Every account is printed once, with a password that signs it in.
    printed = dict(re.findall(r"^\S.*?\s{2,}(\w+)\s{2,}(\S+)\s{2,}", output, flags=re.M)[1:])
    assert set(printed) == set(Membership.objects.values_list("user__username", flat=True))
    for username in ("gy_bureau_admin", "cangxi_staff", "cangxi_volunteer"):
        assert authenticate(rf.get("/"), username=username, password=printed[username]) is not None


def test_demo_if_empty_twice_keeps_the_data_and_loads_once():
    run_demo("--if-empty")
    counts = (Organisation.objects.count(), Activity.objects.count(), Figure.objects.count())
    second = run_demo("--if-empty")
    assert "already holds data" in second and "password" not in second
    assert (Organisation.objects.count(), Activity.objects.count(), Figure.objects.count()) == counts


def test_demo_without_if_empty_refuses_a_database_that_holds_data():
    Organisation.objects.create(name="某馆", kind=Organisation.Kind.LIBRARY)
    with pytest.raises(CommandError, match="already holds data"):
        run_demo()
    assert not Campaign.objects.exists()


def test_demo_works_without_the_shared_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(builder, "SHARED_GOLD", tmp_path / "missing")
    assert builder.gold_path("zh-1.json") == builder.PACKAGE_DATA / "zh-1.json"
    builder.build_demo(today=dt.date(2030, 5, 1))
    assert Campaign.objects.filter(start_date__year=2016).get().activities.count() == 21
    live = Campaign.objects.get(start_date__year=2030)
    assert live.start_date <= dt.date(2030, 5, 1) <= live.end_date


def test_packaged_gold_copies_match_the_shared_ones():
    shared = [builder.SHARED_GOLD / name for name in builder.GOLD_FILES]
    if not all(p.is_file() for p in shared):
        pytest.skip("../shared is not beside this checkout")
    for path in shared:
        packaged = builder.PACKAGE_DATA / path.name
        assert json.loads(packaged.read_text("utf-8")) == json.loads(path.read_text("utf-8"))
