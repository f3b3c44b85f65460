"""Checks every text a service stores goes through: its column's length, and no control characters.

One implementation for the services of every app (activities, campaigns, API tokens): they raise
:class:`~django.core.exceptions.ValidationError` keyed by field, and as they are the JSON API's only
checks (no form layer), they refuse what the database would (a text past its column, a NUL, which
PostgreSQL stores none of: both were 500s there) and what breaks the exports. A control character in
a one-line text (title, venue, name, outlet) ends a line in an .ics file, a CSV cell or a Word run:
a bare CR started a property of its own in a reader's ticket. Multi-line texts (descriptions, notes)
keep line breaks (LF, or CRLF as a browser sends a textarea) and tabs, and nothing else.

Limits are read from the model's fields (``_meta``), so they follow the schema.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

Errors = dict[str, list[str]]

# What a multi-line text may hold besides printable text. A CR only as the first half of a CRLF.
MULTILINE_CONTROLS = frozenset("\n\t")


def add_error(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def max_length(model: type[models.Model], name: str) -> int | None:
    """The ``max_length`` of ``model``'s field ``name``: None for a field without one (or no such field)."""
    try:
        return getattr(model._meta.get_field(name), "max_length", None)
    except FieldDoesNotExist:
        return None


def is_multiline(model: type[models.Model], name: str) -> bool:
    """A ``TextField`` holds paragraphs; every other text field is one line."""
    try:
        return isinstance(model._meta.get_field(name), models.TextField)
    except FieldDoesNotExist:
        return False


def control_character(text: str, *, multiline: bool = False) -> str | None:
    """The first control character (Unicode category Cc) ``text`` may not hold, or None.

    One-line texts hold none, tabs and line breaks included. Multi-line texts may hold LF, tab, and
    CR directly before an LF.
    """
    for index, char in enumerate(text):
        if unicodedata.category(char) != "Cc":
            continue
        if multiline and (
            char in MULTILINE_CONTROLS or (char == "\r" and text[index + 1 : index + 2] == "\n")
        ):
            continue
        return char
    return None


def check_text(errors: Errors, key: str, text: str, limit: int | None, *, multiline: bool = False) -> None:
    """One text a column will hold: no NUL or other control character, within ``limit`` characters."""
    char = control_character(text, multiline=multiline)
    if char == "\x00":  # Django's own message is mistranslated in zh-hans (空字符串, "empty string")
        add_error(errors, key, _("This text contains a null character (U+0000): remove it."))
    elif char is not None and multiline:
        add_error(
            errors,
            key,
            _("This text contains a control character (U+%(code)s): only line breaks and tabs may stay.")
            % {"code": f"{ord(char):04X}"},
        )
    elif char is not None:
        add_error(
            errors,
            key,
            _(
                "This text contains a control character (U+%(code)s), such as a tab or a line break: "
                "keep it to one line of plain text."
            )
            % {"code": f"{ord(char):04X}"},
        )
    elif limit is not None and len(text) > limit:
        add_error(
            errors,
            key,
            _("Keep this to %(limit)s characters or fewer (it has %(length)s).")
            % {"limit": limit, "length": len(text)},
        )


def check_model_texts(
    errors: Errors,
    model: type[models.Model],
    data: Any,
    *,
    keys: Mapping[str, str] | None = None,
    multiline: Collection[str] = (),
) -> None:
    """:func:`check_text` on every text of the dataclass ``data``, against ``model``'s field of that name.

    Length from the field's ``max_length``; a ``TextField``, or a name in ``multiline``, may hold
    line breaks and tabs. ``keys`` renames a field for the error (``source_text`` is what the caller
    sent as ``text``). A field that already has an error (an unknown code) gets no second message.
    """
    for field in dataclasses.fields(data):
        value = getattr(data, field.name)
        key = (keys or {}).get(field.name, field.name)
        if isinstance(value, str) and key not in errors:
            check_text(
                errors,
                key,
                value,
                max_length(model, field.name),
                multiline=field.name in multiline or is_multiline(model, field.name),
            )


def null_character_errors(value: object, path: str) -> Errors:
    """The first NUL found anywhere in nested JSON-like data, keyed by where it is
    (``record.activities[0].title``): PostgreSQL's text and jsonb store no U+0000."""
    errors: Errors = {}
    stack = [(path, value)]
    while stack and not errors:
        where, item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                check_text(errors, where, item, limit=None, multiline=True)
        elif isinstance(item, dict):
            stack.extend((f"{where}.{key}", v) for key, v in item.items())
            stack.extend((f"{where} (a key)", key) for key in item)
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(item))
    return errors
