"""Report records over the API: a library's record of a campaign, extraction, and import."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status

from shuxiang import record
from shuxiang.api.auth import WRITE_AUTH
from shuxiang.api.schemas import ErrorOut, ExtractIn, ImportIn, ImportOut
from shuxiang.campaigns.models import Campaign
from shuxiang.imports import extraction
from shuxiang.imports.errors import ReplaceRequired
from shuxiang.imports.services import import_record
from shuxiang.orgs import permissions
from shuxiang.orgs.models import Organisation
from shuxiang.reports import build, selectors

router = Router(tags=["records"], auth=WRITE_AUTH)

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get("/campaigns/{campaign_id}/record", response={200: dict, **ERRORS})
def campaign_record(request: HttpRequest, campaign_id: int, library: int | None = None, lang: str = "zh"):
    """The report record (report-record/1 JSON) of one library in a campaign.

    Without ``library``: the caller's own library's record, or for a bureau the compiled
    record of the libraries it covers. What the caller may not see answers 404.
    """
    lang = lang if lang in {"zh", "en"} else "zh"
    if library is not None:
        scope = selectors.library_scope(request.user, campaign_id, library)
    elif selectors.is_bureau(request.user):
        scope = selectors.compiled_scope(request.user, campaign_id)
    else:
        scope = selectors.own_library_scope(request.user, campaign_id)
    return record.dump(build.build(scope, lang=lang).record)


@router.post("/extract", response={200: dict, **ERRORS})
def extract(request: HttpRequest, payload: ExtractIn):
    """Read a report's text into a report record (nothing is saved)."""
    if permissions.membership_of(request.user) is None:
        raise PermissionDenied(_("Only library and bureau staff may use extraction."))
    return record.dump(extraction.extract_text(payload.text))


@router.post("/campaigns/{campaign_id}/import", response={201: ImportOut, 200: ImportOut, **ERRORS})
def import_into_campaign(request: HttpRequest, campaign_id: int, payload: ImportIn):
    """Save a report record into the campaign as activities and figures; the same record twice writes once."""
    campaign = get_object_or_404(Campaign.objects.select_related("issuer"), pk=campaign_id)
    parsed = record.load(payload.record)
    library_map: dict[str | None, Organisation] = {}
    wanted = dict(payload.library_map)
    ids = set(wanted.values()) | ({payload.library_id} if payload.library_id else set())
    orgs = Organisation.objects.in_bulk(ids)
    if ids - set(orgs):
        raise Http404("no such organisation")
    library_map = {name: orgs[pk] for name, pk in wanted.items()}
    if payload.library_id:
        library_map[None] = orgs[payload.library_id]
    try:
        result = import_record(
            parsed,
            campaign=campaign,
            acting_user=request.user,
            library_map=library_map,
            replace=payload.replace,
        )
    except ReplaceRequired as exc:
        # The messages say what would be removed and kept; the ids are what to send back.
        batches = [str(e.batch.pk) for e in exc.earlier]
        raise ValidationError(exc.message_dict | {"replace_batches": batches}) from None
    body = ImportOut(
        duplicate=result.duplicate,
        activities=result.activities,
        figures=result.figures,
        media=result.media,
        created_libraries=[o.name for o in result.created_libraries],
        notes=result.notes,
    )
    return Status(200 if result.duplicate else 201, body)
