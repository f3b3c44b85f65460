"""Activity, figure, media and photo forms. They parse; the services validate and write."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shuxiang import vocab
from shuxiang.activities import photos, services
from shuxiang.activities.models import Activity, Figure
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs.models import Organisation
from shuxiang.render import phrases
from shuxiang.web.i18n import CapitalisedLabelsMixin, attach_errors, vocab_choices, vocab_lang
from shuxiang.web.validation import check_text, max_length


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ActivityForm(CapitalisedLabelsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("kind"))
    title = forms.CharField(label=_("title"), max_length=300)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    venue = forms.CharField(label=_("venue"), max_length=200, required=False)
    start_date = forms.DateField(label=_("start date"), widget=DateInput())
    end_date = forms.DateField(
        label=_("end date"), required=False, widget=DateInput(), help_text=_("Empty for one day.")
    )
    date_precision = forms.TypedChoiceField(
        label=_("dates known"),
        choices=Activity.DatePrecision.choices,
        initial=Activity.DatePrecision.DAY,
        required=False,
        empty_value=Activity.DatePrecision.DAY,  # a form that does not send it means exact days
        help_text=_("Not dated: the report gives no date; the activity is shown as during the campaign."),
    )
    daily_start_time = forms.TimeField(label=_("start time"), required=False, widget=TimeInput())
    daily_end_time = forms.TimeField(label=_("end time"), required=False, widget=TimeInput())
    repeats_daily = forms.BooleanField(
        label=_("repeats every day"),
        required=False,
        help_text=_("The time slot is held on every day from the start date to the end date."),
    )
    audiences = forms.MultipleChoiceField(
        label=_("audience"), required=False, widget=forms.CheckboxSelectMultiple
    )
    partners = forms.CharField(
        label=_("partners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Schools, communities and other partners, one per line."),
    )
    capacity = forms.IntegerField(
        label=_("capacity"), required=False, help_text=_("Places per session; empty for no limit.")
    )
    signup_open = forms.BooleanField(label=_("readers may sign up"), required=False)
    visibility = forms.ChoiceField(label=_("visibility"), choices=Activity.Visibility.choices)

    def __init__(self, *args, campaign: Campaign, library: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign, self.library = campaign, library
        self.fields["kind"].choices = vocab_choices(vocab.ACTIVITY_KINDS)
        self.fields["audiences"].choices = vocab_choices(vocab.AUDIENCE_GROUPS)
        for name in ("start_date", "end_date"):
            self.fields[name].widget.attrs.update(
                min=campaign.start_date.isoformat(), max=campaign.end_date.isoformat()
            )

    @staticmethod
    def initial_for(activity: Activity) -> dict:
        fields = [f for f in ActivityForm.base_fields if f not in {"audiences", "partners"}]
        initial = {f: getattr(activity, f) for f in fields}
        initial["audiences"] = [a.group for a in activity.audiences.all()]
        initial["partners"] = "\n".join(p.name for p in activity.partners.all())
        return initial

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        data = self.to_data()
        # As update_activity: dates an activity already has stand (an imported historical record).
        unchanged = bool(self.initial) and (data.start_date, data.end_date) == (
            self.initial.get("start_date"),
            self.initial.get("end_date"),
        )
        try:
            services.validate_activity_data(
                self.campaign, self.library, data, allow_outside_campaign=unchanged
            )
        except ValidationError as exc:
            attach_errors(self, exc)
        return cleaned

    def to_data(self) -> services.ActivityData:
        c = self.cleaned_data
        return services.ActivityData(
            kind=c["kind"],
            title=c["title"].strip(),
            description=c["description"],
            venue=c["venue"],
            start_date=c["start_date"],
            end_date=c["end_date"],
            daily_start_time=c["daily_start_time"],
            daily_end_time=c["daily_end_time"],
            repeats_daily=c["repeats_daily"],
            audiences=tuple(c["audiences"]),
            partner_names=tuple(line.strip() for line in c["partners"].splitlines() if line.strip()),
            capacity=c["capacity"],
            signup_open=c["signup_open"],
            visibility=c["visibility"],
            date_precision=c["date_precision"],
        )


class FigureValueInput(forms.NumberInput):
    """A figure's value as people write it: 300 and 2.5, not the stored 300.00 and 2.50."""

    def format_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            return format(value.normalize(), "f")  # normalize alone would give 3E+3
        return super().format_value(value)


# ------------------------------------------------------------------------ measures

OTHER_MEASURE = "_other"  # the list's "other" entry: the code is typed in the box beside it
MEASURE_CODE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")  # snake_case English, as the spec asks


def measure_choices(lang: str) -> list[tuple[str, object]]:
    """The measure list: none, the preferred measures (the spec's order), the others the reports word, other.

    Labels are :func:`shuxiang.render.phrases.measure_label`'s, the codes the values.
    """
    more = [code for code in phrases.MEASURES if code not in vocab.MEASURES]
    return [
        ("", "—"),
        (_("Common measures"), [(code, phrases.measure_label(code, lang)) for code in vocab.MEASURES]),
        (_("More measures"), [(code, phrases.measure_label(code, lang)) for code in more]),
        (OTHER_MEASURE, pgettext_lazy("measure", "other (type its code)")),
    ]


class MeasureWidget(forms.MultiWidget):
    """A list of the measures by label, and a box for a code the list does not hold.

    Works without JavaScript: both are always there. The box keeps the field's own name
    (``measure``), so a client that posts a code as before still can; the list is ``measure_choice``.
    A known code shows as its label; any other code shows in the box, with "other" chosen.
    The label of the field points at the list.
    """

    template_name = "activities/widgets/measure.html"

    def __init__(self, attrs=None):
        typed = forms.TextInput(
            attrs={
                "placeholder": _("e.g. books_lent"),
                "autocapitalize": "none",
                "autocomplete": "off",
                "spellcheck": "false",
                "maxlength": str(max_length(Figure, "measure")),
            }
        )
        super().__init__({"choice": forms.Select(), "": typed}, attrs)

    @property
    def choices(self):
        return self.widgets[0].choices

    @choices.setter
    def choices(self, value):
        self.widgets[0].choices = value

    def known(self) -> set[str]:
        """The codes the list offers (its entries and those of its groups), "other" and none left out."""
        codes = set()
        for value, label in self.choices:
            codes |= {code for code, _label in label} if isinstance(label, (list, tuple)) else {value}
        return codes - {"", OTHER_MEASURE}

    def decompress(self, value):
        if not value:
            return ["", ""]
        if value in self.known():
            return [value, ""]
        return [OTHER_MEASURE, value]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        select, typed = context["widget"]["subwidgets"]
        if select["attrs"].get("id"):  # the list keeps the field's id (its <label for>), the box gets _other
            base = select["attrs"]["id"].removesuffix("_0")
            select["attrs"]["id"], typed["attrs"]["id"] = base, f"{base}_other"
        context["widget"]["other_label"] = capfirst(_("code of another measure"))
        return context

    def id_for_label(self, id_):
        return id_


class MeasureField(forms.Field):
    """One measure code from :class:`MeasureWidget`'s list and box.

    Only combines the two; whether a new code is well formed is :meth:`FigureForm.clean_measure`'s,
    so that a figure's existing measure, whatever it is, is kept as it was.
    """

    widget = MeasureWidget

    def __init__(self, *, choices=(), **kwargs):
        super().__init__(**kwargs)
        self.widget.choices = list(choices)

    def to_python(self, value) -> str:
        if not isinstance(value, (list, tuple)):  # initial data, or a form built by hand
            return "" if value is None else str(value).strip()
        choice, typed = ((part or "").strip() for part in (*value, "", "")[:2])
        if choice == OTHER_MEASURE:
            if not typed:
                raise ValidationError(_("Type the code of the measure, or choose one from the list."))
            return typed
        if choice and typed and typed != choice:
            raise ValidationError(_("Choose a measure from the list or type another code, not both."))
        return choice or typed


def clean_measure_code(code: str) -> str:
    """A measure typed by a person as the record keeps it: snake_case English (Books Lent -> books_lent).

    Texts are checked as the services check them (shuxiang.web.validation): one line, within the column.
    """
    errors: dict[str, list[str]] = {}
    check_text(errors, "measure", code, max_length(Figure, "measure"))
    if errors:
        raise ValidationError(errors["measure"])
    for lang in vocab.LANGUAGES:  # a label typed in the box: 发放宣传资料 is leaflets
        for known in phrases.MEASURES:
            if code.strip() == phrases.measure_label(known, lang):
                return known
    normal = re.sub(r"[\s-]+", "_", code.strip().lower())
    if normal and not MEASURE_CODE.match(normal):
        raise ValidationError(
            _(
                "“%(code)s” is not a measure code. Choose a measure from the list, or type a code of "
                "English letters, digits and underscores, such as books_lent."
            )
            % {"code": code}
        )
    return normal


class FigureForm(CapitalisedLabelsMixin, forms.Form):
    """One figure: either as written ("300多人次") or as value, qualifier and unit.

    An existing figure comes back with the text it was written as. The text is read again only
    when it was changed (or typed on a new row); a figure whose value, qualifier or unit was
    retyped beside its unchanged text takes those, and no longer claims the old text as source.
    """

    VALUE_FIELDS = ("value", "qualifier", "unit")

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("as written"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. 300多人次")}),
    )
    value = forms.DecimalField(
        label=_("value"),
        required=False,
        max_digits=14,
        decimal_places=2,
        widget=FigureValueInput(),
    )
    qualifier = forms.ChoiceField(label=_("qualifier"), required=False)
    unit = forms.ChoiceField(label=_("unit"), required=False)
    measure = MeasureField(label=_("measure"), required=False)
    note = forms.CharField(label=_("note"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qualifiers = vocab_choices(vocab.QUALIFIERS)
        self.fields["qualifier"].choices = [(c, label or "=") for c, label in qualifiers]
        self.fields["unit"].choices = [("", "—"), *vocab_choices(vocab.UNITS)]
        self.fields["measure"].widget.choices = measure_choices(vocab_lang())

    @staticmethod
    def initial_for(figure: Figure) -> dict:
        return {
            "id": figure.pk,
            "text": figure.source_text,
            "value": figure.value,
            "qualifier": figure.qualifier,
            "unit": figure.unit,
            "measure": figure.measure,
            "note": figure.note,
        }

    def clean_measure(self) -> str:
        measure = self.cleaned_data["measure"]
        if "measure" not in self.changed_data:
            return measure  # an existing figure's measure stands as recorded, known or not
        return clean_measure_code(measure)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors or cleaned.get("DELETE"):
            return cleaned
        text = (cleaned.get("text") or "").strip()
        retyped = any(name in self.changed_data for name in self.VALUE_FIELDS)
        try:
            if text and "text" in self.changed_data:
                data = services.figure_data_from_text(
                    text,
                    measure=cleaned.get("measure", ""),
                    note=cleaned.get("note", ""),
                    default_unit=cleaned.get("unit") or "",
                )
            elif cleaned.get("value") is not None:
                if not cleaned.get("unit"):
                    raise ValidationError({"unit": [_("Choose a unit.")]})
                data = services.FigureData(
                    value=Decimal(cleaned["value"]),
                    unit=cleaned["unit"],
                    qualifier=cleaned.get("qualifier") or "exact",
                    measure=cleaned.get("measure", ""),
                    note=cleaned.get("note", ""),
                    source_text="" if retyped else text,
                )
            else:
                if cleaned.get("id"):
                    raise ValidationError({"value": [_("Enter a value, or tick delete.")]})
                cleaned["figure_data"] = None  # an empty extra row
                return cleaned
            services.validate_figure_data(data)
        except ValidationError as exc:
            attach_errors(self, exc)
            return cleaned
        cleaned["figure_data"] = data
        return cleaned


FigureFormSet = forms.formset_factory(FigureForm, extra=2, can_delete=True, max_num=50, validate_max=True)


class MediaForm(CapitalisedLabelsMixin, forms.Form):
    outlet = forms.CharField(label=_("outlet"), max_length=200)
    date = forms.DateField(label=_("date"), required=False, widget=DateInput())
    headline = forms.CharField(label=_("headline"), max_length=300, required=False)
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    def to_data(self) -> services.MediaData:
        return services.MediaData(**self.cleaned_data)


class PhotoForm(CapitalisedLabelsMixin, forms.Form):
    # A plain FileField: the photo rules (size, format, pixels, decodes) are validate_photo's, the
    # same the service applies, so the form shows their messages rather than ImageField's.
    image = forms.FileField(
        label=_("photo"), widget=forms.ClearableFileInput(attrs={"accept": photos.PHOTO_ACCEPT})
    )
    caption = forms.CharField(label=_("caption"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        max_bytes, _max_pixels = photos.photo_limits()
        self.fields["image"].help_text = _("A %(formats)s image of up to %(limit)s MB.") % {
            "formats": photos.PHOTO_FORMAT_NAMES,
            "limit": photos.megabytes(max_bytes),
        }

    def clean_image(self):
        image = self.cleaned_data["image"]
        try:
            photos.validate_photo(image)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["image"]) from exc
        return image
