"""Writes on activities, their sessions, media coverage and photos.

Every public function takes the acting user as keyword-only ``acting_user``, asks
:mod:`shuxiang.orgs.permissions` (raising :class:`~django.core.exceptions.PermissionDenied`),
validates (raising :class:`~django.core.exceptions.ValidationError` keyed by field name, so a
form can attach each message to its field), writes in one transaction and leaves an audit row.
Forms and the JSON API both go through here; nothing else writes these models.

The data classes and their checks live in :mod:`shuxiang.activities.validation`, the writes on
figures in :mod:`shuxiang.activities.figures` and the photo rules in
:mod:`shuxiang.activities.photos`; this module re-exports what callers use, so
``services.add_figure(...)`` and ``services.FigureData`` keep working.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from shuxiang.activities import photo_files
from shuxiang.activities.common import User, audit_data, owner_of, require_edit
from shuxiang.activities.figures import (  # noqa: F401 - re-exported: one module for every write
    add_figure,
    apply_figure_changes,
    delete_figure,
    may_hold_campaign_figures,
    update_figure,
)
from shuxiang.activities.models import Activity, ActivityAudience, MediaCoverage, Photo, Session
from shuxiang.activities.photos import photo_name, validate_photo
from shuxiang.activities.validation import (  # noqa: F401 - re-exported for forms, the API and imports
    ActivityData,
    FigureData,
    MediaData,
    figure_data_from_text,
    overlaps_campaign,
    validate_activity_data,
    validate_figure_data,
    validate_media_data,
)
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs.models import Organisation
from shuxiang.orgs.services import find_or_create_partner, record_audit

Status = Activity.Status


# --------------------------------------------------------------------------- activities

_ACTIVITY_FIELDS = (
    "kind",
    "title",
    "description",
    "venue",
    "start_date",
    "end_date",
    "daily_start_time",
    "daily_end_time",
    "repeats_daily",
    "capacity",
    "signup_open",
    "visibility",
    "date_precision",
)


def create_activity(
    *,
    campaign: Campaign,
    library: Organisation,
    data: ActivityData,
    acting_user: User,
    allow_outside_campaign: bool = False,
) -> Activity:
    """A new planned activity of ``library`` in ``campaign``, with its audiences, partners and sessions.

    ``allow_outside_campaign``: see :func:`validate_activity_data` (imports of historical records only).
    """
    require_edit(acting_user, library)
    validate_activity_data(campaign, library, data, allow_outside_campaign=allow_outside_campaign)
    with transaction.atomic():
        activity = Activity.objects.create(
            campaign=campaign, library=library, **{f: getattr(data, f) for f in _ACTIVITY_FIELDS}
        )
        _set_audiences(activity, data.audiences)
        _set_partners(activity, data.partner_names, acting_user=acting_user)
        _sync_sessions(activity, acting_user)
        record_audit(
            "activity.create", activity, acting_user=acting_user, organisation=library, data=audit_data(data)
        )
    return activity


def update_activity(activity: Activity, *, data: ActivityData, acting_user: User) -> Activity:
    """Change an activity's fields; its sessions follow the new dates and slot.

    Dates the activity already had stand even if they lie outside the campaign (an imported
    historical record): a change of title must not be refused for them. New dates must overlap it.
    """
    require_edit(acting_user, activity.library)
    unchanged_dates = (data.start_date, data.end_date) == (activity.start_date, activity.end_date)
    validate_activity_data(activity.campaign, activity.library, data, allow_outside_campaign=unchanged_dates)
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        changed = {
            f: str(getattr(data, f)) for f in _ACTIVITY_FIELDS if getattr(locked, f) != getattr(data, f)
        }
        for f in _ACTIVITY_FIELDS:
            setattr(locked, f, getattr(data, f))
        locked.save()
        _set_audiences(locked, data.audiences)
        _set_partners(locked, data.partner_names, acting_user=acting_user)
        _sync_sessions(locked, acting_user)
        record_audit(
            "activity.update", locked, acting_user=acting_user, organisation=locked.library, data=changed
        )
    return locked


def set_activity_status(activity: Activity, *, status: str, acting_user: User) -> Activity:
    """Move an activity along :attr:`Activity.TRANSITIONS` (planned -> done or cancelled, and back)."""
    require_edit(acting_user, activity.library)
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        if status == locked.status:
            return locked
        if status not in Activity.TRANSITIONS.get(locked.status, frozenset()):
            raise ValidationError(
                {
                    "status": [
                        _("An activity that is %(current)s cannot become %(new)s.")
                        % {
                            "current": Status(locked.status).label,
                            "new": Status(status).label if status in Status.values else status,
                        }
                    ]
                }
            )
        old = locked.status
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
        record_audit(
            f"activity.status.{status}",
            locked,
            acting_user=acting_user,
            organisation=locked.library,
            data={"from": old, "to": status},
        )
    return locked


def cancel_activity(activity: Activity, *, acting_user: User) -> Activity:
    return set_activity_status(activity, status=Status.CANCELLED, acting_user=acting_user)


def mark_activity_done(activity: Activity, *, acting_user: User) -> Activity:
    return set_activity_status(activity, status=Status.DONE, acting_user=acting_user)


def _set_audiences(activity: Activity, groups: Iterable[str]) -> None:
    wanted = set(groups)
    have = set(activity.audiences.values_list("group", flat=True))
    activity.audiences.filter(group__in=have - wanted).delete()
    ActivityAudience.objects.bulk_create(
        ActivityAudience(activity=activity, group=g) for g in sorted(wanted - have)
    )


def _set_partners(activity: Activity, names: Iterable[str], *, acting_user: User) -> None:
    partners = [
        find_or_create_partner(name, acting_user=acting_user)  # type: ignore[arg-type]
        for name in dict.fromkeys(n.strip() for n in names)
        if name
    ]
    activity.partners.set(partners)


# --------------------------------------------------------------------------- sessions


def planned_sessions(activity: Activity) -> list[tuple[dt.datetime, dt.datetime | None]]:
    """(starts_at, ends_at) of the sessions ``activity`` should have, in the site's time zone.

    A one-off or multi-day activity has one session covering it; a slot that repeats daily
    has one session per day of its date range.
    """
    if activity.date_precision != Activity.DatePrecision.DAY:
        return []  # nobody can sign up for a day that is not known
    tz = timezone.get_default_timezone()
    start_time = activity.daily_start_time or dt.time(0, 0)

    def at(day: dt.date, time: dt.time | None) -> dt.datetime | None:
        return None if time is None else dt.datetime.combine(day, time, tzinfo=tz)

    if activity.repeats_daily:
        days = (activity.last_date - activity.start_date).days + 1
        return [
            (at(day, start_time), at(day, activity.daily_end_time))  # type: ignore[misc]
            for day in (activity.start_date + dt.timedelta(days=n) for n in range(days))
        ]
    return [(at(activity.start_date, start_time), at(activity.last_date, activity.daily_end_time))]  # type: ignore[list-item]


def _has_signups(session_ids: list[int]) -> bool:
    """True if readers signed up for any of these sessions.

    The readers app hangs its registrations on Session (``related_name="registrations"``,
    cascading); it depends on this app, not the other way round, so ask by relation name.
    """
    relations = {rel.name for rel in Session._meta.related_objects}
    if "registrations" not in relations:
        return False
    return Session.objects.filter(pk__in=session_ids, registrations__isnull=False).exists()


def _resize_seats(session: Session, capacity: int | None, acting_user: User) -> None:
    """Once readers can sign up for a session, its places are seats (``shuxiang.readers``): a new
    capacity goes through their rules there, under the seating lock: never below the places
    already given, and the waiting list moves up into new places. Imported here, not at the top:
    the readers app builds on this one."""
    from shuxiang.readers.errors import SignupError
    from shuxiang.readers.models import Seating
    from shuxiang.readers.seating import resize

    if not Seating.objects.filter(pk=session.pk).exists():
        return  # no seats yet: they are made from the session's capacity at the first sign-up
    try:
        resize(session, capacity, acting_user=acting_user)
    except SignupError as exc:
        raise ValidationError({"capacity": exc.messages}) from None


def _sync_sessions(activity: Activity, acting_user: User) -> list[Session]:
    wanted = dict(planned_sessions(activity))
    existing = {s.starts_at: s for s in activity.sessions.all()}
    stale = [s.pk for start, s in existing.items() if start not in wanted]
    if stale:
        refusal = ValidationError(
            {"start_date": [_("Readers have signed up for a session these dates would remove.")]}
        )
        if _has_signups(stale):
            raise refusal
        try:
            Session.objects.filter(pk__in=stale).delete()
        except ProtectedError as exc:
            raise refusal from exc
    for start, end in wanted.items():
        session = existing.get(start)
        if session is None:
            Session.objects.create(
                activity=activity,
                library=activity.library,
                starts_at=start,
                ends_at=end,
                capacity=activity.capacity,
            )
        elif session.ends_at != end or session.capacity != activity.capacity:
            if session.capacity != activity.capacity:
                _resize_seats(session, activity.capacity, acting_user)
            session.ends_at, session.capacity = end, activity.capacity
            session.save(update_fields=["ends_at", "capacity"])
    return list(activity.sessions.all())


def sync_sessions(activity: Activity, *, acting_user: User) -> list[Session]:
    """Bring ``activity``'s sessions in line with its dates and slot (create and update do this too)."""
    require_edit(acting_user, activity.library)
    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
        sessions = _sync_sessions(activity, acting_user)
        record_audit("activity.sessions", activity, acting_user=acting_user, organisation=activity.library)
    return sessions


# --------------------------------------------------------------------------- media and photos


def add_media_coverage(
    *,
    data: MediaData,
    acting_user: User,
    activity: Activity | None = None,
    campaign: Campaign | None = None,
    library: Organisation | None = None,
) -> MediaCoverage:
    """A press, TV or web report about ``activity`` (or the library's whole campaign)."""
    campaign, library = owner_of(activity, campaign, library)
    require_edit(acting_user, library)
    validate_media_data(data)
    with transaction.atomic():
        media = MediaCoverage.objects.create(
            campaign=campaign, library=library, activity=activity, **dataclasses.asdict(data)
        )
        record_audit(
            "media.create", media, acting_user=acting_user, organisation=library, data=audit_data(data)
        )
    return media


def add_photo(activity: Activity, *, image: File, caption: str = "", acting_user: User) -> Photo:
    """Attach an uploaded photo to ``activity``, after :func:`~shuxiang.activities.photos.validate_photo`.

    A refused photo leaves nothing behind: it is checked before the file is written, and the
    file is removed again if the row is not committed (:mod:`shuxiang.activities.photo_files`).
    """
    require_edit(acting_user, activity.library)
    extension = validate_photo(image)
    with photo_files.removed_unless_committed(), transaction.atomic():
        photo = Photo(activity=activity, library=activity.library, caption=caption)
        photo.image.save(photo_name(image.name, extension), image, save=False)
        photo_files.stored(photo.image.name)
        photo.save()
        record_audit("photo.create", photo, acting_user=acting_user, organisation=activity.library)
    return photo


def delete_photo(photo: Photo, *, acting_user: User) -> None:
    """Remove ``photo`` from its activity; its file goes once the delete is committed.

    A photo already deleted (a second click, another tab) is not an error: nothing happens.
    """
    require_edit(acting_user, photo.library)
    with transaction.atomic():
        locked = Photo.objects.select_for_update().filter(pk=photo.pk).first()
        if locked is None:
            return
        record_audit(
            "photo.delete",
            locked,
            acting_user=acting_user,
            organisation=locked.library,
            data={"activity": locked.activity_id, "image": locked.image.name, "caption": locked.caption},
        )
        locked.delete()  # the file: photo_files.photo_deleted, after commit
