"""What a paragraph is (``shuxiang.extract.sections``): sections, closings and tables that hold no
activities, on reports written for these tests."""

from shuxiang.extract import extract_text
from shuxiang.extract.sections import CLOSING_QUOTE, SKIP_SECTION, TABLE_ROW


def test_a_section_listing_press_coverage_holds_no_activity():
    assert SKIP_SECTION["en"].search("Media coverage")
    assert SKIP_SECTION["en"].search("Press")
    assert not SKIP_SECTION["en"].search("Social media.")
    text = (
        "Library Week Report\n\nRiverside Library ran Library Week in May 2024.\n\n"
        "Events\n\nOn May 6 a local author gave a talk to 45 people.\n\n"
        "Media\n\nThe Riverside Echo ran a story on the author talk (two articles in all).\n"
    )
    record = extract_text(text)
    assert [f.value for f in record.figures] == [2]
    assert [a.kind for a in record.activities] == ["lecture"]


def test_a_news_feature_ending_on_a_quotation_tells_no_event_there():
    assert CLOSING_QUOTE["zh"].match("“读书要从娃娃抓起。”馆长李华表示，下一步将推动更多好书进校园。")
    assert CLOSING_QUOTE["en"].match('"Reading is for everyone," director Ann Moss said.')
    text = (
        "书香溢满城——某县读书月侧记\n"
        "本报讯 3月1日，某县读书月活动启动。县图书馆当天举办读书讲座，200余人参加。\n"
        "“读书要从娃娃抓起。”馆长李华表示，下一步将推动更多好书进校园。\n"
    )
    assert [a.kind for a in extract_text(text).activities] == ["lecture"]


def test_a_table_row_may_carry_a_long_label():
    assert TABLE_ROW.match("Loans (print, audio and digital): 12,045")
    assert TABLE_ROW.match("参与读者：约8500人次")


def test_sections_of_the_campaigns_numbers_and_thanks_hold_no_activity():
    assert SKIP_SECTION["en"].search("By the numbers")
    assert SKIP_SECTION["en"].search("Thank you")
    text = (
        "Reading Month recap\nPosted 2 May 2024 | Library news\nA look back at April at our branches.\n\n"
        "Story walk\nOn April 6, 45 children walked the river path with a ranger.\n\n"
        "By the numbers\n3,100 people visited, and e-book loans reached 1,250.\n\n"
        "Thank you\nThanks to our volunteers, and see you at the book sale in June!\n"
    )
    record = extract_text(text)
    assert [a.kind for a in record.activities] == ["other"]
    assert sorted(f.value for f in record.figures) == [1250, 3100]


def test_a_heading_names_one_event_or_a_section_of_several():
    from shuxiang.extract.sections import names_event

    assert names_event("Board game swap", "en", False)
    assert names_event("Open evening, May 3", "en", True)
    assert not names_event("Highlights", "en", False)
    assert names_event("（二）新春游园活动。", "zh", False)
    assert not names_event("二、主要活动", "zh", False)


def test_bullets_under_a_lead_in_belong_to_its_section():
    text = (
        "Summer report\n\n"
        "1. Summary\n1.1 Headline results:\n"
        "• 2,400 children joined the reading challenge\n"
        "2. Activities\n2.1 Elm Branch held a storytime for 30 toddlers.\n"
    )
    record = extract_text(text)
    assert [f.value for f in record.figures] == [2400]
    assert [a.kind for a in record.activities] == ["reading_event"]
