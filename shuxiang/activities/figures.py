"""Writes on figures: the counts of an activity, or a library's or bureau's campaign-wide totals.

Same conventions as :mod:`shuxiang.activities.services` (which re-exports these functions):
permission checked inside, validation keyed by field, one transaction, one audit row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shuxiang.activities.common import User, audit_data, owner_of, require_edit
from shuxiang.activities.models import Activity, Figure
from shuxiang.activities.validation import FigureData, figure_value, validate_figure_data
from shuxiang.campaigns.models import Campaign, Participation
from shuxiang.campaigns.services import is_participating
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation
from shuxiang.orgs.services import record_audit

# --------------------------------------------------------------------------- permissions


def _require_figure_owner(acting_user: User, owner: Organisation) -> None:
    """Figures of a library: its writers. Figures of a bureau (report-wide totals): a bureau admin over it."""
    if owner.is_library:
        require_edit(acting_user, owner)
    elif not permissions.can_manage_campaign(acting_user, owner):
        raise PermissionDenied(
            _("Only a bureau administrator over %(organisation)s may record its figures.")
            % {"organisation": owner.display_name}
        )


def may_hold_campaign_figures(campaign: Campaign, owner: Organisation) -> bool:
    """Who may own campaign-wide figures (activity empty) of ``campaign``.

    A library taking part (its own totals), or a bureau or association that issued the
    campaign or stands above a participating library: a compiled city report states
    city-wide totals (近万名读者) that belong to the bureau, not to any one library.
    """
    if owner.is_library:
        return is_participating(campaign, owner)
    if owner.kind not in Organisation.SUPERVISING_KINDS:
        return False
    if owner.pk == campaign.issuer_id:
        return True
    return Participation.objects.filter(campaign=campaign, library__path__startswith=owner.path).exists()


# --------------------------------------------------------------------------- figures


def add_figure(
    *,
    data: FigureData,
    acting_user: User,
    activity: Activity | None = None,
    campaign: Campaign | None = None,
    library: Organisation | None = None,
) -> Figure:
    """A figure on ``activity``, or (no activity) on ``campaign`` for ``library``: a campaign-wide count.

    ``library`` may be a bureau for report-wide figures (see :func:`may_hold_campaign_figures`);
    then only a bureau administrator over it may add them.
    """
    campaign, library = owner_of(activity, campaign, library)
    _require_figure_owner(acting_user, library)
    validate_figure_data(data)
    if activity is None and not may_hold_campaign_figures(campaign, library):
        if library.is_library:
            raise ValidationError({"library": [_("This library has not joined the campaign.")]})
        raise ValidationError(
            {
                "library": [
                    _(
                        "Report-wide figures belong to the campaign's issuer or to a bureau "
                        "above libraries taking part."
                    )
                ]
            }
        )
    with transaction.atomic():
        figure = Figure.objects.create(
            campaign=campaign,
            library=library,
            activity=activity,
            value=figure_value(data.value),
            unit=data.unit,
            qualifier=data.qualifier,
            measure=data.measure,
            note=data.note,
            source_text=data.source_text,
        )
        record_audit(
            "figure.create", figure, acting_user=acting_user, organisation=library, data=audit_data(data)
        )
    return figure


def _require_typed(figure: Figure) -> None:
    if figure.counted:
        raise ValidationError(
            {"value": [_("This figure is counted by shuxiang from sign-ups and cannot be typed over.")]}
        )


def update_figure(figure: Figure, *, data: FigureData, acting_user: User) -> Figure:
    _require_figure_owner(acting_user, figure.library)
    _require_typed(figure)
    validate_figure_data(data)
    with transaction.atomic():
        locked = Figure.objects.select_for_update().get(pk=figure.pk)
        for field, value in dataclasses.asdict(data).items():
            setattr(locked, field, figure_value(value) if field == "value" else value)
        locked.save()
        record_audit(
            "figure.update",
            locked,
            acting_user=acting_user,
            organisation=locked.library,
            data=audit_data(data),
        )
    return locked


def delete_figure(figure: Figure, *, acting_user: User) -> None:
    _require_figure_owner(acting_user, figure.library)
    _require_typed(figure)
    with transaction.atomic():
        record_audit(
            "figure.delete",
            figure,
            acting_user=acting_user,
            organisation=figure.library,
            data={"value": str(figure.value), "unit": figure.unit, "activity": figure.activity_id},
        )
        figure.delete()


def apply_figure_changes(
    activity: Activity,
    *,
    added: Sequence[FigureData] = (),
    updated: Sequence[tuple[Figure, FigureData]] = (),
    deleted: Sequence[Figure] = (),
    acting_user: User,
) -> None:
    """The figures of an activity form, all in one transaction. Figures must belong to ``activity``."""
    require_edit(acting_user, activity.library)
    for figure in [*deleted, *(f for f, _d in updated)]:
        if figure.activity_id != activity.pk:
            raise PermissionDenied(_("That figure belongs to another activity."))
    with transaction.atomic():
        for figure in deleted:
            delete_figure(figure, acting_user=acting_user)
        for figure, data in updated:
            update_figure(figure, data=data, acting_user=acting_user)
        for data in added:
            add_figure(activity=activity, data=data, acting_user=acting_user)


def set_counted_figure(activity: Activity, *, measure: str, unit: str, total: int, note: str) -> Figure:
    """Set the figure of ``activity`` that shuxiang counts itself (check-ins, cards issued) to ``total``.

    Counted figures are never typed (``counted=True``): staff edit the rows they come from.
    Call it inside the caller's transaction, with the activity row locked before ``total`` was
    counted: the lock serialises the figure's creation and keeps the total current. An existing
    figure keeps its unit.
    """
    figure = Figure.objects.filter(activity=activity, measure=measure, counted=True).first()
    if figure is None:
        return Figure.objects.create(
            campaign_id=activity.campaign_id,
            library_id=activity.library_id,
            activity=activity,
            measure=measure,
            unit=unit,
            qualifier="exact",
            counted=True,
            value=Decimal(total),
            note=note,
        )
    if figure.value != total:
        figure.value = Decimal(total)
        figure.save(update_fields=["value"])
    return figure
