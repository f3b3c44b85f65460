"""Database -> report record: mapping, scopes, totals, gaps, constant query count, comparison."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from shuxiang.activities.models import Figure
from shuxiang.campaigns.models import Campaign
from shuxiang.record import model as rec
from shuxiang.reports.build import (
    Scope,
    build,
    comparison,
    compiled_record,
    library_record,
    scope_totals,
)
from tests.factories import make_activity, make_campaign, make_figure, make_library


def test_library_record_maps_activities_with_names_dates_partners_audience_and_figures(filled_city):
    city = filled_city
    record = library_record(Campaign.objects.get(pk=city.campaign.pk), city.cangxi, lang="zh").record
    rec.validate(rec.dump(record))  # a valid report-record/1
    assert record.reporting_body == "苍溪县图书馆"
    assert record.addressee == "广元市文化广播影视新闻出版局"
    assert record.campaign.theme == "书香中国——阅读引领未来"
    assert (record.campaign.start, record.campaign.end) == ("2016-05-27", "2016-06-02")
    assert [a.title for a in record.activities] == ["免费开放主题宣传", "亲子阅读讲座", "书画展"]
    first = record.activities[0]
    assert (first.kind, first.library, first.venue, first.start, first.end) == (
        "consultation",
        "苍溪馆",
        "同心广场",
        "2016-05-28",
        None,
    )
    assert first.partners == ["陵江镇回水小学"]
    assert first.audience == ["children", "students"]
    assert [(f.value, f.qualifier, f.unit, f.measure) for f in first.figures] == [
        (300, "more_than", "person_time", "inquiries"),
        (3000, "exact", "copy", "leaflets"),
    ]
    assert record.activities[1].library == "陵江分馆"  # the branch's activity is in its library's report
    assert [m.outlet for m in record.media] == ["广元晚报"]
    assert record.figures == []


def test_compiled_record_carries_city_totals_with_honest_qualifiers(filled_city):
    built = compiled_record(filled_city.campaign, lang="en")
    record = built.record
    rec.validate(rec.dump(record))
    assert record.libraries[:2] == ["苍溪馆", "旺苍馆"]
    assert "取消的讲座" not in [a.title for a in record.activities]  # cancelled activities stay out
    totals = {(f.unit, f.measure): (f.value, f.qualifier) for f in record.figures}
    # 300多 + 200 + 近100 inquiries: a lower and an upper bound mixed -> about 600
    assert totals[("person_time", "inquiries")] == (600, "about")
    assert totals[("card", "cards_issued")] == (200, "more_than")
    assert totals[("copy", "leaflets")] == (3000, "exact")
    assert record.activities[0].start == "2016-05-27"
    assert record.activities[0].end == "2016-06-02"


def test_a_library_own_figure_replaces_its_activity_sum_in_the_city_total(filled_city):
    city = filled_city
    Figure.objects.create(
        campaign=city.campaign,
        library=city.wangcang,
        activity=None,
        value=Decimal(1000),
        qualifier="exact",
        unit="person_time",
        measure="inquiries",
    )
    totals = {t.key: (t.value, t.qualifier) for t in compiled_record(city.campaign).totals}
    # 苍溪: 300多 + 200 ; 旺苍 states 1000 itself (its 近100 is inside that)
    assert totals[("person_time", "inquiries")] == (Decimal(1500), "more_than")


def test_compiled_under_a_bureau_keeps_only_its_libraries(filled_city):
    city = filled_city
    other_bureau_library = make_library(name="外市图书馆", short_name="外市馆")
    city.campaign.participations.create(library=other_bureau_library)
    make_activity(city.campaign, other_bureau_library, title="外市活动")
    under = build(Scope(city.campaign, under=city.bureau)).record
    whole = build(Scope(city.campaign)).record
    assert "外市活动" not in [a.title for a in under.activities]
    assert "外市活动" in [a.title for a in whole.activities]
    assert "外市馆" in whole.libraries and "外市馆" not in under.libraries


def test_gaps_list_activities_without_figures_and_libraries_without_media(filled_city):
    built = compiled_record(filled_city.campaign)
    assert [m.title for m in built.without_figures] == ["书画展"]
    assert [name for _pk, name in built.without_media] == ["旺苍馆"]


def test_figure_links_point_each_activity_figure_to_its_activity(filled_city):
    built = library_record(filled_city.campaign, filled_city.cangxi)
    link = built.figure_links(lambda pk: f"/activities/{pk}/")
    activity = built.record.activities[0]
    assert link(activity, activity.figures[0]) == f"/activities/{built.activity_pks[0]}/"
    assert link(None, rec.Figure(value=1)) is None


def _fill(campaign, libraries, n_activities: int) -> None:
    partner = make_library(name=f"合作学校 {n_activities}")
    for i in range(n_activities):
        activity = make_activity(campaign, libraries[i % len(libraries)], audience=("children",))
        activity.partners.add(partner)
        make_figure(activity)
        make_figure(activity, unit="copy", measure="leaflets", qualifier="exact")


@pytest.mark.parametrize("scope_kind", ["library", "campaign", "bureau"])
def test_build_runs_the_same_number_of_queries_for_1_and_50_activities(
    city, django_assert_num_queries, scope_kind
):
    small = make_campaign(issuer=city.bureau, libraries=(city.cangxi, city.wangcang), name="小")
    big = make_campaign(issuer=city.bureau, libraries=(city.cangxi, city.wangcang), name="大")
    _fill(small, [city.cangxi], 1)
    _fill(big, [city.cangxi, city.branch, city.wangcang], 50)
    counts = []
    for campaign in (small, big):
        campaign = Campaign.objects.select_related("issuer").get(pk=campaign.pk)
        scope = {
            "library": Scope(campaign, library=city.cangxi),
            "campaign": Scope(campaign),
            "bureau": Scope(campaign, under=city.bureau),
        }[scope_kind]
        with django_assert_num_queries(6) as ctx:
            built = build(scope)
        counts.append(len(ctx.captured_queries))
        assert built.record.activities
    assert counts == [6, 6]


def _previous_year(city, value, qualifier="exact"):
    previous = make_campaign(
        issuer=city.bureau,
        libraries=(city.cangxi,),
        start_date=dt.date(2015, 5, 27),
        end_date=dt.date(2015, 6, 2),
    )
    activity = make_activity(previous, city.cangxi)
    make_figure(activity, value=Decimal(value), qualifier=qualifier, unit="person_time", measure="inquiries")
    return previous


def test_comparison_with_last_years_campaign_of_the_same_name(filled_city):
    city = filled_city
    _previous_year(city, 400)
    make_campaign(
        issuer=city.bureau,
        libraries=(city.cangxi,),
        name="世界读书日",
        start_date=dt.date(2015, 4, 23),
        end_date=dt.date(2015, 4, 23),
    )
    compared = comparison(library_record(city.campaign, city.cangxi))
    assert compared is not None
    assert compared["scope"] == "library"
    assert compared["previous"]["year"] == 2015 and compared["current"]["year"] == 2016
    assert compared["previous"]["activities"] == 1
    row = next(r for r in compared["rows"] if r["measure"] == "inquiries")
    assert row["previous"] == {
        "value": 400,
        "qualifier": "exact",
        "unit": "person_time",
        "measure": "inquiries",
    }
    assert row["current"]["value"] == 500 and row["current"]["qualifier"] == "more_than"
    assert row["change"] == 100 and row["change_pct"] == 25.0 and row["exact"] is False
    leaflets = next(r for r in compared["rows"] if r["measure"] == "leaflets")
    assert leaflets["previous"] is None and leaflets["change"] is None


def test_no_comparison_without_an_earlier_campaign_the_library_took_part_in(filled_city):
    city = filled_city
    _previous_year(city, 400)
    assert comparison(library_record(city.campaign, city.wangcang)) is None
    assert comparison(compiled_record(city.campaign)) is not None  # the bureau issued both


def test_comparison_runs_a_constant_number_of_queries(filled_city, django_assert_max_num_queries):
    city = filled_city
    _previous_year(city, 400)
    built = compiled_record(city.campaign)
    with django_assert_max_num_queries(4):
        assert comparison(built) is not None


def test_comparison_headline_is_the_attendance_row_present_in_both_years(filled_city):
    city = filled_city
    _previous_year(city, 400)
    compared = comparison(library_record(city.campaign, city.cangxi))
    assert compared["previous_year"] == 2015 and compared["current_year"] == 2016
    assert compared["previous_total"]["value"] == 400
    assert compared["current_total"] == {
        "value": 500,
        "qualifier": "more_than",
        "unit": "person_time",
        "measure": "inquiries",
    }


def test_undated_activities_come_out_with_null_dates_and_month_only_ones_as_months(city):
    make_activity(
        city.campaign,
        city.cangxi,
        title="送书下乡",
        start_date=city.campaign.start_date,
        end_date=city.campaign.end_date,
        date_precision="none",
    )
    make_activity(
        city.campaign,
        city.cangxi,
        title="五月书展",
        start_date=dt.date(2016, 5, 1),
        end_date=dt.date(2016, 5, 31),
        date_precision="month",
    )
    record = library_record(city.campaign, city.cangxi).record
    rec.validate(rec.dump(record))
    dates = {a.title: (a.start, a.end) for a in record.activities}
    assert dates == {"送书下乡": (None, None), "五月书展": ("2016-05", None)}


def test_a_bureaus_city_wide_figure_is_stated_in_its_compiled_report_only(filled_city):
    city = filled_city
    _totals, _n, libraries_before = scope_totals(Scope(city.campaign))
    Figure.objects.create(
        campaign=city.campaign,
        library=city.bureau,
        value=Decimal(10000),
        qualifier="nearly",
        unit="person_time",
        measure="inquiries",
        source_text="全市共有近万名的读者参加了",
    )
    compiled = compiled_record(city.campaign)
    stated = compiled.record.figures[0]
    assert (stated.value, stated.qualifier, stated.unit, stated.measure, stated.text) == (
        10000,
        "nearly",
        "person_time",
        "inquiries",
        "全市共有近万名的读者参加了",
    )
    # It stands for the computed total of its unit and measure, which is not stated twice.
    keys = [(f.unit, f.measure) for f in compiled.record.figures]
    assert keys.count(("person_time", "inquiries")) == 1
    assert {t.key: t.value for t in compiled.totals}[("person_time", "inquiries")] == Decimal(10000)
    assert compiled_record(city.campaign, under=city.bureau).record.figures[0] == stated
    for library in (city.cangxi, city.wangcang):
        assert all(f.value != 10000 for f in library_record(city.campaign, library).record.figures)
    totals, _n, libraries_after = scope_totals(Scope(city.campaign))
    assert {t.key: t.value for t in totals}[("person_time", "inquiries")] == Decimal(10000)
    assert libraries_after == libraries_before  # the bureau is no library
