"""Builders for test objects: one obvious way to make each, with overridable defaults.

Call them directly (``make_library()``) or through the ``create_*`` fixtures in
``tests/conftest.py``. Defaults build a coherent world: a bureau, a library
under it, a campaign issued by the bureau that the library has joined.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from shuxiang.activities.models import Activity, ActivityAudience, Figure
from shuxiang.campaigns.models import Campaign, Participation
from shuxiang.orgs.models import Membership, Organisation
from shuxiang.orgs.services import create_staff_user

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"


def make_bureau(**overrides: Any) -> Organisation:
    fields = {"name": f"广元市文化广播影视新闻出版局 {next(_seq)}", "kind": Organisation.Kind.BUREAU}
    return Organisation.objects.create(**(fields | overrides))


def make_library(parent: Organisation | None = None, **overrides: Any) -> Organisation:
    n = next(_seq)
    fields = {
        "name": f"苍溪县图书馆 {n}",
        "short_name": f"苍溪馆{n}",
        "kind": Organisation.Kind.LIBRARY,
        "parent": parent if parent is not None else make_bureau(),
    }
    return Organisation.objects.create(**(fields | overrides))


def make_user(
    organisation: Organisation, role: str = Membership.Role.STAFF, **overrides: Any
) -> AbstractBaseUser:
    fields = {"username": f"user{next(_seq)}", "password": PASSWORD}
    fields |= overrides
    return create_staff_user(organisation=organisation, role=role, acting_user=None, **fields)


def make_campaign(
    issuer: Organisation | None = None, libraries: tuple[Organisation, ...] = (), **overrides: Any
) -> Campaign:
    fields = {
        "name": "图书馆服务宣传周",
        "theme": "书香中国——阅读引领未来",
        "notice_title": "关于开展2016年图书馆服务宣传周活动的通知",
        "issuer": issuer if issuer is not None else make_bureau(),
        "start_date": dt.date(2016, 5, 27),
        "end_date": dt.date(2016, 6, 2),
        "report_due": dt.date(2016, 6, 10),
    }
    campaign = Campaign.objects.create(**(fields | overrides))
    for library in libraries:
        Participation.objects.create(campaign=campaign, library=library)
    return campaign


def make_activity(
    campaign: Campaign | None = None,
    library: Organisation | None = None,
    audience: tuple[str, ...] = (),
    **overrides: Any,
) -> Activity:
    if library is None:
        library = make_library(parent=campaign.issuer if campaign else None)
    if campaign is None:
        campaign = make_campaign(issuer=library.parent, libraries=(library,))
    fields = {
        "campaign": campaign,
        "library": library,
        "kind": "lecture",
        "title": f"主题讲座 {next(_seq)}",
        "venue": "多媒体阅览室",
        "start_date": campaign.start_date,
    }
    activity = Activity.objects.create(**(fields | overrides))
    ActivityAudience.objects.bulk_create(ActivityAudience(activity=activity, group=g) for g in audience)
    return activity


def make_figure(activity: Activity, **overrides: Any) -> Figure:
    fields = {
        "campaign": activity.campaign,
        "library": activity.library,
        "activity": activity,
        "value": Decimal(300),
        "qualifier": "more_than",
        "unit": "person_time",
        "measure": "attendees",
    }
    return Figure.objects.create(**(fields | overrides))


def make_reader(**overrides: Any) -> Any:
    """A reader account (shuxiang.readers), reachable by phone, adult unless overridden."""
    from shuxiang.readers.models import Reader

    n = next(_seq)
    fields = {"name": f"读者{n}", "phone": f"138{n:08d}"[:11], "age_group": Reader.AgeGroup.ADULT}
    return Reader.objects.create(**(fields | overrides))


def make_open_session(activity: Activity | None = None, capacity: int | None = 10, **overrides: Any) -> Any:
    """A session tomorrow of an activity taking sign-ups, with ``capacity`` places."""
    from django.utils import timezone

    from shuxiang.activities.models import Session

    if activity is None:
        activity = make_activity(signup_open=True, capacity=capacity)
    fields = {
        "activity": activity,
        "library": activity.library,
        "starts_at": timezone.now() + dt.timedelta(days=1),
        "capacity": capacity,
    }
    return Session.objects.create(**(fields | overrides))


def make_png_upload(name: str = "现场.png") -> Any:
    """A small real PNG, as a browser uploads it."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 90, 160)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def files_under(root: Any) -> list[str]:
    """Every file below ``root`` (a MEDIA_ROOT), as sorted relative paths."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
