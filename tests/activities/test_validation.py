import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from shuxiang.activities import validation
from shuxiang.activities.models import Activity, Figure, MediaCoverage
from shuxiang.orgs.models import Organisation


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


# --------------------------------------------------------------------------- what the database would refuse

ACTIVITY = dict(kind="lecture", title="讲座", start_date=dt.date(2016, 5, 28))


@pytest.fixture
def joined(create_library, create_campaign):
    library = create_library()
    return create_campaign(issuer=library.parent, libraries=(library,)), library


def activity_errors(joined, **overrides) -> dict[str, list[str]]:
    campaign, library = joined
    with pytest.raises(ValidationError) as exc:
        validation.validate_activity_data(
            campaign, library, validation.ActivityData(**(ACTIVITY | overrides))
        )
    return exc.value.message_dict


@pytest.mark.parametrize("field", ["title", "venue"])
def test_an_activity_text_longer_than_its_column_is_refused_naming_the_limit(joined, field):
    limit = Activity._meta.get_field(field).max_length
    validation.validate_activity_data(*joined, validation.ActivityData(**(ACTIVITY | {field: "字" * limit})))
    with translation.override("zh-hans"):
        errors = activity_errors(joined, **{field: "字" * (limit + 1)})
    assert errors == {field: [f"请不超过 {limit} 个字符（现有 {limit + 1} 个）。"]}


def test_a_partner_name_longer_than_an_organisation_name_is_refused_on_partners(joined):
    limit = Organisation._meta.get_field("name").max_length
    with translation.override("en"):
        errors = activity_errors(joined, partner_names=("城郊小学", "x" * (limit + 1)))
    assert errors == {"partners": [f"Keep this to {limit} characters or fewer (it has {limit + 1})."]}


def test_a_code_past_its_column_gets_the_unknown_code_message_alone(joined):
    assert len(activity_errors(joined, kind="x" * 100)["kind"]) == 1


def test_capacity_is_bounded_by_max_capacity_with_a_way_out_in_the_message(joined):
    validation.validate_activity_data(
        *joined, validation.ActivityData(**ACTIVITY, capacity=validation.MAX_CAPACITY)
    )
    for too_many in (validation.MAX_CAPACITY + 1, 10**12, 10**30):
        with translation.override("en"):
            errors = activity_errors(joined, capacity=too_many)
        assert errors == {
            "capacity": [
                f"A session can offer at most {validation.MAX_CAPACITY} places. "
                "For a larger event, leave the capacity empty (no limit)."
            ]
        }


@pytest.mark.parametrize("field", ["title", "venue", "description"])
def test_a_null_character_postgresql_cannot_store_is_refused_in_any_text(joined, field):
    with translation.override("zh-hans"):
        assert activity_errors(joined, **{field: "讲\x00座"}) == {
            field: ["文本中含有空字符（U+0000），请删除。"]
        }


def test_figure_text_too_long_to_keep_as_written_is_refused_before_it_is_read():
    limit = Figure._meta.get_field("source_text").max_length
    with pytest.raises(ValidationError) as exc:
        validation.figure_data_from_text("300人次" + "多" * limit)
    assert list(exc.value.message_dict) == ["text"]


def test_a_figure_number_with_more_digits_than_decimal_can_round_is_refused_as_too_large():
    data = validation.figure_data_from_text("1" + "0" * 30 + "人次")  # no InvalidOperation on the way
    with pytest.raises(ValidationError) as exc:
        validation.validate_figure_data(data)
    assert list(exc.value.message_dict) == ["value"]


def test_the_largest_value_the_figure_column_holds_is_accepted_and_the_next_refused():
    largest = Decimal("999999999999.99")  # Figure.value: max_digits=14, decimal_places=2
    validation.validate_figure_data(validation.FigureData(value=largest, unit="person"))
    with pytest.raises(ValidationError) as exc:
        validation.validate_figure_data(validation.FigureData(value=largest + Decimal("0.01"), unit="person"))
    assert list(exc.value.message_dict) == ["value"]


@pytest.mark.parametrize(
    ("field", "key"), [("measure", "measure"), ("note", "note"), ("source_text", "text")]
)
def test_figure_texts_longer_than_their_columns_are_refused(field, key):
    limit = Figure._meta.get_field(field).max_length
    data = validation.FigureData(value=Decimal(3), unit="person", **{field: "x" * (limit + 1)})
    with pytest.raises(ValidationError) as exc:
        validation.validate_figure_data(data)
    assert list(exc.value.message_dict) == [key]


@pytest.mark.parametrize("field", ["outlet", "headline", "url"])
def test_media_texts_longer_than_their_columns_are_refused(field):
    limit = MediaCoverage._meta.get_field(field).max_length
    text = "https://example.com/" + "x" * limit if field == "url" else "x" * (limit + 1)
    data = validation.MediaData(**({"outlet": "广元日报"} | {field: text}))
    with pytest.raises(ValidationError) as exc:
        validation.validate_media_data(data)
    assert list(exc.value.message_dict) == [field]


# --------------------------------------------------------------------------- control characters (exports)

# A bare CR started a property of its own in a reader's .ics ticket; tabs and the rest break CSV
# cells and Word runs. One-line texts hold none of them.
CONTROLS = ["\r", "\x1b", "\x0b", "\t", "\n"]


@pytest.mark.parametrize("char", CONTROLS)
@pytest.mark.parametrize("field", ["title", "venue"])
def test_a_control_character_in_a_one_line_activity_text_is_refused(joined, field, char):
    with translation.override("en"):
        errors = activity_errors(joined, **{field: f"讲座{char}URL:https://evil.example"})
    assert list(errors) == [field] and "control character" in errors[field][0]


def test_a_control_character_in_a_partner_name_is_refused_on_partners(joined):
    assert list(activity_errors(joined, partner_names=("城郊小学", "回水\x1b小学"))) == ["partners"]


def test_an_activity_description_keeps_line_breaks_and_tabs_but_not_other_controls(joined):
    validation.validate_activity_data(
        *joined, validation.ActivityData(**ACTIVITY, description="第一段\r\n第二段\n\t缩进")
    )
    assert list(activity_errors(joined, description="第一段\r第二段")) == ["description"]
    assert list(activity_errors(joined, description="响铃\x07")) == ["description"]


@pytest.mark.parametrize(("field", "key"), [("measure", "measure"), ("unit", "unit")])
def test_a_control_character_in_a_figures_unit_or_measure_is_refused(field, key):
    data = validation.FigureData(**({"value": Decimal(3), "unit": "person"} | {field: "人次\r"}))
    with pytest.raises(ValidationError) as exc:
        validation.validate_figure_data(data)
    assert list(exc.value.message_dict) == [key]


def test_a_figures_note_keeps_line_breaks_and_tabs_but_not_an_escape():
    validation.validate_figure_data(
        validation.FigureData(value=Decimal(3), unit="person", note="上午\n下午\t")
    )
    with pytest.raises(ValidationError) as exc:
        validation.validate_figure_data(
            validation.FigureData(value=Decimal(3), unit="person", note="\x1b[31m")
        )
    assert list(exc.value.message_dict) == ["note"]


@pytest.mark.parametrize("field", ["outlet", "headline", "url"])
def test_a_control_character_in_a_media_text_is_refused(field):
    text = "https://example.com/\r\nX" if field == "url" else "广元\x0b日报"
    data = validation.MediaData(**({"outlet": "广元日报"} | {field: text}))
    with pytest.raises(ValidationError) as exc:
        validation.validate_media_data(data)
    assert list(exc.value.message_dict) == [field]
