"""Why an import was refused (ValidationErrors, so forms and the API show them by field)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from shuxiang.imports.replace import EarlierImport


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
