"""Language helpers shared by forms, views and templates."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import capfirst

from shuxiang import vocab


def vocab_lang() -> str:
    """The vocabulary language ("zh" or "en") for the active Django language."""
    return "zh" if (translation.get_language() or "zh-hans").startswith("zh") else "en"


def vocab_choices(terms: tuple[vocab.Term, ...]) -> list[tuple[str, str]]:
    """Choices labelled in the current language."""
    return vocab.choices(terms, vocab_lang())


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the named field if the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


class CapitalisedLabelsMixin:
    """Model verbose names are lower case ("start date"); form labels start with a capital."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if field.label:
                field.label = capfirst(field.label)
