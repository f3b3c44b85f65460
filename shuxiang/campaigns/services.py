"""Writes on campaigns: create and update them (bureau admins), and libraries joining them.

Every function checks its permission through :mod:`shuxiang.orgs.permissions`, raises
:class:`~django.core.exceptions.PermissionDenied` when it fails and
:class:`~django.core.exceptions.ValidationError` (a dict keyed by field name) on bad data,
writes inside one transaction and leaves an audit row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from shuxiang.activities.models import Activity
from shuxiang.campaigns.models import Campaign, Participation
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation
from shuxiang.orgs.services import record_audit
from shuxiang.web.validation import add_error, check_model_texts

User = AbstractBaseUser | AnonymousUser


@dataclasses.dataclass(frozen=True)
class CampaignData:
    """The editable fields of a campaign, as a form or the API hands them over."""

    name: str
    start_date: dt.date
    end_date: dt.date
    theme: str = ""
    notice_title: str = ""
    report_due: dt.date | None = None
    description: str = ""


def validate_campaign_data(data: CampaignData) -> None:
    """Raise ValidationError (keyed by field) for anything a bureau admin must correct.

    The one check the campaign form and ``POST /api/campaigns`` share (the API has no form layer):
    a name, dates in order, and every text within its model field's ``max_length``, with no NUL
    (PostgreSQL stores none: a 500 there before) and no control character in the one-line ones
    (name, theme, notice title: they go into .ics, CSV and Word exports). The description keeps
    line breaks and tabs.
    """
    errors: dict[str, list[str]] = {}
    if not data.name.strip():
        add_error(errors, "name", _("Give the campaign a name."))
    if data.end_date < data.start_date:
        add_error(errors, "end_date", _("The campaign cannot end before it starts."))
    if data.report_due is not None and data.report_due < data.start_date:
        add_error(errors, "report_due", _("The report cannot be due before the campaign starts."))
    check_model_texts(errors, Campaign, data)
    if errors:
        raise ValidationError(errors)


def create_campaign(*, issuer: Organisation, data: CampaignData, acting_user: User) -> Campaign:
    """A new campaign issued by ``issuer``; only a bureau admin at or above ``issuer`` may."""
    if not permissions.can_manage_campaign(acting_user, issuer):
        raise PermissionDenied(_("Only a bureau administrator may create campaigns."))
    validate_campaign_data(data)
    with transaction.atomic():
        campaign = Campaign.objects.create(issuer=issuer, **dataclasses.asdict(data))
        record_audit("campaign.create", campaign, acting_user=acting_user, organisation=issuer)
    return campaign


def update_campaign(campaign: Campaign, *, data: CampaignData, acting_user: User) -> Campaign:
    """Change a campaign's fields.

    Refused if an activity that takes place during the campaign would no longer overlap the
    new dates. Activities imported as written outside the campaign stay as they are, and
    undated ones (``date_precision`` none: they span the campaign) follow the new dates.
    """
    if not permissions.can_manage_campaign(acting_user, campaign.issuer):
        raise PermissionDenied(_("Only a bureau administrator may edit campaigns."))
    validate_campaign_data(data)
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        dated = locked.activities.exclude(date_precision=Activity.DatePrecision.NONE).annotate(
            last=Coalesce("end_date", "start_date")
        )
        inside_now = dated.filter(start_date__lte=locked.end_date, last__gte=locked.start_date)
        outside = inside_now.filter(Q(start_date__gt=data.end_date) | Q(last__lt=data.start_date)).exists()
        if outside:
            raise ValidationError(
                {"start_date": [_("Some activities of this campaign fall outside the new dates.")]}
            )
        changed = {}
        for field, value in dataclasses.asdict(data).items():
            if getattr(locked, field) != value:
                changed[field] = str(value)
                setattr(locked, field, value)
        locked.save()
        # Undated activities span the campaign (see shuxiang.imports.dates); they follow it.
        locked.activities.filter(date_precision=Activity.DatePrecision.NONE).update(
            start_date=data.start_date,
            end_date=data.end_date if data.end_date != data.start_date else None,
        )
        record_audit(
            "campaign.update", locked, acting_user=acting_user, organisation=locked.issuer, data=changed
        )
    return locked


def join_campaign(campaign: Campaign, *, library: Organisation, acting_user: User) -> Participation:
    """Enrol ``library`` in ``campaign`` (its own admin or the bureau above it). Joining twice is a no-op."""
    if not library.is_library:
        raise ValidationError({"library": [_("Only a library or branch can take part in a campaign.")]})
    if not permissions.can_join_campaign(acting_user, library):
        raise PermissionDenied(_("Only the library's administrator or its bureau may enrol it."))
    with transaction.atomic():
        participation, created = Participation.objects.get_or_create(campaign=campaign, library=library)
        if created:
            record_audit(
                "campaign.join",
                participation,
                acting_user=acting_user,
                organisation=library,
                summary=f"{library} -> {campaign}",
            )
    return participation


def is_participating(campaign: Campaign, library: Organisation) -> bool:
    """True if ``library`` (or a library above it, for a branch) has joined ``campaign``."""
    ids = [int(part) for part in library.path.strip("/").split("/") if part] or [library.pk]
    return Participation.objects.filter(campaign=campaign, library_id__in=ids).exists()
