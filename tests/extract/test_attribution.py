"""Which activity a figure belongs to, on sentences written for these tests.

The rule (``activities._attach`` and ``_referred``): the event its own noun phrase names;
else the nearest event told before it in its clause, then in its sentence; a figure in a
sentence that tells no event goes to the event it names again, or to the head event when it
speaks of "the event" as a whole, or to the paragraph's current event; totals over several
libraries or the whole campaign go to the report.
"""

from shuxiang.extract import extract_text


def _by_kind(text: str) -> dict[str | None, list[float]]:
    record = extract_text("活动总结\n" + text if "\u4e00" <= text[0] <= "\u9fff" else "Summary\n" + text)
    out: dict[str | None, list[float]] = {a.kind: [] for a in record.activities}
    for activity in record.activities:
        out[activity.kind].extend(f.value for f in activity.figures)
    out[None] = [f.value for f in record.figures]
    return out


def test_a_whole_event_sentence_goes_to_the_head_event_not_the_last_act() -> None:
    text = (
        "5月12日，县图书馆在人民公园举办少儿图书展，展出绘本420种，并向幼儿园赠送图书150册。"
        "活动共吸引家长和孩子900余人次。"
    )
    got = _by_kind(text)
    assert 900 in got["book_exhibition"]
    assert got["book_donation"] == [150]


def test_a_figure_follows_the_nearest_event_before_it_in_a_long_sentence() -> None:
    text = "6月3日，区图书馆在中心广场放映科教片3部，随后开展古籍修复讲座，听众65人。"
    got = _by_kind(text)
    assert got["film_screening"] == [3]
    assert got["lecture"] == [65]


def test_an_english_figure_goes_to_the_event_its_own_noun_names() -> None:
    text = (
        "On June 2 the library ran a reading corner in the park. "
        "Staff answered 75 questions and registered 40 new readers at the stall."
    )
    got = _by_kind(text)
    assert got["consultation"] == [75]
    assert got["card_drive"] == [40]


def test_a_sentence_naming_the_event_again_goes_to_that_event() -> None:
    text = (
        "The branch held a puppet show and a knitting club for retired readers on July 9. "
        "The show drew 140 children and parents."
    )
    got = _by_kind(text)
    assert got["performance"] == [140]


def test_a_bare_head_word_refers_back_to_the_compound_event() -> None:
    text = "活动总结\n7月8日，我馆在社区活动中心举办天文科普讲座。参加讲座的居民有七十多人。"
    record = extract_text(text)
    assert [a.kind for a in record.activities] == ["science_outreach"]
    assert [f.value for f in record.activities[0].figures] == [70]


def test_an_attribute_before_its_event_goes_to_that_event() -> None:
    text = "区图书馆开展流动服务，随后在文化馆举办了为期三天的剪纸作品展。"
    got = _by_kind(text)
    assert got["exhibition"] == [3]


def test_a_total_over_all_libraries_goes_to_the_report() -> None:
    text = (
        "一、主要活动\n"
        "（一）各馆开展讲座\n"
        "县图书馆举办家庭教育讲座，听众120人。全县各公共图书馆共举办讲座18场，听众累计2400余人次。"
    )
    got = _by_kind(text)
    assert got["lecture"] == [120]
    assert sorted(got[None]) == [18, 2400]


def test_an_english_total_across_the_city_goes_to_the_report() -> None:
    text = (
        "The Westbrook Library held a film club for teenagers, screening four films. "
        "In total, the libraries across the city held 35 events and welcomed 9,000 visitors."
    )
    got = _by_kind(text)
    assert got["film_screening"] == [4]
    assert sorted(got[None]) == [35, 9000]


def test_a_card_drive_does_not_swallow_a_waiver_of_overdue_fines() -> None:
    text = "5月20日，县图书馆为群众新办借书证90张，免收逾期滞纳金一千余元。"
    got = _by_kind(text)
    assert got["card_drive"] == [90]
    assert got["fee_waiver"] == [1000]


def test_a_science_talk_does_not_swallow_the_trip_in_another_clause() -> None:
    text = "6月1日，县图书馆流动图书车开进三个村，送去图书800册，并在村小学举办了科普讲座。"
    got = _by_kind(text)
    assert got["mobile_service"] == [3, 800]
    assert "science_outreach" in got


def test_a_memo_section_heading_gives_its_event_and_a_thanks_section_holds_none():
    record = extract_text(
        "Library Week 2025 – Summary\n"
        "To: Board of Trustees\n"
        "Our library celebrated the week with something for every age group.\n"
        "Poetry talk\n"
        "On Monday a local poet spoke about her new book in the meeting room. About 60 people came.\n"
        "Thanks and totals\n"
        "Our thanks go to the 25 volunteers who helped. In all, we counted 3,400 visits during the week.\n"
    )
    kinds = [a.kind for a in record.activities]
    assert kinds == ["lecture"]
    assert [f.value for f in record.activities[0].figures] == [60]
    assert sorted(f.value for f in record.figures) == [25, 3400]


def test_a_coverage_sentence_refers_back_to_the_event_it_covers():
    record = extract_text(
        "Summary\nThe library held an author talk on Friday for 80 readers.\n"
        "The Riverton Gazette ran a story on the author talk.\n"
    )
    assert [a.kind for a in record.activities] == ["lecture"]


def test_a_news_lead_with_campaign_totals_tells_no_activity():
    record = extract_text(
        "某馆暑期活动落幕\n8月30日，某县图书馆暑期系列活动圆满落幕，共举办各类活动30场，吸引读者1500余人次。\n"
        "暑假期间，馆里每周举办绘本故事会，共举办8期。\n"
    )
    assert [a.kind for a in record.activities] == ["reading_event"]
    assert sorted(f.value for f in record.figures) == [30, 1500]


def test_people_counted_as_they_join_one_named_event_are_that_events() -> None:
    text = "暑期期间，全市共有3150名小读者报名参加“暑假读完十本书”阅读打卡活动，其中980人完成全部打卡。"
    got = _by_kind(text)
    assert got["reading_event"] == [3150, 980]
    assert got[None] == []


def test_people_who_joined_all_events_stay_with_the_report() -> None:
    text = "活动期间，全市共有1.2万名读者参加各类阅读活动。3月2日，市馆举办读书讲座，120人参加。"
    got = _by_kind(text)
    assert 12000 in got[None]
    assert got["lecture"] == [120]


def test_a_count_of_the_programme_s_listed_strands_is_the_reports() -> None:
    text = "本届读书节安排了“书香进家”“名师讲堂”等三大板块20余项活动。其中名师讲堂举办讲座4场。"
    got = _by_kind(text)
    assert got[None] == [3, 20]
    assert got["lecture"] == [4]


def test_a_figure_goes_to_the_event_after_it_in_its_clause_before_one_in_an_earlier_clause() -> None:
    got = _by_kind("On May 4 volunteers gave out 90 free books and signed up 30 new cardholders.")
    assert got["book_donation"] == [90]
    assert got["card_drive"] == [30]


def test_a_sentence_about_another_library_does_not_go_on_about_this_ones_event() -> None:
    got = _by_kind(
        "On May 3 Elm Branch held a storytime for 20 toddlers. "
        "Oak Branch welcomed 35 teens on Friday evening."
    )
    assert got["reading_event"] == [20]
    assert got[None] == [35]


def test_the_campaigns_totals_under_the_last_item_are_the_reports() -> None:
    text = (
        "宣传周活动总结\n"
        "1．读书讲座。5月28日，我馆举办读书讲座，120名读者参加。\n"
        "2．现场办证。5月29日，在广场现场办理借书证，办证85个。\n"
        "读书月期间，全馆累计借出图书1.2万册次，办理读者证300个。\n"
        "某市图书馆\n2024年6月3日\n"
    )
    got = _by_kind(text)
    assert got["card_drive"] == [85]
    assert sorted(got[None]) == [300, 12000]


def test_what_the_outlets_published_is_the_reports_what_the_library_published_is_publicity() -> None:
    text = (
        "读书月活动总结\n"
        "读书月期间，我馆在《江城日报》刊登读书专版2期；江城新闻网、“江城发布”微信公众号共刊发报道9篇。\n"
    )
    got = _by_kind(text)
    assert got["publicity"] == [2]
    assert got[None] == [9]
    text = "The Hill Herald covered the week, and the library's posts reached 4,000 people."
    assert _by_kind(text)["publicity"] == [4000]


def test_people_who_visit_the_show_by_its_bare_word_go_to_the_show_told_before() -> None:
    got = _by_kind("5月3日，我馆在广场举办新书展，300余名读者参观了展览。")
    assert got == {"book_exhibition": [300], None: []}
    got = _by_kind("On May 3 the library held a book fair, and 300 people visited the exhibition.")
    assert got == {"book_exhibition": [300], None: []}
