"""Where each part of a record goes, before anything is written.

Every library name as written (and ``None``, the report's own body) is resolved to an
organisation: through ``library_map``, by matching (:mod:`shuxiang.imports.matching`), or
listed as missing for :func:`shuxiang.imports.services.import_record` to create or refuse. The
record's own (report-level) figures go to the library it speaks for, or to a bureau when a
bureau administrator imports a compiled report. The record is then cut into one
:class:`LibraryPart` per library, whose content hash makes an import idempotent.

It only reads; :mod:`shuxiang.imports.services` writes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from django.utils.translation import gettext as _

from shuxiang.activities import services as activity_services
from shuxiang.campaigns.models import Campaign
from shuxiang.imports.errors import ImportProblem, listed
from shuxiang.imports.matching import match_library
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Membership, Organisation
from shuxiang.record import Record
from shuxiang.record import model as record_model

User = AbstractBaseUser | AnonymousUser
LibraryMap = Mapping[str | None, Organisation]

OWN_BODY = None  # the key of ``library_map`` for activities the report's own body ran
REPORT_FIGURES = "\x00figures"  # internal key: who holds the record's own (report-level) figures


@dataclass
class LibraryPart:
    """What one library contributed to a record, as written in it."""

    library: Organisation
    written: set[str] = field(default_factory=set)
    activities: list[record_model.Activity] = field(default_factory=list)
    indices: list[int] = field(default_factory=list)  # each activity's place in the record
    figures: list[record_model.Figure] = field(default_factory=list)
    media: list[record_model.Media] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        return {
            "activities": [asdict(a) for a in self.activities],
            "figures": [asdict(f) for f in self.figures],
            "media": [m.outlet for m in self.media],
        }

    def key(self) -> str:
        canonical = json.dumps(self.data(), sort_keys=True, ensure_ascii=False, default=_number)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(repr(value))


def candidate_libraries(campaign: Campaign) -> list[Organisation]:
    """Libraries a record for ``campaign`` may name: those under its issuer and those taking part."""
    return list(
        Organisation.objects.filter(
            Q(path__startswith=campaign.issuer.path) | Q(participations__campaign=campaign),
            kind__in=Organisation.LIBRARY_KINDS,
        ).distinct()
    )


def _record_body(record: Record, candidates: list[Organisation]) -> Organisation | None:
    """The one library the record speaks for (the one it names, or its reporting body), if any."""
    names = [record.reporting_body] if record.reporting_body else []
    if len(record.libraries) == 1:
        names.insert(0, record.libraries[0])
    for name in names:
        org = match_library(name, candidates)
        if org is not None:
            return org
    return None


def _default_body(
    record: Record, campaign: Campaign, acting_user: User, candidates: list[Organisation]
) -> Organisation | None:
    """Who the report's own body is: the one library it names, its reporting body, or the importer's library.

    A bureau is never the default for activities: they belong to a library taking part.
    """
    org = _record_body(record, candidates)
    if org is not None:
        return org
    membership: Membership | None = permissions.membership_of(acting_user)
    if membership is not None and membership.organisation.is_library:
        return membership.organisation
    return None


def _bureau_for_figures(campaign: Campaign, acting_user: User) -> Organisation | None:
    """The bureau a bureau administrator's import puts report-wide figures on, if any.

    The importer's own bureau when it may hold the campaign's figures (it issued the campaign
    or stands above a participating library), else the issuer when the importer covers it.
    """
    membership: Membership | None = permissions.membership_of(acting_user)
    if membership is None or membership.role != Membership.Role.BUREAU_ADMIN:
        return None
    own = membership.organisation
    if activity_services.may_hold_campaign_figures(campaign, own):
        return own
    if permissions.can_manage_campaign(acting_user, campaign.issuer):
        return campaign.issuer
    return None


def _figures_owner(
    record: Record,
    campaign: Campaign,
    acting_user: User,
    library_map: LibraryMap,
    candidates: list[Organisation],
) -> Organisation:
    """Who holds the record's own figures (a city-wide total, cards issued over the week).

    A record that speaks for one library: that library (or the library mapped to ``None``).
    A bureau's compiled record (it speaks for no single library) imported by a bureau
    administrator: the bureau, whatever library was chosen for unattributed activities.
    """
    if _record_body(record, candidates) is None:
        bureau = _bureau_for_figures(campaign, acting_user)
        if bureau is not None:
            return bureau
    body = library_map.get(OWN_BODY) or _default_body(record, campaign, acting_user, candidates)
    if body is None:
        raise ImportProblem(
            {"library": [_("Choose the library this report speaks for: it names none itself.")]}
        )
    return body


def resolve_libraries(
    record: Record,
    campaign: Campaign,
    acting_user: User,
    library_map: LibraryMap,
    *,
    create_missing: bool,
) -> tuple[dict[str | None, Organisation], list[str]]:
    """Every name as written (and None, the report's own body) -> organisation; names to create."""
    candidates = candidate_libraries(campaign)
    written: list[str | None] = [*record.libraries]
    written += [a.library for a in record.activities]
    written += [m.library for m in record.media]
    resolved: dict[str | None, Organisation] = {}
    if record.figures:
        resolved[REPORT_FIGURES] = _figures_owner(record, campaign, acting_user, library_map, candidates)
    missing: list[str] = []
    for name in dict.fromkeys(written):
        if name in library_map:
            resolved[name] = library_map[name]
        elif name is OWN_BODY or not name.strip():
            body = library_map.get(OWN_BODY) or _default_body(record, campaign, acting_user, candidates)
            if body is None:
                raise ImportProblem(
                    {"library": [_("Choose the library this report speaks for: it names none itself.")]}
                )
            resolved[name] = body
        else:
            org = match_library(name, candidates)
            if org is not None:
                resolved[name] = org
            else:
                missing.append(name)
    if missing and not create_missing:
        raise ImportProblem(
            {
                "library": [
                    _("No library matches %(names)s: map each to a library, or ask the bureau to add it.")
                    % {"names": listed(missing)}
                ]
            }
        )
    return resolved, missing


def split_by_library(record: Record, resolved: dict[str | None, Organisation]) -> list[LibraryPart]:
    """The record cut into one part per library, by the names ``resolved`` placed."""
    parts: dict[int, LibraryPart] = {}

    def part_for(name: str | None) -> LibraryPart:
        org = resolved[name if name and name.strip() else OWN_BODY]
        part = parts.setdefault(org.pk, LibraryPart(library=org))
        if name:
            part.written.add(name)
        return part

    for index, activity in enumerate(record.activities):
        part = part_for(activity.library)
        part.activities.append(activity)
        part.indices.append(index)
    for figure in record.figures:
        owner = resolved[REPORT_FIGURES]
        parts.setdefault(owner.pk, LibraryPart(library=owner)).figures.append(figure)
    for media in record.media:
        part_for(media.library).media.append(media)
    return list(parts.values())
