"""Whole-pipeline tests on reports written for these tests (not the evaluation set)."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shuxiang.extract import extract_text, extract_texts
from shuxiang.record.model import dump, validate

EXPECTED = "expected.json"


def _expected(data_dir):
    return json.loads((data_dir / EXPECTED).read_text("utf-8"))


@pytest.mark.parametrize("name", ["zh_world_book_day.txt", "en_summary.txt"])
def test_synthetic_reports_give_the_expected_facts(data_dir, name):
    want = _expected(data_dir)[name]
    record = extract_text((data_dir / name).read_text("utf-8"))
    assert record.language == want["language"]
    assert record.campaign.theme == want["theme"]
    assert (record.campaign.start, record.campaign.end) == (want["start"], want["end"])
    got = sorted((f.value, f.qualifier, f.unit) for _, f in record.all_figures())
    assert got == sorted(tuple(x) for x in want["figures"])
    assert sorted(a.kind for a in record.activities) == want["kinds"]
    assert record.libraries == want["libraries"]
    assert [m.outlet for m in record.media] == want["media"]


def test_figures_stay_with_the_activity_they_describe(data_dir):
    record = extract_text((data_dir / "zh_world_book_day.txt").read_text("utf-8"))
    by_kind = {a.kind: [f.value for f in a.figures] for a in record.activities}
    assert by_kind["contest"] == [320, 30]
    assert by_kind["mobile_service"] == [600]


def test_the_reporting_library_is_null_in_its_own_activities(data_dir):
    record = extract_text((data_dir / "zh_world_book_day.txt").read_text("utf-8"))
    assert record.reporting_body == "某县图书馆"
    assert {a.library for a in record.activities} == {None, "河东镇分馆"}


def test_split_reads_each_numbered_report(data_dir):
    zh = (data_dir / "zh_world_book_day.txt").read_text("utf-8").split("\n", 1)[1]
    page = f"网站首页介绍文字。\n读书日活动总结 1\n{zh}\n读书日活动总结 2\n{zh}\n相关文章:\n别的总结"
    records = extract_texts(page)
    assert [r.title for r in records] == ["读书日活动总结 1", "读书日活动总结 2"]
    # Six events less one: the leaflets handed out at the help desk belong to the desk (consultation).
    assert all(len(r.activities) == 5 for r in records)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_a_valid_record(text):
    validate(dump(extract_text(text)))


_GENRE = st.sampled_from(
    [
        "馆",
        "图书馆",
        "举办",
        "讲座",
        "余",
        "多",
        "近",
        "万",
        "千",
        "册",
        "人次",
        "名",
        "份",
        "月",
        "日",
        "至",
        "年",
        "20xx",
        "“",
        "”",
        "《",
        "》",
        "。",
        "；",
        ",",
        "、",
        "\n",
        "一、",
        "(一)",
        "1、",
        "送去",
        "流动",
        "展览",
        "0",
        "1",
        "5",
        "9",
        "十",
        "百",
        "两",
        "更多",
        "Library",
        "more than",
        " ",
        "May 27",
        "to",
        "June 2",
        ".",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_GENRE, max_size=60).map("".join))
def test_genre_shaped_noise_gives_a_valid_record(text):
    for record in extract_texts(text):
        validate(dump(record))


def test_a_figure_goes_to_the_act_in_its_own_and_clause():
    text = (
        "Summary of Library Week\n\n"
        "Highlights are listed below.\n\n"
        "1. Outreach\n\n"
        "2. Visits\n\n"
        "The mobile library visited Elm Prison on May 24, "
        "bringing 250 books and holding a talk for 40 inmates.\n"
    )
    record = extract_text(text)
    by_kind = {a.kind: [f.value for f in a.figures] for a in record.activities}
    assert by_kind["mobile_service"] == [250]
    assert by_kind["lecture"] == [40]


def test_the_campaign_takes_the_range_over_the_day_it_celebrates():
    text = (
        "读书日活动总结\n\n"
        "今年4月23日是第27个世界读书日。我馆在4月18日至4月30日期间,以“阅读让城市更美好”为主题开展了系列活动,现总结如下:\n\n"
        "一、主要活动\n\n"
        "(一)4月23日,我馆在大厅举办新书展,展出图书300册。\n"
    )
    record = extract_text(text)
    assert record.campaign.start.endswith("-04-18")
    assert record.campaign.end.endswith("-04-30")
