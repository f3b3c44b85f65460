from shuxiang.extract.dates import find_dates, report_year


def _spans(text, lang="zh", year="2016"):
    return [(d.start, d.end) for d in find_dates(text, lang, year)]


def test_a_range_without_a_year_on_its_end_takes_the_start_year():
    assert _spans("于2019年5月27日至6月2日期间") == [("2019-05-27", "2019-06-02")]


def test_a_20xx_report_gets_20XX_dates():
    assert report_year("20xx年5月28日至6月3日", "zh") == "20XX"
    assert _spans("5月28日至6月3日", year="20XX") == [("20XX-05-28", "20XX-06-03")]


def test_a_report_without_a_year_gives_XXXX():
    year = report_year("此项活动从4月20开始,5月20日结束。", "zh")
    assert year == "XXXX"
    assert _spans("此项活动从4月20开始,5月20日结束。", year=year) == [("XXXX-04-20", "XXXX-05-20")]


def test_dates_inside_quotations_are_skipped():
    assert _spans("悬挂“4月23日是世界读书日”横幅") == []


def test_english_ranges_and_months():
    assert _spans("From May 26 to June 1, 20xx, the library", "en", "20XX") == [("20XX-05-26", "20XX-06-01")]
    assert _spans("In May 20xx, in accordance", "en", "20XX") == [("20XX-05", None)]
    assert _spans("on the morning of May 28.", "en", "2016") == [("2016-05-28", None)]


def test_impossible_dates_are_dropped():
    assert _spans("2月30日举办") == []


def test_english_dates_written_day_first():
    assert _spans("ran from 3 to 9 June 2024.", "en", "2024") == [("2024-06-03", "2024-06-09")]
    assert _spans("Signed on 12 May 2024", "en", "2024") == [("2024-05-12", None)]
    assert _spans("from 28 May to 3 June", "en", "2024") == [("2024-05-28", "2024-06-03")]


def test_a_last_day_alone_is_marked_as_until():
    spans = find_dates("展览将持续至6月30日。", "zh", "2024")
    assert [(d.start, d.until) for d in spans] == [("2024-06-30", True)]
    spans = find_dates("The prints stay up until 12 July.", "en", "2024")
    assert [(d.start, d.until) for d in spans] == [("2024-07-12", True)]
    spans = find_dates("6月3日，馆员走进社区。", "zh", "2024")
    assert [(d.start, d.until) for d in spans] == [("2024-06-03", False)]


def test_a_weekday_may_stand_before_either_end_of_a_range():
    assert _spans("from Friday 8 July to Sunday 4 September 2022", "en", "2022") == [
        ("2022-07-08", "2022-09-04")
    ]
    assert _spans("from Monday, June 6 to Friday, June 10", "en", "2022") == [("2022-06-06", "2022-06-10")]


def test_a_year_in_the_campaigns_history_is_not_the_reports():
    assert report_year("The festival, first held in 1987, ran May 2-8.", "en") == "XXXX"
    assert report_year("读书节始于1998年。今年读书节于5月举行。2023年5月", "zh") == "2023"


def test_a_month_named_alone():
    from shuxiang.extract.dates import bare_month

    assert bare_month("March was Reading Month, and the branches were busy.", "en", "2024") == "2024-03"
    assert bare_month("May the readers enjoy it.", "en", "2024") is None
    assert bare_month("每年4月是本市的读书月。", "zh", "XXXX") == "XXXX-04"
