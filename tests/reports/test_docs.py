"""docs/reports.md states the same rules as the code: the sum table and the category mapping."""

from __future__ import annotations

import re
from pathlib import Path

from shuxiang import vocab
from shuxiang.reports import categories as cat
from shuxiang.reports import totals as tot

DOC = (Path(__file__).resolve().parents[2] / "docs" / "reports.md").read_text("utf-8")


def _rows(first_cell: str) -> list[list[str]]:
    return [
        [c.strip() for c in line.strip("|").split("|")]
        for line in DOC.splitlines()
        if re.match(rf"^\| {first_cell}", line)
    ]


def test_documented_sum_table_is_the_join_the_code_uses():
    header = next(r for r in _rows(r"\+ \|"))[1:]
    rows = _rows(r"\*\*")
    assert len(rows) == 5
    for row in rows:
        a = row[0].strip("*")
        for b, expected in zip(header, row[1:], strict=True):
            assert tot.join(a, b) == expected, (a, b)


def test_documented_kind_table_is_the_mapping_the_code_uses():
    rows = {r[0].strip("`"): r for r in _rows("`") if r[0].strip("`") in vocab.KIND_CODES}
    assert set(rows) == vocab.KIND_CODES
    labels = {code: f"{zh} {en}" for code, zh, en in cat.CN_CATEGORIES}
    for code, row in rows.items():
        category = cat.cn_category(code)
        assert row[2] == (labels[category] if category else "not counted"), code
        assert row[3] == ("yes" if category else "no"), code


def test_documented_audience_table_is_the_mapping_the_code_uses():
    rows = {r[0].strip("`"): r for r in _rows("`") if r[0].strip("`") in vocab.AUDIENCE_CODES}
    assert set(rows) == vocab.AUDIENCE_CODES
    for code, row in rows.items():
        assert row[2] == (cat.AGE_OF_AUDIENCE[code] or "—"), code
