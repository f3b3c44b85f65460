import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from shuxiang.activities.forms import ActivityForm, FigureFormSet


def _activity_form(campaign, library, **overrides):
    data = {
        "kind": "lecture",
        "title": "讲座",
        "start_date": "2016-05-28",
        "visibility": "public",
    } | overrides
    return ActivityForm(data, campaign=campaign, library=library)


@pytest.fixture
def joined(create_library, create_campaign):
    library = create_library()
    return create_campaign(issuer=library.parent, libraries=(library,)), library


def test_activity_form_builds_the_service_data(joined):
    campaign, library = joined
    form = _activity_form(campaign, library, partners="城郊小学\n\n东城社区 ", audiences=["children"])
    assert form.is_valid(), form.errors
    data = form.to_data()
    assert data.partner_names == ("城郊小学", "东城社区")
    assert data.audiences == ("children",)
    assert data.start_date == dt.date(2016, 5, 28)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": "2016-05-27"}, "end_date"),
        ({"start_date": "2016-04-01"}, "start_date"),
        ({"capacity": "-3"}, "capacity"),
        ({"kind": "karaoke"}, "kind"),
        ({"audiences": ["martians"]}, "audiences"),
    ],
)
def test_activity_form_refuses_bad_input_on_the_field(joined, overrides, field):
    form = _activity_form(*joined, **overrides)
    assert not form.is_valid()
    assert field in form.errors


def test_activity_form_refuses_a_library_outside_the_campaign(joined, create_library):
    campaign, library = joined
    form = _activity_form(campaign, create_library(parent=library.parent))
    assert not form.is_valid()
    assert form.non_field_errors()


def test_kind_choices_follow_the_language(joined):
    with translation.override("zh-hans"):
        assert ("lecture", "讲座") in _activity_form(*joined).fields["kind"].choices
    with translation.override("en"):
        assert ("lecture", "Lecture") in _activity_form(*joined).fields["kind"].choices


def _figures(**rows):
    data = {
        "figures-TOTAL_FORMS": str(len(rows)),
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "50",
    }
    for index, fields in rows.items():
        for name, value in fields.items():
            data[f"figures-{index[1:]}-{name}"] = value
    return FigureFormSet(data, prefix="figures")


def test_figure_written_as_the_librarian_writes_it_is_parsed():
    formset = _figures(
        f0={"text": "300多人次", "measure": "attendees"},
        f1={"text": "more than 3,000 leaflets"},
        f2={"value": "12", "qualifier": "exact", "unit": "session"},
        f3={"text": "500", "unit": "volume"},  # no unit in the text: the unit field gives it
        f4={},  # an empty row is ignored
    )
    assert formset.is_valid(), formset.errors
    got = [f.cleaned_data.get("figure_data") for f in formset.forms]
    assert (got[0].value, got[0].qualifier, got[0].unit, got[0].measure) == (
        Decimal("300.00"),
        "more_than",
        "person_time",
        "attendees",
    )
    assert (got[1].value, got[1].unit) == (Decimal("3000.00"), "copy")
    assert (got[2].value, got[2].unit, got[2].source_text) == (Decimal("12"), "session", "")
    assert (got[3].value, got[3].unit) == (Decimal("500.00"), "volume")
    assert got[4] is None


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"text": "很多人"}, "text"),
        ({"text": "-20人"}, "text"),
        ({"text": "300"}, "text"),  # no unit anywhere
        ({"text": "300 bananas"}, "text"),
        ({"value": "-1", "unit": "person"}, "value"),
        ({"value": "10"}, "unit"),
        ({"value": "10", "unit": "bananas"}, "unit"),
    ],
)
def test_figure_rows_refuse_bad_input(row, field):
    formset = _figures(f0=row)
    assert not formset.is_valid()
    assert field in formset.forms[0].errors


def test_unparseable_figure_message_is_clear_in_chinese():
    with translation.override("zh-hans"):
        formset = _figures(f0={"text": "很多人"})
        formset.is_valid()
        message = formset.forms[0].errors["text"][0]
    assert "很多人" in message and "300多人次" in message


def test_activity_form_refuses_a_capacity_above_the_bound_with_the_services_message(joined):
    from shuxiang.activities.validation import MAX_CAPACITY

    assert _activity_form(*joined, capacity=str(MAX_CAPACITY)).is_valid()
    with translation.override("zh-hans"):
        form = _activity_form(*joined, capacity=str(MAX_CAPACITY + 1))
        assert not form.is_valid()
    assert form.errors["capacity"] == [
        f"每场最多 {MAX_CAPACITY} 个名额。规模更大的活动请将名额留空（不限名额）。"
    ]
