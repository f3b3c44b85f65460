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
