from shuxiang.extract.clean import clean
from shuxiang.extract.segment import language, paragraphs
from shuxiang.extract.split import split_reports


def test_language_follows_the_share_of_chinese():
    assert language("图书馆举办讲座 with some English") == "zh"
    assert language("The library held a lecture series for its readers 讲座") == "en"


def test_headings_and_sentences():
    paras = paragraphs("一、高度重视\n(一)开展讲座。我馆举办讲座;还开展展览。", "zh")
    assert paras[0].heading and paras[0].marker == "一、"
    assert [s.text for s in paras[1].sentences] == ["(一)开展讲座。", "我馆举办讲座;", "还开展展览。"]


def test_clean_drops_related_articles_and_submission_links():
    page = "活动总结\n时间:2024-08-02 02:01:03 活动总结 我要投稿\n正文一段。\n【活动总结】相关文章:\n别的文章03-29"  # noqa: E501 - one alternation reads best on one line
    assert clean(page) == "活动总结\n正文一段。"


def test_clean_restores_a_glued_english_heading():
    text = "Summary of library work 1\n\nFirst report ends here. Summary of library work 2\n\nSecond."
    assert "\nSummary of library work 2" in clean(text)


def test_split_gives_one_part_per_numbered_report_and_drops_the_intro():
    page = "站点介绍\n宣传周活动总结 1\n第一份。\n宣传周活动总结 2\n第二份。"
    parts = split_reports(page)
    assert [p.heading for p in parts] == ["宣传周活动总结 1", "宣传周活动总结 2"]
    assert "站点介绍" not in parts[0].text


def test_split_keeps_a_single_report_whole():
    assert len(split_reports("宣传周活动总结\n正文。")) == 1


def test_an_english_report_about_chinese_libraries_is_english():
    text = (
        "Summary of the reading month in 安顺市\n"
        "During April, 西秀区图书馆 and 平坝区图书馆 held talks for readers in the city. "
        "The staff of 普定县图书馆 also visited two schools with a mobile library."
    )
    assert language(text) == "en"


def test_a_chinese_report_naming_english_libraries_is_chinese():
    text = "读书月期间，我馆与Maple Grove Library和Oakridge Public Library开展了线上交流活动，并举办了讲座。"
    assert language(text) == "zh"


def test_an_unnumbered_short_line_over_prose_is_a_heading():
    from shuxiang.extract.segment import paragraphs

    text = (
        "Week report\nTo: Board\nDate: May 2, 2024\nOur library marked the week with events for all ages.\n"
        "Quiz night\nThe quiz drew 40 people to the hall on Friday.\n"
    )
    heads = [p.text for p in paragraphs(text, "en") if p.heading]
    assert heads == ["Quiz night"]  # neither the title nor a memo field


def test_paragraphs_numbered_in_two_levels_are_items():
    text = "3. Outreach\n3.1 Staff visited 12 schools in March.\n3.2 A stall at the fair drew 80 people.\n"
    paras = paragraphs(text, "en")
    assert [p.marker for p in paras] == ["3.", "3.1", "3.2"]
    assert paragraphs("1.5万人次参加了活动。", "zh")[0].marker == ""  # a decimal count, not a number


def test_a_list_marker_is_no_sentence_of_its_own():
    paras = paragraphs("4. Recommendation\nThe panel is asked to note the report.", "en")
    assert [s.text for s in paras[0].sentences] == ["4. Recommendation"]


def test_an_event_name_and_its_day_is_a_heading_a_byline_is_not():
    text = (
        "Spring news\nOur branches had a busy season this year.\n"
        "Poetry walk, April 9\nThirty walkers followed the river path and read poems at six stops.\n"
        "Hill Libraries, April 2024\nThe board met on Monday to hear the report from staff.\n"
    )
    heads = [p.text for p in paragraphs(text, "en") if p.heading]
    assert heads == ["Poetry walk, April 9"]
