"""The statistical categories: the mapping, and tabulation from plain rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shuxiang import vocab
from shuxiang.reports import categories as cat
from shuxiang.reports.totals import Row


def fig(value, unit="person_time", qualifier="exact", measure="attendees"):
    return Row(Decimal(value), qualifier, unit, measure)


@pytest.mark.parametrize(
    ("kind", "category"),
    [
        ("lecture", "lecture"),
        ("forum", "lecture"),
        ("exhibition", "exhibition"),
        ("book_exhibition", "exhibition"),
        ("training", "training"),
        ("reading_event", "other"),
        ("contest", "other"),
        ("publicity", None),
        ("fee_waiver", None),
    ],
)
def test_cn_category_of_kind(kind, category):
    assert cat.cn_category(kind) == category


def test_every_kind_has_a_cn_category_or_is_not_a_programme():
    for kind in vocab.KIND_CODES:
        assert cat.cn_category(kind) in {"lecture", "exhibition", "training", "other", None}


@pytest.mark.parametrize(
    ("audience", "age"),
    [
        (["children", "parents"], "0-5"),
        (["children"], "6-11"),
        (["left_behind_children", "disabled"], "6-11"),
        (["teenagers", "students"], "12-18"),
        (["elderly"], "adult"),
        (["children", "elderly"], "general"),
        (["general_public"], "general"),
        ([], "general"),
        (["disabled"], "general"),
        (["children", "parents", "elderly"], "general"),
    ],
)
def test_age_group_from_audience(audience, age):
    assert cat.age_group(audience) == age


def test_tabulate_counts_sessions_participants_and_cards_with_qualifiers():
    activities = [
        cat.StatActivity(
            1, "lecture", ["elderly"], [fig(300, qualifier="more_than"), fig(5, unit="session")]
        ),
        cat.StatActivity(
            1,
            "exhibition",
            ["children"],
            [fig(200, unit="person"), fig(50, unit="card", measure="cards_issued")],
        ),
        cat.StatActivity(2, "reading_event", ["children", "parents"], [fig(40, unit="person"), fig(60)]),
        cat.StatActivity(2, "publicity", [], [fig(3000, unit="copy", measure="leaflets")]),
        cat.StatActivity(2, "training", ["staff"], []),
    ]
    own = {2: [fig(120, unit="card", measure="cards_issued", qualifier="more_than")]}
    cn, us = cat.tabulate(activities, own_figures=own)

    assert cn.cell(1, "lecture_held") == (Decimal(5), "exact")  # a series of 5 talks
    assert cn.cell(1, "lecture_attendance") == (Decimal(300), "more_than")
    assert cn.cell(1, "exhibition_attendance") == (Decimal(200), "exact")  # people when no 人次
    assert cn.cell(2, "other_attendance") == (Decimal(60), "exact")  # 人次 preferred, never both
    assert cn.cell(2, "training_held") == (Decimal(1), "exact")
    assert cn.cell(2, "activities_held") == (Decimal(2), "exact")  # publicity is not a programme
    assert cn.cell(1, "cards_issued") == (Decimal(50), "exact")
    assert cn.cell(2, "cards_issued") == (Decimal(120), "more_than")
    assert cn.total("attendance") == (Decimal(560), "more_than")
    assert cn.total("activities_held") == (Decimal(8), "exact")

    assert us.cell(1, "adult_sessions") == (Decimal(5), "exact")
    assert us.cell(1, "6-11_attendance") == (Decimal(200), "exact")
    assert us.cell(2, "0-5_attendance") == (Decimal(60), "exact")
    assert us.cell(2, "adult_sessions") == (Decimal(1), "exact")
    assert us.total("sessions") == (Decimal(8), "exact")
    assert us.total("attendance") == (Decimal(560), "more_than")


def test_volunteers_are_not_counted_as_participants():
    cn, _ = cat.tabulate([cat.StatActivity(1, "lecture", [], [fig(12, unit="person", measure="volunteers")])])
    assert cn.cell(1, "lecture_attendance") == (Decimal(0), "exact")
