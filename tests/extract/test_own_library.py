"""The report's own library, when only its heading or signature names it (spec: listed when named)."""

from shuxiang.extract import extract_text
from shuxiang.extract.names import libraries_in

REPORT = """青石县图书馆2024年暑期阅读活动总结

    为丰富少年儿童暑期生活，我馆于7月10日至8月20日开展了暑期阅读系列活动。
    一是举办绘本共读会12场，参与亲子家庭300余组。读者纷纷表示图书馆的活动很有意义，希望图书馆多举办此类活动。
    今后我馆将继续做好暑期阅读推广工作。

青石县图书馆
2024年8月25日
"""


def test_verbs_before_a_bare_library_word_are_not_library_names():
    names = [m.name for m in libraries_in("读者纷纷表示图书馆的活动很有意义，希望图书馆多举办此类活动", "zh")]
    assert names == []


def test_adverb_before_our_library_is_not_part_of_a_name():
    assert all("今后" not in m.name for m in libraries_in("今后我馆将继续做好暑期阅读推广工作", "zh"))


def test_own_library_named_only_in_heading_and_signature_is_the_reporting_body_and_listed():
    record = extract_text(REPORT)
    assert record.reporting_body == "青石县图书馆"
    assert record.libraries == ["青石县图书馆"]
