"""The library names of a report as the review page lists them, and what saving does with each.

Every name as written is either matched to one library of the campaign (shown, nothing to
choose) or needs a choice (:class:`NameRow` with ``library`` None): a name no library of the
campaign matches, a placeholder (xx Library, 某某图书馆), or the name of another bureau's library.
Names that would be one new library (昭化区图书馆, 昭化馆) share a row. For each such row the user
maps the names to a library of the campaign they may write for, leaves their activities to the
library chosen for activities that name none (the default), or creates the library (only users
who may add libraries to the campaign: a bureau admin over its issuer; never a placeholder).

The page is computed before a campaign is chosen, against every campaign the user may import
into; the save computes it again for the chosen campaign, and :meth:`NamePlan.key` tells whether
the page showed exactly that. It reads only.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from shuxiang.campaigns.models import Campaign
from shuxiang.imports.matching import libraries_named, match_first, placeholder
from shuxiang.imports.placement import (
    TO_DEFAULT,
    NewLibrary,
    Placed,
    Tiers,
    User,
    campaign_tiers,
    group_names,
    libraries_outside,
    written_names,
)
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation
from shuxiang.record import Record

DEFAULT = "default"  # the choice: leave the activities to the library for activities that name none
CREATE = "create"  # the choice: create the library under the campaign's issuer


@dataclass
class NameRow:
    """One library as the report writes it (one name, or several that would be one new library)."""

    names: list[str]
    mentions: int  # activities and media items that name it
    library: Organisation | None = None  # the one library of the campaign it matches
    placeholder: bool = False  # anonymised (xx Library): never created
    elsewhere: list[Organisation] = field(default_factory=list)  # other bureaus' libraries of this name

    @property
    def needs_choice(self) -> bool:
        return self.library is None

    @property
    def may_be_created(self) -> bool:
        return not self.placeholder


@dataclass
class Scope:
    """What names are matched against, what they may be mapped to, and whether libraries may be added."""

    libraries: Tiers  # matched in this order (the campaign's bureau first)
    options: list[Organisation]
    may_create: bool
    campaign: Campaign | None = None


@dataclass
class NamePlan:
    rows: list[NameRow]
    scope: Scope

    @property
    def matched(self) -> list[NameRow]:
        return [r for r in self.rows if not r.needs_choice]

    @property
    def to_choose(self) -> list[NameRow]:
        return [r for r in self.rows if r.needs_choice]

    def choices(self, row: NameRow) -> list[tuple[str, Organisation | None]]:
        """The choices a row offers, as (value, library): leave, create (when allowed), map."""
        offered: list[tuple[str, Organisation | None]] = [(DEFAULT, None)]
        if self.scope.may_create and row.may_be_created:
            offered.append((CREATE, None))
        return offered + [(str(o.pk), o) for o in self.scope.options]

    def key(self) -> str:
        """What the page said, as a digest: the save goes ahead only if it says the same."""
        said = {
            "rows": [
                [r.names, r.library.pk if r.library else None, [c for c, _o in self.choices(r)]]
                for r in self.rows
            ],
        }
        return hashlib.sha256(json.dumps(said, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]

    def library_map(
        self, chosen: dict[tuple[str, ...], str]
    ) -> dict[str | None, Organisation | NewLibrary | Placed]:
        """The ``library_map`` for :func:`~shuxiang.imports.services.import_record` doing what the page said.

        ``chosen`` maps a row's names to one of its :meth:`choices` (already validated); matched
        names are mapped to their library too, so the save never matches them differently.
        """
        options = {str(o.pk): o for o in self.scope.options}
        out: dict[str | None, Organisation | NewLibrary | Placed] = {}
        for row in self.rows:
            if row.library is not None:
                out |= dict.fromkeys(row.names, row.library)
                continue
            choice = chosen.get(tuple(row.names), DEFAULT)
            if choice == CREATE:
                out |= dict.fromkeys(row.names, NewLibrary(row.names[0]))
            elif choice in options:
                out |= dict.fromkeys(row.names, options[choice])
            else:
                out |= dict.fromkeys(row.names, TO_DEFAULT)
        return out


def scope_for(user: User, campaign: Campaign | None, campaigns: Iterable[Campaign] = ()) -> Scope:
    """The campaign's libraries; before one is chosen, those of every campaign in ``campaigns``."""
    if campaign is not None:
        libraries = campaign_tiers(campaign)
        may_create = permissions.can_manage_campaign(user, campaign.issuer)
    else:
        chosen = list(campaigns)
        where = Q(participations__campaign__in=chosen)
        for issuer in {c.issuer for c in chosen}:
            where |= Q(path__startswith=issuer.path)
        libraries = [
            list(Organisation.objects.filter(where, kind__in=Organisation.LIBRARY_KINDS).distinct())
            if chosen
            else []
        ]
        may_create = any(permissions.can_manage_campaign(user, c.issuer) for c in chosen)
    editable = set(permissions.editable_libraries(user).values_list("pk", flat=True))
    options = sorted((o for tier in libraries for o in tier if o.pk in editable), key=lambda o: o.path)
    return Scope(libraries=libraries, options=options, may_create=may_create, campaign=campaign)


def plan_names(record: Record, scope: Scope) -> NamePlan:
    """Every library name the record writes, matched in ``scope`` or grouped into rows to choose for."""
    mentions = Counter(a.library for a in record.activities) + Counter(m.library for m in record.media)
    rows: list[NameRow] = []
    unmatched: list[str] = []
    for name in written_names(record):
        if name is None or not name.strip():
            continue
        org = match_first(name, scope.libraries)
        if org is not None:
            rows.append(NameRow([name], mentions[name], library=org))
        else:
            unmatched.append(name)
    outside = libraries_outside(scope.libraries) if unmatched else []
    for group in group_names(unmatched):
        elsewhere = {o.pk: o for name in group for o in libraries_named(name, outside)}
        rows.append(
            NameRow(
                group,
                sum(mentions[n] for n in group),
                placeholder=any(placeholder(n) for n in group),
                elsewhere=list(elsewhere.values()),
            )
        )
    return NamePlan(rows=rows, scope=scope)
