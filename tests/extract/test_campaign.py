from shuxiang.extract.build import build_record
from shuxiang.extract.campaign import campaign_span, is_frame_line, opening
from shuxiang.extract.segment import paragraphs


def _span(text: str, lang: str, year: str, name: str | None = None) -> tuple[str | None, str | None]:
    paras = paragraphs(text, lang)
    _, prose = opening(paras, 1, lang)
    return campaign_span(prose, paras, lang, year, name)


def test_memo_fields_and_bylines_are_frame_not_prose():
    assert is_frame_line("To: Library Board", "en")
    assert is_frame_line("Date: March 3, 2025", "en")
    assert is_frame_line("Riverbend Libraries, November 2024", "en")
    assert is_frame_line("报送：市文化广电旅游局", "zh")
    assert not is_frame_line("The library held a quiz night for teens on Friday.", "en")


def test_the_report_date_in_a_memo_header_is_not_the_campaign_date():
    text = (
        "Library Lovers' Month 2025 – Report\n"
        "To: Library Board\n"
        "Date: March 3, 2025\n"
        "Maple Grove Library marked Library Lovers' Month from February 1 to February 28, 2025,"
        " with events.\n"
    )
    assert _span(text, "en", "2025") == ("2025-02-01", "2025-02-28")


def test_the_first_numbered_section_of_a_board_report_is_its_introduction():
    text = (
        "Winter Reading Club 2024\n"
        "Riverbend Libraries, March 2024\n"
        "1. Purpose of the report\n"
        "This report sets out the results of the Winter Reading Club."
        ' This year\'s theme, "Frost Tales", was set nationally.\n'
        "2. Events\n"
    )
    paras = paragraphs(text, "en")
    frame, prose = opening(paras, 1, "en")
    assert "Riverbend Libraries" in frame
    assert prose.startswith("This report sets out")
    record = build_record(text)
    assert record.campaign.theme == "Frost Tales"
    assert record.campaign.start is None  # "March 2024" is when the report was written
    assert record.reporting_body == "Riverbend Libraries"


def test_news_lead_gives_start_and_end_each_marked_by_its_verb():
    text = "标题\n9月30日，某市图书馆国庆阅读系列活动圆满落幕。本次活动自9月1日启动，历时一个月。\n"
    assert _span(text, "zh", "2024") == ("2024-09-01", "2024-09-30")


def test_english_launch_and_close_verbs_mark_the_span():
    text = "Title\nThe festival launched on June 3, 2023 and closed on June 17 with a parade.\n"
    assert _span(text, "en", "2023") == ("2023-06-03", "2023-06-17")


def test_a_range_in_a_later_sentence_that_names_the_campaign():
    text = (
        "Summer Reading Club 2023\n"
        "This report summarises the club.\n"
        "Background\n"
        "In our county the Club ran from 1 July to 31 August 2023 in every branch.\n"
    )
    assert _span(text, "en", "2023", "Summer Reading Club") == ("2023-07-01", "2023-08-31")


def test_a_range_of_one_event_that_does_not_name_the_campaign_is_not_its_span():
    text = (
        "Title\nThis report summarises the week and what it brought to our readers.\n"
        "Events\nThe photo show ran from 2 to 9 May 2023 in the hall.\n"
    )
    assert _span(text, "en", "2023", "Library Week") == (None, None)


def test_a_year_prefixed_slogan_before_the_series_name_is_the_theme():
    text = (
        "某县图书馆举办暑期活动\n"
        "8月20日，某县图书馆2024年“童心阅夏”少儿暑期阅读活动圆满落幕，共举办各类活动20场。\n"
    )
    record = build_record(text)
    assert record.campaign.theme == "童心阅夏"
    assert record.campaign.name == "少儿暑期阅读活动"


def test_a_start_told_after_its_place_and_an_end_told_as_until():
    text = "标题\n本届读书月由县委宣传部主办，9月5日在县体育馆广场启动，将持续至10月8日。\n"
    assert _span(text, "zh", "XXXX") == ("XXXX-09-05", "XXXX-10-08")
    text = "Title\nThe reading festival launched on 3 March and runs until 30 March, 2025.\n"
    assert _span(text, "en", "2025") == ("2025-03-03", "2025-03-30")


def test_a_campaign_month_named_alone_is_its_start():
    text = (
        "Thanks for a great Reading Month!\nPosted April 2, 2024 | Library News\n"
        "March was Reading Month at our branches, and the theme was Stories Everywhere, "
        "with events for every age.\n"
    )
    assert _span(text, "en", "2024") == ("2024-03", None)


def test_an_english_theme_written_without_quotation_marks():
    record = build_record(
        "Summer Challenge: Report\n\nThis year's theme was Space Explorers, and the programme ran "
        "from Friday 9 July to Monday 6 September 2021.\n"
    )
    assert record.campaign.theme == "Space Explorers"
    assert (record.campaign.start, record.campaign.end) == ("2021-07-09", "2021-09-06")
