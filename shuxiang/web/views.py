"""Site-wide pages: the home page."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from shuxiang.activities import selectors
from shuxiang.activities.models import Activity
from shuxiang.campaigns import selectors as campaign_selectors
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs import permissions

UPCOMING_LIMIT = 20
PAST_LIMIT = 10


def home(request: HttpRequest) -> HttpResponse:
    """Current campaigns, upcoming public activities, then past campaigns; staff get their shortcuts."""
    today = timezone.localdate()
    campaigns = Campaign.objects.select_related("issuer").order_by("start_date", "name")
    current = list(campaigns.filter(end_date__gte=today))
    past = list(campaigns.filter(end_date__lt=today).order_by("-start_date", "name")[:PAST_LIMIT])
    upcoming = list(
        selectors.with_listing_data(
            selectors.public_activities()
            .exclude(status=Activity.Status.CANCELLED)
            .filter(date_precision=Activity.DatePrecision.DAY)  # undated ones are history, not upcoming
            .filter(Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today))
        ).order_by("start_date", "daily_start_time", "id")[:UPCOMING_LIMIT]
    )
    membership = permissions.membership_of(request.user)
    context = {
        "current": current,
        "past": past,
        "upcoming": upcoming,
        "membership": membership,
        # Dashboard links only for the campaigns the user's organisation takes part in or covers.
        "dashboard_ids": campaign_selectors.campaigns_taken_part(request.user, [*current, *past]),
    }
    return render(request, "web/home.html", context)
