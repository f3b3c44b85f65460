"""Extraction throughput and cold start: ``BENCH {"name": "extract", ...}``.

Throughput: reports per second on one core (this process), after one warm-up
pass, median of five passes over the seed report texts. Cold start: median wall
time of ``shuxiang extract <file>`` run as a fresh subprocess.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXTS = ROOT.parent / "shared" / "eval" / "seeds" / "texts"
FALLBACK = ROOT / "tests" / "extract" / "data"


def _texts() -> list[Path]:
    files = sorted(SEED_TEXTS.glob("*.txt")) or sorted(FALLBACK.glob("*.txt"))
    if not files:
        raise RuntimeError("no report texts to benchmark")
    return files


def throughput(files: list[Path], runs: int = 5) -> float:
    from shuxiang.extract import extract_text
    from shuxiang.record.model import dump

    texts = [f.read_text(encoding="utf-8") for f in files]
    for text in texts:  # warm-up: imports, compiled patterns, the JSON Schema
        dump(extract_text(text))
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        for text in texts:
            dump(extract_text(text))
        rates.append(len(texts) / (time.perf_counter() - started))
    return statistics.median(rates)


def cold_start(path: Path, runs: int = 5) -> float:
    exe = Path(sys.executable).with_name("shuxiang")
    command = (
        [str(exe), "extract", str(path)]
        if exe.exists()
        else [
            sys.executable,
            "-c",
            "import sys; from shuxiang.cli import main; sys.exit(main())",
            "extract",
            str(path),
        ]
    )
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    files = _texts()
    result = {
        "name": "extract",
        "reports_per_s": round(throughput(files), 1),
        "cold_start_s": round(cold_start(files[0]), 3),
    }
    print("BENCH " + json.dumps(result))


if __name__ == "__main__":
    main()
