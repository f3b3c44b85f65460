"""The ONE place that maps activity kinds and audience groups to statistical categories.

Two annual returns are supported (the table is reproduced in ``docs/reports.md``):

- China's national public-library statistics (全国公共图书馆统计 / 文化和旅游统计):
  reader activities held and their participants in 人次, split into lectures (讲座),
  exhibitions (展览), training (培训) and other (其他); library cards issued (新办证).
- The US Public Libraries Survey (IMLS PLS): program sessions and program attendance by
  age group: 0-5, 6-11, 12-18 (young adult), adult (19+), general interest (all ages).

Pure Python (no Django): :func:`tabulate` takes plain rows, so it is tested without a
database and :mod:`shuxiang.reports.exports` only fetches rows and writes files.

Counting rules:
- An activity counts as ``n`` activities/sessions held where ``n`` is the sum of its
  figures in unit ``session`` (场, 次, 期: "a lecture series of 5 talks"), else as 1.
- Its participants are the sum of its ``person_time`` figures whose measure is a
  participation measure (:data:`PARTICIPANT_MEASURES`, or none); if it has none of those,
  the sum of such ``person`` figures (people counted once are one 人次 each). Both units are
  never added for one activity: "300 people, 500 attendances" describe the same crowd.
- Kinds in :data:`NOT_PROGRAMS` are not events a reader attends (a banner, a waived fine,
  books handed to a school): they count in neither return's activities or programs.
- Cards issued: figures in unit ``card`` (measure ``cards_issued`` or none), a library's own
  report-level figure standing for its activities' figures (as in the compiled report).
- Every sum keeps its qualifier (:mod:`shuxiang.reports.totals`): 300多 + 200 is 500, "more than".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from shuxiang import vocab
from shuxiang.reports import totals as tot

# --- the mapping ---------------------------------------------------------------------------

NOT_PROGRAMS: frozenset[str] = frozenset(
    {"publicity", "fee_waiver", "book_donation", "book_drifting", "digital_service"}
)

# China: activity kind -> category. Kinds not listed (and not in NOT_PROGRAMS) are "other".
CN_LECTURE, CN_EXHIBITION, CN_TRAINING, CN_OTHER = "lecture", "exhibition", "training", "other"
CN_CATEGORY_OF_KIND: dict[str, str] = {
    "lecture": CN_LECTURE,
    "forum": CN_LECTURE,  # 座谈会、论坛: talks to an audience, reported with lectures
    "exhibition": CN_EXHIBITION,
    "book_exhibition": CN_EXHIBITION,  # 新书展览 is an exhibition in the returns
    "training": CN_TRAINING,
}
CN_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    (CN_LECTURE, "讲座", "lectures"),
    (CN_EXHIBITION, "展览", "exhibitions"),
    (CN_TRAINING, "培训", "training"),
    (CN_OTHER, "其他", "other"),
)

# US PLS: audience group -> age group; None = says nothing about age.
AGE_0_5, AGE_6_11, AGE_12_18, AGE_ADULT, AGE_GENERAL = "0-5", "6-11", "12-18", "adult", "general"
AGE_GROUPS: tuple[tuple[str, str, str], ...] = (
    (AGE_0_5, "0-5岁", "children 0-5"),
    (AGE_6_11, "6-11岁", "children 6-11"),
    (AGE_12_18, "12-18岁", "young adults 12-18"),
    (AGE_ADULT, "成人", "adults 19+"),
    (AGE_GENERAL, "不限年龄", "general interest"),
)
AGE_OF_AUDIENCE: dict[str, str | None] = {
    "children": AGE_6_11,  # 少年儿童: school-age by default; with parents, see EARLY_YEARS below
    "left_behind_children": AGE_6_11,
    "teenagers": AGE_12_18,
    "students": AGE_12_18,  # 学生 in the reports are mostly school pupils; a judgement, see docs
    "parents": AGE_ADULT,
    "elderly": AGE_ADULT,
    "cadres": AGE_ADULT,
    "soldiers": AGE_ADULT,
    "inmates": AGE_ADULT,
    "rural_residents": AGE_ADULT,
    "community_residents": AGE_ADULT,
    "staff": AGE_ADULT,
    "disabled": None,
    "general_public": AGE_GENERAL,
}
# children together with parents is a parent-child (亲子) programme: early years, 0-5.
EARLY_YEARS: frozenset[str] = frozenset({"children", "parents"})

PARTICIPANT_MEASURES: frozenset[str | None] = frozenset(
    {None, "participants", "attendees", "readers", "inquiries", "recipients"}
)
CARD_MEASURES: frozenset[str | None] = frozenset({None, "cards_issued"})

assert set(AGE_OF_AUDIENCE) == vocab.AUDIENCE_CODES, "every audience group needs an age group"
assert set(CN_CATEGORY_OF_KIND) | NOT_PROGRAMS <= vocab.KIND_CODES


def cn_category(kind: str) -> str | None:
    """The Chinese return's category of an activity kind (None: not counted as an activity)."""
    if kind in NOT_PROGRAMS:
        return None
    return CN_CATEGORY_OF_KIND.get(kind, CN_OTHER)


def age_group(audience: Iterable[str]) -> str:
    """The PLS age group of an activity from its audience groups.

    Exactly one age group named -> that group; parents with children -> 0-5; none named, or
    several different ones (children and the elderly), or the general public -> general interest.
    """
    groups = set(audience)
    if groups & EARLY_YEARS == EARLY_YEARS and not groups - EARLY_YEARS - {
        "left_behind_children",
        "disabled",
    }:
        return AGE_0_5
    ages = {AGE_OF_AUDIENCE[g] for g in groups if AGE_OF_AUDIENCE.get(g) is not None}
    return ages.pop() if len(ages) == 1 else AGE_GENERAL


# --- tabulation ------------------------------------------------------------------------------


@dataclass
class StatActivity:
    """What the returns need of one activity."""

    library_id: int
    kind: str
    audience: Sequence[str]
    figures: Sequence[tot.FigureLike]


Cell = tuple[Decimal, str]  # value, qualifier


def _sessions(figures: Sequence[tot.FigureLike]) -> Cell:
    sessions = [(f.value, f.qualifier) for f in figures if f.unit == "session"]
    return tot.add(sessions) if sessions else (Decimal(1), tot.EXACT)


def _participants(figures: Sequence[tot.FigureLike]) -> Cell:
    for unit in ("person_time", "person"):
        parts = [
            (f.value, f.qualifier)
            for f in figures
            if f.unit == unit and (f.measure or None) in PARTICIPANT_MEASURES
        ]
        if parts:
            return tot.add(parts)
    return (Decimal(0), tot.EXACT)


@dataclass
class Table:
    """One return: column codes and labels, a row of cells per library, and the total row."""

    columns: list[tuple[str, str, str]]  # code, zh label, en label
    rows: dict[int, dict[str, list[Cell]]] = field(default_factory=dict)

    def add(self, library_id: int, column: str, cell: Cell) -> None:
        row = self.rows.setdefault(library_id, {c[0]: [] for c in self.columns})
        row[column].append(cell)

    def cell(self, library_id: int, column: str) -> Cell:
        return tot.add(self.rows.get(library_id, {}).get(column, []))

    def total(self, column: str) -> Cell:
        return tot.add(cell for row in self.rows.values() for cell in row[column])


def cn_columns() -> list[tuple[str, str, str]]:
    cols = []
    for code, zh, en in CN_CATEGORIES:
        cols += [
            (f"{code}_held", f"{zh}（次）", f"{en}: held"),
            (f"{code}_attendance", f"{zh}参加（人次）", f"{en}: attendance"),
        ]
    cols += [
        ("activities_held", "读者活动合计（次）", "all activities: held"),
        ("attendance", "参加合计（人次）", "all activities: attendance"),
        ("cards_issued", "新办读者证（张）", "library cards issued"),
    ]
    return cols


def us_columns() -> list[tuple[str, str, str]]:
    cols = []
    for code, zh, en in AGE_GROUPS:
        cols += [
            (f"{code}_sessions", f"{zh}场次", f"{en}: sessions"),
            (f"{code}_attendance", f"{zh}参加人次", f"{en}: attendance"),
        ]
    cols += [
        ("sessions", "合计场次", "total program sessions"),
        ("attendance", "合计参加人次", "total program attendance"),
    ]
    return cols


def tabulate(
    activities: Iterable[StatActivity],
    own_figures: dict[int, list[tot.FigureLike]] | None = None,
) -> tuple[Table, Table]:
    """The Chinese and the US return for these activities, a row per library.

    ``own_figures`` are the libraries' report-level figures (activity empty), used for cards.
    """
    cn, us = Table(cn_columns()), Table(us_columns())
    card_figures: dict[int, list[tot.FigureLike]] = {}
    for act in activities:
        card_figures.setdefault(act.library_id, []).extend(
            f for f in act.figures if f.unit == "card" and (f.measure or None) in CARD_MEASURES
        )
        cn.rows.setdefault(act.library_id, {c[0]: [] for c in cn.columns})
        us.rows.setdefault(act.library_id, {c[0]: [] for c in us.columns})
        category = cn_category(act.kind)
        if category is None:
            continue
        held, attendance = _sessions(act.figures), _participants(act.figures)
        cn.add(act.library_id, f"{category}_held", held)
        cn.add(act.library_id, f"{category}_attendance", attendance)
        cn.add(act.library_id, "activities_held", held)
        cn.add(act.library_id, "attendance", attendance)
        age = age_group(act.audience)
        us.add(act.library_id, f"{age}_sessions", held)
        us.add(act.library_id, f"{age}_attendance", attendance)
        us.add(act.library_id, "sessions", held)
        us.add(act.library_id, "attendance", attendance)
    own_figures = own_figures or {}
    for library_id in dict.fromkeys([*card_figures, *own_figures]):
        own = [
            f
            for f in own_figures.get(library_id, [])
            if f.unit == "card" and (f.measure or None) in CARD_MEASURES
        ]
        for total in tot.library_totals(card_figures.get(library_id, []), own):
            cn.add(library_id, "cards_issued", (total.value, total.qualifier))
        us.rows.setdefault(library_id, {c[0]: [] for c in us.columns})
    return cn, us
