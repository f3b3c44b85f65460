"""A corrected import replaces the earlier import of the same library into the same campaign.

Each library part of a record is an :class:`~shuxiang.imports.models.ImportBatch`. The same
content again is a no-op (its hash is found). Different content for a campaign and library
that already have a current import would add a second set of activities and figures beside
the first and count every number twice, so :func:`shuxiang.imports.services.import_record`
refuses it with :class:`ReplaceRequired` (the review page shows that as a warning) until the
user confirms the earlier batches by id. Then, in the import's transaction:

- the activities the earlier import created are deleted with what hangs on them (figures,
  sessions, audiences), and so are the report-level figures and media it created;
- activities staff changed after the import (edited, status changed, figures or media or
  photos added, an imported figure corrected) are **kept** and the note says so: their data
  is staff's now. So are report-level figures and media items staff corrected. Detected from
  rows and audit rows, never guessed: ``updated_at`` after the import (the Django admin's saves
  move it when they change something), figures or media the import did not create,
  ``figure.update`` / ``media.update`` and ``figure.admin.update`` / ``mediacoverage.admin.update``
  audit rows (the services' and the admin's);
- activities readers signed up for (``Registration``) or got a card at (``CardIssue``) refuse
  the whole replacement, naming them: deleting would silently delete the readers' sign-ups,
  and keeping them would count them twice beside the corrected import. Nothing changes;
- the earlier batch is kept, marked superseded by the new one, and an ``import.replace``
  audit row lists every id removed and kept.

Batches saved before figure and media ids were kept (``figure_ids is None``) find their
report-level figures and media through the ``figure.create`` / ``media.create`` audit rows the
import left between its batch and its ``import.create`` row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from shuxiang.activities.models import Activity, Figure, MediaCoverage, Photo
from shuxiang.campaigns.models import Campaign
from shuxiang.imports.errors import ImportProblem, ReplaceRequired, listed
from shuxiang.imports.models import ImportBatch
from shuxiang.orgs import permissions
from shuxiang.orgs.models import AuditEntry, Organisation
from shuxiang.orgs.services import record_audit
from shuxiang.readers.models import CardIssue, Registration

User = AbstractBaseUser | AnonymousUser

BATCH_TYPE = ImportBatch._meta.label_lower
FIGURE_TYPE = Figure._meta.label_lower
MEDIA_TYPE = MediaCoverage._meta.label_lower

# The audit rows that say staff corrected a figure: a service's update, or a save in the Django
# admin (FigureAdmin, or ActivityAdmin's figure rows) that changed a field. An admin save that
# changed nothing writes its row without ``changed`` (shuxiang.orgs.admin.audit_admin_write).
FIGURE_CORRECTIONS = Q(action="figure.update") | Q(action="figure.admin.update", data__has_key="changed")
# The same for a report-level media item (MediaCoverageAdmin; ``media.update`` for a service edit).
MEDIA_CORRECTIONS = Q(action="media.update") | Q(action="mediacoverage.admin.update", data__has_key="changed")


def may_write(user: User, organisation: Organisation) -> bool:
    """A library: its writers (or its bureau's). A bureau's report-wide figures: an admin over it."""
    if organisation.is_library:
        return permissions.can_edit_library(user, organisation)
    return permissions.can_manage_campaign(user, organisation)


@dataclass
class EarlierImport:
    """What replacing one earlier batch would remove, keep, or be refused for."""

    batch: ImportBatch
    activity_ids: list[int] = field(default_factory=list)  # to delete
    kept: list[Activity] = field(default_factory=list)  # changed by staff after the import
    blocking: list[tuple[Activity, int]] = field(default_factory=list)  # (activity, reader records)
    figure_ids: list[int] = field(default_factory=list)  # report-level figures to delete
    kept_figure_ids: list[int] = field(default_factory=list)  # report-level figures staff corrected
    media_ids: list[int] = field(default_factory=list)  # report-level media to delete
    kept_media: list[MediaCoverage] = field(default_factory=list)  # report-level media staff corrected
    figures: int = 0  # figures deleted in all: those of the deleted activities and report-level ones

    @property
    def library(self) -> Organisation:
        return self.batch.library

    def warning(self) -> str:
        """What the review page says before the user confirms."""
        user = self.batch.created_by
        who = (user.get_full_name() or user.get_username()) if user is not None else _("an unknown user")
        return _(
            "%(library)s already has an imported report for this campaign (imported %(date)s by "
            "%(user)s, %(activities)s activities, %(figures)s figures). Saving will replace it."
        ) % {
            "library": self.library.display_name,
            "date": timezone.localtime(self.batch.created_at).strftime("%Y-%m-%d %H:%M"),
            "user": who,
            "activities": len(self.activity_ids),
            "figures": self.figures,
        }

    def kept_note(self) -> str | None:
        """Said before confirming and noted after saving: what the replacement leaves in place."""
        if not (self.kept or self.kept_figure_ids or self.kept_media):
            return None
        return _(
            "%(library)s: %(count)s activities, %(figures)s report figures and %(media)s report media "
            "items were changed by staff after the earlier import and are kept: %(titles)s. If the "
            "corrected report lists them too, delete those rows before saving, or they are counted twice."
        ) % {
            "library": self.library.display_name,
            "count": len(self.kept),
            "figures": len(self.kept_figure_ids),
            "media": len(self.kept_media),
            "titles": listed([*(a.title for a in self.kept), *(m.outlet for m in self.kept_media)]) or "-",
        }

    def refusal(self) -> str | None:
        if not self.blocking:
            return None
        return _(
            "The earlier import of %(library)s cannot be replaced: readers signed up for (or got "
            "library cards at) %(activities)s. Nothing was changed. Ask an administrator to move "
            "or remove those sign-ups first."
        ) % {
            "library": self.library.display_name,
            "activities": listed(f"{a.title} (#{a.pk}, {n})" for a, n in self.blocking),
        }


def current_batches(campaign: Campaign, library: Organisation, *, lock: bool = False) -> list[ImportBatch]:
    """The library's imports into ``campaign`` that no later import replaced (oldest first)."""
    rows = ImportBatch.objects.filter(campaign=campaign, library=library, superseded_at__isnull=True)
    if lock:
        rows = rows.select_for_update(of=("self",))
    return list(rows.select_related("created_by", "library").order_by("pk"))


def _finished_at(batch: ImportBatch) -> dt.datetime:
    """When the import's writes ended: its ``import.create`` audit row (the batch's own start if none)."""
    entry = (
        AuditEntry.objects.filter(action="import.create", object_type=BATCH_TYPE, object_id=str(batch.pk))
        .order_by("pk")
        .values_list("created_at", flat=True)
        .first()
    )
    return entry or batch.created_at


def _created_in_window(batch: ImportBatch, action: str, object_type: str, end: dt.datetime) -> list[int]:
    """Ids of the rows a legacy batch's import created, from its audit rows (see module docstring)."""
    ids = AuditEntry.objects.filter(
        action=action,
        object_type=object_type,
        organisation=batch.library,
        created_at__gte=batch.created_at,
        created_at__lte=end,
    ).values_list("object_id", flat=True)
    return [int(i) for i in ids if i.isdigit()]


def _corrected(corrections: Q, object_type: str, ids: Iterable[int], after: dt.datetime) -> set[int]:
    """Those of ``ids`` staff corrected by hand after ``after`` (an audit row matching ``corrections``)."""
    rows = AuditEntry.objects.filter(
        corrections, object_type=object_type, object_id__in=[str(pk) for pk in ids], created_at__gt=after
    )
    return {int(object_id) for object_id in rows.values_list("object_id", flat=True)}


def _count_by_activity(rows: Iterable[dict]) -> dict[int, int]:
    return {row["activity_id"]: row["n"] for row in rows}


def survey(batch: ImportBatch, *, lock: bool = False) -> EarlierImport:
    """What replacing ``batch`` would do, read from the rows (``lock``: lock its activities first)."""
    finished = _finished_at(batch)
    activities = Activity.objects.filter(pk__in=batch.activity_ids, campaign=batch.campaign)
    if lock:
        # Sign-ups lock the activity row too: none can slip in between this check and the delete.
        activities = activities.select_for_update()
    by_id = {a.pk: a for a in activities.order_by("pk")}
    ids = list(by_id)
    tracked = batch.figure_ids is not None
    own_figures = set(batch.figure_ids or [])

    readers = _count_by_activity(
        Registration.objects.filter(activity_id__in=ids).values("activity_id").annotate(n=Count("pk"))
    )
    for activity_id, n in _count_by_activity(
        CardIssue.objects.filter(activity_id__in=ids).values("activity_id").annotate(n=Count("pk"))
    ).items():
        readers[activity_id] = readers.get(activity_id, 0) + n

    edited = {pk for pk, a in by_id.items() if a.updated_at > finished}
    activity_figures = Figure.objects.filter(activity_id__in=ids)
    added = (
        activity_figures.exclude(pk__in=own_figures)
        if tracked
        else activity_figures.filter(created_at__gt=finished)
    )
    edited |= set(added.values_list("activity_id", flat=True))
    edited |= set(MediaCoverage.objects.filter(activity_id__in=ids).values_list("activity_id", flat=True))
    edited |= set(Photo.objects.filter(activity_id__in=ids).values_list("activity_id", flat=True))

    if tracked:
        report_figures = list(
            Figure.objects.filter(pk__in=own_figures, activity__isnull=True).values_list("pk", flat=True)
        )
        media = list(MediaCoverage.objects.filter(pk__in=batch.media_ids or []).order_by("pk"))
    else:
        report_figures = list(
            Figure.objects.filter(
                pk__in=_created_in_window(batch, "figure.create", FIGURE_TYPE, finished),
                campaign=batch.campaign,
                library=batch.library,
                activity__isnull=True,
            ).values_list("pk", flat=True)
        )
        media = list(
            MediaCoverage.objects.filter(
                pk__in=_created_in_window(batch, "media.create", MEDIA_TYPE, finished),
                campaign=batch.campaign,
                library=batch.library,
                activity__isnull=True,
            ).order_by("pk")
        )

    # An imported figure corrected by hand leaves an audit row after the import: figure.update
    # from the services, figure.admin.update from the Django admin (see FIGURE_CORRECTIONS).
    figure_owner = dict(activity_figures.values_list("pk", "activity_id"))
    corrected = _corrected(FIGURE_CORRECTIONS, FIGURE_TYPE, [*figure_owner, *report_figures], finished)
    edited |= {figure_owner[pk] for pk in corrected if pk in figure_owner}
    kept_figures = sorted(pk for pk in corrected if pk not in figure_owner)
    # A report-level media item corrected by hand (media.update, mediacoverage.admin.update) stays.
    corrected_media = _corrected(MEDIA_CORRECTIONS, MEDIA_TYPE, [m.pk for m in media], finished)

    removed = [pk for pk in ids if pk not in edited and pk not in readers]
    report_removed = [pk for pk in report_figures if pk not in kept_figures]
    return EarlierImport(
        batch=batch,
        activity_ids=removed,
        kept=[by_id[pk] for pk in ids if pk in edited and pk not in readers],
        blocking=[(by_id[pk], readers[pk]) for pk in ids if pk in readers],
        figure_ids=report_removed,
        kept_figure_ids=kept_figures,
        media_ids=[m.pk for m in media if m.pk not in corrected_media],
        kept_media=[m for m in media if m.pk in corrected_media],
        figures=Figure.objects.filter(activity_id__in=removed).count() + len(report_removed),
    )


def replace(earlier: EarlierImport, *, acting_user: User) -> None:
    """Delete what ``earlier`` found and mark its batch superseded. Run inside the import's transaction.

    The caller surveyed with ``lock=True`` in this transaction and checked ``earlier.blocking``.
    """
    batch = earlier.batch
    if not may_write(acting_user, batch.library):
        raise PermissionDenied(
            _("You may not record activities for %(libraries)s.") % {"libraries": batch.library.display_name}
        )
    if earlier.blocking:  # the caller refuses first; never delete readers' sign-ups by accident
        raise ValidationError({"replace": [earlier.refusal()]})
    Activity.objects.filter(pk__in=earlier.activity_ids).delete()
    Figure.objects.filter(pk__in=earlier.figure_ids).delete()
    MediaCoverage.objects.filter(pk__in=earlier.media_ids).delete()
    batch.superseded_at = timezone.now()
    batch.save(update_fields=["superseded_at"])


def link(earlier: Iterable[EarlierImport], new: ImportBatch, *, acting_user: User) -> None:
    """Point each replaced batch to ``new`` and leave the ``import.replace`` audit row."""
    for item in earlier:
        item.batch.superseded_by = new
        item.batch.save(update_fields=["superseded_by"])
        record_audit(
            "import.replace",
            item.batch,
            acting_user=acting_user,
            organisation=item.library,
            summary=f"{item.batch} => #{new.pk}",
            data={
                "replaced_by": new.pk,
                "deleted_activities": item.activity_ids,
                "deleted_figures": item.figure_ids,
                "deleted_media": item.media_ids,
                "kept_activities": [a.pk for a in item.kept],
                "kept_figures": item.kept_figure_ids,
                "kept_media": [m.pk for m in item.kept_media],
            },
        )


def unconfirmed(earlier: Iterable[EarlierImport], confirmed: Collection[int]) -> list[EarlierImport]:
    """The earlier imports the user has not confirmed replacing (by batch id)."""
    return [item for item in earlier if item.batch.pk not in confirmed]


def earlier_imports(
    parts: list[tuple[Organisation, str]], campaign: Campaign, *, confirmed: Collection[int]
) -> dict[int, list[EarlierImport]]:
    """Per library pk: the current imports that each (library, content hash) part would replace.

    Raises :class:`ReplaceRequired` when one is not in ``confirmed`` (batch ids the user saw and
    accepted), and :class:`ImportProblem` when readers' sign-ups hang on what would be removed.
    Runs inside the import's transaction: the libraries are locked (primary-key order) so that
    two imports of one library run one after the other, the second then finding the first's
    batch and asking again.
    """
    libraries = Organisation.objects.filter(pk__in=[library.pk for library, _key in parts])
    # NO KEY UPDATE: imports of one library queue behind each other, while rows that merely
    # reference the library (a reader's sign-up, a figure) are not held up by it.
    list(libraries.select_for_update(no_key=True).order_by("pk"))
    earlier: dict[int, list[EarlierImport]] = {}
    for library, key in parts:
        current = current_batches(campaign, library, lock=True)
        if current and all(batch.key != key for batch in current):
            earlier[library.pk] = [survey(batch, lock=True) for batch in current]
    found = [item for items in earlier.values() for item in items]
    refusals = [r for item in found if (r := item.refusal())]
    if refusals:
        raise ImportProblem({"replace": refusals})
    if unconfirmed(found, confirmed):
        raise ReplaceRequired(found)
    return earlier
