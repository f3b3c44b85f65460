"""extract(render(record)) recovers the figures of the gold records (issue #4, "Round trip").

Renders each gold record as a report in its own language, reads
the report back with the extractor, and matches figures by value and unit the way the
evaluation scorer does. Both pure packages, no database.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from shuxiang.extract import extract_text
from shuxiang.record import dump, load
from shuxiang.render import render
from tests.shared_data import EVAL as SHARED
from tests.shared_data import gold_files

GOLD_FILES = gold_files()
pytestmark = pytest.mark.skipif(not GOLD_FILES, reason="shared/eval/seeds/gold is not beside the checkout")


def _scorer():
    spec = importlib.util.spec_from_file_location("shuxiang_eval_score", SHARED / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _recovered(lang_of: str) -> tuple[int, int, int]:
    """(gold figures, matched by value, matched by value and unit) over all gold records."""
    score = _scorer()
    total = by_value = by_unit = 0
    for path in GOLD_FILES:
        record = load(json.loads(path.read_text("utf-8")))
        lang = record.language if lang_of == "own" else ("en" if record.language == "zh" else "zh")
        text = render(record, lang=lang, fmt="md").decode("utf-8")
        back = dump(extract_text(text))
        gold_figs, back_figs = score.figures_of(dump(record)), score.figures_of(back)
        pairs = score.match_figures(gold_figs, back_figs)
        total += len(gold_figs)
        by_value += len(pairs)
        by_unit += sum(g.get("unit") == p.get("unit") for (g, _), (p, _) in pairs)
    return total, by_value, by_unit


def test_rendered_reports_read_back_recover_at_least_95_percent_of_figures():
    total, by_value, by_unit = _recovered("own")
    assert total > 50
    assert by_value / total >= 0.95, f"recovered {by_value}/{total} figures"
    assert by_unit / total >= 0.90, f"recovered {by_unit}/{total} figures with their unit"


def test_reports_rendered_in_the_other_language_read_back_too():
    total, by_value, _ = _recovered("other")
    assert by_value / total >= 0.90, f"recovered {by_value}/{total} figures"
