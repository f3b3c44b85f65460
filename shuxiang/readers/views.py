"""Readers' pages (public site, phone first) and staff pages (check-in, card drive, sign-up desk).

Views parse, call one service, render. A reader is "signed in" on the public site by the
reader id kept in their Django session, or by their access token in ``X-Reader-Token``
(the token endpoint, for apps and the load benchmark).
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from shuxiang.activities.models import Activity
from shuxiang.orgs import permissions
from shuxiang.readers import desk, forms, selectors, services, tickets
from shuxiang.readers import session as reader_session
from shuxiang.readers.models import Companion, Reader, Registration
from shuxiang.readers.session import current_reader
from shuxiang.web.params import whole_number


def _join_url(next_path: str) -> str:
    return f"{reverse('readers:join')}?{urlencode({'next': next_path})}"


def _safe_next(request: HttpRequest, default: str) -> str:
    """``?next=`` when it stays on this site (as Django's LoginView checks it), else ``default``.

    ``startswith("/")`` is not enough: ``//evil.example`` is another site to a browser.
    """
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return default


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- public: accounts ------------------------------------------------------------


def join(request: HttpRequest) -> HttpResponse:
    """A reader creates their own account, then goes back to the activity they came from."""
    form = forms.ReaderForm(request.POST or None)
    next_url = _safe_next(request, default=reverse("readers:me"))
    if request.method == "POST" and form.is_valid():
        try:
            reader = services.register_reader(**form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            reader_session.sign_in(request, reader)
            return redirect(next_url)
    return render(request, "readers/join.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sign_in_with_key(request: HttpRequest, key: str) -> HttpResponse:
    """The personal link shown on "my sign-ups": opens the reader's page on another phone.

    Opening the link (GET) only asks "Continue as 王**?"; the button (POST, CSRF-protected)
    signs in. Otherwise any page could sign a visitor's browser into someone else's account
    with ``<img src=".../readers/key/<key>/">`` (login CSRF), and what the visitor then added
    (children, sign-ups) would land in that account.
    """
    reader = Reader.objects.filter(access_token=key).first()
    if reader is None:
        raise Http404(_("This link is not valid."))
    if request.method == "POST":
        reader_session.sign_in(request, reader)
        return redirect("readers:me")
    if request.session.get(reader_session.SESSION_KEY) == reader.pk:  # already this reader: nothing to ask
        return redirect("readers:me")
    context = {"masked_name": selectors.mask_name(reader.name), "signed_in": current_reader(request)}
    return render(request, "readers/sign_in_with_key.html", context)


def me(request: HttpRequest) -> HttpResponse:
    reader = current_reader(request)
    if reader is None:
        return redirect(_join_url(reverse("readers:me")))
    child_form = forms.ChildForm(request.POST or None)
    if request.method == "POST" and child_form.is_valid():
        try:
            services.register_reader(
                name=child_form.cleaned_data["name"],
                age_group=Reader.AgeGroup.CHILD,
                guardian=reader,
                acting_user=request.user,
            )
        except ValidationError as exc:
            _form_errors(child_form, exc)
        else:
            return redirect("readers:me")
    context = {
        "reader": reader,
        "registrations": selectors.reader_registrations(reader),
        "children": reader.children.all(),
        "child_form": child_form,
        "key_url": request.build_absolute_uri(
            reverse("readers:sign_in_with_key", args=[reader.access_token])
        ),
    }
    return render(request, "readers/me.html", context)


def export_my_data(request: HttpRequest) -> HttpResponse:
    reader = current_reader(request)
    if reader is None:  # signed out meanwhile: "my sign-ups" asks them to sign in or join
        return redirect("readers:me")
    data = json.dumps(selectors.export_reader_data(reader), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="shuxiang-my-data.json"'
    return response


@require_POST
def delete_my_data(request: HttpRequest) -> HttpResponse:
    reader = current_reader(request)
    if reader is None:
        return redirect("readers:me")
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that your data should be deleted."))
        return redirect("readers:me")
    services.delete_reader(reader, acting_user=None)
    reader_session.sign_out(request)
    messages.success(request, _("Your data has been deleted."))
    return redirect("web:home")


# --- public: sign-up -------------------------------------------------------------


def _public_activity(activity_id: int) -> Activity:
    activity = Activity.objects.select_related("library").filter(pk=activity_id).first()
    if activity is None or activity.visibility != Activity.Visibility.PUBLIC:
        raise Http404(_("Unknown activity."))
    return activity


def activity_signup(request: HttpRequest, activity_id: int) -> HttpResponse:
    """An activity's sign-up page: its future sessions, free places, and the sign-up button."""
    activity = _public_activity(activity_id)
    if not activity.sessions.exists() and activity.signup_open:
        services.default_session(activity)
    sessions = activity.sessions.filter(starts_at__gt=timezone.now()).select_related("seating", "activity")
    reader = current_reader(request)
    children = reader.children.all() if reader else Reader.objects.none()
    form = forms.SignupForm(
        request.POST or None, sessions=sessions, children=children, initial={"session": sessions.first()}
    )
    if request.method == "POST":
        if reader is None:
            return redirect(_join_url(request.path))
        if form.is_valid():
            try:
                result = services.sign_up(
                    form.cleaned_data["session"],
                    reader,
                    companions=list(form.cleaned_data["companions"]),
                    acting_user=request.user,
                )
            except services.SignupError as exc:
                form.add_error(None, exc.messages)
            else:
                if not result.created:
                    messages.info(request, _("You were already signed up; here is your sign-up."))
                return redirect("readers:registration", token=result.registration.token)
    counts = {s.pk: selectors.session_counts(s) for s in sessions}
    context = {
        "activity": activity,
        "sessions": [(s, counts[s.pk]) for s in sessions],
        "form": form,
        "reader": reader,
    }
    return render(request, "readers/activity_signup.html", context)


def _registration_by_token(token: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("session", "activity", "activity__library", "reader"), token=token
    )


def registration(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation page: status, waiting position, QR code, calendar file, cancel."""
    reg = _registration_by_token(token)
    context = {
        "registration": reg,
        "position": selectors.waiting_position(reg),
        "qr_svg": tickets.qr_svg(reg) if reg.status == Registration.Status.CONFIRMED else "",
        "companions": reg.companions.filter(cancelled=False),
    }
    return render(request, "readers/registration.html", context)


def registration_ics(request: HttpRequest, token: str) -> HttpResponse:
    reg = _registration_by_token(token)
    response = HttpResponse(tickets.ics(reg), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="shuxiang.ics"'
    return response


def registration_qr(request: HttpRequest, token: str) -> HttpResponse:
    reg = _registration_by_token(token)
    if reg.status != Registration.Status.CONFIRMED:
        raise Http404(_("Only a confirmed sign-up has a QR code."))
    return HttpResponse(tickets.qr_png(reg), content_type="image/png")


@require_POST
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    reg = _registration_by_token(token)
    companion = None
    if request.POST.get("companion"):
        companion_id = whole_number(request.POST["companion"])
        if companion_id is None:
            raise Http404(_("This person is not on this sign-up."))
        companion = get_object_or_404(Companion, pk=companion_id, registration=reg)
    services.cancel_registration(reg, companion=companion, acting_user=request.user)
    messages.success(request, _("Cancelled.") if companion is None else _("One place cancelled."))
    return redirect("readers:registration", token=token)


@csrf_exempt  # authenticated by a header, never by a cookie: no cross-site request can carry it
@require_POST
def signup_by_token(request: HttpRequest, session_id: int) -> JsonResponse:
    """``POST /readers/t/sessions/<id>/signup/`` with ``X-Reader-Token``: sign up, answer JSON."""
    try:
        result = services.sign_up_with_token(request.headers.get("X-Reader-Token", ""), session_id)
    except services.SignupError as exc:
        status = {"unknown_reader": 401, "unknown_session": 404}.get(exc.code, 409)
        return JsonResponse({"error": exc.messages[0], "code": exc.code}, status=status)
    reg = result.registration
    return JsonResponse(
        {"status": reg.status, "places": reg.places, "code": reg.qr_payload, "created": result.created},
        status=201 if result.created else 200,
    )


def ping(request: HttpRequest) -> HttpResponse:
    """A health check that touches nothing: the benchmark's ceiling for this app."""
    return HttpResponse("ok", content_type="text/plain")


# --- staff ---------------------------------------------------------------------


def _staff_activity(request: HttpRequest, activity_id: int, check=permissions.can_check_in) -> Activity:
    activity = get_object_or_404(Activity.objects.select_related("library"), pk=activity_id)
    if not check(request.user, activity.library):
        raise PermissionDenied
    return activity


@login_required
def staff_activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    """Sign-up desk: counts per session, the roster (masked), capacity, open/close, walk-ins."""
    activity = _staff_activity(request, activity_id, permissions.can_read_library)
    sessions = list(activity.sessions.select_related("seating", "activity"))
    if request.method == "POST":
        _staff_action(request, activity)
        return redirect("readers:staff_activity", activity_id=activity.pk)
    context = {
        "activity": activity,
        "sessions": [
            {
                "session": s,
                "counts": selectors.session_counts(s),
                "roster": selectors.session_roster(s, request.user),
                "capacity_form": forms.CapacityForm(initial={"session": s.pk, "capacity": s.capacity}),
                "walk_in_form": forms.WalkInForm(initial={"session": s.pk}),
            }
            for s in sessions
        ],
        "can_edit": permissions.can_edit_library(request.user, activity.library),
        "can_check_in": permissions.can_check_in(request.user, activity.library),
    }
    return render(request, "readers/staff_activity.html", context)


def _staff_action(request: HttpRequest, activity: Activity) -> None:
    action = request.POST.get("action")
    if action == "check_in":
        _check_in_from_roster(request, activity)
        return
    session = None
    if request.POST.get("session"):
        session_id = whole_number(request.POST["session"])
        if session_id is not None:
            session = activity.sessions.filter(pk=session_id).select_related("activity").first()
        if session is None:
            messages.error(request, _("Unknown session."))
            return
    try:
        if action in {"open", "close"}:
            desk.set_signup_open(activity, action == "open", acting_user=request.user)
            if action == "open" and not activity.sessions.exists():
                services.ensure_seating(services.default_session(activity))
        elif action == "capacity" and session is not None:
            form = forms.CapacityForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Capacity must be a whole number."))
                return
            desk.change_capacity(session, form.cleaned_data["capacity"], acting_user=request.user)
        elif action == "walk_in" and session is not None:
            form = forms.WalkInForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Check the walk-in's places."))
                return
            desk.add_walk_in(
                session,
                name=form.cleaned_data["name"],
                places=form.cleaned_data["places"],
                acting_user=request.user,
            )
        else:
            messages.error(request, _("Unknown action."))
            return
    except services.SignupError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))


def _check_in_from_roster(request: HttpRequest, activity: Activity) -> None:
    """Check a reader in from the list, found by name: when the camera fails, or the reader
    cannot show the QR code, no code has to be read out and typed."""
    registration_id = whole_number(request.POST.get("registration"))
    registration = (
        Registration.objects.select_related("reader").filter(pk=registration_id, activity=activity).first()
        if registration_id is not None
        else None
    )
    if registration is None:
        messages.error(request, _("Unknown sign-up."))
        return
    try:
        result = desk.check_in(registration.qr_payload, acting_user=request.user)
    except services.SignupError as exc:
        messages.error(request, " ".join(exc.messages))
        return
    details = permissions.can_see_reader_details(request.user, activity.library)
    name = selectors.shown_name(result.registration, details=details)
    if result.already:
        messages.info(request, _("Already checked in: %(name)s.") % {"name": name})
    else:
        places = result.registration.places
        messages.success(
            request,
            ngettext(
                "Checked in: %(name)s (%(places)s person).",
                "Checked in: %(name)s (%(places)s people).",
                places,
            )
            % {"name": name, "places": places},
        )


@login_required
def check_in(request: HttpRequest) -> HttpResponse:
    """The door: scan the QR with the phone's camera or type the code."""
    if permissions.membership_of(request.user) is None:
        raise PermissionDenied
    form = forms.CheckInForm(request.POST or None)
    result = None
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            result = desk.check_in(form.cleaned_data["code"], acting_user=request.user)
        except services.SignupError as exc:
            error = " ".join(exc.messages)
        except PermissionDenied:
            error = _("You may not check readers in for this library.")
        form = forms.CheckInForm()
    context = {"form": form, "result": result, "error": error}
    if result is not None:
        reg = result.registration
        details = permissions.can_see_reader_details(request.user, reg.library)
        context["shown_name"] = selectors.shown_name(reg, details=details)  # volunteers: 王**
    return render(request, "readers/check_in.html", context, status=400 if error else 200)


@login_required
def card_drive(request: HttpRequest, activity_id: int) -> HttpResponse:
    """The booth at an outreach activity: one new reader and card per submit, on a phone."""
    activity = _staff_activity(request, activity_id, permissions.can_edit_library)
    form = forms.CardDriveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.register_card_at_drive(activity, **form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Card %(number)s issued.") % {"number": issue.card_number})
            return redirect("readers:card_drive", activity_id=activity.pk)
    figure = activity.figures.filter(measure="cards_issued", counted=True).first()
    context = {"activity": activity, "form": form, "cards_issued": int(figure.value) if figure else 0}
    return render(request, "readers/card_drive.html", context)


@login_required
def desk_new_reader(request: HttpRequest) -> HttpResponse:
    """Staff create a reader's account at the desk (for readers without a phone to hand)."""
    membership = permissions.membership_of(request.user)
    if membership is None or membership.role not in permissions.WRITER_ROLES:
        raise PermissionDenied
    form = forms.DeskReaderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reader = services.register_reader(
                **form.cleaned_data, home_library=membership.organisation, acting_user=request.user
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Account created for %(name)s.") % {"name": reader.name})
            return redirect("readers:desk_new_reader")
    return render(request, "readers/desk_new_reader.html", {"form": form})
