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


def test_missing_date_falls_back_to_the_campaign_start_with_a_note():
    got = resolve_dates(None, None, *WEEK)
    assert (got.start, got.end) == (WEEK[0], None)
    assert got.notes and "2016-05-27" in got.notes[0]


def test_month_only_uses_campaign_start_in_that_month_else_the_first():
    assert resolve_one("2016-05", *WEEK)[0] == dt.date(2016, 5, 27)
    assert resolve_one("2016-04", *WEEK)[0] == dt.date(2016, 4, 1)


def test_end_before_start_is_dropped_with_a_note():
    got = resolve_dates("2016-05-30", "2016-05-28", *WEEK)
    assert got.end is None and any("dropped" in n for n in got.notes)


def test_an_end_on_the_start_day_means_one_day():
    assert resolve_dates("2016-05-30", "2016-05-30", *WEEK).end is None


def test_impossible_unknown_year_day_gives_no_date():
    assert resolve_one("XXXX-02-30", *WEEK)[0] is None


def test_dates_outside_the_campaign_are_moved_inside_with_a_note():
    got = resolve_dates("2016-05-15", None, *WEEK)
    assert got.start == WEEK[0] and "outside" in got.notes[0]
    got = resolve_dates("2016-05-30", "2016-06-20", *WEEK)
    assert (got.start, got.end) == (dt.date(2016, 5, 30), WEEK[1]) and "after" in got.notes[0]
    assert resolve_dates("2016-07-01", None, *WEEK).start == WEEK[1]
