from shuxiang.extract.campaign import campaign_fields
from shuxiang.extract.media import media_in
from shuxiang.extract.names import en_libraries, zh_libraries
from shuxiang.extract.parties import audiences_in


def _names(mentions):
    return [(m.name, m.doer) for m in mentions if not m.generic]


def test_library_names_end_at_function_words_and_verbs():
    assert _names(zh_libraries("如桃源馆在广场开展活动")) == [("桃源馆", True)]
    assert _names(zh_libraries("进一步提高图书馆服务能力")) == []
    assert _names(zh_libraries("借助与北城区图书馆合作这个平台")) == [("北城区图书馆", False)]


def test_culture_centres_and_generic_libraries_are_not_libraries():
    assert _names(zh_libraries("我馆联合文化馆和各馆举办")) == []
    assert any(m.generic for m in zh_libraries("各馆结合实际开展活动"))


def test_english_library_names_drop_leading_words():
    names = [m.name for m in en_libraries("For example, the Hillside District Library held a contest")]
    assert names == ["Hillside District Library"]
    assert en_libraries("the Shanxi Provincial Library Association issued") == []


def test_media_are_titles_ending_in_press_words():
    assert [
        m for m, _ in media_in("在《东湖晚报》《东湖电视台》进行了报道,并学习《公共图书馆法》", "zh")
    ] == [
        "东湖晚报",
        "东湖电视台",
    ]
    assert [m for m, _ in media_in('reported in the "Lakeside Daily" and "Lakeside TV Station"', "en")] == [
        "Lakeside Daily",
        "Lakeside TV Station",
    ]


def test_campaign_theme_notice_and_issuer():
    intro = "根据市文化局《关于开展2020年图书馆服务宣传周活动的通知》精神,以“阅读让城市更美好”为主题,开展宣传周活动"  # noqa: E501 - one alternation reads best on one line
    fields = campaign_fields(intro, "zh", intro)
    assert fields.theme == "阅读让城市更美好"
    assert fields.notice == "关于开展2020年图书馆服务宣传周活动的通知"
    assert fields.issuer == "市文化局"
    assert fields.name == "图书馆服务宣传周"


def test_audiences_map_to_vocabulary_codes():
    assert audiences_in("为留守儿童送去图书", "zh") == ["left_behind_children"]
    assert audiences_in("部队官兵和社区居民", "zh") == ["soldiers", "community_residents"]


def test_a_name_may_hold_nian_yue_ri_that_are_no_date():
    assert _names(zh_libraries("2021年5月,青岛市少年儿童图书馆开展活动")) == [("青岛市少年儿童图书馆", True)]


def test_branch_libraries_are_libraries_and_each_branch_is_generic():
    assert _names(zh_libraries("城东街道分馆举办讲座")) == [("城东街道分馆", True)]
    assert [m.generic for m in zh_libraries("各社区分馆同步开展")] == [True]
    assert [m.name for m in en_libraries("Maple Road Branch ran a book swap")] == ["Maple Road Branch"]
    assert [m.name for m in en_libraries("Hillside Branch Library held a quiz")] == [
        "Hillside Branch Library"
    ]


def test_media_listed_before_a_reporting_verb_without_brackets():
    found = [
        name for name, _ in media_in("活动得到了《江城日报》、江城新闻网和江城融媒体中心等媒体的报道。", "zh")
    ]
    assert found == ["江城日报", "江城新闻网", "江城融媒体中心"]
    found = [name for name, _ in media_in("图片展被学习强国客户端转载。", "zh")]
    assert found == ["学习强国客户端"]
    assert media_in("活动期间各相关媒体都进行了报道。", "zh") == []


def test_english_media_named_in_a_coverage_sentence():
    found = [name for name, _ in media_in("The fair was covered by Riverton Daily and Radio Riverton.", "en")]
    assert found == ["Riverton Daily", "Radio Riverton"]
    assert media_in("The Radio and Television Bureau reported the plan.", "en") == []


def test_an_english_theme_may_be_called_a_slogan():
    assert (
        campaign_fields('The week ran under the slogan "Books Build Bridges".', "en", "").theme
        == "Books Build Bridges"
    )


def test_chinese_library_names_in_english_prose_are_libraries():
    from shuxiang.extract.names import en_libraries

    libs = en_libraries("On May 3, 西秀区图书馆 held a talk together with 平坝区图书馆.")
    assert [(lib.name, lib.doer) for lib in libs] == [("西秀区图书馆", True), ("平坝区图书馆", False)]


def test_a_library_of_a_place_is_a_library():
    from shuxiang.extract.names import en_libraries

    libs = en_libraries("Staff of the Library of Greenfield ran a workshop.")
    assert [lib.name for lib in libs] == ["Library of Greenfield"]


def test_outlets_with_a_place_prefix_need_no_brackets():
    from shuxiang.extract.media import media_in

    zh = [name for name, _ in media_in("活动得到了安顺日报和安顺广播电视台的关注。", "zh")]
    assert zh == ["安顺日报", "安顺广播电视台"]
    en = [name for name, _ in media_in("The talks were covered by 安顺日报 and Anshun Evening News.", "en")]
    assert en == ["安顺日报", "Anshun Evening News"]


def test_an_umbrella_library_service_named_in_the_plural_is_a_library():
    assert [lib.name for lib in en_libraries("Riverbend Libraries ran the scheme.")] == [
        "Riverbend Libraries"
    ]


def test_quantified_or_level_libraries_are_no_names():
    assert _names(zh_libraries("部分县级图书馆专业人员不足")) == []
    assert _names(zh_libraries("个别馆资源更新较慢")) == []


def test_a_verb_before_a_library_name_is_not_part_of_it():
    assert [n for n, _ in _names(zh_libraries("并推出江城县图书馆年度推荐书目"))] == ["江城县图书馆"]


def test_english_outlets_named_by_newspaper_words_call_signs_and_the():
    found = [
        n for n, _ in media_in("The fair was covered by the Lakeside Courier and by BBC Radio Kent.", "en")
    ]
    assert found == ["Lakeside Courier", "BBC Radio Kent"]
    found = [n for n, _ in media_in("Our director appeared on WXYZ-TV's morning show.", "en")]
    assert found == ["WXYZ-TV"]
    found = [n for n, _ in media_in("The Chronicle ran a story on the quiz.", "en")]
    assert found == ["Chronicle"]


def test_a_papers_app_joined_by_a_middle_dot_is_one_outlet():
    found = [n for n, _ in media_in("读书会被江城晚报·江城眼报道。", "zh")]
    assert found == ["江城晚报·江城眼"]


def test_an_issuer_owning_the_theme_or_running_the_campaign():
    fields = campaign_fields('We followed the National Reading Council\'s theme, "Read On".', "en", "")
    assert (fields.theme, fields.issuer) == ("Read On", "National Reading Council")
    fields = campaign_fields(
        "The Club is run nationally by The Book Trust in partnership with libraries.", "en", ""
    )
    assert fields.issuer == "Book Trust"


# ---------------------------------------------------------------- generalisation round 3


def test_a_branch_named_after_a_place_the_report_names_is_a_library():
    from shuxiang.extract.names import place_stems

    places = place_stems("馆员们来到偏远的石岭镇。")
    assert _names(zh_libraries("石岭分馆的流动点也很热闹", places)) == [("石岭分馆", True)]
    assert _names(zh_libraries("石岭分馆的流动点也很热闹")) == []  # no such place in the report
    assert _names(zh_libraries("推动更多分馆通借通还", places)) == []


def test_english_titles_friends_groups_and_services():
    def names_in(sentence):
        return [(m.name, m.doer) for m in en_libraries(sentence) if not m.generic]

    assert names_in('Staff made a video, "Why We Need Our Library", for the week.') == []
    assert names_in("The Friends of Maple Grove Library ran a book sale.") == []
    assert names_in("From: Lakeside Library Service") == [("Lakeside Library Service", True)]
    assert names_in("The Mobile Library visited two farms.") == [("Mobile Library", True)]


def test_events_held_at_a_library_are_its_own():
    at_start = en_libraries("At Orchard Road Library the week began with a quiz.")
    assert [(m.name, m.doer) for m in at_start] == [("Orchard Road Library", True)]
    held = en_libraries("The coding sessions at Elm Park Library were full.")
    assert [(m.name, m.doer, m.held_at) for m in held] == [("Elm Park Library", True, True)]
    visited = en_libraries("Pupils visited Elm Park Library.")
    assert [(m.name, m.doer) for m in visited] == [("Elm Park Library", False)]


def test_an_english_campaign_theme_told_after_the_opening():
    whole = (
        'Background\nThe week is a national campaign. Our local theme for 2023 was "Read Between the Lines".'
    )
    assert campaign_fields("The week ran in May.", "en", whole).theme == "Read Between the Lines"
    exhibit = 'The display\'s theme was "Old Maps".'
    assert campaign_fields("The week ran in May.", "en", exhibit).theme is None


def test_a_collection_named_like_a_library_is_no_library():
    assert _names(en_libraries("Our Tool Library lent 40 drills to residents.")) == []
    assert _names(en_libraries("The Human Library at Elm Branch had 12 books.")) == [("Elm Branch", False)]


def test_a_branch_named_after_the_unit_it_serves_acts_as_the_subject_of_its_clause():
    assert _names(zh_libraries("医院分馆在门诊大厅开展图书漂流")) == [("医院分馆", True)]
    assert _names(zh_libraries("多个分馆在周末延长开放")) == []


def test_libraries_in_general_are_generic_doers():
    generic = [m.name for m in en_libraries("Story walks were held at all 9 branch libraries.") if m.generic]
    assert generic == ["all 9 branch libraries"]
    generic = [
        m.name for m in en_libraries("Over the holidays, libraries ran 80 craft sessions.") if m.generic
    ]
    assert generic == ["libraries"]
    assert not any(m.generic for m in en_libraries("Hill Libraries ran 80 craft sessions."))
    assert any(m.generic for m in zh_libraries("各县区图书馆同步开展亲子阅读活动"))
