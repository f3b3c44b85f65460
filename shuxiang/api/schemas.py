"""Request and response shapes. Checks on content (dates, counts, units) stay in the services.

Input fields name their limits (``maxLength`` read from the model, the capacity's and a figure's
range) in the OpenAPI document only: the services enforce them, so a value past a limit answers
422 in the documented shape, ``{"detail", "errors": {field: [message]}}``, in the caller's
language, rather than pydantic's English-only list.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import models
from ninja import Field, Schema

from shuxiang import vocab
from shuxiang.activities import selectors
from shuxiang.activities.models import Activity, Figure, MediaCoverage
from shuxiang.activities.validation import FIGURE_VALUE_LIMIT, MAX_CAPACITY
from shuxiang.api.models import TOKEN_LIFETIME_DAYS, ApiToken
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs.models import Organisation
from shuxiang.web.validation import max_length


def limited_text(model: type[models.Model], name: str, default: Any = ...) -> Any:
    """A text input documented with the ``max_length`` of ``model``'s field ``name``."""
    return Field(default, json_schema_extra={"maxLength": max_length(model, name)})


def limited_names(model: type[models.Model], name: str, default: Any = ...) -> Any:
    """A list of texts, each documented with the ``max_length`` of ``model``'s field ``name``."""
    item = {"type": "string", "maxLength": max_length(model, name)}
    return Field(default, json_schema_extra={"items": item})


def capacity_range() -> Any:
    """Places per session: empty for no limit, else 0 to ``MAX_CAPACITY``."""
    return Field(None, json_schema_extra={"minimum": 0, "maximum": MAX_CAPACITY})


class OrgRef(Schema):
    id: int
    name: str
    short_name: str


class CampaignOut(Schema):
    id: int
    name: str
    theme: str
    notice_title: str
    issuer: OrgRef
    start_date: dt.date
    end_date: dt.date
    report_due: dt.date | None
    description: str


class CampaignIn(Schema):
    name: str = limited_text(Campaign, "name")
    start_date: dt.date
    end_date: dt.date
    theme: str = limited_text(Campaign, "theme", "")
    notice_title: str = limited_text(Campaign, "notice_title", "")
    report_due: dt.date | None = None
    description: str = ""
    issuer_id: int | None = None  # default: the acting user's bureau


class JoinIn(Schema):
    library_id: int


class FigureIn(Schema):
    """``text`` as a librarian writes it ("300多人次"), or ``value`` with ``unit`` and ``qualifier``."""

    text: str | None = limited_text(Figure, "source_text", None)
    value: Decimal | None = Field(
        None, json_schema_extra={"minimum": 0, "exclusiveMaximum": float(FIGURE_VALUE_LIMIT)}
    )
    unit: str | None = None
    qualifier: str = "exact"
    measure: str = limited_text(Figure, "measure", "")
    note: str = limited_text(Figure, "note", "")


class FigureOut(Schema):
    id: int
    activity_id: int | None
    library_id: int
    value: float
    qualifier: str
    unit: str
    measure: str
    note: str
    source_text: str
    counted: bool
    label: str

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return vocab.label(obj.unit, "zh")


class MediaIn(Schema):
    outlet: str = limited_text(MediaCoverage, "outlet")
    date: dt.date | None = None
    headline: str = limited_text(MediaCoverage, "headline", "")
    url: str = limited_text(MediaCoverage, "url", "")


class MediaOut(Schema):
    id: int
    activity_id: int | None
    outlet: str
    date: dt.date | None
    headline: str
    url: str


class ActivityIn(Schema):
    campaign_id: int
    library_id: int
    kind: str
    title: str = limited_text(Activity, "title")
    start_date: dt.date
    end_date: dt.date | None = None
    description: str = ""
    venue: str = limited_text(Activity, "venue", "")
    daily_start_time: dt.time | None = None
    daily_end_time: dt.time | None = None
    repeats_daily: bool = False
    audiences: list[str] = []
    partners: list[str] = limited_names(Organisation, "name", [])
    capacity: int | None = capacity_range()
    signup_open: bool = False
    visibility: str = "public"
    date_precision: str = "day"  # "month": only the month is known; "none": undated (spans the campaign)
    figures: list[FigureIn] = []


class ActivityPatch(Schema):
    """Only the fields given change."""

    kind: str | None = None
    title: str | None = limited_text(Activity, "title", None)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    description: str | None = None
    venue: str | None = limited_text(Activity, "venue", None)
    daily_start_time: dt.time | None = None
    daily_end_time: dt.time | None = None
    repeats_daily: bool | None = None
    audiences: list[str] | None = None
    partners: list[str] | None = limited_names(Organisation, "name", None)
    capacity: int | None = capacity_range()
    signup_open: bool | None = None
    visibility: str | None = None
    date_precision: str | None = None


class ActivityOut(Schema):
    id: int
    campaign_id: int
    library: OrgRef
    kind: str
    title: str
    description: str
    venue: str
    start_date: dt.date
    end_date: dt.date | None
    daily_start_time: dt.time | None
    daily_end_time: dt.time | None
    repeats_daily: bool
    capacity: int | None
    signup_open: bool
    visibility: str
    date_precision: str
    status: str
    audiences: list[str]

    @staticmethod
    def resolve_audiences(obj: Any) -> list[str]:
        return [a.group for a in obj.audiences.all()]


class ActivityDetail(ActivityOut):
    partners: list[str]
    figures: list[FigureOut]
    media: list[MediaOut]

    @staticmethod
    def resolve_partners(obj: Any) -> list[str]:
        return [p.name for p in obj.partners.all()]

    @staticmethod
    def resolve_figures(obj: Any, context: Any) -> list[Any]:
        """What the caller may read, as on the activity page: in-progress figures for staff only."""
        request = (context or {}).get("request")
        user = request.user if request is not None else AnonymousUser()  # no request: show the public
        return selectors.shown_figures(user, obj)

    @staticmethod
    def resolve_media(obj: Any) -> list[Any]:
        return list(obj.media.all())


class TokenIn(Schema):
    name: str = limited_text(ApiToken, "name")
    # Days until the token stops working: 1 to TOKEN_LIFETIME_DAYS (the default). Checked by the
    # service, so a value out of range answers 422 in the documented shape.
    expires_in_days: int = Field(
        TOKEN_LIFETIME_DAYS, json_schema_extra={"minimum": 1, "maximum": TOKEN_LIFETIME_DAYS}
    )


class TokenOut(Schema):
    id: int
    name: str
    hint: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreated(TokenOut):
    token: str


class Detail(Schema):
    detail: str


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ExtractIn(Schema):
    text: str


class ImportIn(Schema):
    record: dict[str, Any]
    library_id: int | None = None  # the library for activities the record names none for
    library_map: dict[str, int] = {}  # name as written -> organisation id
    # Earlier imports (batch ids) this record may replace: a corrected record of a library that
    # already has an import here is refused (422, ``errors.replace`` says what it would remove,
    # ``errors.replace_batches`` the ids) until it is sent again with those ids.
    replace: list[int] = []


class ImportOut(Schema):
    duplicate: bool
    activities: int
    figures: int
    media: int
    created_libraries: list[str]
    notes: list[str]
