"""The data an activity service takes, and the checks on it that need no write.

:class:`ActivityData`, :class:`FigureData` and :class:`MediaData` are what forms, the JSON API
and imports hand to :mod:`shuxiang.activities.services` and :mod:`shuxiang.activities.figures`.
The checks raise :class:`~django.core.exceptions.ValidationError` keyed by field name; forms call
them in ``clean`` and the services call them again before writing. They are the only checks the
JSON API has (no form layer), so they refuse everything the database would: text longer than its
column (read from the model) or holding a NUL character (PostgreSQL stores none), counts past
their column, and a capacity past :data:`MAX_CAPACITY` (defined in the models, whose field
validators hold the Django admin to it too). Texts go through :mod:`shuxiang.web.validation`,
shared with the campaign and API token services: one-line texts hold no control character at all,
multi-line ones (description, a figure's note and the phrase it was read from) only line breaks
and tabs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from shuxiang import vocab
from shuxiang.activities.models import MAX_CAPACITY, Activity, Figure, MediaCoverage
from shuxiang.campaigns.models import Campaign
from shuxiang.campaigns.services import is_participating
from shuxiang.numerals import NumberError, parse_figure_text
from shuxiang.orgs.models import Organisation
from shuxiang.web.validation import add_error, check_model_texts, check_text, max_length


def _figure_value_limit() -> Decimal:
    """The first value too large for ``Figure.value`` (a DecimalField: 10 ** its whole digits)."""
    field = Figure._meta.get_field("value")
    assert isinstance(field, models.DecimalField)
    return Decimal(10) ** (field.max_digits - field.decimal_places)


FIGURE_VALUE_LIMIT = _figure_value_limit()

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

# Free text that may run over lines (a figure's note, the phrase it was read from); the activity's
# description is a TextField and multi-line anyway. Every other text is one line (title, venue,
# outlet, headline, measure, partner names): see shuxiang.web.validation.
MULTILINE_FIGURE_TEXTS = frozenset({"note", "source_text"})


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
        add_error(errors, "kind", _("“%(code)s” is not a known activity kind.") % {"code": data.kind})
    if not data.title.strip():
        add_error(errors, "title", _("Give the activity a title."))
    for group in data.audiences:
        if group not in vocab.AUDIENCE_CODES:
            add_error(errors, "audiences", _("“%(code)s” is not a known audience group.") % {"code": group})
    if data.visibility not in Activity.Visibility.values:
        add_error(errors, "visibility", _("Choose public or internal."))
    if data.end_date is not None and data.end_date < data.start_date:
        add_error(errors, "end_date", _("The activity cannot end before it starts."))
    elif not allow_outside_campaign and not overlaps_campaign(campaign, data.start_date, data.end_date):
        add_error(
            errors,
            "start_date",
            _("The activity must take place during the campaign, %(start)s to %(end)s.")
            % {"start": campaign.start_date.isoformat(), "end": campaign.end_date.isoformat()},
        )
    if data.date_precision not in Activity.DatePrecision.values:
        add_error(errors, "date_precision", _("Choose how much of the dates is known."))
    elif data.date_precision != Activity.DatePrecision.DAY and (data.signup_open or data.repeats_daily):
        add_error(errors, "date_precision", _("Readers can only sign up for activities with known days."))
    if data.daily_start_time and data.daily_end_time and data.daily_end_time <= data.daily_start_time:
        add_error(errors, "daily_end_time", _("The time slot cannot end before it starts."))
    if data.daily_end_time and not data.daily_start_time:
        add_error(errors, "daily_start_time", _("Give a start time for the time slot."))
    if data.repeats_daily and not data.daily_start_time:
        add_error(errors, "daily_start_time", _("A slot that repeats every day needs a start time."))
    if data.capacity is not None and data.capacity < 0:
        add_error(errors, "capacity", _("The capacity cannot be negative."))
    elif data.capacity is not None and data.capacity > MAX_CAPACITY:
        add_error(errors, "capacity", capacity_limit_message())
    if data.signup_open and data.visibility != Activity.Visibility.PUBLIC:
        add_error(errors, "signup_open", _("Readers can only sign up for public activities."))
    if not library.is_library:
        add_error(errors, "library", _("Activities belong to a library or branch."))
    elif not is_participating(campaign, library):
        add_error(
            errors,
            "library",
            _("%(library)s has not joined this campaign.") % {"library": library.display_name},
        )
    check_model_texts(errors, Activity, data)
    for name in data.partner_names:  # each becomes an Organisation named as written
        if "partners" not in errors:
            check_text(errors, "partners", name.strip(), max_length(Organisation, "name"))
    if errors:
        raise ValidationError(errors)


def capacity_limit_message() -> str:
    """Why a capacity past :data:`MAX_CAPACITY` is refused (the activity form, the API, the desk)."""
    return _(
        "A session can offer at most %(limit)s places. For a larger event, leave the capacity "
        "empty (no limit)."
    ) % {"limit": MAX_CAPACITY}


def figure_data_from_text(
    text: str, *, measure: str = "", note: str = "", default_unit: str = ""
) -> FigureData:
    """Read "300多人次" or "more than 3,000 leaflets" into a :class:`FigureData`.

    ``default_unit`` is used when the phrase names no unit ("300多"). Raises
    ValidationError keyed ``text`` with a message fit for the librarian.
    """
    stripped = text.strip()
    errors: dict[str, list[str]] = {}
    check_text(errors, "text", stripped, max_length(Figure, "source_text"), multiline=True)  # kept as written
    if errors:
        raise ValidationError(errors)
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
        value=figure_value(parsed.value),
        qualifier=parsed.qualifier,
        unit=unit,
        measure=measure,
        note=note,
        source_text=stripped,
    )


def figure_value(value: float | int | Decimal) -> Decimal:
    """A figure's value as stored: a Decimal to the hundredth.

    A value with too many digits to round (1e40 read from "10000...0人次") is returned as it is,
    for :func:`validate_figure_data` to refuse as too large.
    """
    decimal = Decimal(str(value))
    try:
        return decimal.quantize(Decimal("0.01"))
    except InvalidOperation:
        return decimal


def validate_figure_data(data: FigureData) -> None:
    errors: dict[str, list[str]] = {}
    try:
        value = Decimal(data.value)
    except (InvalidOperation, TypeError, ValueError):
        add_error(errors, "value", _("Enter a number."))
    else:
        if not value.is_finite():
            add_error(errors, "value", _("Enter a number."))
        elif value < 0:
            add_error(errors, "value", _("A count cannot be negative."))
        elif value >= FIGURE_VALUE_LIMIT:
            add_error(errors, "value", _("This number is too large."))
    if data.unit not in vocab.UNIT_CODES:
        add_error(errors, "unit", _("“%(code)s” is not a known unit.") % {"code": data.unit})
    if data.qualifier not in vocab.QUALIFIER_CODES:
        add_error(errors, "qualifier", _("“%(code)s” is not a known qualifier.") % {"code": data.qualifier})
    check_model_texts(errors, Figure, data, keys={"source_text": "text"}, multiline=MULTILINE_FIGURE_TEXTS)
    if errors:
        raise ValidationError(errors)


def validate_media_data(data: MediaData) -> None:
    """An outlet named, a link that starts with http(s), and every text within its column."""
    errors: dict[str, list[str]] = {}
    if not data.outlet.strip():
        add_error(errors, "outlet", _("Name the outlet that reported it."))
    if data.url and not data.url.startswith(("http://", "https://")):
        add_error(errors, "url", _("A link starts with http:// or https://."))
    check_model_texts(errors, MediaCoverage, data)
    if errors:
        raise ValidationError(errors)
