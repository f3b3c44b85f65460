"""Summing figures that carry qualifiers, honestly: 300多 + 200 is "more than 500", never "500".

Pure Python, no Django: the compiled report, the year-over-year comparison and the
statistics tables all add figures through :func:`add` and :func:`totals`.

A qualifier says what the stated number is to the true count:

============  =========================================  =====================
qualifier     the true count is ...                      kind of statement
============  =========================================  =====================
``exact``     the stated number                          no uncertainty
``more_than`` at least the stated number (余, 多, 以上)    a lower bound
``nearly``    a little under the stated number (近)       an upper bound, close
``up_to``     at most the stated number (最多, 不超过)     an upper bound
``about``     near the stated number, either side (约)    no bound
============  =========================================  =====================

The qualifier of a sum is the *join* of its parts' qualifiers in this lattice
(``exact`` at the bottom, ``about`` at the top)::

                 about
                /     \\
        more_than     up_to
               |        |
               |      nearly
                \\     /
                 exact

- ``exact`` is the identity: adding a known number keeps whatever bound the other part has
  (300多 + 200 = 500多; 近100 + 50 = 近150, and closer in relative terms).
- Lower bounds add to a lower bound, upper bounds to an upper bound: two ``more_than``
  give ``more_than``; ``nearly`` + ``nearly`` stays ``nearly``; ``nearly`` + ``up_to``
  is ``up_to`` (still at most the sum, no longer necessarily close to it).
- A lower bound plus an upper bound bounds nothing: ``more_than`` + ``nearly`` and
  ``more_than`` + ``up_to`` are ``about``. ``about`` with anything stays ``about``.

So ``up_to`` survives only when every inexact part is an upper bound (``up_to`` or
``nearly``), and the sum is exact only when every part is. The join is associative,
commutative and idempotent (property-tested), so the order of adding never matters.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

EXACT, MORE_THAN, ABOUT, NEARLY, UP_TO = "exact", "more_than", "about", "nearly", "up_to"

# Each qualifier's ancestors (itself included) in the lattice above; the join of a and b
# is their lowest common ancestor.
_UP: dict[str, tuple[str, ...]] = {
    EXACT: (EXACT, MORE_THAN, NEARLY, UP_TO, ABOUT),
    MORE_THAN: (MORE_THAN, ABOUT),
    NEARLY: (NEARLY, UP_TO, ABOUT),
    UP_TO: (UP_TO, ABOUT),
    ABOUT: (ABOUT,),
}

# Units whose figures never add up across activities or libraries: "为期7天" in fifty
# libraries is not a 350-day campaign. Measures starting with "duration" likewise.
NON_ADDITIVE_UNITS = frozenset({"day", "hour"})

Number = int | float | Decimal


def join(a: str, b: str) -> str:
    """The qualifier of ``x + y`` when ``x`` is qualified ``a`` and ``y`` is qualified ``b``."""
    ups_b = _UP[b]
    for candidate in _UP[a]:
        if candidate in ups_b:
            return candidate
    return ABOUT  # unreachable: ABOUT is above everything


_JOIN: dict[tuple[str, str], str] = {(a, b): join(a, b) for a in _UP for b in _UP}


class Running:
    """A qualified sum kept while rows stream by (the fast path for large reports).

    Values are added as floats (the database has two decimal places) with :func:`math.fsum`
    at the end, so the result is the same as :func:`add` rounded to cents.
    """

    __slots__ = ("qualifier", "values")

    def __init__(self) -> None:
        self.values: list[float] = []
        self.qualifier = EXACT

    def add(self, value: float, qualifier: str) -> None:
        self.values.append(value)
        self.qualifier = _JOIN[self.qualifier, qualifier]

    def total(self, unit: str, measure: str | None) -> Total:
        value = Decimal(repr(round(math.fsum(self.values), 2)))
        return Total(
            unit=unit, measure=measure, value=value, qualifier=self.qualifier, count=len(self.values)
        )


def running_totals(groups: dict[tuple[str, str | None], Running]) -> list[Total]:
    """:class:`Total` objects from running sums keyed by (unit, measure), durations left out."""
    return [r.total(unit, measure) for (unit, measure), r in groups.items() if is_additive(unit, measure)]


def _decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def add(parts: Iterable[tuple[Number, str]]) -> tuple[Decimal, str]:
    """Sum ``(value, qualifier)`` pairs: the total and its honest qualifier (exact for none)."""
    total, qualifier = Decimal(0), EXACT
    for value, q in parts:
        total += _decimal(value)
        qualifier = join(qualifier, q)
    return total, qualifier


class FigureLike(Protocol):
    value: Number
    qualifier: str
    unit: str
    measure: str | None


@dataclass(frozen=True)
class Total:
    """The sum of every figure of one ``unit`` and ``measure``."""

    unit: str
    measure: str | None
    value: Decimal
    qualifier: str
    count: int

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.unit, self.measure)

    def as_figure(self) -> dict[str, object]:
        """The total in report-record/1 figure shape (value as int when whole)."""
        return {"value": plain_number(self.value), "qualifier": self.qualifier, "unit": self.unit} | (
            {"measure": self.measure} if self.measure else {}
        )


def plain_number(value: Decimal) -> int | float:
    """A Decimal as the JSON number a record holds: int when whole."""
    number = float(value)
    return int(number) if number.is_integer() else number


def is_additive(unit: str, measure: str | None) -> bool:
    """Whether figures of this unit and measure may be summed (durations may not)."""
    return unit not in NON_ADDITIVE_UNITS and not (measure or "").startswith("duration")


def totals(figures: Iterable[FigureLike]) -> list[Total]:
    """One :class:`Total` per (unit, measure), in order of first appearance; durations left out.

    A figure without a measure is its own group per unit (``measure`` None).
    """
    groups: dict[tuple[str, str | None], list[tuple[Number, str]]] = {}
    for fig in figures:
        measure = fig.measure or None
        if not is_additive(fig.unit, measure):
            continue
        groups.setdefault((fig.unit, measure), []).append((fig.value, fig.qualifier))
    out = []
    for (unit, measure), parts in groups.items():
        value, qualifier = add(parts)
        out.append(Total(unit=unit, measure=measure, value=value, qualifier=qualifier, count=len(parts)))
    return out


@dataclass(frozen=True)
class Row:
    """A plain figure row: what the database gives the compiled report (no model objects)."""

    value: Number
    qualifier: str
    unit: str
    measure: str | None


def library_totals(activity_figures: Iterable[FigureLike], own_figures: Iterable[FigureLike]) -> list[Total]:
    """One library's totals: its own report-level figure of a (unit, measure) wins over the sum
    of its activities' figures of the same key, since a library that states "全周共接待读者
    5000人次" has already counted its activities' attendance in that number.
    """
    own = totals(own_figures)
    own_keys = {t.key for t in own}
    from_activities = [t for t in totals(activity_figures) if t.key not in own_keys]
    return own + from_activities


def scope_totals(figures: Iterable[tuple[int | None, int, FigureLike]]) -> list[Total]:
    """Totals of figures given as (activity id or None, library id, figure): per library its own
    figures win over its activities' (:func:`library_totals`), then the libraries add up.

    The library report's totals and the campaign dashboard's are both this function.
    """
    own: dict[int, list[FigureLike]] = {}
    from_activities: dict[int, list[FigureLike]] = {}
    for activity_id, library_id, figure in figures:
        (own if activity_id is None else from_activities).setdefault(library_id, []).append(figure)
    libraries = dict.fromkeys([*own, *from_activities])
    return combine(library_totals(from_activities.get(k, []), own.get(k, [])) for k in libraries)


def prefer_own(from_activities: list[Total], own: list[Total]) -> list[Total]:
    """:func:`library_totals` on totals already summed: own keys win over activity keys."""
    own_keys = {t.key for t in own}
    return own + [t for t in from_activities if t.key not in own_keys]


def combine(groups: Iterable[Iterable[Total]]) -> list[Total]:
    """Add several libraries' totals key by key (qualifiers joined as above)."""
    acc: dict[tuple[str, str | None], list[Total]] = {}
    for group in groups:
        for total in group:
            acc.setdefault(total.key, []).append(total)
    out = []
    for (unit, measure), parts in acc.items():
        value, qualifier = add((t.value, t.qualifier) for t in parts)
        out.append(
            Total(
                unit=unit,
                measure=measure,
                value=value,
                qualifier=qualifier,
                count=sum(t.count for t in parts),
            )
        )
    return out
