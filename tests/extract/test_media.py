"""Media outlets (``shuxiang.extract.media``): new rules of generalisation round 3.

Older media cases are in ``test_names.py``.
"""

from shuxiang.extract.media import COVERAGE, media_in


def _outlets(text, lang="zh"):
    return [name for name, _ in media_in(text, lang)]


def test_a_quoted_account_listed_with_outlets_is_an_outlet():
    assert _outlets("市电视台和“今日江城”微信公众号对活动进行了报道") == ["市电视台", "今日江城"]
    assert _outlets("江城晚报、“江城融媒”对开幕式进行了现场直播") == ["江城晚报", "江城融媒"]


def test_the_librarys_own_account_and_own_stream_are_no_outlets():
    assert _outlets("《江城日报》和“江城市图书馆”微信公众号对活动进行了报道") == ["江城日报"]
    assert _outlets("我馆通过抖音、微信视频号直播读书会2场") == []


def test_radio_stations_by_call_sign_or_name_and_frequency():
    text = "KQRT 101.5 FM aired an interview, and Coastal FM 94.7 covered the fair."
    assert _outlets(text, "en") == ["KQRT 101.5 FM", "Coastal FM 94.7"]


def test_a_column_on_an_outlet_is_no_coverage_sentence():
    assert not COVERAGE["zh"].search("在县融媒体中心开设读书专栏，每周荐书")
    assert COVERAGE["zh"].search("县融媒体中心对活动进行了专题报道")


def test_an_outlets_channel_word_is_part_of_the_outlet():
    from shuxiang.extract.media import outlet_spans

    text = "江城新闻网、“江城发布”微信公众号刊发稿件9篇"
    assert [text[a:b] for a, b in outlet_spans(text, "zh")] == ["江城新闻网", "江城发布”微信公众号"]


def test_an_account_listed_before_a_coverage_verb_with_an_adverb_is_an_outlet():
    assert _outlets("江城新闻网、“江城发布”微信公众号共刊发报道9篇") == ["江城新闻网", "江城发布"]


def test_outlets_as_the_subject_of_coverage():
    from shuxiang.extract.media import outlet_spans, told_by_outlets

    for text, lang, told in [
        ("宣传周期间，江城新闻网、“江城发布”微信公众号刊发稿件9篇", "zh", True),
        ("我馆在《江城日报》刊登专版2期", "zh", False),
        ("The Hill Herald and Hill FM 99.1 ran three stories.", "en", True),
    ]:
        assert (told_by_outlets(text, outlet_spans(text, lang), lang) >= 0) is told, text
