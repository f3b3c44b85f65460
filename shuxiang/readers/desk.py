"""The sign-up desk: what a library's staff do around sign-ups.

Open or close sign-up, change a session's capacity, add a walk-in, check readers in by
code, and keep the activity's counted ``attendees`` figure. Every action checks that the
acting user may act for the organising library, and leaves an audit row.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shuxiang.activities.figures import set_counted_figure
from shuxiang.activities.models import Activity, Figure, Session
from shuxiang.activities.validation import MAX_CAPACITY, capacity_limit_message
from shuxiang.orgs import permissions
from shuxiang.orgs.services import record_audit
from shuxiang.readers.models import Reader, Registration, Seat, Seating
from shuxiang.readers.seating import claim_free_seats, ensure_seating, resize
from shuxiang.readers.services import CheckInResult, SignupError, User

Status = Registration.Status


def _require_editor(acting_user: User, activity: Activity) -> None:
    if acting_user is None or not permissions.can_edit_library(acting_user, activity.library):
        raise PermissionDenied(_("Only the organising library's staff may do this."))


def set_signup_open(activity: Activity, is_open: bool, *, acting_user: User) -> Activity:
    """Staff open or close sign-up; closing keeps every registration made so far."""
    _require_editor(acting_user, activity)
    with transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(signup_open=is_open)
        activity.signup_open = is_open
        record_audit(
            "activity.signup_open" if is_open else "activity.signup_close",
            activity,
            acting_user=acting_user,
            organisation=activity.library,
        )
    if is_open:
        for session in activity.sessions.all():
            ensure_seating(session)
    return activity


def change_capacity(session: Session, capacity: int | None, *, acting_user: User) -> Seating:
    """Set a session's places; never below the places already given, never above ``MAX_CAPACITY``
    (the activity form's bound). None removes the limit."""
    activity = session.activity
    _require_editor(acting_user, activity)
    if capacity is not None and (not isinstance(capacity, int) or capacity < 0):
        raise SignupError(
            _("Capacity must be a whole number of places, 0 or more (got %(value)s).") % {"value": capacity},
            code="bad_capacity",
        )
    if capacity is not None and capacity > MAX_CAPACITY:
        raise SignupError(capacity_limit_message(), code="over_max_capacity")
    ensure_seating(session)
    return resize(session, capacity, acting_user=acting_user)


def add_walk_in(
    session: Session,
    *,
    acting_user: User,
    name: str = "",
    reader: Reader | None = None,
    places: int = 1,
) -> Registration:
    """A person who came without signing up: takes free seats and is checked in at once."""
    activity = session.activity
    if acting_user is None or not permissions.can_check_in(acting_user, activity.library):
        raise PermissionDenied(_("Only the organising library's staff may do this."))
    if places < 1:
        raise SignupError(_("A walk-in takes at least one place."), code="bad_places")
    seating = ensure_seating(session)
    now = timezone.now()
    with transaction.atomic():
        seating = Seating.objects.select_for_update().get(pk=session.pk)
        seat_ids: list[int] = []
        if seating.capacity is not None:
            seat_ids = claim_free_seats(session.pk, places, skip_locked=False)
            if len(seat_ids) < places:
                raise SignupError(_("No free place is left; raise the capacity first."), code="full")
        registration = Registration.objects.create(
            session=session,
            activity=activity,
            library_id=session.library_id,
            reader=reader,
            places=places,
            status=Status.CONFIRMED,
            channel=Registration.Channel.WALK_IN,
            walk_in_name=name[:100],
            created_by=acting_user,
            confirmed_at=now,
            checked_in_at=now,
        )
        Seat.objects.filter(id__in=seat_ids).update(registration=registration)
        if (
            seating.capacity is not None
            and len(seat_ids)
            and not Seat.objects.filter(session=session, registration__isnull=True).exists()
        ):
            seating.full = True
            seating.save(update_fields=["full", "updated_at"])
        record_audit(
            "registration.walk_in", registration, acting_user=acting_user, organisation=activity.library
        )
        recount_attendees(activity)
    return registration


def parse_code(code: str) -> str:
    """The token from what a scanner read or a person typed: ``SX1:<token>`` or the token alone."""
    code = code.strip()
    prefix, sep, rest = code.partition(":")
    if sep and prefix.upper().startswith("SX") and prefix[2:].isdigit():
        return rest.strip()
    return code


def check_in(code: str, *, acting_user: User) -> CheckInResult:
    """Record that a confirmed registration came; a second scan changes nothing and says so."""
    token = parse_code(code)
    registration = (
        Registration.objects.select_related("activity", "library").filter(token=token).first()
        if token
        else None
    )
    if registration is None:
        raise SignupError(_("Unknown code: no sign-up has this code."), code="unknown_code")
    if acting_user is None or not permissions.can_check_in(acting_user, registration.library):
        raise PermissionDenied(_("You may not check readers in for this library."))
    if registration.checked_in_at is not None:
        return CheckInResult(registration, already=True)
    if registration.status != Status.CONFIRMED:
        raise SignupError(
            _("This sign-up is %(status)s, not confirmed: it cannot be checked in.")
            % {"status": registration.get_status_display()},
            code="not_confirmed",
        )
    with transaction.atomic():
        updated = Registration.objects.filter(
            pk=registration.pk, checked_in_at__isnull=True, status=Status.CONFIRMED
        ).update(checked_in_at=timezone.now())
        if updated:
            record_audit(
                "registration.check_in",
                registration,
                acting_user=acting_user,
                organisation=registration.library,
            )
            recount_attendees(registration.activity)
    registration.refresh_from_db()
    return CheckInResult(registration, already=not updated)


def recount_attendees(activity: Activity) -> Figure:
    """The activity's counted ``attendees`` figure, recomputed from check-ins (never typed).

    Runs inside the caller's transaction; the activity row lock serialises the figure's creation.
    """
    Activity.objects.select_for_update().filter(pk=activity.pk).first()
    total = (
        Registration.objects.filter(activity=activity, checked_in_at__isnull=False).aggregate(
            n=Sum("places")
        )["n"]
        or 0
    )
    unit = "person_time" if activity.repeats_daily else "person"
    return set_counted_figure(
        activity, measure="attendees", unit=unit, total=total, note="counted from check-ins"
    )
