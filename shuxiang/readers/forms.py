"""Forms: they parse and show errors; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shuxiang.activities.models import Session
from shuxiang.readers.models import Reader


class ReaderForm(forms.Form):
    """A reader's account on the public site: no card number (staff give cards, ``DeskReaderForm``)."""

    name = forms.CharField(label=_("Name"), max_length=100)
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    age_group = forms.ChoiceField(
        label=_("Age group"),
        choices=[c for c in Reader.AgeGroup.choices if c[0] != Reader.AgeGroup.CHILD],
        initial=Reader.AgeGroup.ADULT,
    )


class DeskReaderForm(ReaderForm):
    """A reader's account made by staff at the desk, who may give the reader's library card."""

    card_number = forms.CharField(
        label=_("Library card number (if the reader has one)"), max_length=32, required=False
    )


class ChildForm(forms.Form):
    name = forms.CharField(label=_("Child's name"), max_length=100)


class CardDriveForm(forms.Form):
    """The booth form: a new reader and a new card, on a phone."""

    name = forms.CharField(label=_("Name"), max_length=100)
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    age_group = forms.ChoiceField(
        label=_("Age group"),
        choices=[c for c in Reader.AgeGroup.choices if c[0] != Reader.AgeGroup.CHILD],
        initial=Reader.AgeGroup.ADULT,
    )
    card_number = forms.CharField(label=_("New card number"), max_length=32)


class SignupForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none(), empty_label=None)
    companions = forms.ModelMultipleChoiceField(
        label=_("Children coming with you"),
        queryset=Reader.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, sessions, children, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["companions"].queryset = children


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off", "autofocus": True}),
    )


class CapacityForm(forms.Form):
    session = forms.IntegerField(widget=forms.HiddenInput)
    capacity = forms.IntegerField(label=_("Places"), required=False)


class WalkInForm(forms.Form):
    session = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name (optional)"), max_length=100, required=False)
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=20, initial=1)
