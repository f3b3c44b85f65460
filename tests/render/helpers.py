"""Reading rendered reports back as plain text, for the content checks."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from shuxiang.record.model import Record, load
from shuxiang.render import render

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text without any whitespace: a PDF line break may fall inside a name."""
    return _WS.sub("", text)


def md_text(data: bytes) -> str:
    return re.sub(r"\\(.)", r"\1", data.decode("utf-8"))


def html_text(data: bytes) -> str:
    body = data.decode("utf-8")
    body = re.sub(r"<(style|svg)\b.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def docx_text(data: bytes) -> str:
    import docx

    doc = docx.Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} (poppler-utils, deps/apt.txt) is not installed")
    return path


def pdf_text(data: bytes) -> str:
    """The text of a PDF; -raw, since the default mode takes a line-final "-" for a hyphen and drops it."""
    result = subprocess.run(
        [need("pdftotext"), "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    # Each page's number ("— 6 —") comes first in -raw order: drop it, or it splits a sentence.
    return re.sub(r"^— \d+ —$", "", result.stdout.decode("utf-8").replace("\f", "\n"), flags=re.M)


def pdf_fonts(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run([need("pdffonts"), str(path)], capture_output=True, check=True, text=True).stdout


READERS = {"md": md_text, "html": html_text, "docx": docx_text, "pdf": pdf_text}


from tests.shared_data import GOLD_DIR  # noqa: E402 - kept beside its users


def gold_paths() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.json")) if GOLD_DIR.is_dir() else []


@cache
def gold_record(name: str) -> Record:
    return load(json.loads((GOLD_DIR / f"{name}.json").read_text("utf-8")))


@cache
def rendered_gold(name: str, lang: str, fmt: str) -> bytes:
    """Each gold report is rendered once per session, however many tests read it."""
    return render(gold_record(name), lang=lang, fmt=fmt)
