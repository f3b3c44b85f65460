"""Where the project's shared evaluation data lives: ``../shared`` beside the checkout.

``SHUXIANG_SHARED`` overrides it. Tests that need it skip outside CI when it is absent;
under CI (``CI=true``) every such skip fails the run instead (see ``tests/conftest.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SHUXIANG_SHARED", REPO.parent / "shared"))
EVAL = SHARED / "eval"
SEEDS = EVAL / "seeds"
GOLD_DIR = SEEDS / "gold"
TEXTS_DIR = SEEDS / "texts"
SCORE_PY = EVAL / "score.py"


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.json")) if GOLD_DIR.is_dir() else []
