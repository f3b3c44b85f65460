"""The review page's editor: the record's activities and figures as two formsets.

The record extracted from the source travels in a hidden field (``base``). The activity
rows and figure rows edit it: each activity row overwrites its activity's kind, title,
library, dates and venue (partners and audiences are kept); the figure rows replace all
figures, each row naming the activity it belongs to (or the whole report). Deleting an
activity deletes its figures. The result is validated as report-record/1 again, so every
problem is named by its field path.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shuxiang import record, vocab
from shuxiang.web.i18n import vocab_choices
from shuxiang.web.params import whole_number

WHOLE_REPORT = ""


class ActivityRowForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"))
    title = forms.CharField(label=_("title"), max_length=300, required=False)
    library = forms.CharField(label=_("library as written"), max_length=200, required=False)
    start = forms.CharField(
        label=_("start"), max_length=10, required=False, widget=forms.TextInput(attrs={"size": 10})
    )
    end = forms.CharField(
        label=_("end"), max_length=10, required=False, widget=forms.TextInput(attrs={"size": 10})
    )
    venue = forms.CharField(label=_("venue"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = vocab_choices(vocab.ACTIVITY_KINDS)
        self.fields["kind"].initial = "other"  # an untouched new row stays unchanged


class FigureRowForm(forms.Form):
    activity = forms.ChoiceField(label=_("activity"), required=False)
    value = forms.DecimalField(label=_("value"), max_digits=14, decimal_places=2)
    qualifier = forms.ChoiceField(label=_("qualifier"))
    unit = forms.ChoiceField(label=_("unit"))
    measure = forms.CharField(label=_("measure"), max_length=64, required=False)
    text = forms.CharField(label=_("as written"), max_length=500, required=False)

    def __init__(self, *args: Any, activity_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [(WHOLE_REPORT, _("(whole report)")), *activity_choices]
        self.fields["qualifier"].choices = [(c, label or "=") for c, label in vocab_choices(vocab.QUALIFIERS)]
        self.fields["unit"].choices = vocab_choices(vocab.UNITS)
        self.fields["value"].widget.attrs["size"] = 8
        # What an untouched new row shows, so that it counts as unchanged and is skipped.
        self.fields["qualifier"].initial = "exact"
        self.fields["unit"].initial = "person"


ActivityFormSet = forms.formset_factory(ActivityRowForm, extra=1, can_delete=True, max_num=500)
FigureFormSet = forms.formset_factory(FigureRowForm, extra=2, can_delete=True, max_num=2000)


def _activity_choices(count: int) -> list[tuple[str, str]]:
    return [(str(i), str(i + 1)) for i in range(count)]


def initial_activities(rec: record.Record) -> list[dict[str, Any]]:
    return [
        {
            "kind": a.kind,
            "title": a.title or "",
            "library": a.library or "",
            "start": a.start or "",
            "end": a.end or "",
            "venue": a.venue or "",
        }
        for a in rec.activities
    ]


def initial_figures(rec: record.Record) -> list[dict[str, Any]]:
    index = {id(a): i for i, a in enumerate(rec.activities)}
    return [
        {
            "activity": WHOLE_REPORT if activity is None else str(index[id(activity)]),
            "value": Decimal(str(figure.value)),
            "qualifier": figure.qualifier,
            "unit": figure.unit,
            "measure": figure.measure or "",
            "text": figure.text or "",
        }
        for activity, figure in rec.all_figures()
    ]


def formsets(rec: record.Record | None, data: Any = None) -> tuple[forms.BaseFormSet, forms.BaseFormSet]:
    """The two formsets, bound to ``data`` (a POST) or filled from ``rec``."""
    if data is not None:
        total = data.get("activities-TOTAL_FORMS", "0")
        count = whole_number(total) or 0
        activities = ActivityFormSet(data, prefix="activities")
    else:
        count = len(rec.activities) + 1 if rec else 1
        activities = ActivityFormSet(initial=initial_activities(rec) if rec else [], prefix="activities")
    figures = FigureFormSet(
        data,
        initial=None if data is not None or rec is None else initial_figures(rec),
        prefix="figures",
        form_kwargs={"activity_choices": _activity_choices(count)},
    )
    return activities, figures


def _number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def apply(base: record.Record, activities: forms.BaseFormSet, figures: forms.BaseFormSet) -> record.Record:
    """``base`` with the rows applied; raises RecordError if the result breaks report-record/1.

    Both formsets must be valid.
    """
    edited = copy.deepcopy(base)
    kept: dict[int, record.Activity] = {}
    for index, form in enumerate(activities.forms):
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        if index < len(edited.activities):
            activity = edited.activities[index]
        elif form.has_changed():
            activity = record.Activity(kind=data["kind"])
        else:
            continue
        activity.kind = data["kind"]
        activity.title = data["title"].strip() or None
        activity.library = data["library"].strip() or None
        activity.start = data["start"].strip() or None
        activity.end = data["end"].strip() or None
        activity.venue = data["venue"].strip() or None
        activity.figures = []
        kept[index] = activity
    edited.figures = []
    for form in figures.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        figure = record.Figure(
            value=_number(data["value"]),
            qualifier=data["qualifier"],
            unit=data["unit"],
            measure=data["measure"].strip() or None,
            text=data["text"].strip() or None,
        )
        owner = data.get("activity") or WHOLE_REPORT
        if owner == WHOLE_REPORT:
            edited.figures.append(figure)
        elif int(owner) in kept:
            kept[int(owner)].figures.append(figure)
    edited.activities = [kept[i] for i in sorted(kept)]
    return record.load(record.dump(edited))
