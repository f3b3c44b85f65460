from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from shuxiang.imports.dates import resolve_dates, resolve_one

WEEK = (dt.date(2016, 5, 27), dt.date(2016, 6, 2))
NEW_YEAR = (dt.date(2016, 12, 25), dt.date(2017, 1, 5))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_exact_dates_are_kept_without_a_note():
    got = resolve_dates("2016-05-28", "2016-05-30", *WEEK)
    assert (got.start, got.end, got.notes) == (dt.date(2016, 5, 28), dt.date(2016, 5, 30), [])


def test_unknown_year_is_taken_from_the_campaign_with_a_note():
    got = resolve_dates("20XX-05-28", "20XX-06-01", *WEEK)
    assert (got.start, got.end) == (dt.date(2016, 5, 28), dt.date(2016, 6, 1))
    assert len(got.notes) == 2 and "2016" in got.notes[0]


def test_unknown_year_picks_the_campaign_year_that_puts_the_day_inside_it():
    assert resolve_one("XXXX-01-02", *NEW_YEAR)[0] == dt.date(2017, 1, 2)
    assert resolve_one("XXXX-12-30", *NEW_YEAR)[0] == dt.date(2016, 12, 30)


def test_missing_date_invents_no_day_the_activity_spans_the_campaign_undated():
    got = resolve_dates(None, None, *WEEK)
    assert (got.start, got.end, got.precision) == (WEEK[0], WEEK[1], "none")
    assert got.notes and "during the campaign" in got.notes[0]


def test_month_only_spans_that_month_with_month_precision():
    got = resolve_dates("2016-05", None, *WEEK)
    assert (got.start, got.end, got.precision) == (dt.date(2016, 5, 1), dt.date(2016, 5, 31), "month")
    assert any("only the month" in n for n in got.notes)
    assert resolve_one("2016-04", *WEEK)[:2] == (dt.date(2016, 4, 1), "month")


def test_unknown_year_takes_the_year_of_the_records_own_campaign_dates_when_written():
    got = resolve_dates("20XX-05-28", None, dt.date(2017, 5, 27), dt.date(2017, 6, 2), record_year=2016)
    assert (got.start, got.precision) == (dt.date(2016, 5, 28), "day")
    assert "report's campaign dates" in got.notes[0]
    assert got.outside  # 2016 lies outside the 2017 week it was imported into: kept, with a note


def test_unknown_year_without_any_year_in_the_record_takes_the_campaigns_and_says_so():
    got = resolve_dates("20XX-05-28", None, *WEEK, record_year=None)
    assert got.start == dt.date(2016, 5, 28)
    assert "writes no year anywhere" in got.notes[0]


def test_end_before_start_is_dropped_with_a_note():
    got = resolve_dates("2016-05-30", "2016-05-28", *WEEK)
    assert got.end is None and any("dropped" in n for n in got.notes)


def test_an_end_on_the_start_day_means_one_day():
    assert resolve_dates("2016-05-30", "2016-05-30", *WEEK).end is None


def test_impossible_unknown_year_day_gives_no_date():
    assert resolve_one("XXXX-02-30", *WEEK)[0] is None


def test_dates_outside_the_campaign_are_kept_as_written_with_a_note():
    got = resolve_dates("2016-05-15", None, *WEEK)
    assert (got.start, got.end, got.outside) == (dt.date(2016, 5, 15), None, True)
    assert "outside" in got.notes[0] and "kept" in got.notes[0]
    got = resolve_dates("2016-05-30", "2016-06-20", *WEEK)
    assert (got.start, got.end, got.outside, got.notes) == (
        dt.date(2016, 5, 30),
        dt.date(2016, 6, 20),
        False,
        [],
    )
    got = resolve_dates("2016-05-15", "2016-05-30", *WEEK)  # began before the week, runs into it
    assert (got.start, got.end, got.outside) == (dt.date(2016, 5, 15), dt.date(2016, 5, 30), False)
    assert resolve_dates("2016-07-01", None, *WEEK).start == dt.date(2016, 7, 1)
