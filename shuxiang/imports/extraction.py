"""The bridge to :mod:`shuxiang.extract`: text or an uploaded file in, a report record out.

Kept in one place so the web page and the API call extraction the same way, and so a
change in the extraction package's entry points touches one file.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shuxiang.record import Record, RecordError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
UPLOAD_SUFFIXES = (".txt", ".docx", ".html", ".htm")
logger = logging.getLogger(__name__)


def extract_text(text: str) -> Record:
    """The report record extraction reads from ``text``; ValidationError (key ``text``) if it cannot."""
    from shuxiang import extract
    from shuxiang.extract.errors import ExtractError

    if not text.strip():
        raise ValidationError({"text": [_("Paste the text of a report.")]})
    try:
        return extract.extract_text(text)
    except (ExtractError, RecordError) as exc:
        raise ValidationError({"text": [str(exc)]}) from exc
    except Exception as exc:  # a bug in extraction must not cost the user the page: log it, say so
        logger.exception("extraction failed on a %s-character text", len(text))
        raise ValidationError(
            {"text": [_("This text could not be read automatically. Enter the activities by hand.")]}
        ) from exc


def read_upload(name: str, data: bytes) -> str:
    """The text of an uploaded .txt, .docx or .html report; ValidationError (key ``file``) if unreadable."""
    from shuxiang.extract.errors import ExtractError
    from shuxiang.extract.limits import TooLargeToRead
    from shuxiang.extract.read import read_file

    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ValidationError(
            {"file": [_("Upload a .txt, .docx or .html file, not %(suffix)s.") % {"suffix": suffix or name}]}
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": [_("The file is larger than 10 MB.")]})
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(data)
        handle.flush()
        try:
            return read_file(handle.name)
        except TooLargeToRead as exc:  # a zip bomb, a page of a million tags: refused before it is read
            logger.warning("refused an upload of %s bytes: %s", len(data), exc)
            raise ValidationError({"file": [_too_large(suffix)]}) from exc
        except ExtractError as exc:
            raise ValidationError({"file": [str(exc)]}) from exc


def _too_large(suffix: str) -> str:
    """What to tell the user about a file past :mod:`shuxiang.extract.limits` (the log has the detail)."""
    if suffix == ".docx":
        return _("This Word file is too large once unpacked. Paste its text instead.")
    return _("This web page has too many tags to read. Paste the text of the report instead.")
