"""Where one activity ends and the next begins (``shuxiang.extract.mentions`` and the walk in
``activities``), on reports written for these tests."""

from collections import Counter

from shuxiang.extract import extract_text


def _kinds(text: str) -> Counter[str]:
    return Counter(a.kind for a in extract_text(text).activities)


def test_a_heading_naming_its_item_by_a_related_word_is_that_item():
    text = (
        "某县图书馆活动总结\n"
        "1．送书下乡。6月2日，我馆到青山村小学开展“悦读童年”赠书活动，赠送课外读物300册。\n"
        "2．开幕式与宣传。6月1日，宣传周开幕式在广场举行，馆员设立咨询台，解答读者咨询80人次。\n"
    )
    assert _kinds(text) == Counter({"book_donation": 1, "consultation": 1})


def test_a_heading_naming_a_different_event_stays_an_event():
    text = (
        "Week Summary, Oak Vale Library\n\n"
        "* Open house: On June 3 the library opened its archive to visitors. "
        "Staff answered 40 questions at the help desk.\n"
    )
    assert _kinds(text) == Counter({"other": 1, "consultation": 1})


def test_a_heading_over_a_taught_craft_is_the_class():
    text = (
        "暑期活动回顾\n\n◆ 泥塑工坊\n"
        "7月9日，泥塑传承人来到少儿部，手把手教孩子们捏出小动物，25名小朋友参加。\n"
    )
    assert _kinds(text) == Counter({"lecture": 1})


def test_publicity_online_and_on_site_are_two_means_on_site_means_are_one():
    text = (
        "某馆宣传周总结\n"
        "宣传周期间，我馆在车站悬挂横幅6条，在大厅电子屏滚动播放标语，并通过公众号推送活动信息9条。\n"
    )
    record = extract_text(text)
    publicity = [a for a in record.activities if a.kind == "publicity"]
    assert [[f.value for f in a.figures] for a in publicity] == [[6], [9]]


def test_two_quoted_names_of_one_kind_in_a_sentence_are_two_events():
    text = (
        "某馆活动总结\n"
        "我馆在大厅举办“丝路古籍”主题书展，展出图书300册，同时推出“馆长推荐”书单，推荐图书25种。\n"
    )
    record = extract_text(text)
    shows = [a for a in record.activities if a.kind == "book_exhibition"]
    assert [[f.value for f in a.figures] for a in shows] == [[300], [25]]


def test_films_listed_by_title_are_one_screening():
    text = "某馆活动总结\n少儿部为小读者播放了《海底奇遇》、《森林小屋》等优秀影片。\n"
    assert _kinds(text) == Counter({"film_screening": 1})


def test_how_long_a_show_ran_ends_it_and_starts_no_other():
    text = (
        "Summary\n\nThe week opened on 2 May with a photo exhibition, River Days. "
        "Forty prints were displayed in the foyer until 30 May.\n"
    )
    record = extract_text(text)
    [show] = [a for a in record.activities if a.kind == "exhibition"]
    assert [f.value for f in show.figures] == [40]
    assert (show.start or "").endswith("-05-02")
    assert (show.end or "").endswith("-05-30")


def test_examples_listed_before_deng_are_not_the_events_name():
    text = (
        "某馆活动回顾\n"
        "7月5日起，我馆推出“奇妙科学”实验课，共6期。孩子们做了“会跳舞的盐”“彩色火山”等小实验。\n"
    )
    record = extract_text(text)
    assert [a.kind for a in record.activities] == ["science_outreach"]


def test_events_held_at_a_branch_named_after_them_are_the_branchs():
    text = (
        "Library Week Report\n\n"
        "Westfield Libraries ran Library Week from May 4 to May 10, 2024. Highlights are listed below.\n\n"
        "The homework help sessions at Birch Hill Library were full: four sessions covered online banking "
        "and video calls, with 30 participants.\n"
    )
    record = extract_text(text)
    [digital] = [a for a in record.activities if a.kind == "digital_service"]
    assert digital.library == "Birch Hill Library"
    assert "Birch Hill Library" in record.libraries


def test_a_service_named_like_a_branch_still_tells_its_service():
    text = (
        "Library Week Report\n\nHillview Libraries ran Library Week in May 2024.\n\n"
        "The Mobile Library added three stops at farms, lending 120 items.\n"
    )
    record = extract_text(text)
    assert [a.kind for a in record.activities] == ["mobile_service"]
    assert "Mobile Library" in record.libraries


def test_two_quoted_names_before_one_word_are_one_event():
    text = "某馆活动总结\n少儿部开展“故事大王”“阅读小明星”评选活动，共评选出故事大王8名、阅读小明星15名。\n"
    record = extract_text(text)
    assert [(a.kind, [f.value for f in a.figures]) for a in record.activities] == [("contest", [8, 15])]


def test_a_heading_that_names_an_event_without_a_genre_word_is_that_event():
    text = (
        "Autumn at the library\nPosted 2 December 2024 | Library news\n"
        "Here is what our branches did this autumn.\n\n"
        "Quilt show and tell, November 9\n"
        "At Elm Branch, 14 residents brought their quilts and talked to 60 visitors.\n\n"
        "Board game swap\n"
        "27 families brought more than 90 items to trade.\n"
    )
    record = extract_text(text)
    others = [a for a in record.activities if a.kind == "other"]
    assert [sorted(f.value for f in a.figures) for a in others] == [[14, 60], [27, 90]]
    assert others[0].start == "2024-11-09" and others[0].library == "Elm Branch"
    zh = "冬季活动总结\n（一）新春游园活动。2月5日晚，馆前广场张灯结彩，吸引读者500余人次。\n"
    assert [(a.kind, [f.value for f in a.figures]) for a in extract_text(zh).activities] == [("other", [500])]


def test_a_heading_told_by_its_own_counts_stays_its_event_beside_a_later_one_of_its_kind():
    text = (
        "Spring news\nPosted 3 May 2024 | Library news\nA look back at April.\n\n"
        "Local history talk, April 12\n"
        "A historian told the story of the old harbour to an audience of about 70. "
        "Afterwards he ran a map-drawing workshop for two Year 10 classes.\n"
    )
    lectures = [a for a in extract_text(text).activities if a.kind == "lecture"]
    assert sorted(sorted(f.value for f in a.figures) for a in lectures) == [[2], [70]]


def test_a_weak_word_on_a_new_day_tells_another_event():
    text = (
        "读书日活动小结\n"
        "4月21日上午，馆里举行“年度书香家庭”颁奖仪式。4月22日，我馆组织“寻访老城门”活动，30名读者参加。\n"
    )
    assert _kinds(text) == Counter({"other": 2})


def test_a_count_across_libraries_stays_the_reports_when_its_kind_is_told_again():
    text = (
        "Holiday programme report\n\n"
        "1. Events\n"
        "1.1 Over the holidays, libraries ran 80 sessions, including science experiments and story times, "
        "with 1,900 attendances in total.\n"
        "1.2 At Elm Branch a chemist led kitchen experiments for 24 children.\n"
    )
    record = extract_text(text)
    assert sorted(f.value for f in record.figures) == [80, 1900]
    assert [(a.kind, [f.value for f in a.figures]) for a in record.activities] == [("science_outreach", [24])]
