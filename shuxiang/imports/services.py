"""Save a report record into a campaign: activities, figures, media and partners.

``import_record`` is the one write of this app. It

- matches every library the record names (as written: 苍溪馆, 昭化区图书馆, 市图书馆, Cangxi
  Library) to an organisation of the campaign (see :mod:`shuxiang.imports.placement` and
  :mod:`shuxiang.imports.matching`), or places it as ``library_map`` says, or creates it under the
  campaign's issuer when the acting user manages that campaign; a placeholder (xx Library,
  某某图书馆) is never created, and a name of another bureau's library is never used silently;
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

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
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
from shuxiang.imports.models import ImportBatch
from shuxiang.imports.placement import (
    OWN_BODY,
    TO_DEFAULT,
    LibraryMap,
    LibraryPart,
    NewLibrary,
    User,
    candidate_libraries,
    resolve_libraries,
    split_by_library,
)
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation
from shuxiang.orgs.services import create_organisation, record_audit
from shuxiang.record import Record
from shuxiang.record import model as record_model
from shuxiang.web.validation import null_character_errors

# The names callers import from here; those placement.py defines are re-exported, the same objects.
__all__ = [
    "OWN_BODY",
    "TO_DEFAULT",
    "ImportProblem",
    "ImportResult",
    "LibraryMap",
    "LibraryPart",
    "NewLibrary",
    "ReplaceRequired",
    "candidate_libraries",
    "import_record",
    "record_year",
]


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
    the report's own body, for activities that name no library), to a :class:`NewLibrary` to
    create, or to ``TO_DEFAULT`` (with the activities that name no library). Unmapped names are
    matched against the libraries under the campaign's issuer and those taking part; a
    placeholder (xx Library) goes with the activities that name no library; a name nothing
    matches is created under the issuer if ``acting_user`` manages the campaign, else refused,
    and so is one that matches only another bureau's library.
    Raises PermissionDenied if the user may not edit one of the libraries, and
    :class:`ImportProblem` (a ValidationError) if the record cannot be placed.

    A part whose library already has an import of other content in ``campaign`` replaces it
    only when that earlier batch's id is in ``replace`` (the user saw it and confirmed);
    otherwise :class:`ReplaceRequired` is raised and nothing is written.
    """
    dumped = record_model.dump(record)
    record_model.validate(dumped)
    if errors := null_character_errors(dumped, "record"):  # the batch keeps the record as jsonb
        raise ImportProblem(errors)
    if not acting_user.is_authenticated:
        raise PermissionDenied(_("Sign in to import a report."))
    may_create = permissions.can_manage_campaign(acting_user, campaign.issuer)
    result = ImportResult()
    with transaction.atomic():
        resolved, missing = resolve_libraries(
            record, campaign, acting_user, library_map or {}, create_missing=may_create
        )
        created: dict[NewLibrary, Organisation] = {}
        for name, new in missing.items():
            if new not in created:
                if Organisation.objects.filter(parent=campaign.issuer, name=new.name[:200]).exists():
                    raise ImportProblem(  # two libraries of that name there: matching could not choose
                        {
                            "library": [
                                _("%(name)s already exists under %(issuer)s: map the name to it.")
                                % {"name": new.name, "issuer": campaign.issuer.name}
                            ]
                        }
                    )
                created[new] = create_organisation(
                    name=new.name[:200],
                    short_name=new.name[:100] if len(new.name) <= 100 else "",
                    kind=Organisation.Kind.LIBRARY,
                    parent=campaign.issuer,
                    acting_user=acting_user,
                )
                result.created_libraries.append(created[new])
            resolved[name] = created[new]
        parts = split_by_library(record, resolved)
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
