"""Campaign pages: the public page (list, calendar, iCalendar feed) and the staff pages.

Views parse, ask permissions, call one service, render.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shuxiang import vocab
from shuxiang.activities import selectors
from shuxiang.activities import services as activity_services
from shuxiang.activities.forms import FigureForm
from shuxiang.activities.models import Activity, Figure, MediaCoverage
from shuxiang.campaigns import ical, services
from shuxiang.campaigns import selectors as campaign_selectors
from shuxiang.campaigns.forms import CampaignForm
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Membership, Organisation
from shuxiang.web.i18n import attach_errors, vocab_choices, vocab_lang
from shuxiang.web.params import whole_number


def _campaign(pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("issuer"), pk=pk)


# --------------------------------------------------------------------------- public


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The public page: filters, the list of activities, a link to the calendar and feed."""
    campaign = _campaign(pk)
    filters = selectors.ActivityFilters.from_query(request.GET)
    activities = list(selectors.with_listing_data(filters.apply(selectors.public_activities(campaign))))
    context = {
        "campaign": campaign,
        "filters": filters,
        "days": selectors.group_by_day(activities),
        "count": len(activities),
        "libraries": list(selectors.campaign_libraries(campaign)),
        "kinds": vocab_choices(vocab.ACTIVITY_KINDS),
        "audiences": vocab_choices(vocab.AUDIENCE_GROUPS),
        "joinable": _joinable_libraries(request, campaign),
        "can_manage": permissions.can_manage_campaign(request.user, campaign.issuer),
        "show_dashboard": campaign_selectors.takes_part(request.user, campaign),
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "campaigns/_activity_list.html", context)
    return render(request, "campaigns/detail.html", context)


def _joinable_libraries(request: HttpRequest, campaign: Campaign) -> list[Organisation]:
    membership = permissions.membership_of(request.user)
    if membership is None or membership.role not in {
        Membership.Role.LIBRARY_ADMIN,
        Membership.Role.BUREAU_ADMIN,
    }:
        return []
    joined = campaign.participations.values("library_id")
    return list(
        permissions.organisations_under(request.user)
        .filter(kind__in=Organisation.LIBRARY_KINDS, path__startswith=campaign.issuer.path)
        .exclude(pk__in=joined)
    )


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    """First and last day of a month, and the first days of the months before and after it.

    Raises ValueError or OverflowError when one of them is not a date (month 13, year 0001-01's
    previous month, 9999-12's next).
    """
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return first, last, (first - dt.timedelta(days=1)).replace(day=1), last + dt.timedelta(days=1)


def _month(value: str, campaign: Campaign) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    """The month ?month=YYYY-MM asks for, or the campaign's first month when that is no usable month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        return _month_bounds(year, month)
    except (ValueError, OverflowError):
        return _month_bounds(campaign.start_date.year, campaign.start_date.month)


def campaign_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """A month calendar of the campaign's public activities (?month=YYYY-MM, same filters as the list)."""
    campaign = _campaign(pk)
    filters = selectors.ActivityFilters.from_query(request.GET)
    first, last, previous, following = _month(request.GET.get("month", ""), campaign)
    qs = selectors.overlapping(filters.apply(selectors.public_activities(campaign)), first, last)
    activities = list(qs.select_related("library"))
    context = {
        "campaign": campaign,
        "filters": filters,
        "month": first,
        "weeks": selectors.month_grid(first.year, first.month, activities, campaign),
        "undated": selectors.without_days(activities),
        "previous": previous
        if previous <= campaign.end_date and previous >= campaign.start_date.replace(day=1)
        else None,
        "following": following if following <= campaign.end_date else None,
        "libraries": list(selectors.campaign_libraries(campaign)),
        "kinds": vocab_choices(vocab.ACTIVITY_KINDS),
        "audiences": vocab_choices(vocab.AUDIENCE_GROUPS),
        "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
        "show_dashboard": campaign_selectors.takes_part(request.user, campaign),
    }
    return render(request, "campaigns/calendar.html", context)


def campaign_ical(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaign's public activities as an iCalendar feed (text/calendar)."""
    campaign = _campaign(pk)
    activities = selectors.public_activities(campaign).select_related("library")
    body = ical.campaign_calendar(
        campaign,
        activities,
        url_for=lambda a: request.build_absolute_uri(reverse("activities:detail", args=[a.pk])),
        host=request.get_host().split(":")[0] or "shuxiang",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="campaign-{campaign.pk}.ics"'
    return response


# --------------------------------------------------------------------------- staff


def _dashboard_library(request: HttpRequest, campaign: Campaign) -> Organisation | None:
    """The library whose dashboard to show: ?library=, else the user's own library."""
    requested = whole_number(request.GET.get("library"))
    if requested is not None:
        library = get_object_or_404(Organisation, pk=requested)
        if not permissions.can_read_library(request.user, library):
            raise PermissionDenied
        return library
    membership = permissions.membership_of(request.user)
    if membership is None:
        raise PermissionDenied
    if membership.organisation.is_library:
        return membership.organisation
    return None


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """One library's campaign: activities by day, figures so far, what is missing before the report."""
    campaign = _campaign(pk)
    library = _dashboard_library(request, campaign)
    if library is None:
        return redirect("campaigns:bureau", pk=campaign.pk)
    context = _dashboard_context(request, campaign, library, FigureForm(prefix="campaign-figure"))
    return render(request, "campaigns/dashboard.html", context)


def _dashboard_context(
    request: HttpRequest, campaign: Campaign, library: Organisation, figure_form: FigureForm
) -> dict[str, object]:
    activities = list(
        Activity.objects.filter(campaign=campaign, library=library)
        .prefetch_related("figures", "media", "audiences")
        .order_by("start_date", "daily_start_time", "id")
    )
    live = [a for a in activities if a.status != Activity.Status.CANCELLED]
    figures = campaign_selectors.dashboard_figures(campaign, library, lang=vocab_lang())
    standing = campaign_selectors.standing(request.user, campaign, library, has_activities=bool(activities))
    campaign_media = MediaCoverage.objects.filter(campaign=campaign, library=library).count()
    today = timezone.localdate()
    can_edit = permissions.can_edit_library(request.user, library)
    return {
        "campaign": campaign,
        "library": library,
        "days": selectors.group_by_day(activities),
        "totals": figures.totals,
        "campaign_figures": figures.own,
        "without_figures": [a for a in live if not a.figures.all()],
        "still_planned": [a for a in live if a.status == Activity.Status.PLANNED and a.last_date < today],
        "media_count": campaign_media,
        "days_to_report": (campaign.report_due - today).days if campaign.report_due else None,
        "can_edit": can_edit,
        "joined": standing.joined,
        "takes_part": standing.joined or bool(activities),
        "report_link": standing.report,
        "can_join": not standing.joined
        and library.is_library
        and permissions.can_join_campaign(request.user, library),
        "show_dashboard": True,
        "list_separator": campaign_selectors.list_separator(),
        "figure_form": figure_form,
    }


@login_required
@require_POST
def campaign_figure_add(request: HttpRequest, pk: int, library_pk: int) -> HttpResponse:
    """A campaign-wide figure for one library (a city-wide total, cards issued over the week).

    On an error the dashboard comes back (status 400) with what was typed and the errors beside it.
    """
    campaign = _campaign(pk)
    library = get_object_or_404(Organisation, pk=library_pk)
    if not permissions.can_edit_library(request.user, library):
        raise PermissionDenied
    form = FigureForm(request.POST, prefix="campaign-figure")
    if form.is_valid() and form.cleaned_data.get("figure_data") is not None:
        try:
            activity_services.add_figure(
                campaign=campaign,
                library=library,
                data=form.cleaned_data["figure_data"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
    elif form.is_valid():
        form.add_error("text", _("Enter a figure."))
    if form.errors:
        context = _dashboard_context(request, campaign, library, form)
        return render(request, "campaigns/dashboard.html", context, status=400)
    messages.success(request, _("Figure added."))
    return HttpResponseRedirect(f"{reverse('campaigns:dashboard', args=[campaign.pk])}?library={library.pk}")


@login_required
@require_POST
def campaign_figure_delete(request: HttpRequest, pk: int, figure_pk: int) -> HttpResponse:
    figure = get_object_or_404(Figure, pk=figure_pk, campaign_id=pk, activity=None)
    try:
        activity_services.delete_figure(figure, acting_user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Figure deleted."))
    return HttpResponseRedirect(f"{reverse('campaigns:dashboard', args=[pk])}?library={figure.library_id}")


@login_required
def bureau(request: HttpRequest, pk: int) -> HttpResponse:
    """Every participating library under the user's organisation, with its counts."""
    campaign = _campaign(pk)
    membership = permissions.membership_of(request.user)
    if membership is None or membership.role not in {
        Membership.Role.BUREAU_ADMIN,
        Membership.Role.LIBRARY_ADMIN,
    }:
        raise PermissionDenied
    libraries = list(
        selectors.campaign_libraries(campaign).filter(path__startswith=membership.organisation.path)
    )
    ids = [lib.pk for lib in libraries]
    activity_rows = (
        Activity.objects.filter(campaign=campaign, library_id__in=ids)
        .values("library_id")
        .annotate(
            total=Count("id"),
            planned=Count("id", filter=Q(status=Activity.Status.PLANNED)),
            done=Count("id", filter=Q(status=Activity.Status.DONE)),
            cancelled=Count("id", filter=Q(status=Activity.Status.CANCELLED)),
            internal=Count("id", filter=Q(visibility=Activity.Visibility.INTERNAL)),
        )
        .order_by()
    )
    without_figures = (
        Activity.objects.filter(campaign=campaign, library_id__in=ids, figures__isnull=True)
        .exclude(status=Activity.Status.CANCELLED)
        .values("library_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    figure_rows = (
        Figure.objects.filter(campaign=campaign, library_id__in=ids)
        .values("library_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    media_rows = (
        MediaCoverage.objects.filter(campaign=campaign, library_id__in=ids)
        .values("library_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_lib = {row["library_id"]: row for row in activity_rows}
    missing = {row["library_id"]: row["n"] for row in without_figures}
    figures = {row["library_id"]: row["n"] for row in figure_rows}
    media = {row["library_id"]: row["n"] for row in media_rows}
    empty = {"total": 0, "planned": 0, "done": 0, "cancelled": 0, "internal": 0}
    rows = [
        {
            "library": lib,
            **by_lib.get(lib.pk, empty),
            "without_figures": missing.get(lib.pk, 0),
            "figures": figures.get(lib.pk, 0),
            "media": media.get(lib.pk, 0),
        }
        for lib in libraries
    ]
    totals = {key: sum(row[key] for row in rows) for key in [*empty, "without_figures", "figures", "media"]}
    root = membership.organisation
    # The report page (reports.selectors) answers a bureau that covers the campaign, and any
    # writer whose organisation has a participating library: never link a page that is a 404.
    covers = root.kind in Organisation.SUPERVISING_KINDS and campaign.issuer.is_within(root)
    context = {
        "campaign": campaign,
        "rows": rows,
        "totals": totals,
        "report_link": bool(rows) or covers,
        "joinable": [] if rows else _joinable_libraries(request, campaign),
        "show_dashboard": True,
    }
    return render(request, "campaigns/bureau.html", context)


def _status(form) -> int:
    """400 for a refused form, as the other pages answer (the errors are beside the fields)."""
    return 400 if form.is_bound and form.errors else 200


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    membership = permissions.membership_of(request.user)
    if membership is None or not permissions.can_manage_campaign(request.user, membership.organisation):
        raise PermissionDenied
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.create_campaign(
                issuer=membership.organisation, data=form.to_data(), acting_user=request.user
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Campaign created."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "campaign": None}, status=_status(form))


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    if not permissions.can_manage_campaign(request.user, campaign.issuer):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, initial=CampaignForm.initial_for(campaign))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_campaign(campaign, data=form.to_data(), acting_user=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Campaign saved."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "campaign": campaign}, status=_status(form))


@login_required
@require_POST
def campaign_join(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    library_id = whole_number(request.POST.get("library"))
    if library_id is None:
        raise PermissionDenied
    library = get_object_or_404(Organisation, pk=library_id)
    try:
        services.join_campaign(campaign, library=library, acting_user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("%(library)s has joined the campaign.") % {"library": library.display_name}
        )
    if request.POST.get("next") == "dashboard":  # joined from the library's dashboard: back to it
        dashboard_url = reverse("campaigns:dashboard", args=[campaign.pk])
        return HttpResponseRedirect(f"{dashboard_url}?library={library.pk}")
    return HttpResponseRedirect(reverse("campaigns:detail", args=[campaign.pk]))
