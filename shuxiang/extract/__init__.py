"""Read an existing report (text, Word, web page) back into a report-record/1 record.

Pure Python (no Django). The pipeline, one small module per step::

    read (file -> text) -> clean -> split (one page, several reports)
      -> segment (paragraphs, sentences, clauses) -> figures / dates / names
      -> activities -> record (validated)

``extract_text(text)`` gives one :class:`~shuxiang.record.Record`;
``extract_file(path, split=True)`` one per numbered report on the page.
"""

from __future__ import annotations

from pathlib import Path

from shuxiang.extract.build import MAX_CHARS, build_record
from shuxiang.extract.clean import clean
from shuxiang.extract.errors import ExtractError
from shuxiang.extract.read import read_file
from shuxiang.extract.split import split_reports
from shuxiang.record.model import Record

MAX_PAGE_CHARS = 2_000_000  # a page of many reports; beyond this the tail is ignored

__all__ = ["ExtractError", "extract_file", "extract_text", "extract_texts"]


def extract_text(text: str) -> Record:
    """One record for the whole text, whatever it holds (an empty text gives an empty record)."""
    return build_record(clean(text[: MAX_CHARS * 2]))


def extract_texts(text: str) -> list[Record]:
    """One record per numbered report in the text (one record when it holds one or none)."""
    parts = split_reports(clean(text[:MAX_PAGE_CHARS]))
    return [build_record(part.text) for part in parts]


def extract_file(path: str | Path, *, split: bool = False) -> list[Record]:
    """Records from a report file; a single-element list unless ``split`` finds several reports."""
    text = read_file(path)
    return extract_texts(text) if split else [extract_text(text)]
