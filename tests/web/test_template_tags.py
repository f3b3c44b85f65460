import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from shuxiang.web.templatetags.shuxiang_tags import date_range, figure_text, vocab_label, when


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh-hans", ["讲座", "少年儿童", "人次"]), ("en", ["Lecture", "children", "attendances"])],
)
def test_vocab_label_follows_the_active_language(lang, expected):
    with translation.override(lang):
        assert [vocab_label(c) for c in ("lecture", "children", "person_time")] == expected
        assert vocab_label("unknown-code") == "unknown-code"


def test_dates_follow_each_language():
    start, end = dt.date(2016, 5, 27), dt.date(2016, 6, 2)
    with translation.override("zh-hans"):
        assert date_range(start, end) == "2016年5月27日至6月2日"
        assert date_range(start) == "2016年5月27日"
    with translation.override("en"):
        assert date_range(start, end) == "27 May – 2 June 2016"


def test_figures_follow_each_language():
    more = SimpleNamespace(value=Decimal(3000), qualifier="more_than", unit="copy", measure="")
    one = SimpleNamespace(value=Decimal(1), qualifier="exact", unit="volume", measure="")
    with translation.override("zh-hans"):
        assert figure_text(more) == "3000余份"
        assert (
            figure_text(SimpleNamespace(value=Decimal(300), qualifier="about", unit="person", measure=""))
            == "约300人"
        )
    with translation.override("en"):
        assert figure_text(more) == "more than 3,000 copies"
        assert figure_text(one) == "1 volume"


def test_when_names_a_daily_slot():
    slot = SimpleNamespace(
        start_date=dt.date(2016, 5, 27),
        end_date=dt.date(2016, 6, 2),
        daily_start_time=dt.time(17),
        daily_end_time=dt.time(18),
        repeats_daily=True,
    )
    with translation.override("en"):
        assert when(slot) == "27 May – 2 June 2016, daily 17:00–18:00"
    with translation.override("zh-hans"):
        assert when(slot) == "2016年5月27日至6月2日，每天 17:00–18:00"
