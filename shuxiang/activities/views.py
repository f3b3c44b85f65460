"""Activity pages: the public page, and the staff form with figures inline, media and photos."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shuxiang.activities import selectors, services
from shuxiang.activities.forms import ActivityForm, FigureForm, FigureFormSet, MediaForm, PhotoForm
from shuxiang.activities.models import Activity, Photo
from shuxiang.activities.photos import limit_photo_uploads
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation
from shuxiang.web.i18n import attach_errors
from shuxiang.web.params import whole_number


def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The public page of one activity; internal ones only for staff of their library."""
    activity = get_object_or_404(
        Activity.objects.select_related("campaign", "library").prefetch_related(
            "audiences", "partners", "media", "photos"
        ),
        pk=pk,
    )
    if not selectors.may_see_activity(request.user, activity):
        raise Http404
    context = {
        "activity": activity,
        "figures": selectors.shown_figures(request.user, activity),
        "can_edit": permissions.can_edit_library(request.user, activity.library),
    }
    return render(request, "activities/detail.html", context)


def photo_image(request: HttpRequest, pk: int, photo_pk: int) -> FileResponse:
    """A photo's file, to whoever may see its activity.

    Photos are not served from a public media folder: an internal activity's photos are its
    library's. Public ones may be cached by anyone, internal ones by the browser only.
    """
    photo = get_object_or_404(Photo.objects.select_related("activity__library"), pk=photo_pk, activity_id=pk)
    if not selectors.may_see_activity(request.user, photo.activity):
        raise Http404
    try:
        image = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(image)  # the type from the file's name, as stored by add_photo
    public = photo.activity.visibility == Activity.Visibility.PUBLIC
    patch_cache_control(response, public=public, private=not public, max_age=3600)
    return response


def _editable(request: HttpRequest, pk: int) -> Activity:
    activity = get_object_or_404(Activity.objects.select_related("campaign", "library"), pk=pk)
    if not permissions.can_edit_library(request.user, activity.library):
        raise PermissionDenied
    return activity


def _figure_changes(formset, activity: Activity | None):
    """Split a valid figures formset into (added, updated, deleted) for the service."""
    existing = {f.pk: f for f in activity.figures.filter(counted=False)} if activity else {}
    added, updated, deleted = [], [], []
    for form in formset.forms:
        if not form.has_changed() and not form.cleaned_data.get("id"):
            continue
        figure_id = form.cleaned_data.get("id")
        figure = existing.get(figure_id) if figure_id else None
        if figure_id and figure is None:
            raise PermissionDenied(_("That figure belongs to another activity."))
        if form.cleaned_data.get("DELETE"):
            if figure is not None:
                deleted.append(figure)
            continue
        data = form.cleaned_data.get("figure_data")
        if data is None:
            continue
        if figure is None:
            added.append(data)
        elif form.has_changed():
            updated.append((figure, data))
    return added, updated, deleted


@login_required
def activity_create(request: HttpRequest, campaign_pk: int) -> HttpResponse:
    """New activity for ?library= (default: the user's own library), with figures inline."""
    campaign = get_object_or_404(Campaign, pk=campaign_pk)
    choices = list(
        permissions.editable_libraries(request.user)
        .filter(participations__campaign=campaign)
        .order_by("path")
    )
    if not choices:
        raise PermissionDenied
    requested = request.POST.get("library") or request.GET.get("library", "")
    library = choices[0]
    if requested:
        library = get_object_or_404(Organisation, pk=whole_number(requested) or 0)
        if not permissions.can_edit_library(request.user, library):
            raise PermissionDenied
    form = ActivityForm(request.POST or None, campaign=campaign, library=library)
    formset = FigureFormSet(request.POST or None, prefix="figures")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        added, _updated, _deleted = _figure_changes(formset, None)
        try:
            with transaction.atomic():
                activity = services.create_activity(
                    campaign=campaign, library=library, data=form.to_data(), acting_user=request.user
                )
                services.apply_figure_changes(activity, added=added, acting_user=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Activity saved."))
            return redirect("activities:edit", pk=activity.pk)
    context = {
        "form": form,
        "formset": formset,
        "campaign": campaign,
        "library": library,
        "libraries": choices,
        "activity": None,
    }
    return render(request, "activities/form.html", context)


def _activity_form(activity: Activity, data=None) -> ActivityForm:
    return ActivityForm(
        data, campaign=activity.campaign, library=activity.library, initial=ActivityForm.initial_for(activity)
    )


def _figure_formset(figures: list, data=None):
    return FigureFormSet(
        data, prefix="figures", initial=[FigureForm.initial_for(f) for f in figures if not f.counted]
    )


def _edit_page(
    request: HttpRequest,
    activity: Activity,
    *,
    form: ActivityForm,
    formset,
    figures: list,
    media_form: MediaForm | None = None,
    photo_form: PhotoForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The edit page; ``media_form`` or ``photo_form`` bound when what it sent was refused (its
    errors beside its fields, what was typed kept)."""
    context = {
        "form": form,
        "formset": formset,
        "campaign": activity.campaign,
        "library": activity.library,
        "activity": activity,
        "counted_figures": [f for f in figures if f.counted],
        "media_form": media_form or MediaForm(),
        "photo_form": photo_form or PhotoForm(),
        "media": list(activity.media.all()),
        "photos": list(activity.photos.all()),
        "transitions": sorted(Activity.TRANSITIONS[activity.status]),
    }
    return render(request, "activities/form.html", context, status=status)


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _editable(request, pk)
    figures = list(activity.figures.all())
    form = _activity_form(activity, request.POST or None)
    formset = _figure_formset(figures, request.POST or None)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        added, updated, deleted = _figure_changes(formset, activity)
        try:
            with transaction.atomic():
                services.update_activity(activity, data=form.to_data(), acting_user=request.user)
                services.apply_figure_changes(
                    activity, added=added, updated=updated, deleted=deleted, acting_user=request.user
                )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Activity saved."))
            return redirect("activities:edit", pk=activity.pk)
    return _edit_page(request, activity, form=form, formset=formset, figures=figures)


@login_required
@require_POST
def activity_status(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _editable(request, pk)
    try:
        services.set_activity_status(
            activity, status=request.POST.get("status", ""), acting_user=request.user
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Status changed."))
    return redirect("activities:edit", pk=activity.pk)


def _refused(request: HttpRequest, activity: Activity, **bound_form) -> HttpResponse:
    """The edit page again (400) for a one-write form that was refused: ``media_form=`` or ``photo_form=``.

    The activity form and figures show what is saved; the refused form its errors and what was typed.
    """
    figures = list(activity.figures.all())
    return _edit_page(
        request,
        activity,
        form=_activity_form(activity),
        formset=_figure_formset(figures),
        figures=figures,
        status=400,
        **bound_form,
    )


@login_required
@require_POST
def media_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a press, TV or web report; a refused one shows the edit page again, as photo_add."""
    activity = _editable(request, pk)
    form = MediaForm(request.POST)
    if form.is_valid():
        try:
            services.add_media_coverage(activity=activity, data=form.to_data(), acting_user=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
    if form.errors:
        return _refused(request, activity, media_form=form)
    messages.success(request, _("Media coverage added."))
    return redirect(f"{reverse('activities:edit', args=[activity.pk])}#media")


@limit_photo_uploads  # outermost: a file past the limit is dropped as it streams in
@login_required
@require_POST
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a photo; a refused one shows the edit page again, the message beside the field and the
    caption as typed (a browser cannot refill a file input, so only the file must be chosen again)."""
    activity = _editable(request, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_photo(
                activity,
                image=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
    if form.errors:
        return _refused(request, activity, photo_form=form)
    messages.success(request, _("Photo added."))
    return redirect(f"{reverse('activities:edit', args=[activity.pk])}#photos")


@login_required
@require_http_methods(["GET", "POST"])
def photo_delete(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    """GET: the photo and a button to confirm; POST: delete it (the file goes after commit)."""
    activity = _editable(request, pk)
    photo = get_object_or_404(Photo, pk=photo_pk, activity=activity)
    if request.method == "POST":
        services.delete_photo(photo, acting_user=request.user)
        messages.success(request, _("Photo deleted."))
        return redirect(f"{reverse('activities:edit', args=[activity.pk])}#photos")
    return render(request, "activities/photo_delete.html", {"activity": activity, "photo": photo})
