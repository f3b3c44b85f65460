import pytest

from shuxiang.numerals import NumberError, chinese_to_number, parse_figure_text, to_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("四百", 400),
        ("三千", 3000),
        ("十八", 18),
        ("五十", 50),
        ("一万二千", 12000),
        ("两百", 200),
        ("千", 1000),
        ("三千五", 3500),
        ("一百零五", 105),
        ("十", 10),
    ],
)
def test_chinese_numerals_convert(text, value):
    assert chinese_to_number(text) == value


@pytest.mark.parametrize(("text", "value"), [("5万", 50000), ("1.5万", 15000), ("3,000", 3000), ("127", 127)])
def test_arabic_numbers_with_multipliers(text, value):
    assert to_number(text) == value


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("300多人次", 300, "more_than", "person_time"),
        ("近万名", 10000, "nearly", "person"),
        ("3000余份", 3000, "more_than", "copy"),
        ("四百余册", 400, "more_than", "volume"),
        ("200余个证", 200, "more_than", "card"),
        ("约50人", 50, "about", "person"),
        ("100人左右", 100, "about", "person"),
        ("60人以上", 60, "more_than", "person"),
        ("127", 127, "exact", None),
        ("more than 3,000 leaflets", 3000, "more_than", "copy"),
        ("nearly 10,000 readers", 10000, "nearly", "person"),
        ("about 60 people", 60, "about", "person"),
        ("500+ books", 500, "more_than", "volume"),
        ("up to 20 people", 20, "up_to", "person"),
    ],
)
def test_figure_phrases_parse_as_librarians_write_them(text, value, qualifier, unit):
    parsed = parse_figure_text(text)
    assert (parsed.value, parsed.qualifier, parsed.unit) == (value, qualifier, unit)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter a figure"),
        ("abc", "No number"),
        ("-5人", "negative"),
        ("300公斤", "not a known unit"),
        ("300 parsecs", "not a known unit"),
    ],
)
def test_unparseable_figures_are_refused_with_a_reason(text, message):
    with pytest.raises(NumberError, match=message):
        parse_figure_text(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,000", 3000),
        ("six", 6),
        ("twenty-five", 25),
        ("three hundred", 300),
        ("hundred", 100),
        ("two thousand", 2000),
    ],
)
def test_english_numbers_convert(text, value):
    from shuxiang.numerals import english_to_number

    assert english_to_number(text) == value


def test_english_to_number_refuses_words_that_are_not_numbers():
    from shuxiang.numerals import english_to_number

    with pytest.raises(NumberError):
        english_to_number("several")
