"""Why an import was refused (ValidationErrors, so forms and the API show them by field)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import get_language

from shuxiang.render.phrases import join_names

if TYPE_CHECKING:
    from shuxiang.imports.replace import EarlierImport


def listed(names: Iterable[str]) -> str:
    """Names inside a message, listed as the active language lists them (甲、乙和丙; A, B and C)."""
    return join_names(names, "zh" if (get_language() or "").startswith("zh") else "en")


class ImportProblem(ValidationError):
    """The record cannot be imported as it stands (a library no one can match, say)."""


class ReplaceRequired(ImportProblem):
    """A library already has an import of other content here: the user must confirm replacing it.

    ``earlier`` says what replacing would remove and keep; nothing was written.
    """

    def __init__(self, earlier: list[EarlierImport]) -> None:
        self.earlier = earlier
        messages = [e.warning() for e in earlier] + [n for e in earlier if (n := e.kept_note())]
        super().__init__({"replace": messages})
