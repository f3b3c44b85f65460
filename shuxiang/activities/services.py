"""Writes on activities, their sessions, figures, media coverage and photos.

Every public function takes the acting user as keyword-only ``acting_user``, asks
:mod:`shuxiang.orgs.permissions` (raising :class:`~django.core.exceptions.PermissionDenied`),
validates (raising :class:`~django.core.exceptions.ValidationError` keyed by field name, so a
form can attach each message to its field), writes in one transaction and leaves an audit row.
Forms and the JSON API both go through here; nothing else writes these models.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from shuxiang import vocab
from shuxiang.activities.models import Activity, ActivityAudience, Figure, MediaCoverage, Photo, Session
from shuxiang.campaigns.models import Campaign, Participation
from shuxiang.campaigns.services import is_participating
from shuxiang.numerals import NumberError, parse_figure_text
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation
from shuxiang.orgs.services import find_or_create_partner, record_audit

User = AbstractBaseUser | AnonymousUser
Status = Activity.Status


# --------------------------------------------------------------------------- data


@dataclasses.dataclass(frozen=True)
class ActivityData:
    """The editable fields of an activity. Codes (kind, audiences) come from :mod:`shuxiang.vocab`."""

    kind: str
    title: str
    start_date: dt.date
    end_date: dt.date | None = None
    description: str = ""
    venue: str = ""
    daily_start_time: dt.time | None = None
    daily_end_time: dt.time | None = None
    repeats_daily: bool = False
    audiences: tuple[str, ...] = ()
    partner_names: tuple[str, ...] = ()
    capacity: int | None = None
    signup_open: bool = False
    visibility: str = Activity.Visibility.PUBLIC
    date_precision: str = Activity.DatePrecision.DAY


@dataclasses.dataclass(frozen=True)
class FigureData:
    """One count: ``value`` (>= 0), ``unit`` and ``qualifier`` codes from :mod:`shuxiang.vocab`."""

    value: Decimal
    unit: str
    qualifier: str = "exact"
    measure: str = ""
    note: str = ""
    source_text: str = ""


@dataclasses.dataclass(frozen=True)
class MediaData:
    outlet: str
    date: dt.date | None = None
    headline: str = ""
    url: str = ""


# --------------------------------------------------------------------------- validation


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def overlaps_campaign(campaign: Campaign, start: dt.date, end: dt.date | None) -> bool:
    """True if ``start``..``end`` shares at least one day with the campaign (no end: one day)."""
    return start <= campaign.end_date and (end or start) >= campaign.start_date


def validate_activity_data(
    campaign: Campaign,
    library: Organisation,
    data: ActivityData,
    *,
    allow_outside_campaign: bool = False,
) -> None:
    """Raise ValidationError keyed by field for anything a librarian must correct.

    An activity must overlap the campaign's period: an exhibition that opened before the week
    and runs into it is legitimate, one wholly before or after it is not. An activity without
    an end date is one day long, so that day must lie within the campaign.
    ``allow_outside_campaign`` lifts the rule for historical records imported as written
    (only :mod:`shuxiang.imports.services` passes it; forms and the API never do).
    """
    errors: dict[str, list[str]] = {}
    if data.kind not in vocab.KIND_CODES:
        _add(errors, "kind", _("“%(code)s” is not a known activity kind.") % {"code": data.kind})
    if not data.title.strip():
        _add(errors, "title", _("Give the activity a title."))
    for group in data.audiences:
        if group not in vocab.AUDIENCE_CODES:
            _add(errors, "audiences", _("“%(code)s” is not a known audience group.") % {"code": group})
    if data.visibility not in Activity.Visibility.values:
        _add(errors, "visibility", _("Choose public or internal."))
    if data.end_date is not None and data.end_date < data.start_date:
        _add(errors, "end_date", _("The activity cannot end before it starts."))
    elif not allow_outside_campaign and not overlaps_campaign(campaign, data.start_date, data.end_date):
        _add(
            errors,
            "start_date",
            _("The activity must take place during the campaign, %(start)s to %(end)s.")
            % {"start": campaign.start_date.isoformat(), "end": campaign.end_date.isoformat()},
        )
    if data.date_precision not in Activity.DatePrecision.values:
        _add(errors, "date_precision", _("Choose how much of the dates is known."))
    elif data.date_precision != Activity.DatePrecision.DAY and (data.signup_open or data.repeats_daily):
        _add(errors, "date_precision", _("Readers can only sign up for activities with known days."))
    if data.daily_start_time and data.daily_end_time and data.daily_end_time <= data.daily_start_time:
        _add(errors, "daily_end_time", _("The time slot cannot end before it starts."))
    if data.daily_end_time and not data.daily_start_time:
        _add(errors, "daily_start_time", _("Give a start time for the time slot."))
    if data.repeats_daily and not data.daily_start_time:
        _add(errors, "daily_start_time", _("A slot that repeats every day needs a start time."))
    if data.capacity is not None and data.capacity < 0:
        _add(errors, "capacity", _("The capacity cannot be negative."))
    if data.signup_open and data.visibility != Activity.Visibility.PUBLIC:
        _add(errors, "signup_open", _("Readers can only sign up for public activities."))
    if not library.is_library:
        _add(errors, "library", _("Activities belong to a library or branch."))
    elif not is_participating(campaign, library):
        _add(
            errors,
            "library",
            _("%(library)s has not joined this campaign.") % {"library": library.display_name},
        )
    if errors:
        raise ValidationError(errors)


def figure_data_from_text(
    text: str, *, measure: str = "", note: str = "", default_unit: str = ""
) -> FigureData:
    """Read "300多人次" or "more than 3,000 leaflets" into a :class:`FigureData`.

    ``default_unit`` is used when the phrase names no unit ("300多"). Raises
    ValidationError keyed ``text`` with a message fit for the librarian.
    """
    stripped = text.strip()
    if stripped.startswith(("-", "负", "－")):
        raise ValidationError({"text": [_("A count cannot be negative.")]})
    try:
        parsed = parse_figure_text(stripped)
    except NumberError as exc:
        raise ValidationError(
            {
                "text": [
                    _(
                        "“%(text)s” cannot be read as a figure. Write a number and a unit, "
                        "such as 300多人次 or more than 3,000 leaflets."
                    )
                    % {"text": stripped}
                ]
            }
        ) from exc
    unit = parsed.unit or default_unit
    if not unit:
        raise ValidationError(
            {"text": [_("“%(text)s” names no unit: add one, such as 人次 or copies.") % {"text": stripped}]}
        )
    return FigureData(
        value=_decimal(parsed.value),
        qualifier=parsed.qualifier,
        unit=unit,
        measure=measure,
        note=note,
        source_text=stripped,
    )


def _decimal(value: float | int | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def validate_figure_data(data: FigureData) -> None:
    errors: dict[str, list[str]] = {}
    try:
        value = Decimal(data.value)
    except (InvalidOperation, TypeError, ValueError):
        _add(errors, "value", _("Enter a number."))
    else:
        if not value.is_finite():
            _add(errors, "value", _("Enter a number."))
        elif value < 0:
            _add(errors, "value", _("A count cannot be negative."))
        elif value >= Decimal("1e12"):
            _add(errors, "value", _("This number is too large."))
    if data.unit not in vocab.UNIT_CODES:
        _add(errors, "unit", _("“%(code)s” is not a known unit.") % {"code": data.unit})
    if data.qualifier not in vocab.QUALIFIER_CODES:
        _add(errors, "qualifier", _("“%(code)s” is not a known qualifier.") % {"code": data.qualifier})
    if errors:
        raise ValidationError(errors)


# --------------------------------------------------------------------------- permissions


def _require_edit(acting_user: User, library: Organisation) -> None:
    if not permissions.can_edit_library(acting_user, library):
        raise PermissionDenied(_("You may not change this library's activities."))


def _require_figure_owner(acting_user: User, owner: Organisation) -> None:
    """Figures of a library: its writers. Figures of a bureau (report-wide totals): a bureau admin over it."""
    if owner.is_library:
        _require_edit(acting_user, owner)
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


def _audit_data(data: Any) -> dict[str, Any]:
    return {
        k: (v if isinstance(v, (str, int, bool, type(None))) else str(v))
        for k, v in dataclasses.asdict(data).items()
    }


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
    _require_edit(acting_user, library)
    validate_activity_data(campaign, library, data, allow_outside_campaign=allow_outside_campaign)
    with transaction.atomic():
        activity = Activity.objects.create(
            campaign=campaign, library=library, **{f: getattr(data, f) for f in _ACTIVITY_FIELDS}
        )
        _set_audiences(activity, data.audiences)
        _set_partners(activity, data.partner_names, acting_user=acting_user)
        _sync_sessions(activity)
        record_audit(
            "activity.create", activity, acting_user=acting_user, organisation=library, data=_audit_data(data)
        )
    return activity


def update_activity(activity: Activity, *, data: ActivityData, acting_user: User) -> Activity:
    """Change an activity's fields; its sessions follow the new dates and slot.

    Dates the activity already had stand even if they lie outside the campaign (an imported
    historical record): a change of title must not be refused for them. New dates must overlap it.
    """
    _require_edit(acting_user, activity.library)
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
        _sync_sessions(locked)
        record_audit(
            "activity.update", locked, acting_user=acting_user, organisation=locked.library, data=changed
        )
    return locked


def set_activity_status(activity: Activity, *, status: str, acting_user: User) -> Activity:
    """Move an activity along :attr:`Activity.TRANSITIONS` (planned -> done or cancelled, and back)."""
    _require_edit(acting_user, activity.library)
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


def _sync_sessions(activity: Activity) -> list[Session]:
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
            session.ends_at, session.capacity = end, activity.capacity
            session.save(update_fields=["ends_at", "capacity"])
    return list(activity.sessions.all())


def sync_sessions(activity: Activity, *, acting_user: User) -> list[Session]:
    """Bring ``activity``'s sessions in line with its dates and slot (create and update do this too)."""
    _require_edit(acting_user, activity.library)
    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
        sessions = _sync_sessions(activity)
        record_audit("activity.sessions", activity, acting_user=acting_user, organisation=activity.library)
    return sessions


# --------------------------------------------------------------------------- figures


def _owner(
    activity: Activity | None, campaign: Campaign | None, library: Organisation | None
) -> tuple[Campaign, Organisation]:
    if activity is not None:
        return activity.campaign, activity.library
    if campaign is None or library is None:
        raise TypeError("give an activity, or a campaign and a library")
    return campaign, library


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
    campaign, library = _owner(activity, campaign, library)
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
            value=_decimal(data.value),
            unit=data.unit,
            qualifier=data.qualifier,
            measure=data.measure,
            note=data.note,
            source_text=data.source_text,
        )
        record_audit(
            "figure.create", figure, acting_user=acting_user, organisation=library, data=_audit_data(data)
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
            setattr(locked, field, _decimal(value) if field == "value" else value)
        locked.save()
        record_audit(
            "figure.update",
            locked,
            acting_user=acting_user,
            organisation=locked.library,
            data=_audit_data(data),
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
    _require_edit(acting_user, activity.library)
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
    campaign, library = _owner(activity, campaign, library)
    _require_edit(acting_user, library)
    if not data.outlet.strip():
        raise ValidationError({"outlet": [_("Name the outlet that reported it.")]})
    if data.url and not data.url.startswith(("http://", "https://")):
        raise ValidationError({"url": [_("A link starts with http:// or https://.")]})
    with transaction.atomic():
        media = MediaCoverage.objects.create(
            campaign=campaign, library=library, activity=activity, **dataclasses.asdict(data)
        )
        record_audit(
            "media.create", media, acting_user=acting_user, organisation=library, data=_audit_data(data)
        )
    return media


def add_photo(activity: Activity, *, image: File, caption: str = "", acting_user: User) -> Photo:
    """Attach an uploaded photo to ``activity``. The caller validates the image (an ImageField form)."""
    _require_edit(acting_user, activity.library)
    with transaction.atomic():
        photo = Photo(activity=activity, library=activity.library, caption=caption)
        photo.image.save(image.name or "photo.jpg", image, save=False)
        photo.save()
        record_audit("photo.create", photo, acting_user=acting_user, organisation=activity.library)
    return photo
