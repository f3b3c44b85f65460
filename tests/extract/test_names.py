from shuxiang.extract.names import audiences_in, campaign_fields, en_libraries, media_in, zh_libraries


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
