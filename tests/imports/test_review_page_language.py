"""The import review page in Chinese names the campaign picker 主题活动 (a campaign), never 活动 (an
activity), which on the same page is the table of activities found in the report."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.imports.conftest import SOURCE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_extraction")]


def test_the_campaign_picker_and_its_hints_say_zhuti_huodong_in_chinese(staff_client, guangyuan):
    html = staff_client.post(
        reverse("imports:start"), {"text": SOURCE}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    label = re.search(r'<label for="id_campaign">(.*?)</label>', html)[1]
    assert label == "主题活动:"
    assert "请按需修改记录，选择主题活动，然后保存。" in html
    assert ">保存到主题活动<" in html
    assert "选择活动" not in html and "保存到活动" not in html


def test_the_campaign_picker_says_campaign_in_english(staff_client, guangyuan):
    html = staff_client.post(
        reverse("imports:start"), {"text": SOURCE}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert re.search(r'<label for="id_campaign">Campaign:</label>', html)
