"""Numbers, figures, dates and lists read as each language writes them."""

from __future__ import annotations

import pytest

from shuxiang import vocab
from shuxiang.record.model import Figure
from shuxiang.render.phrases import (
    MEASURES,
    date_phrase,
    en_number,
    figure_phrase,
    join_names,
    measure_label,
    ordinal,
    parse_edtf,
    when_phrase,
    zh_number,
)


@pytest.mark.parametrize(
    ("value", "qualifier", "zh", "en"),
    [
        (3000, "more_than", "3000余", "more than 3,000"),
        (10000, "nearly", "近万", "nearly 10,000"),
        (10000, "more_than", "万余", "more than 10,000"),
        (25000, "about", "约2.5万", "about 25,000"),
        (60, "about", "约60", "about 60"),
        (30, "up_to", "最多30", "up to 30"),
        (127, "exact", "127", "127"),
        (2.5, "exact", "2.5", "2.5"),
    ],
)
def test_numbers_follow_each_languages_usage(value, qualifier, zh, en):
    assert zh_number(value, qualifier) == zh
    assert en_number(value, qualifier) == en


@pytest.mark.parametrize(
    ("figure", "zh", "en"),
    [
        (
            Figure(3000, "more_than", "copy", "leaflets"),
            "发放宣传资料3000余份",
            "more than 3,000 leaflets handed out",
        ),
        (Figure(10000, "nearly", "person", "readers"), "近万名读者", "nearly 10,000 readers"),
        (
            Figure(200, "more_than", "card", "cards_issued"),
            "办理读者证200余张",
            "more than 200 library cards issued",
        ),
        (
            Figure(300, "more_than", "person_time", "inquiries"),
            "解答咨询300多人次",
            "more than 300 inquiries answered",
        ),
        (Figure(60, "about", "person", "attendees"), "到场约60人", "about 60 attendees"),
        (Figure(1, "exact", "person", "attendees"), "到场1人", "1 attendee"),
        (Figure(50, "exact", "bag", None), "50个书包", "50 bags"),
        (Figure(1000, "exact", "yuan", "value"), "价值1000元", "worth 1,000 yuan"),
        (Figure(1, "exact", "other", "duration_weeks"), "为期一周", "lasting one week"),
        (Figure(2, "exact", "other", "duration_months"), "为期两个月", "lasting two months"),
        (Figure(7, "exact", "other", "made_up_measure"), "7", "7 made up measure"),
    ],
)
def test_figures_read_naturally_with_unit_and_measure(figure, zh, en):
    assert figure_phrase(figure, "zh") == zh
    assert figure_phrase(figure, "en") == en


@pytest.mark.parametrize(
    ("start", "end", "ref", "zh", "en"),
    [
        ("2016-05-27", "2016-06-02", None, "2016年5月27日至6月2日", "27 May – 2 June 2016"),
        ("2016-05-27", "2016-06-02", 2016, "5月27日至6月2日", "27 May – 2 June"),
        ("2016-05-27", "2016-05-31", None, "2016年5月27日至31日", "27–31 May 2016"),
        (
            "2015-12-30",
            "2016-01-02",
            2016,
            "2015年12月30日至2016年1月2日",
            "30 December 2015 – 2 January 2016",
        ),
        ("2016-05-28", None, 2016, "5月28日", "28 May"),
        ("2016-05-28", None, 2015, "2016年5月28日", "28 May 2016"),
        ("20XX-05-27", "20XX-06-02", None, "5月27日至6月2日", "27 May – 2 June"),
        ("XXXX-04-20", None, None, "4月20日", "20 April"),
        ("2016-05", None, None, "2016年5月", "May 2016"),
        ("20XX-05", None, None, "5月", "May"),
        ("2016-05-27", "06-02-bad", None, "2016年5月27日", "27 May 2016"),
        (None, None, None, "", ""),
        ("XXXX", None, None, "", ""),
    ],
)
def test_dates_in_each_language_and_no_year_invented(start, end, ref, zh, en):
    assert date_phrase(start, end, "zh", ref_year=ref) == zh
    assert date_phrase(start, end, "en", ref_year=ref) == en


def test_a_range_end_without_year_takes_the_start_year():
    assert date_phrase("2016-05-27", "XXXX-06-02", "zh") == "2016年5月27日至6月2日"


def test_when_phrase_gives_the_preposition():
    assert when_phrase("2016-05-28", None, "zh", ref_year=2016) == "于5月28日"
    assert when_phrase("2016-05-28", None, "en", ref_year=2016) == "on 28 May"
    assert when_phrase("2016-05-27", "2016-06-02", "en") == "from 27 May to 2 June 2016"
    assert when_phrase("2016-05", None, "en") == "in May 2016"
    assert when_phrase(None, None, "en") == ""


def test_edtf_unknown_parts_become_none():
    day = parse_edtf("20XX-05-27")
    assert (day.year, day.month, day.day) == (None, 5, 27)


def test_lists_join_with_each_languages_conjunction():
    assert join_names(["甲", "乙", "丙"], "zh") == "甲、乙和丙"
    assert join_names(["A", "B", "C"], "en") == "A, B and C"
    assert join_names(["A"], "en") == "A"
    assert join_names([], "zh") == ""


def test_section_ordinals():
    assert [ordinal(n, "zh") for n in (1, 4, 11)] == ["一、", "四、", "十一、"]
    assert ordinal(2, "zh", level=2) == "（二）"
    assert ordinal(4, "en") == "IV. "
    assert ordinal(3, "en", level=2) == "(3) "


# --------------------------------------------------------------------------- measure labels


@pytest.mark.parametrize(
    ("measure", "zh", "en"),
    [
        ("leaflets", "发放宣传资料", "leaflets handed out"),
        ("attendees", "到场", "attendees"),
        ("cards_issued", "办理读者证", "library cards issued"),
        ("schoolbags_donated", "赠送书包", "schoolbags donated"),
        ("books_exhibited", "展出图书", "books exhibited"),
        ("titles_exhibited", "展出图书种数", "titles exhibited"),
        ("value", "价值", "value"),
        ("cash", "现金", "cash"),
        ("duration", "历时", "duration"),
        ("made_up_measure", "made_up_measure", "made up measure"),
        (None, "", ""),
    ],
)
def test_measure_labels_are_in_the_readers_language(measure, zh, en):
    assert measure_label(measure, "zh") == zh
    assert measure_label(measure, "en") == en


def test_every_preferred_measure_has_a_label_and_no_two_labels_are_alike():
    assert set(vocab.MEASURES) <= set(MEASURES)
    for lang in vocab.LANGUAGES:
        labels = [measure_label(code, lang) for code in MEASURES]
        assert len(set(labels)) == len(labels), lang


@pytest.mark.parametrize(
    ("figure", "zh", "en"),
    [
        (
            Figure(value=500, qualifier="more_than", unit="yuan", measure="value"),
            "价值500余元",
            "worth more than 500 yuan",
        ),
        (
            Figure(value=2000, qualifier="exact", unit="yuan", measure="cash"),
            "现金2000元",
            "2,000 yuan in cash",
        ),
        (Figure(value=3, qualifier="exact", unit="hour", measure="duration"), "历时3小时", "lasting 3 hours"),
    ],
)
def test_value_cash_and_duration_keep_their_own_wording(figure, zh, en):
    assert figure_phrase(figure, "zh") == zh
    assert figure_phrase(figure, "en") == en
