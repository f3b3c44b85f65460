"""The campaign form (bureau admins); validation lives in the service."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shuxiang.activities.forms import DateInput
from shuxiang.campaigns import services
from shuxiang.campaigns.models import Campaign
from shuxiang.web.i18n import CapitalisedLabelsMixin, attach_errors
from shuxiang.web.validation import max_length


class CampaignForm(CapitalisedLabelsMixin, forms.Form):
    # Lengths from the model, as the service checks them (shuxiang.web.validation).
    name = forms.CharField(label=_("name"), max_length=max_length(Campaign, "name"))
    theme = forms.CharField(label=_("theme"), max_length=max_length(Campaign, "theme"), required=False)
    notice_title = forms.CharField(
        label=_("notice title"), max_length=max_length(Campaign, "notice_title"), required=False
    )
    start_date = forms.DateField(label=_("start date"), widget=DateInput())
    end_date = forms.DateField(label=_("end date"), widget=DateInput())
    report_due = forms.DateField(label=_("report due"), required=False, widget=DateInput())
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    @staticmethod
    def initial_for(campaign: Campaign) -> dict:
        return {f: getattr(campaign, f) for f in CampaignForm.base_fields}

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            try:
                services.validate_campaign_data(self.to_data())
            except ValidationError as exc:
                attach_errors(self, exc)
        return cleaned

    def to_data(self) -> services.CampaignData:
        return services.CampaignData(**self.cleaned_data)
