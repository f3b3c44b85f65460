"""Whole numbers from forms and query strings: what ``int`` or PostgreSQL would refuse is None."""

from __future__ import annotations

import pytest

from shuxiang.web.params import whole_number


@pytest.mark.parametrize(
    ("sent", "read"),
    [("42", 42), (" 7 ", 7), ("0", 0), (9, 9), ("9" * 18, int("9" * 18))],
)
def test_ascii_digits_are_read_as_a_whole_number(sent, read):
    assert whole_number(sent) == read


@pytest.mark.parametrize("sent", ["", None, "abc", "1x", "-3", "1.5", "²", "١٢", "9" * 19])
def test_anything_else_is_none_never_an_error(sent):
    assert whole_number(sent) is None
