"""Where each part of a record goes, before anything is written.

Every library name as written (and ``None``, the report's own body) is resolved to an
organisation: through ``library_map`` (a library, a :class:`NewLibrary` to create, or
:data:`TO_DEFAULT`), by matching (:mod:`shuxiang.imports.matching`) among the campaign's
libraries, or listed as missing for :func:`shuxiang.imports.services.import_record` to create or
refuse. A placeholder (xx Library, 某某图书馆) is never created: its activities go where those
naming no library go. A name that matches only a library outside the campaign (another bureau's)
is never placed there, nor created beside it, unless ``library_map`` says what to do. The
record's own (report-level) figures go to the library it speaks for, or to a bureau when a
bureau administrator imports a compiled report. The record is then cut into one
:class:`LibraryPart` per library, whose content hash makes an import idempotent.

It only reads; :mod:`shuxiang.imports.services` writes.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from shuxiang.activities import services as activity_services
from shuxiang.campaigns.models import Campaign
from shuxiang.imports.errors import ImportProblem, listed
from shuxiang.imports.matching import libraries_named, match_first, matches, placeholder
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Membership, Organisation
from shuxiang.record import Record
from shuxiang.record import model as record_model

User = AbstractBaseUser | AnonymousUser


class Placed(enum.Enum):
    """Where a name goes that is no library of its own."""

    DEFAULT = "default"  # with the activities that name no library (``library_map[None]``)


TO_DEFAULT = Placed.DEFAULT


@dataclass(frozen=True)
class NewLibrary:
    """A library to create under the campaign's issuer; names mapped to equal values share it."""

    name: str


LibraryMap = Mapping[str | None, Organisation | NewLibrary | Placed]

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


Tiers = list[list[Organisation]]


def campaign_tiers(campaign: Campaign) -> Tiers:
    """:func:`candidate_libraries` in the order names are matched: under the issuer, then the others."""
    found = candidate_libraries(campaign)
    return [
        [o for o in found if o.is_within(campaign.issuer)],
        [o for o in found if not o.is_within(campaign.issuer)],
    ]


def libraries_outside(tiers: Tiers) -> list[Organisation]:
    """Every other library (another bureau's): a name matching one is never placed there silently."""
    return list(
        Organisation.objects.filter(kind__in=Organisation.LIBRARY_KINDS)
        .exclude(pk__in=[o.pk for tier in tiers for o in tier])
        .select_related("parent")
    )


def group_names(names: Iterable[str]) -> list[list[str]]:
    """Names no library matches, grouped by the library they would be (昭化区图书馆 and 昭化馆 are one).

    A name joins the one earlier group it matches by the rule of :mod:`~shuxiang.imports.matching`;
    the group's first name is the name the new library takes.
    """
    groups: list[list[str]] = []
    for name in names:
        found = matches(name, groups, lambda group: group)
        if len(found) == 1:
            found[0].append(name)
        else:
            groups.append([name])
    return groups


def written_names(record: Record) -> list[str | None]:
    """Every library name as written, in order of first appearance (None: activities naming none)."""
    written: list[str | None] = [*record.libraries]
    written += [a.library for a in record.activities]
    written += [m.library for m in record.media]
    return list(dict.fromkeys(written))


def _record_body(record: Record, candidates: Tiers) -> Organisation | None:
    """The one library the record speaks for (the one it names, or its reporting body), if any."""
    names = [record.reporting_body] if record.reporting_body else []
    if len(record.libraries) == 1:
        names.insert(0, record.libraries[0])
    for name in names:
        org = match_first(name, candidates)
        if org is not None:
            return org
    return None


def _default_body(
    record: Record, campaign: Campaign, acting_user: User, candidates: Tiers
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
    candidates: Tiers,
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
) -> tuple[dict[str | None, Organisation], dict[str, NewLibrary]]:
    """Every name as written (and None, the report's own body) -> organisation; names to create.

    ``library_map`` decides first; then a name matching one library of the campaign goes there, a
    placeholder goes with the activities naming no library, and the rest are created (grouped by
    :func:`group_names`) when ``create_missing``, else refused. A name that matches only libraries
    outside the campaign is refused unless mapped: placing it there, or creating a second library
    of that name, must be the user's choice.
    """
    candidates = campaign_tiers(campaign)
    resolved: dict[str | None, Organisation] = {}
    if record.figures:
        resolved[REPORT_FIGURES] = _figures_owner(record, campaign, acting_user, library_map, candidates)
    missing: dict[str, NewLibrary] = {}
    to_default: list[str | None] = []
    unmatched: list[str] = []
    for name in written_names(record):
        choice = library_map.get(name) if name is not OWN_BODY else None
        if name is OWN_BODY or not name.strip() or choice is TO_DEFAULT:
            to_default.append(name)
        elif isinstance(choice, Organisation):
            resolved[name] = choice
        elif isinstance(choice, NewLibrary):
            if placeholder(name):
                raise ImportProblem(
                    {
                        "library": [
                            _("%(name)s is an anonymised name: no library is created for it.")
                            % {"name": name}
                        ]
                    }
                )
            missing[name] = choice
        elif (org := match_first(name, candidates)) is not None:
            resolved[name] = org
        elif placeholder(name):
            to_default.append(name)
        else:
            unmatched.append(name)
    if unmatched:
        outside = libraries_outside(candidates)
        for name in unmatched:
            elsewhere = libraries_named(name, outside)
            if elsewhere:
                raise ImportProblem(
                    {
                        "library": [
                            _(
                                "%(name)s is the name of %(libraries)s, which does not take part in this "
                                "campaign: map it to a library of the campaign, or leave its activities to "
                                "the library for activities without one."
                            )
                            % {"name": name, "libraries": listed(_where(o) for o in elsewhere)}
                        ]
                    }
                )
        if not create_missing:
            raise ImportProblem(
                {
                    "library": [
                        _("No library matches %(names)s: map each to a library, or ask the bureau to add it.")
                        % {"names": listed(unmatched)}
                    ]
                }
            )
        for group in group_names(unmatched):
            missing |= dict.fromkeys(group, NewLibrary(group[0]))
    if missing and not create_missing:
        raise PermissionDenied(
            _("Only the bureau that issued the campaign may add libraries: %(names)s.")
            % {"names": listed(missing)}
        )
    if to_default:
        body = library_map.get(OWN_BODY) or _default_body(record, campaign, acting_user, candidates)
        if not isinstance(body, Organisation):
            named = [n for n in to_default if n and n.strip()]
            raise ImportProblem(
                {
                    "library": [
                        _(
                            "Choose the library for activities that name no library: the activities of "
                            "%(names)s go there too."
                        )
                        % {"names": listed(named)}
                        if named
                        else _("Choose the library this report speaks for: it names none itself.")
                    ]
                }
            )
        if any(not n or not n.strip() for n in to_default):
            to_default.append(OWN_BODY)  # split_by_library files blank names under OWN_BODY
        resolved |= dict.fromkeys(to_default, body)
    return resolved, missing


def _where(org: Organisation) -> str:
    """古县图书馆 (山西省图书馆学会): a library with the body above it."""
    return f"{org.name} ({org.parent.name})" if org.parent else org.name


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
