"""Save a report record into a campaign: activities, figures, media and partners.

``import_record`` is the one write of this app. It

- matches every library the record names (as written: 苍溪馆, 昭化区图书馆, 市图书馆) to an
  organisation (see :mod:`shuxiang.imports.matching`), or creates it under the campaign's
  issuer when the acting user manages that campaign;
- checks that the acting user may edit every library it writes for (PermissionDenied otherwise);
- reads the record's EDTF dates against the campaign without inventing any (a missing date
  leaves the activity undated, spanning the campaign; 20XX takes a year only from the record's
  own campaign dates or, when those have none either, from the campaign; dates outside the
  campaign are kept as written), each assumption with a note;
- puts the record-level figures of a bureau's compiled report (one that speaks for no single
  library) on the bureau when a bureau administrator imports it;
- is idempotent per campaign and library: the hash of a library's part of the record is
  stored in :class:`~shuxiang.imports.models.ImportBatch` under a unique constraint, so the
  same record imported twice (or by two requests at once) writes once;
- replaces, once the user confirmed it, a library's earlier import of different content
  (a corrected report) instead of adding to it (see :mod:`shuxiang.imports.replace`);
- runs in one transaction and leaves an audit row per library part.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from shuxiang import vocab
from shuxiang.activities import services as activity_services
from shuxiang.activities.models import Activity, Figure
from shuxiang.activities.services import ActivityData, FigureData, MediaData
from shuxiang.campaigns.models import Campaign, Participation
from shuxiang.campaigns.services import join_campaign
from shuxiang.imports import replace as replacing
from shuxiang.imports.dates import known_year, resolve_dates
from shuxiang.imports.errors import ImportProblem, ReplaceRequired, listed
from shuxiang.imports.matching import match_library
from shuxiang.imports.models import ImportBatch
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Membership, Organisation
from shuxiang.orgs.services import create_organisation, record_audit
from shuxiang.record import Record
from shuxiang.record import model as record_model

User = AbstractBaseUser | AnonymousUser
LibraryMap = Mapping[str | None, Organisation]
__all__ = ["ImportProblem", "ImportResult", "ReplaceRequired", "import_record"]

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


@dataclass
class ImportResult:
    batches: list[ImportBatch] = field(default_factory=list)
    skipped: list[ImportBatch] = field(default_factory=list)  # parts imported before: nothing written
    replaced: list[replacing.EarlierImport] = field(default_factory=list)  # earlier imports removed
    created_libraries: list[Organisation] = field(default_factory=list)
    activities: int = 0
    figures: int = 0
    media: int = 0
    partners: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def duplicate(self) -> bool:
        """True when every part had been imported before and nothing was written."""
        return not self.batches and bool(self.skipped)


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


def _resolve_libraries(
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


def _parts(record: Record, resolved: dict[str | None, Organisation]) -> list[LibraryPart]:
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


def _check_may_write(parts: list[LibraryPart], campaign: Campaign, acting_user: User) -> None:
    denied = [p.library for p in parts if not replacing.may_write(acting_user, p.library)]
    if denied:
        raise PermissionDenied(
            _("You may not record activities for %(libraries)s.")
            % {"libraries": listed(o.display_name for o in denied)}
        )


def _ensure_participation(campaign: Campaign, library: Organisation, acting_user: User) -> None:
    if not library.is_library or Participation.objects.filter(campaign=campaign, library=library).exists():
        return
    if not permissions.can_join_campaign(acting_user, library):
        raise PermissionDenied(
            _("%(library)s has not joined this campaign; its administrator must enrol it first.")
            % {"library": library.display_name}
        )
    join_campaign(campaign, library=library, acting_user=acting_user)


def _figure_data(figure: record_model.Figure) -> FigureData:
    return FigureData(
        value=Decimal(str(figure.value)),
        qualifier=figure.qualifier,
        unit=figure.unit,
        measure=(figure.measure or "")[:64],
        source_text=(figure.text or "")[:500],
    )


def _with_path(path: str, exc: ValidationError) -> ImportProblem:
    """A service's field errors, renamed to the record path they came from (activities[3].start_date)."""
    if hasattr(exc, "error_dict"):
        return ImportProblem({f"{path}.{k}": v for k, v in exc.message_dict.items()})
    return ImportProblem({path: exc.messages})


def record_year(record: Record) -> int | None:
    """The year the record gives its own campaign (None when it writes 20XX or no date)."""
    return known_year(record.campaign.start) or known_year(record.campaign.end)


def _save_activity(
    index: int,
    item: record_model.Activity,
    *,
    part: LibraryPart,
    campaign: Campaign,
    acting_user: User,
    year: int | None,
) -> tuple[Activity, list[str]]:
    dates = resolve_dates(item.start, item.end, campaign.start_date, campaign.end_date, record_year=year)
    title = (item.title or vocab.KINDS_BY_CODE[item.kind].label("zh")).strip()[:300]
    data = ActivityData(
        kind=item.kind,
        title=title,
        start_date=dates.start,
        end_date=dates.end,
        venue=(item.venue or "")[:200],
        audiences=tuple(dict.fromkeys(item.audience)),
        partner_names=tuple(p[:200] for p in item.partners),
        date_precision=dates.precision,
    )
    path = f"activities[{index}]"
    try:
        activity = activity_services.create_activity(
            campaign=campaign,
            library=part.library,
            data=data,
            acting_user=acting_user,
            allow_outside_campaign=True,  # a historical record keeps its dates, with a note
        )
        for n, figure in enumerate(item.figures):
            path = f"activities[{index}].figures[{n}]"
            activity_services.add_figure(
                activity=activity, data=_figure_data(figure), acting_user=acting_user
            )
        if activity.last_date < timezone.localdate():
            activity = activity_services.mark_activity_done(activity, acting_user=acting_user)
    except ValidationError as exc:
        raise _with_path(path, exc) from exc
    return activity, [f"activities[{index}] {title}: {n}" for n in dates.notes]


def _save_part(
    part: LibraryPart,
    *,
    campaign: Campaign,
    acting_user: User,
    result: ImportResult,
    title: str,
    year: int | None = None,
    earlier: Sequence[replacing.EarlierImport] = (),
) -> ImportBatch | None:
    key = part.key()
    current = ImportBatch.objects.filter(campaign=campaign, library=part.library, superseded_at__isnull=True)
    existing = current.filter(key=key).first()
    if existing is not None:
        result.skipped.append(existing)
        return None
    for item in earlier:  # confirmed by the user, surveyed under lock in this transaction
        replacing.replace(item, acting_user=acting_user)
    try:
        with transaction.atomic():  # a savepoint: a racing import of the same part loses here
            batch = ImportBatch.objects.create(
                campaign=campaign,
                library=part.library,
                key=key,
                title=title[:300],
                part=part.data(),
                created_by=acting_user if acting_user.is_authenticated else None,
            )
    except IntegrityError:
        if earlier:  # unreachable while the library is locked; never keep a removal without its import
            raise
        result.skipped.append(current.get(key=key))
        return None
    _ensure_participation(campaign, part.library, acting_user)
    notes: list[str] = [n for item in earlier if (n := item.kept_note())]
    ids: list[int] = []
    figure_ids: list[int] = []
    media_ids: list[int] = []
    for index, item in zip(part.indices, part.activities, strict=True):
        activity, activity_notes = _save_activity(
            index, item, part=part, campaign=campaign, acting_user=acting_user, year=year
        )
        ids.append(activity.pk)
        notes += activity_notes
        result.activities += 1
        result.figures += len(item.figures)
        result.partners += len(set(item.partners))
    for n, figure in enumerate(part.figures):
        try:
            added = activity_services.add_figure(
                campaign=campaign, library=part.library, data=_figure_data(figure), acting_user=acting_user
            )
        except ValidationError as exc:
            raise _with_path(f"figures[{n}]", exc) from exc
        figure_ids.append(added.pk)
        result.figures += 1
    for n, media in enumerate(part.media):
        try:
            coverage = activity_services.add_media_coverage(
                campaign=campaign,
                library=part.library,
                data=MediaData(outlet=media.outlet[:200]),
                acting_user=acting_user,
            )
        except ValidationError as exc:
            raise _with_path(f"media[{n}]", exc) from exc
        media_ids.append(coverage.pk)
        result.media += 1
    batch.notes = notes
    batch.activity_ids = ids
    batch.figure_ids = [*Figure.objects.filter(activity_id__in=ids).values_list("pk", flat=True), *figure_ids]
    batch.media_ids = media_ids
    batch.save(update_fields=["notes", "activity_ids", "figure_ids", "media_ids"])
    result.notes += notes
    record_audit(
        "import.create",
        batch,
        acting_user=acting_user,
        organisation=part.library,
        summary=f"{title} -> {part.library.display_name}",
        data={
            "campaign": campaign.pk,
            "activities": len(part.activities),
            "figures": len(part.figures) + sum(len(a.figures) for a in part.activities),
            "media": len(part.media),
            "notes": notes,
            "replaces": [item.batch.pk for item in earlier],
        },
    )
    replacing.link(earlier, batch, acting_user=acting_user)
    result.replaced += earlier
    return batch


def import_record(
    record: Record,
    *,
    campaign: Campaign,
    acting_user: User,
    library_map: LibraryMap | None = None,
    replace: Collection[int] = (),
) -> ImportResult:
    """Save ``record`` into ``campaign`` as activities, figures, media and partners.

    ``library_map`` maps names as written in the record to organisations (key ``None``:
    the report's own body, for activities that name no library). Unmapped names are
    matched against the libraries under the campaign's issuer; a name nothing matches is
    created under the issuer if ``acting_user`` manages the campaign, else refused.
    Raises PermissionDenied if the user may not edit one of the libraries, and
    :class:`ImportProblem` (a ValidationError) if the record cannot be placed.

    A part whose library already has an import of other content in ``campaign`` replaces it
    only when that earlier batch's id is in ``replace`` (the user saw it and confirmed);
    otherwise :class:`ReplaceRequired` is raised and nothing is written.
    """
    record_model.validate(record_model.dump(record))
    if not acting_user.is_authenticated:
        raise PermissionDenied(_("Sign in to import a report."))
    may_create = permissions.can_manage_campaign(acting_user, campaign.issuer)
    result = ImportResult()
    with transaction.atomic():
        resolved, missing = _resolve_libraries(
            record, campaign, acting_user, library_map or {}, create_missing=may_create
        )
        for name in missing:
            same = match_library(name, result.created_libraries)  # 昭化馆 after 昭化区图书馆
            if same is not None:
                resolved[name] = same
                continue
            org = create_organisation(
                name=name[:200],
                short_name=name[:100] if len(name) <= 100 else "",
                kind=Organisation.Kind.LIBRARY,
                parent=campaign.issuer,
                acting_user=acting_user,
            )
            resolved[name] = org
            result.created_libraries.append(org)
        parts = _parts(record, resolved)
        _check_may_write(parts, campaign, acting_user)
        earlier = replacing.earlier_imports(
            [(part.library, part.key()) for part in parts], campaign, confirmed=set(replace)
        )
        for part in parts:
            batch = _save_part(
                part,
                campaign=campaign,
                acting_user=acting_user,
                result=result,
                title=record.title or "",
                year=record_year(record),
                earlier=earlier.get(part.library.pk, []),
            )
            if batch is not None:
                result.batches.append(batch)
    return result
