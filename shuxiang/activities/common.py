"""What the activity services share: who may write, whose a row is, and how data is audited.

Used by :mod:`shuxiang.activities.services` (activities, sessions, media, photos) and
:mod:`shuxiang.activities.figures`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from shuxiang.activities.models import Activity
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation

User = AbstractBaseUser | AnonymousUser


def require_edit(acting_user: User, library: Organisation) -> None:
    if not permissions.can_edit_library(acting_user, library):
        raise PermissionDenied(_("You may not change this library's activities."))


def owner_of(
    activity: Activity | None, campaign: Campaign | None, library: Organisation | None
) -> tuple[Campaign, Organisation]:
    """The (campaign, library) a figure or media row belongs to: its activity's, or those given."""
    if activity is not None:
        return activity.campaign, activity.library
    if campaign is None or library is None:
        raise TypeError("give an activity, or a campaign and a library")
    return campaign, library


def audit_data(data: Any) -> dict[str, Any]:
    return {
        k: (v if isinstance(v, (str, int, bool, type(None))) else str(v))
        for k, v in dataclasses.asdict(data).items()
    }
