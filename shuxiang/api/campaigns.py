"""``/api/campaigns``: read campaigns (public), create them (bureau admins), enrol libraries."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status

from shuxiang.api.auth import READ_AUTH, WRITE_AUTH
from shuxiang.api.schemas import CampaignIn, CampaignOut, ErrorOut, JoinIn
from shuxiang.campaigns import services
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation

router = Router(tags=["campaigns"])

WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def campaigns() -> object:
    return Campaign.objects.select_related("issuer")


@router.get("", response=list[CampaignOut], auth=READ_AUTH)
def list_campaigns(request: HttpRequest):
    """Every campaign, newest first (campaigns are public: their pages list public activities)."""
    return list(campaigns().order_by("-start_date", "name"))


@router.get("/{campaign_id}", response={200: CampaignOut, 404: ErrorOut}, auth=READ_AUTH)
def get_campaign(request: HttpRequest, campaign_id: int):
    return get_object_or_404(campaigns(), pk=campaign_id)


@router.post("", response={201: CampaignOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_campaign(request: HttpRequest, payload: CampaignIn):
    """Issue a campaign (bureau administrators). ``issuer_id`` defaults to the user's bureau."""
    membership = permissions.membership_of(request.user)
    if payload.issuer_id is not None:
        issuer = get_object_or_404(Organisation, pk=payload.issuer_id)
    elif membership is not None:
        issuer = membership.organisation
    else:
        raise PermissionDenied(_("Only a bureau administrator may create campaigns."))
    data = services.CampaignData(**payload.dict(exclude={"issuer_id"}))
    campaign = services.create_campaign(issuer=issuer, data=data, acting_user=request.user)
    return Status(201, campaign)


@router.post("/{campaign_id}/join", response={200: CampaignOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def join_campaign(request: HttpRequest, campaign_id: int, payload: JoinIn):
    """Enrol a library (its administrator, or the bureau above it)."""
    campaign = get_object_or_404(campaigns(), pk=campaign_id)
    library = get_object_or_404(Organisation, pk=payload.library_id)
    services.join_campaign(campaign, library=library, acting_user=request.user)
    return campaign
