"""Which reports a user may see: every lookup here answers 404 for what is not theirs.

Rules (through :mod:`shuxiang.orgs.permissions`):
- a library's report: staff who may edit that library (its own staff and admins, and the
  bureau above it); volunteers and other libraries' staff get 404, as if it did not exist;
- a compiled report: members of a bureau or association with a writing role; it covers the
  whole campaign when the bureau issued it (or is above the issuer), else the libraries
  under the bureau that took part;
- a campaign is visible when the user's organisation issued it or one of its libraries took part.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from shuxiang.activities.models import Activity
from shuxiang.campaigns.models import Campaign, Participation
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation
from shuxiang.reports.build import Scope


def _root(user: permissions.AnyUser) -> Organisation:
    membership = permissions.membership_of(user)
    if membership is None or membership.role not in permissions.WRITER_ROLES:
        raise Http404("no reports for this account")
    return membership.organisation


def visible_campaigns(user: permissions.AnyUser) -> QuerySet[Campaign]:
    """Campaigns the user's organisation issued or took part in (through any library under it)."""
    membership = permissions.membership_of(user)
    if membership is None or membership.role not in permissions.WRITER_ROLES:
        return Campaign.objects.none()
    root = membership.organisation
    taking_part = Participation.objects.filter(library__path__startswith=root.path).values("campaign_id")
    return (
        Campaign.objects.filter(Q(issuer__path__startswith=root.path) | Q(pk__in=taking_part))
        .select_related("issuer")
        .order_by("-start_date", "name")
    )


def campaign_for(user: permissions.AnyUser, campaign_id: int) -> Campaign:
    campaign = visible_campaigns(user).filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404("no such campaign")
    return campaign


def is_bureau(user: permissions.AnyUser) -> bool:
    membership = permissions.membership_of(user)
    return (
        membership is not None
        and membership.role in permissions.WRITER_ROLES
        and membership.organisation.kind in Organisation.SUPERVISING_KINDS
    )


def library_scope(user: permissions.AnyUser, campaign_id: int, library_id: int) -> Scope:
    """One library's report, if the user may see it and the library has a part in the campaign."""
    campaign = campaign_for(user, campaign_id)
    library = Organisation.objects.filter(pk=library_id, kind__in=Organisation.LIBRARY_KINDS).first()
    if library is None or not permissions.can_edit_library(user, library):
        raise Http404("no such library")
    takes_part = (
        Participation.objects.filter(campaign=campaign, library__path__startswith=library.path).exists()
        or Activity.objects.filter(campaign=campaign, library__path__startswith=library.path).exists()
    )
    if not takes_part:
        raise Http404("this library has no part in the campaign")
    return Scope(campaign, library=library)


def compiled_scope(user: permissions.AnyUser, campaign_id: int) -> Scope:
    """The compiled report a bureau user may see for a campaign."""
    if not is_bureau(user):
        raise Http404("compiled reports are for bureaus")
    campaign = campaign_for(user, campaign_id)
    root = _root(user)
    if campaign.issuer.is_within(root):
        return Scope(campaign)
    return Scope(campaign, under=root)


def own_library_scope(user: permissions.AnyUser, campaign_id: int) -> Scope:
    """A library user's own report in a campaign."""
    root = _root(user)
    return library_scope(user, campaign_id, root.pk)


def stats_root(user: permissions.AnyUser, campaign: Campaign | None = None) -> Organisation | None:
    """The tree statistics are limited to: None (all) for the issuing bureau, else the user's own."""
    root = _root(user)
    if campaign is not None and is_bureau(user) and campaign.issuer.is_within(root):
        return None
    return root


def libraries_in_campaign(scope: Scope) -> QuerySet[Organisation]:
    """Participating libraries of a scope, for the bureau's per-library links."""
    qs = Organisation.objects.filter(participations__campaign=scope.campaign)
    if scope.path is not None:
        qs = qs.filter(path__startswith=scope.path)
    return qs.order_by("path", "name")
