"""Qualified sums: the lattice's laws, and that every sum it states is true of the real counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shuxiang import vocab
from shuxiang.reports import totals as tot

qualifiers = st.sampled_from(sorted(vocab.QUALIFIER_CODES))
values = st.integers(min_value=0, max_value=10**7).map(Decimal)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("exact", "exact", "exact"),
        ("more_than", "exact", "more_than"),
        ("more_than", "more_than", "more_than"),
        ("about", "exact", "about"),
        ("about", "more_than", "about"),
        ("nearly", "exact", "nearly"),
        ("nearly", "nearly", "nearly"),
        ("nearly", "up_to", "up_to"),
        ("up_to", "exact", "up_to"),
        ("up_to", "up_to", "up_to"),
        ("more_than", "nearly", "about"),
        ("more_than", "up_to", "about"),
    ],
)
def test_join_table_gives_the_documented_qualifier_of_a_sum(a, b, expected):
    assert tot.join(a, b) == expected
    assert tot.join(b, a) == expected


def test_300_more_plus_200_is_more_than_500_never_plain_500():
    assert tot.add([(300, "more_than"), (200, "exact")]) == (Decimal(500), "more_than")


def test_sum_of_nothing_is_exact_zero():
    assert tot.add([]) == (Decimal(0), "exact")


@given(qualifiers, qualifiers, qualifiers)
def test_join_is_associative_commutative_and_idempotent(a, b, c):
    assert tot.join(tot.join(a, b), c) == tot.join(a, tot.join(b, c))
    assert tot.join(a, b) == tot.join(b, a)
    assert tot.join(a, a) == a
    assert tot.join(a, "exact") == a


@given(st.lists(st.tuples(values, qualifiers), max_size=8), st.randoms())
def test_sum_order_never_changes_the_total(parts, rnd):
    shuffled = list(parts)
    rnd.shuffle(shuffled)
    assert tot.add(parts) == tot.add(shuffled)


def _true_value(draw, value: Decimal, qualifier: str) -> Decimal:
    """A real count the stated figure is true of: a witness for its qualifier."""
    if qualifier == "exact":
        return value
    if qualifier == "more_than":
        return value + draw(st.integers(min_value=0, max_value=1000))
    if qualifier == "nearly":  # a little under: up to 10% below
        return value - draw(st.integers(min_value=0, max_value=int(value) // 10))
    if qualifier == "up_to":
        return Decimal(draw(st.integers(min_value=0, max_value=int(value))))
    return value + draw(st.integers(min_value=-(int(value) // 10), max_value=int(value) // 10))


@st.composite
def figures_with_truth(draw):
    parts = draw(st.lists(st.tuples(values, qualifiers), min_size=1, max_size=6))
    truths = [Decimal(_true_value(draw, v, q)) for v, q in parts]
    return parts, truths


@given(figures_with_truth())
def test_every_bound_the_sum_states_holds_for_the_real_counts(case):
    parts, truths = case
    total, qualifier = tot.add(parts)
    real = sum(truths, Decimal(0))
    if qualifier == "exact":
        assert real == total
    elif qualifier == "more_than":
        assert real >= total
    elif qualifier in {"nearly", "up_to"}:
        assert real <= total
    if qualifier == "nearly":  # still close: within 10% below, as each part was
        assert real >= total * Decimal("0.9") - len(parts)


@given(figures_with_truth())
def test_a_sum_is_exact_only_when_every_part_is(case):
    parts, _ = case
    _, qualifier = tot.add(parts)
    assert (qualifier == "exact") == all(q == "exact" for _, q in parts)


def _fig(value, qualifier="exact", unit="person_time", measure="attendees"):
    return tot.Row(value, qualifier, unit, measure)


def test_totals_group_by_unit_and_measure_and_leave_durations_out():
    result = tot.totals(
        [
            _fig(300, "more_than"),
            _fig(200),
            _fig(3000, unit="copy", measure="leaflets"),
            _fig(7, unit="day", measure=None),
            _fig(1, unit="other", measure="duration_weeks"),
            _fig(5, unit="copy", measure=None),
        ]
    )
    assert [(t.unit, t.measure, t.value, t.qualifier, t.count) for t in result] == [
        ("person_time", "attendees", Decimal(500), "more_than", 2),
        ("copy", "leaflets", Decimal(3000), "exact", 1),
        ("copy", None, Decimal(5), "exact", 1),
    ]


def test_a_library_own_total_stands_for_its_activities_figures_of_the_same_key():
    activity_figures = [_fig(300, "more_than"), _fig(200), _fig(50, unit="card", measure="cards_issued")]
    own = [_fig(5000, "about")]
    result = {t.key: (t.value, t.qualifier) for t in tot.library_totals(activity_figures, own)}
    assert result == {
        ("person_time", "attendees"): (Decimal(5000), "about"),
        ("card", "cards_issued"): (Decimal(50), "exact"),
    }


def test_combine_adds_libraries_key_by_key():
    a = tot.totals([_fig(300, "more_than")])
    b = tot.totals([_fig(200), _fig(10, unit="card", measure="cards_issued")])
    combined = {t.key: (t.value, t.qualifier, t.count) for t in tot.combine([a, b])}
    assert combined == {
        ("person_time", "attendees"): (Decimal(500), "more_than", 2),
        ("card", "cards_issued"): (Decimal(10), "exact", 1),
    }


def test_total_as_figure_is_record_shaped_with_whole_numbers_as_int():
    total = tot.totals([_fig(Decimal("2.50")), _fig(Decimal("0.50"))])[0]
    assert total.as_figure() == {
        "value": 3,
        "qualifier": "exact",
        "unit": "person_time",
        "measure": "attendees",
    }


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=10**9).map(lambda c: Decimal(c) / 100), qualifiers),
        max_size=20,
    )
)
def test_running_sum_matches_add(parts):
    running = tot.Running()
    for value, qualifier in parts:
        running.add(float(value), qualifier)
    total = running.total("person", None)
    assert (total.value, total.qualifier) == tot.add(parts)


def test_scope_totals_let_a_librarys_own_figure_stand_for_its_activities_then_add_libraries():
    row = tot.Row
    figures = [
        (1, 10, row(Decimal(300), "more_than", "person_time", "attendees")),  # library 10's activities
        (2, 10, row(Decimal(200), "about", "person_time", "attendees")),
        (None, 10, row(Decimal(5000), "exact", "person_time", "attendees")),  # 10's own: stands for both
        (3, 20, row(Decimal(2000), "more_than", "person_time", "attendees")),
        (4, 20, row(Decimal(40), "exact", "copy", "leaflets")),
    ]
    by_key = {t.key: (t.value, t.qualifier) for t in tot.scope_totals(figures)}
    assert by_key == {
        ("person_time", "attendees"): (Decimal(7000), "more_than"),
        ("copy", "leaflets"): (Decimal(40), "exact"),
    }
