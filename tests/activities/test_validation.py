from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from shuxiang.activities import validation


def test_figure_text_is_read_as_librarians_write_it():
    zh = validation.figure_data_from_text("300多人次")
    assert (zh.value, zh.qualifier, zh.unit, zh.source_text) == (
        Decimal("300"),
        "more_than",
        "person_time",
        "300多人次",
    )
    en = validation.figure_data_from_text("more than 3,000 leaflets")
    assert (en.value, en.qualifier, en.unit) == (Decimal("3000"), "more_than", "copy")


@pytest.mark.parametrize("text", ["", "许多人", "300 bananas", "-5人", "300多"])
def test_unreadable_figure_text_is_refused_with_a_message(text):
    with pytest.raises(ValidationError) as exc:
        validation.figure_data_from_text(text)
    assert exc.value.message_dict["text"][0]
