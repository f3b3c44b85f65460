"""``/api/activities``, figures and media: the same services, and so the same rules, as the web forms."""

import dataclasses
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from shuxiang.activities import services
from shuxiang.activities.models import Activity, ActivityAudience, Figure
from shuxiang.api.auth import READ_AUTH, WRITE_AUTH
from shuxiang.api.schemas import (
    ActivityDetail,
    ActivityIn,
    ActivityOut,
    ActivityPatch,
    ErrorOut,
    FigureIn,
    FigureOut,
    MediaIn,
    MediaOut,
)
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation

router = Router(tags=["activities"])

WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ActivityFilter(Schema):
    campaign: int | None = None
    library: int | None = None
    kind: str | None = None
    audience: str | None = None
    status: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    signup_open: bool | None = None


def visible_activities(user: permissions.AnyUser) -> QuerySet[Activity]:
    """Public activities, and internal ones of the libraries the user's membership covers."""
    qs = Activity.objects.select_related("library").prefetch_related(
        Prefetch("audiences", queryset=ActivityAudience.objects.order_by("group"))
    )
    membership = permissions.membership_of(user)
    if membership is None:
        return qs.filter(visibility=Activity.Visibility.PUBLIC)
    return qs.filter(
        Q(visibility=Activity.Visibility.PUBLIC) | Q(library__path__startswith=membership.organisation.path)
    )


def _activity(user: permissions.AnyUser, activity_id: int) -> Activity:
    """An activity the user may see (404 otherwise: internal activities of others do not exist)."""
    activity = visible_activities(user).filter(pk=activity_id).first()
    if activity is None:
        raise Http404("no such activity")
    return activity


def figure_data(payload: FigureIn) -> services.FigureData:
    """ "300多人次" through the service's parser, or value/unit/qualifier as given."""
    if payload.text:
        return services.figure_data_from_text(
            payload.text, measure=payload.measure, note=payload.note, default_unit=payload.unit or ""
        )
    if payload.value is None or not payload.unit:
        raise ValidationError({"text": [_("Give the figure as text (300多人次), or a value and a unit.")]})
    return services.FigureData(
        value=payload.value,
        unit=payload.unit,
        qualifier=payload.qualifier,
        measure=payload.measure,
        note=payload.note,
    )


def _data(payload: ActivityIn | ActivityPatch, base: Activity | None = None) -> services.ActivityData:
    given = payload.dict(exclude_unset=True)
    fields = {}
    if base is not None:
        fields = {
            f.name: getattr(base, f.name)
            for f in dataclasses.fields(services.ActivityData)
            if f.name not in {"audiences", "partner_names"}
        }
        fields["audiences"] = tuple(a.group for a in base.audiences.all())
        fields["partner_names"] = tuple(p.name for p in base.partners.all())
    for key, value in given.items():
        if key in {"campaign_id", "library_id", "figures"}:
            continue
        if key == "audiences":
            fields["audiences"] = tuple(value or ())
        elif key == "partners":
            fields["partner_names"] = tuple(value or ())
        else:
            fields[key] = value
    return services.ActivityData(**fields)


@router.get("/activities", response=list[ActivityOut], auth=READ_AUTH)
@paginate(LimitOffsetPagination)
def list_activities(request: HttpRequest, filters: Query[ActivityFilter]):
    """Activities, filtered; anonymous callers see public ones only."""
    qs = visible_activities(request.user)
    if filters.campaign:
        qs = qs.filter(campaign_id=filters.campaign)
    if filters.library:
        library = Organisation.objects.filter(pk=filters.library).first()
        qs = qs.filter(library__path__startswith=library.path) if library else qs.none()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.audience:
        qs = qs.filter(audiences__group=filters.audience)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.signup_open is not None:
        qs = qs.filter(signup_open=filters.signup_open)
    if filters.date_to:
        qs = qs.filter(start_date__lte=filters.date_to)
    if filters.date_from:
        qs = qs.filter(
            Q(end_date__gte=filters.date_from) | Q(end_date__isnull=True, start_date__gte=filters.date_from)
        )
    return qs.order_by("start_date", "daily_start_time", "id")


@router.get("/activities/{activity_id}", response={200: ActivityDetail, 404: ErrorOut}, auth=READ_AUTH)
def get_activity(request: HttpRequest, activity_id: int):
    """One activity with partners, media and figures; figures as on its page (empty for the public
    until the activity is done: ``activities.selectors.shown_figures``, applied by ``ActivityDetail``)."""
    activity = _activity(request.user, activity_id)
    return (
        Activity.objects.select_related("library")
        .prefetch_related("audiences", "partners", "figures", "media")
        .get(pk=activity.pk)
    )


@router.post("/activities", response={201: ActivityDetail, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_activity(request: HttpRequest, payload: ActivityIn):
    """A new activity with its figures, all or nothing."""
    campaign = get_object_or_404(Campaign, pk=payload.campaign_id)
    library = get_object_or_404(Organisation, pk=payload.library_id)
    with transaction.atomic():
        activity = services.create_activity(
            campaign=campaign, library=library, data=_data(payload), acting_user=request.user
        )
        for figure in payload.figures:
            services.add_figure(activity=activity, data=figure_data(figure), acting_user=request.user)
    return Status(201, get_activity(request, activity.pk))


@router.patch("/activities/{activity_id}", response={200: ActivityDetail, **WRITE_ERRORS}, auth=WRITE_AUTH)
def update_activity(request: HttpRequest, activity_id: int, payload: ActivityPatch):
    activity = _activity(request.user, activity_id)
    services.update_activity(activity, data=_data(payload, activity), acting_user=request.user)
    return get_activity(request, activity.pk)


@router.post(
    "/activities/{activity_id}/cancel", response={200: ActivityDetail, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def cancel_activity(request: HttpRequest, activity_id: int):
    activity = _activity(request.user, activity_id)
    services.cancel_activity(activity, acting_user=request.user)
    return get_activity(request, activity.pk)


@router.post("/activities/{activity_id}/figures", response={201: FigureOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def add_figure(request: HttpRequest, activity_id: int, payload: FigureIn):
    """A count on the activity.

    ``{"text": "300多人次"}``, or ``{"value": 300, "qualifier": "more_than", "unit": "person_time"}``.
    """
    activity = _activity(request.user, activity_id)
    return Status(
        201, services.add_figure(activity=activity, data=figure_data(payload), acting_user=request.user)
    )


@router.delete("/figures/{figure_id}", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH)
def delete_figure(request: HttpRequest, figure_id: int):
    figure = get_object_or_404(Figure.objects.select_related("library"), pk=figure_id)
    services.delete_figure(figure, acting_user=request.user)
    return Status(204, None)


@router.post("/activities/{activity_id}/media", response={201: MediaOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def add_media(request: HttpRequest, activity_id: int, payload: MediaIn):
    """Press, TV or web coverage of the activity."""
    activity = _activity(request.user, activity_id)
    data = services.MediaData(**payload.dict())
    return Status(201, services.add_media_coverage(activity=activity, data=data, acting_user=request.user))
