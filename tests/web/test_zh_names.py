"""Names in Chinese: a campaign is 主题活动 (活动 alone is an activity), and the admin's app and model
headings are translated (they came out as ACTIVITIES, CAMPAIGNS, ORGS and Photos)."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from tests.web.test_translations import PACKAGE, PO_FILES, parse_po

APP_NAMES = {"activities": "活动", "campaigns": "主题活动", "orgs": "单位与人员", "imports": "导入"}


def test_apps_have_translated_names():
    with translation.override("zh-hans"):
        assert {label: str(apps.get_app_config(label).verbose_name) for label in APP_NAMES} == APP_NAMES
    with translation.override("en"):
        assert str(apps.get_app_config("orgs").verbose_name) == "organisations and staff"


@pytest.mark.parametrize(
    ("model", "singular", "plural"),
    [
        ("activities.activity", "活动", "活动"),  # not 活动数, "number of activities"
        ("activities.photo", "照片", "照片"),
        ("activities.session", "场次", "场次"),
        ("activities.activityaudience", "活动对象", "活动对象"),
        ("campaigns.campaign", "主题活动", "主题活动"),
    ],
)
def test_models_have_translated_names(model, singular, plural):
    meta = apps.get_model(model)._meta
    with translation.override("zh-hans"):
        assert (str(meta.verbose_name), str(meta.verbose_name_plural)) == (singular, plural)


def test_the_admin_index_is_in_chinese_for_a_chinese_superuser(db):
    user = get_user_model().objects.create_superuser("root", password="x" * 12)
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(user)
    body = client.get("/admin/").content.decode()
    captions = re.findall(r"<caption>\s*<a[^>]*>(.*?)</a>", body, re.S)
    assert {"活动", "主题活动", "单位与人员"} <= set(captions), captions
    assert ">Photos<" not in body and ">照片<" in body
    assert "活动数" not in body


def _mentions(msgid: str, word: str) -> bool:
    return re.search(rf"\b{word}", re.sub(r"%\(\w+\)[sd]", "", msgid), re.I) is not None


def test_no_campaign_is_called_a_bare_huodong_in_any_catalogue():
    wrong = []
    for path in PO_FILES:
        for entry in parse_po(path):
            if entry.obsolete or not _mentions(entry.msgid, "campaign") or _mentions(entry.msgid, "activit"):
                continue
            for text in entry.msgstrs.values():
                if "活动" in text.replace("主题活动", ""):
                    wrong.append(f"{path.relative_to(PACKAGE)}: {entry.msgid!r} -> {text!r}")
    assert wrong == []
