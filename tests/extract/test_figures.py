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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("共有46组家庭参加", [(46, "exact", "other")]),
        ("评出书香家庭8户", [(8, "exact", "other")]),
        ("赠送放大镜30副", [(30, "exact", "item")]),
        ("走进7个社区", [(7, "exact", "place")]),
        ("为4个农家书屋配送图书", [(4, "exact", "place")]),
        ("张贴海报60张", [(60, "exact", "item")]),
        ("浏览量达到2万次", [(20000, "exact", "other")]),
        ("全年借还图书3.5万册次", [(35000, "exact", "volume")]),
        ("每场限额40人", []),
        ("每期招募小志愿者15名", [(15, "exact", "person")]),
        ("于六〃一前夕送去图书", []),
    ],
)
def test_chinese_counts_in_other_measure_words(sentence, expected):
    assert _triples(zh_figures(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("over 2,000 readers took part", [(2000, "more_than", "person")]),
        ("gave 600 books and 20 bookshelves", [(600, "exact", "volume"), (20, "exact", "item")]),
        ("volunteers from No. 3 Middle School helped", []),
        ("a dozen volunteers helped", []),
        ("the article was read 8,000 times", [(8000, "exact", "other")]),
        ("the club met four times", [(4, "exact", "session")]),
        ("workshops were held in May, six in all", [(6, "exact", "session")]),
        (
            "3,000 children signed up and 900 of them finished",
            [(3000, "exact", "person"), (900, "exact", "person")],
        ),
        ("sessions for up to 20 children each", []),
        ("the room is open six days a week", []),
        ("a photo contest received 80 entries", [(80, "exact", "artwork")]),
        ("an essay contest received 80 entries", [(80, "exact", "essay")]),
    ],
)
def test_english_counts_limits_and_vague_amounts(sentence, expected):
    assert _triples(en_figures(sentence)) == expected


def test_twice_counts_two_sessions_and_other_of_them_words():
    assert _triples(en_figures("the reading club met twice this week")) == [(2, "exact", "session")]
    assert _triples(en_figures("staff answered more than 90 questions")) == [(90, "more_than", "person_time")]
    assert _triples(zh_figures("收到视频作品120件")) == [(120, "exact", "item")]
    assert _triples(zh_figures("分3批送去图书")) == [(3, "exact", "other")]


def test_a_total_is_marked_but_left_to_the_activity_being_told():
    [found] = en_figures("readers returned a total of 312 overdue books")
    assert found.total and not found.report_level
    [found] = en_figures("libraries across the county served 9,000 readers")
    assert found.report_level


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("现场解答群众疑问80至120人次", [(80, "more_than", "person_time"), (120, "up_to", "person_time")]),
        ("每天接待游客30~50名", [(30, "more_than", "person"), (50, "up_to", "person")]),
        ("为10至14岁的少年开设课程", []),
        ("本月5日至9日举办书市", []),
        ("推文阅读量累计2.4万次", [(24000, "exact", "other")]),
        ("为学校捐赠电脑15台，开设阅读课6节", [(15, "exact", "item"), (6, "exact", "session")]),
    ],
)
def test_chinese_ranges_devices_lessons_and_views(sentence, expected):
    assert _triples(zh_figures(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Volunteers handed out 300-400 flyers.", [(300, "more_than", "copy"), (400, "up_to", "copy")]),
        ("Between 60 and 80 retirees joined in.", [(60, "more_than", "person"), (80, "up_to", "person")]),
        ("Pupils aged 7 to 11 took part.", []),
        ("The club met over three weeks.", [(3, "exact", "other")]),
        ("The display, lasting one month, opened on Monday.", [(1, "exact", "other")]),
        ("Over 500 listeners tuned in.", [(500, "more_than", "person")]),
        ("The librarians coached 14 of their colleagues.", [(14, "exact", "person")]),
        ("Nineteen contestants reached the final.", [(19, "exact", "person")]),
        ("Hundreds of shoppers and a dozen volunteers passed by.", []),
    ],
)
def test_english_ranges_durations_role_nouns_and_vague_amounts(sentence, expected):
    assert _triples(en_figures(sentence)) == expected


def test_a_chinese_phrase_in_english_prose_is_read_as_chinese():
    from shuxiang.extract.figures import figures_in

    found = figures_in("The fair of 东城区图书馆 ended with 赠书300余册 to pupils.", "en")
    assert _triples(found) == [(300, "more_than", "volume")]


def test_an_english_phrase_in_chinese_prose_is_read_as_english():
    from shuxiang.extract.figures import figures_in

    found = figures_in("活动简报写道：The library welcomed 250 visitors on Sunday.", "zh")
    assert _triples(found) == [(250, "exact", "person")]


def test_english_ages_are_no_counts():
    from shuxiang.extract.figures import figures_in

    found = [(f.value, f.unit) for f in figures_in("28 teen volunteers aged 14 to 18 shelved books.", "en")]
    assert found == [(28, "person")]


# ---------------------------------------------------------------- generalisation round 3


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a unit word is followed only by a scale: "four one-day trips" is four, then one-day
        ("We ran four one-hour workshops.", [(4, "exact", "session"), (1, "exact", "hour")]),
        (
            "Twenty-two volunteers and three hundred and ten books",
            [(22, "exact", "person"), (310, "exact", "volume")],
        ),
        # a count in brackets is a count; a bracketed list marker is not
        ("The Herald covered it (three articles) and (2) the radio did too.", [(3, "exact", "essay")]),
        # the first noun of "N X and Y" is what N counts
        ("about 40 toddlers and their grandparents came", [(40, "about", "person")]),
        ("7 of the centre's 20 tablets were on loan", [(7, "exact", "item"), (20, "exact", "item")]),
        ("Friends volunteers sold 45 signed copies of the memoir", [(45, "exact", "volume")]),
        ("Players formed 8 teams of up to five players each night", [(8, "exact", "other")]),
        ("She wrote 12 posts and answered 30 comments", [(12, "exact", "item"), (30, "exact", "item")]),
        ("The van made three extra stops and lent 95 items", [(3, "exact", "place"), (95, "exact", "item")]),
        ("Some 120 people attended 9 programmes", [(120, "about", "person"), (9, "exact", "session")]),
    ],
)
def test_english_number_words_brackets_and_noun_phrases(sentence, expected):
    assert _triples(en_figures(sentence)) == expected


def test_money_other_than_yuan_is_a_figure_with_unit_other():
    found = en_figures("The quiz raised $1,450 for the fund, and the week cost £620 in all.")
    assert [(f.value, f.unit, f.measure_hint) for f in found] == [
        (1450, "other", "funds_raised"),
        (620, "other", "cost"),
    ]
    assert [(f.value, f.unit) for f in en_figures("价值¥300的礼品 was given")] == [(300, "yuan")]


def test_a_number_with_its_noun_before_it():
    door = en_figures("In April the gate count reached 12,480 and loans totalled 5,230.")
    assert [(f.value, f.unit) for f in door] == [(12480, "person_time"), (5230, "item")]
    talk = en_figures("The historian spoke to an audience of about 70.")
    assert [(f.value, f.qualifier, f.unit, f.measure_hint) for f in talk] == [
        (70, "about", "person", "attendees")
    ]


def test_a_table_row_takes_its_unit_and_measure_from_the_label():
    [row] = en_figures("Loans (print and audio): 2,310")
    assert (row.value, row.unit, row.measure_hint, row.text) == (
        2310,
        "item",
        "loans",
        "Loans (print and audio): 2,310",
    )
    [visits] = en_figures("Visits: 6,002")
    assert (visits.unit, visits.measure_hint, visits.text) == ("person_time", "visits", "Visits: 6,002")
    [members] = en_figures("New members: 88")
    assert members.unit == "person"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("馆员在广场摆放了上万册图书", [(10000, "more_than", "volume")]),
        ("上百名志愿者参与服务", [(100, "more_than", "person")]),
        ("全年共开展阅读活动26项", [(26, "exact", "session")]),
        ("活动设置三大板块", [(3, "exact", "other")]),
        ("荣获省级奖项4项", [(4, "exact", "other")]),
    ],
)
def test_chinese_upwards_of_items_and_strands(sentence, expected):
    assert _triples(zh_figures(sentence)) == expected


def test_the_count_of_everything_listed_before_deng_is_the_reports():
    found = zh_figures("读书节安排了“诗词大会”“亲子共读”等四大板块30余项活动")
    assert [(f.value, f.report_level) for f in found] == [(4, True), (30, True)]
    [experts] = zh_figures("邀请王教授等5位专家开展讲座")
    assert not experts.report_level


def test_dozen_multiplies_the_number_before_it_a_dozen_alone_is_vague():
    assert _triples(en_figures("more than three dozen volunteers helped")) == [(36, "more_than", "person")]
    assert en_figures("a dozen volunteers helped") == []


def test_n_of_them_who_act_are_people_a_grade_number_is_a_name():
    assert _triples(en_figures("Nineteen of them returned the next week.")) == [(19, "exact", "person")]
    assert _triples(en_figures("she met three Year 9 classes")) == [(3, "exact", "class")]


def test_round_four_nouns():
    assert _triples(en_figures("64 accounts were unblocked")) == [(64, "exact", "other")]
    assert _triples(en_figures("visitors from 12 countries")) == [(12, "exact", "place")]
    assert _triples(en_figures("a seed table where 31 gardeners left 250 packets")) == [
        (31, "exact", "person"),
        (250, "exact", "item"),
    ]
    assert _triples(en_figures("the choir drew a full house of 70")) == [(70, "exact", "person")]


def test_a_paragraph_number_is_no_figure():
    from shuxiang.extract.figures import figures_in

    assert _triples(figures_in("2.4 Volunteers gave 300 hours.", "en")) == [(300, "exact", "hour")]
