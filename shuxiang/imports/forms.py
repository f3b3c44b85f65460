"""The two steps of the import page: give a report (text or file), then review and save its record."""

from __future__ import annotations

import json

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from shuxiang import record
from shuxiang.campaigns.models import Campaign
from shuxiang.imports import extraction
from shuxiang.imports.extraction import UPLOAD_SUFFIXES
from shuxiang.imports.library_names import CREATE, DEFAULT, NamePlan, NameRow
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation
from shuxiang.web.params import whole_number


class SourceForm(forms.Form):
    text = forms.CharField(
        label=_("Report text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "placeholder": _("Paste the report here…")}),
    )
    file = forms.FileField(
        label=_("…or upload a file"),
        required=False,
        help_text=_(".txt, .docx or .html, up to 10 MB"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )

    def clean_file(self):
        """Refused by size before it is read (a file past the limit arrives with its size only)."""
        upload = self.cleaned_data.get("file")
        if upload and upload.size > extraction.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip() and not cleaned.get("file"):
            raise forms.ValidationError(_("Paste the report's text or choose a file."))
        return cleaned


def campaigns_for(user: permissions.AnyUser) -> QuerySet[Campaign]:
    """Campaigns the user may import into: one of their libraries takes part, or their bureau issued it."""
    libraries = permissions.editable_libraries(user)
    under = permissions.organisations_under(user)
    return (
        Campaign.objects.filter(Q(participations__library__in=libraries) | Q(issuer__in=under))
        .select_related("issuer")
        .distinct()
        .order_by("-start_date", "name")
    )


class ReviewForm(forms.Form):
    """Where to save, and the record: ``base`` as extracted (edited by the rows), or ``record`` as JSON."""

    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.none())
    library = forms.ModelChoiceField(
        label=_("Library for activities the report names none for"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Also receives the report's own figures, such as a city-wide total."),
    )
    record = forms.CharField(
        label=_("Report record (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "class": "mono"}),
    )
    base = forms.CharField(widget=forms.HiddenInput)
    source = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user: permissions.AnyUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns_for(user)
        self.fields["campaign"].label_from_instance = lambda c: f"{c.start_date.year} {c.name} ({c.issuer})"
        self.fields["library"].queryset = permissions.editable_libraries(user).order_by("path")
        self.fields["library"].label_from_instance = lambda o: o.display_name

    @staticmethod
    def _parse(text: str) -> record.Record:
        try:
            return record.loads(text)
        except record.RecordError as exc:
            raise forms.ValidationError(
                [f"{path}: {message}" for path, message in exc.problems], code="invalid_record"
            ) from exc

    def clean_base(self) -> record.Record:
        return self._parse(self.cleaned_data["base"])

    def clean_record(self) -> record.Record | None:
        text = self.cleaned_data["record"]
        return self._parse(text) if text.strip() else None


class LibraryNameForm(forms.Form):
    """What to do with one library name no library of the campaign matches (a row of the plan)."""

    names = forms.CharField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(label=_("What to do"))

    def __init__(self, *args, plan: NamePlan, row: NameRow, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.row = row
        self.fields["names"].initial = json.dumps(row.names, ensure_ascii=False)
        offered = plan.choices(row)
        issuer = plan.scope.campaign.issuer.name if plan.scope.campaign else None
        labels = {
            DEFAULT: _("Leave its activities to the library chosen above"),
            CREATE: _("Create it as a new library under %(issuer)s") % {"issuer": issuer}
            if issuer
            else _("Create it as a new library"),
        }
        mapped = [(value, org.display_name) for value, org in offered if org is not None]
        self.fields["choice"].choices = [
            *((value, labels[value]) for value, org in offered if org is None),
            *([(_("Put its activities under"), mapped)] if mapped else []),
        ]
        self.fields["choice"].initial = DEFAULT


class BaseLibraryNameFormSet(forms.BaseFormSet):
    """One form per row of ``plan`` that needs a choice, in the plan's order."""

    def __init__(self, *args, plan: NamePlan, **kwargs) -> None:
        self.plan = plan
        self.rows = plan.to_choose
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict:
        return {"plan": self.plan, "row": self.rows[index or 0]}

    def chosen(self) -> dict[tuple[str, ...], str]:
        """The choice of each row, by its names (the formset must be valid)."""
        return {tuple(form.row.names): form.cleaned_data["choice"] for form in self.forms}


LibraryNameFormSet = forms.formset_factory(LibraryNameForm, formset=BaseLibraryNameFormSet, extra=0)
NAMES_PREFIX = "names"


def library_name_forms(
    plan: NamePlan, data=None, initial: dict[tuple[str, ...], str] | None = None
) -> BaseLibraryNameFormSet:
    """The rows to choose for, bound to ``data`` (a POST) or showing ``initial`` choices still offered."""
    if data is not None:
        return LibraryNameFormSet(data, plan=plan, prefix=NAMES_PREFIX)
    initial = initial or {}
    values = [
        {"choice": choice if choice in {v for v, _o in plan.choices(row)} else DEFAULT}
        for row in plan.to_choose
        for choice in [initial.get(tuple(row.names), DEFAULT)]
    ]
    return LibraryNameFormSet(initial=values, plan=plan, prefix=NAMES_PREFIX)


def posted_library_names(data) -> tuple[list[tuple[str, ...]], dict[tuple[str, ...], str]]:
    """The rows a POST carries (their names, in order) and their raw choices, unvalidated."""
    total = data.get(f"{NAMES_PREFIX}-TOTAL_FORMS", "0")
    rows: list[tuple[str, ...]] = []
    chosen: dict[tuple[str, ...], str] = {}
    for i in range(min(whole_number(total) or 0, 1000)):
        try:
            names = json.loads(data.get(f"{NAMES_PREFIX}-{i}-names", ""))
        except ValueError:
            names = None
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            rows.append(())
            continue
        rows.append(tuple(names))
        chosen[tuple(names)] = str(data.get(f"{NAMES_PREFIX}-{i}-choice", ""))
    return rows, chosen


def record_json(rec: record.Record) -> str:
    return json.dumps(record.dump(rec), ensure_ascii=False, indent=2)
