"""The figure rows of the activity form: a label for every input (shown on phones, where the table
header is hidden), an existing figure shown with the text it was written as, values as people
write them (300, not 300.00), and measures by label (a list, and a box for a code it lacks)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from shuxiang.activities.forms import OTHER_MEASURE, FigureForm, FigureFormSet, FigureValueInput
from shuxiang.activities.models import Figure
from tests.factories import make_figure

ROW_FIELDS = ("text", "value", "qualifier", "unit", "measure", "measure_other", "note", "DELETE")


def edit_page(user, activity, lang: str = "zh-hans") -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(user)
    response = client.get(reverse("activities:edit", args=[activity.pk]))
    assert response.status_code == 200
    return response.content.decode()


def between(html: str, start: str, end: str) -> str:
    first = html.index(start)
    return html[first : html.index(end, first)]


def labels_by_input(html: str) -> dict[str, str]:
    """{input id: the text of its <label for=...>} (tags inside the label dropped)."""
    found = {}
    for target, inner in re.findall(r'<label[^>]*for="([^"]+)"[^>]*>(.*?)</label>', html, re.S):
        found[target] = re.sub(r"<[^>]+>", "", inner).strip()
    return found


def visible_inputs(html: str) -> list[str]:
    ids = []
    for tag in re.findall(r"<(?:input|select)\b[^>]*>", html):
        if 'type="hidden"' not in tag:
            ids.append(re.search(r'id="([^"]+)"', tag)[1])
    return ids


def posted(form_index: int, **fields) -> dict:
    return {f"figures-{form_index}-{name}": value for name, value in fields.items()}


def bound_formset(figure: Figure, **changes) -> FigureFormSet:
    """The edit page's formset for ``figure``, posted back with ``changes`` typed over it."""
    initial = FigureForm.initial_for(figure)
    row = {k: ("" if v is None else str(v)) for k, v in initial.items()} | changes
    data = {
        "figures-TOTAL_FORMS": "1",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "50",
        **posted(0, **row),
    }
    return FigureFormSet(data, prefix="figures", initial=[initial])


# ------------------------------------------------------------------------------------ labels


def test_every_input_of_every_figure_row_has_a_label_including_delete_in_chinese(world, activity):
    make_figure(activity, source_text="300多人次")
    html = edit_page(world["staff"], activity)
    rows = between(html, '<tbody id="figure-rows">', "</tbody>")
    inputs, labels = visible_inputs(rows), labels_by_input(rows)
    assert len(inputs) == len(ROW_FIELDS) * 3  # the figure and two empty rows
    assert set(inputs) <= set(labels), set(inputs) - set(labels)
    assert [labels[f"id_figures-0-{name}"] for name in ROW_FIELDS] == [
        "原文写法",
        "数值",
        "限定词",
        "单位",
        "统计项",
        "其他统计项的代码",
        "备注",
        "删除",
    ]


def test_figure_row_labels_are_in_english_for_an_english_reader(world, activity):
    html = edit_page(world["staff"], activity, lang="en")
    labels = labels_by_input(between(html, '<tbody id="figure-rows">', "</tbody>"))
    assert [labels[f"id_figures-0-{name}"] for name in ROW_FIELDS] == [
        "As written",
        "Value",
        "Qualifier",
        "Unit",
        "Measure",
        "Code of another measure",
        "Note",
        "Delete",
    ]


def test_a_row_added_by_the_add_figure_button_is_labelled_too(world, activity):
    template = between(edit_page(world["staff"], activity), '<template id="figure-template">', "</template>")
    inputs, labels = visible_inputs(template), labels_by_input(template)
    assert inputs == [f"id_figures-__prefix__-{name}" for name in ROW_FIELDS]
    assert set(inputs) <= set(labels)


def test_the_labels_show_on_phones_where_the_table_header_is_hidden():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/shuxiang.css")).read_text(encoding="utf-8")
    phone = css[css.index("@media (max-width: 40rem)") :]
    assert ".figures thead { display: none; }" in phone
    assert re.search(r"\.figures \.cell-label \{ position: static;", phone)


# ----------------------------------------------------------------- source text and values


def test_an_existing_figure_comes_back_with_the_text_it_was_written_as(world, activity):
    figure = make_figure(activity, value=Decimal("300"), source_text="现场解答免费开放咨询300多人次")
    html = edit_page(world["staff"], activity)
    assert re.search(r'<input[^>]*name="figures-0-text"[^>]*value="现场解答免费开放咨询300多人次"', html)
    assert FigureForm.initial_for(figure)["text"] == "现场解答免费开放咨询300多人次"


def test_whole_values_are_shown_without_decimals_on_the_edit_page(world, activity):
    make_figure(activity, value=Decimal("300"))
    make_figure(activity, value=Decimal("15000"), unit="volume", source_text="1.5万册")
    make_figure(activity, value=Decimal("2.5"), unit="hour", qualifier="exact")
    html = edit_page(world["staff"], activity)
    shown = [re.search(rf'<input[^>]*name="figures-{i}-value"[^>]*>', html)[0] for i in range(3)]
    assert [re.search(r'value="([^"]*)"', tag)[1] for tag in shown] == ["300", "15000", "2.5"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("300.00"), "300"),
        (Decimal("3000.00"), "3000"),
        (Decimal("15000.00"), "15000"),
        (Decimal("2.50"), "2.5"),
        (Decimal("0.25"), "0.25"),
        (Decimal("0.00"), "0"),
        ("300.00", "300.00"),  # what was typed is shown back as typed
        (None, None),
    ],
)
def test_figure_values_are_shown_as_people_write_them(value, shown):
    assert FigureValueInput().format_value(value) == shown


# ---------------------------------------------------------------- posting the rows back


def test_a_figure_posted_back_unchanged_is_not_rewritten(world, activity):
    figure = make_figure(activity, source_text="现场解答免费开放咨询300多人次")
    formset = bound_formset(figure)
    assert formset.is_valid(), formset.errors
    assert not formset.forms[0].has_changed()


def test_a_changed_note_keeps_the_source_text_without_reading_it_again(world, activity):
    # An imported figure's text is the report's phrase, which need not read as a figure on its own.
    figure = make_figure(activity, source_text="现场解答免费开放咨询300多人次", note="")
    formset = bound_formset(figure, note="在同心广场")
    assert formset.is_valid(), formset.errors
    data = formset.forms[0].cleaned_data["figure_data"]
    assert (data.value, data.qualifier, data.unit, data.note, data.source_text) == (
        Decimal("300"),
        "more_than",
        "person_time",
        "在同心广场",
        "现场解答免费开放咨询300多人次",
    )


def test_a_retyped_value_beside_the_unchanged_text_is_taken_and_the_text_dropped(world, activity):
    figure = make_figure(activity, source_text="300多人次")
    formset = bound_formset(figure, value="350", qualifier="exact")
    assert formset.is_valid(), formset.errors
    data = formset.forms[0].cleaned_data["figure_data"]
    assert (data.value, data.qualifier, data.source_text) == (Decimal("350"), "exact", "")


def test_a_changed_text_is_read_again(world, activity):
    figure = make_figure(activity, source_text="300多人次")
    formset = bound_formset(figure, text="400余人次")
    assert formset.is_valid(), formset.errors
    data = formset.forms[0].cleaned_data["figure_data"]
    assert (data.value, data.qualifier, data.source_text) == (Decimal("400"), "more_than", "400余人次")


# ------------------------------------------------------------------------------ measures


def measure_cell(html: str, index: int = 0) -> str:
    start = html.index(f'name="figures-{index}-measure_choice"')
    return html[html.rindex("<td", 0, start) : html.index("</td>", start)]


def chosen(cell: str) -> tuple[str, str]:
    """(value, text) of the selected option of a measure cell."""
    option = re.search(r'<option value="([^"]*)" selected>([^<]*)</option>', cell)
    return (option[1], option[2]) if option else ("", "")


def typed_code(cell: str) -> str:
    return (
        re.search(r'<input[^>]*name="figures-\d+-measure"[^>]*>', cell)[0]
        .partition('value="')[2]
        .partition('"')[0]
    )


def shown_text(html: str) -> str:
    """What a person reads: tags and their attributes (option values included) removed."""
    return re.sub(r"<[^>]+>", " ", html)


def test_the_chinese_page_offers_measures_by_label_and_shows_no_bare_code(world, activity):
    make_figure(activity, value=Decimal(3000), unit="copy", measure="leaflets")
    html = edit_page(world["staff"], activity)
    cell = measure_cell(html)
    assert chosen(cell) == ("leaflets", "发放宣传资料")
    assert '<option value="inquiries">解答咨询</option>' in cell
    assert '<option value="cards_issued">办理读者证</option>' in cell
    assert typed_code(cell) == ""
    rows = shown_text(between(html, '<tbody id="figure-rows">', "</tbody>"))
    for code in ("leaflets", "inquiries", "attendees", "cards_issued", "books_exhibited"):
        assert code not in rows


def test_the_english_page_offers_the_same_measures_in_english(world, activity):
    make_figure(activity, measure="inquiries")
    cell = measure_cell(edit_page(world["staff"], activity, lang="en"))
    assert chosen(cell) == ("inquiries", "inquiries answered")
    assert '<option value="leaflets">leaflets handed out</option>' in cell


def test_a_measure_chosen_from_the_list_is_saved_as_its_code(world, activity):
    figure = make_figure(activity, measure="")
    formset = bound_formset(figure, measure_choice="leaflets", measure="")
    assert formset.is_valid(), formset.errors
    assert formset.forms[0].cleaned_data["figure_data"].measure == "leaflets"


def test_an_unknown_existing_measure_is_shown_in_the_box_and_saved_unchanged(world, activity):
    figure = make_figure(activity, measure="lantern_riddles_solved")
    cell = measure_cell(edit_page(world["staff"], activity))
    assert chosen(cell)[0] == OTHER_MEASURE
    assert typed_code(cell) == "lantern_riddles_solved"

    formset = bound_formset(figure, measure_choice=OTHER_MEASURE, note="元宵节")
    assert formset.is_valid(), formset.errors
    assert formset.forms[0].cleaned_data["figure_data"].measure == "lantern_riddles_solved"


def test_an_existing_measure_that_is_not_a_code_is_kept_as_recorded(world, activity):
    # Figures saved through the API hold free text; re-saving the row must not refuse or rewrite it.
    figure = make_figure(activity, measure="Lantern Riddles")
    formset = bound_formset(figure, measure_choice=OTHER_MEASURE, note="元宵节")
    assert formset.is_valid(), formset.errors
    assert "measure" not in formset.forms[0].changed_data
    assert formset.forms[0].cleaned_data["figure_data"].measure == "Lantern Riddles"


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("books_lent", "books_lent"),
        ("Books Lent", "books_lent"),
        ("发放宣传资料", "leaflets"),  # a label typed in the box is its measure
        ("library cards issued", "cards_issued"),
    ],
)
def test_a_typed_measure_is_saved_as_a_code(world, activity, typed, saved):
    figure = make_figure(activity, measure="")
    formset = bound_formset(figure, measure_choice=OTHER_MEASURE, measure=typed)
    assert formset.is_valid(), formset.errors
    assert formset.forms[0].cleaned_data["figure_data"].measure == saved


@pytest.mark.parametrize(
    ("choice", "typed", "message"),
    [
        ("", "新办证", "“新办证”不是统计项代码"),
        (OTHER_MEASURE, "books lent!", "不是统计项代码"),
        (OTHER_MEASURE, "2016_cards", "不是统计项代码"),
        (OTHER_MEASURE, "cards\tissued", "控制字符"),
        (OTHER_MEASURE, "a" * 65, "64"),
        (OTHER_MEASURE, "", "请填写统计项代码"),
        ("leaflets", "books_lent", "二者选其一"),
    ],
)
def test_an_invalid_measure_is_refused_with_a_message(world, activity, choice, typed, message):
    figure = make_figure(activity, measure="")
    with translation.override("zh-hans"):
        formset = bound_formset(figure, measure_choice=choice, measure=typed)
        assert not formset.is_valid()
        errors = formset.forms[0].errors["measure"]
    assert any(message in error for error in errors), errors
