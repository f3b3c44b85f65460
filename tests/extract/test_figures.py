import pytest

from shuxiang.extract.figures import en_figures, measure_for, zh_figures


def _triples(found):
    return [(f.value, f.qualifier, f.unit) for f in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("漂流图书四百余册", [(400, "more_than", "volume")]),
        ("全县共有近万名群众参加", [(10000, "nearly", "person")]),
        ("送去了价值三千余元的图书", [(3000, "more_than", "yuan")]),
        ("吸引5万人次参与", [(50000, "exact", "person_time")]),
        ("赠送了价值千元的文具", [(1000, "exact", "yuan")]),
        ("为获奖者发放奖品80份", [(80, "exact", "item")]),
        ("制作展板12张", [(12, "exact", "panel")]),
        ("新增借书证45个", [(45, "exact", "card")]),
        ("放映了三个科普短片", [(3, "exact", "film")]),
        ("进行了两个小时的宣传", [(2, "exact", "hour")]),
        ("举办为期一周的书展", [(1, "exact", "other")]),
        ("约120名家长聆听了讲座", [(120, "about", "person")]),
        ("参加人数达300人以上", [(300, "more_than", "person")]),
    ],
)
def test_chinese_figures_read_value_qualifier_and_unit(sentence, expected):
    assert _triples(zh_figures(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "5月27日至6月2日期间",
        "学习十八届三中全会精神",
        "在元坝二小举办",
        "庆祝“六一”儿童节",
        "举办第五期诵读活动",
        "开展了一系列活动",
        "2016年服务宣传周",
        "每天下午5:00——6:00播放",
        "播放《四个小伙伴》等影片",
        "千方百计吸引读者",
    ],
)
def test_dates_names_ordinals_and_idioms_are_not_figures(sentence):
    assert zh_figures(sentence) == []


def test_a_figure_keeps_the_clause_it_came_from():
    (fig,) = zh_figures("工作人员现场解答咨询300多人次,发放传单若干")
    assert fig.text == "工作人员现场解答咨询300多人次"


def test_city_wide_totals_are_marked_for_the_report():
    (fig,) = zh_figures("据统计,全市共有近万名读者参加了活动")
    assert fig.report_level


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("staff answered more than 300 inquiries", [(300, "more_than", "person_time")]),
        ("distributed nearly 2,500 leaflets and brochures", [(2500, "nearly", "copy")]),
        (
            "each of the six poor children was given cash of 200 yuan",
            [(6, "exact", "person"), (200, "exact", "yuan")],
        ),
        ("A two-month photo exhibition", [(2, "exact", "other")]),
        (
            "more than 200 students took part and 15 prizes were awarded",
            [(200, "more_than", "person"), (15, "exact", "item")],
        ),
        ("about 40 sets of books", [(40, "about", "set")]),
    ],
)
def test_english_figures_take_unit_from_the_noun_phrase(sentence, expected):
    assert _triples(en_figures(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "From May 26 to June 1, 2016",
        "1. Attach great importance",
        "at Yuanba No. 2 Primary School",
        "from 5:00 to 6:00",
        "the 18th Congress",
    ],
)
def test_english_dates_markers_and_names_are_not_figures(sentence):
    assert en_figures(sentence) == []


def test_measure_follows_the_activity_kind():
    (fig,) = zh_figures("送去图书200册")
    assert measure_for(fig, "book_donation", "zh") == "books_donated"
    assert measure_for(fig, "mobile_service", "zh") == "books_delivered"
