"""The import page: paste or upload a report, review what was read beside the source, then save.

Nothing is written until the user presses Save on the review step; saving the same
record again is a no-op (see :func:`shuxiang.imports.services.import_record`). Saving other
content for a library that already has an import in the campaign shows the review page again
with a warning and a "Replace the earlier import" button, which posts the same form with
``replace`` (the save mode) and ``replaces`` (the batch ids the warning named).

The review page also lists the report's library names (:mod:`shuxiang.imports.library_names`):
those matched to a library, and those it would otherwise create, each with a choice (map it,
create it, or leave its activities to the library for activities without one). It posts a digest
of what it said (``names_plan``); the save computes the list again for the chosen campaign and,
when it differs, shows the page again and saves nothing, so that a save does what the page said.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shuxiang import record
from shuxiang.activities.uploads import limit_uploads
from shuxiang.imports import editor, extraction
from shuxiang.imports.errors import listed
from shuxiang.imports.forms import (
    BaseLibraryNameFormSet,
    ReviewForm,
    SourceForm,
    campaigns_for,
    library_name_forms,
    posted_library_names,
    record_json,
)
from shuxiang.imports.highlight import highlight
from shuxiang.imports.library_names import plan_names, scope_for
from shuxiang.imports.models import ImportBatch
from shuxiang.imports.services import ReplaceRequired, import_record
from shuxiang.orgs import permissions
from shuxiang.web.params import whole_number

JSON_MODE = "json"  # the "save the JSON as written" button; otherwise the rows edit ``base``
ROWS_MODE = "rows"


def _require_writer(request: HttpRequest) -> None:
    membership = permissions.membership_of(request.user)
    if membership is None or membership.role not in permissions.WRITER_ROLES:
        raise PermissionDenied(_("Only library and bureau staff may import reports."))


def _review(
    request: HttpRequest,
    form: ReviewForm,
    source: str,
    rec: record.Record | None,
    rows: tuple | None = None,
    status: int = 200,
    replace: ReplaceRequired | None = None,
    mode: str = ROWS_MODE,
    names: BaseLibraryNameFormSet | None = None,
    names_changed: bool = False,
) -> HttpResponse:
    activities, figures = rows or editor.formsets(rec)
    if names is None and rec is not None:
        campaign = form.cleaned_data.get("campaign") if hasattr(form, "cleaned_data") else None
        scope = scope_for(request.user, campaign, () if campaign else campaigns_for(request.user))
        names = library_name_forms(plan_names(rec, scope), initial=posted_library_names(request.POST)[1])
    texts = [f.text for _a, f in rec.all_figures()] if rec is not None else []
    marked, missing = highlight(source, texts)
    context = {
        "form": form,
        "source_html": marked,
        "record": rec,
        "activity_rows": activities,
        "figure_rows": figures,
        "found": [i not in missing for i in range(len(texts))],
        "missing": len(missing),
        "replacements": replace.messages if replace else [],
        "replace_ids": ",".join(str(e.batch.pk) for e in replace.earlier) if replace else "",
        "replace_mode": mode,
        "names": names,
        "names_changed": names_changed,
    }
    return render(request, "imports/review.html", context, status=status)


@limit_uploads(lambda: extraction.MAX_UPLOAD_BYTES)  # a file past it is dropped as it streams in
@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Step 1: the report as text or a file. A valid POST shows step 2 (nothing saved yet)."""
    _require_writer(request)
    form = SourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data.get("file")
            source = (
                extraction.read_upload(upload.name, upload.read()) if upload else form.cleaned_data["text"]
            )
            rec = extraction.extract_text(source)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            text = record_json(rec)
            review = ReviewForm(initial={"base": text, "record": text, "source": source}, user=request.user)
            return _review(request, review, source, rec)
    recent = ImportBatch.objects.filter(
        library__in=permissions.editable_libraries(request.user)
    ).select_related("campaign", "library")[:20]
    return render(request, "imports/start.html", {"form": form, "recent": recent})


def _mode(request: HttpRequest) -> str:
    """Which save button was pressed: ``mode``, or ``replace`` (it carries the mode it confirms)."""
    mode = request.POST.get("mode") or request.POST.get("replace")
    return JSON_MODE if mode == JSON_MODE else ROWS_MODE


def _confirmed(request: HttpRequest) -> set[int]:
    """The earlier imports the user agreed to replace: none unless the replace button was pressed."""
    if not request.POST.get("replace"):
        return set()
    ids = (whole_number(i) for i in request.POST.get("replaces", "").split(","))
    return {i for i in ids if i is not None}


def _edited_record(request: HttpRequest, form: ReviewForm, rows: tuple) -> record.Record | None:
    """The record to save: the JSON as written, or ``base`` with the rows applied; None on errors."""
    if _mode(request) == JSON_MODE:
        rec = form.cleaned_data["record"]
        if rec is None:
            form.add_error("record", _("The record is empty."))
        return rec
    activities, figures = rows
    if not (activities.is_valid() and figures.is_valid()):
        form.add_error(None, _("Correct the rows marked below."))
        return None
    try:
        return editor.apply(form.cleaned_data["base"], activities, figures)
    except record.RecordError as exc:
        for path, message in exc.problems:
            form.add_error(None, f"{path}: {message}")
        return None


@login_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Step 2: save the (corrected) record into the chosen campaign."""
    _require_writer(request)
    form = ReviewForm(request.POST, user=request.user)
    rows = editor.formsets(None, request.POST)
    source = request.POST.get("source", "")
    rec = _edited_record(request, form, rows) if form.is_valid() else None
    names: BaseLibraryNameFormSet | None = None
    if rec is not None:
        library = form.cleaned_data["library"]
        plan = plan_names(rec, scope_for(request.user, form.cleaned_data["campaign"]))
        shown_rows, shown_choices = posted_library_names(request.POST)
        shown = request.POST.get("names_plan", "")
        if (shown or plan.to_choose) and (
            shown != plan.key() or shown_rows != [tuple(r.names) for r in plan.to_choose]
        ):  # the page said something else (another campaign, a name edited): show it again, save nothing
            names = library_name_forms(plan, initial=shown_choices)
            base = form.cleaned_data["base"]
            return _review(request, form, source, base, rows=rows, names=names, names_changed=True)
        names = library_name_forms(plan, data=request.POST) if plan.to_choose else None
        if names is not None and not names.is_valid():
            form.add_error(None, _("Choose what to do with each library name listed."))
            return _review(
                request, form, source, form.cleaned_data["base"], rows=rows, status=400, names=names
            )
        library_map = dict(plan.library_map(names.chosen() if names is not None else {}))
        if library:
            library_map[None] = library
        try:
            result = import_record(
                rec,
                campaign=form.cleaned_data["campaign"],
                acting_user=request.user,
                library_map=library_map,
                replace=_confirmed(request),
            )
        except ReplaceRequired as exc:  # nothing saved: ask before replacing the earlier import
            base = form.cleaned_data["base"]
            return _review(
                request, form, source, base, rows=rows, replace=exc, mode=_mode(request), names=names
            )
        except (ValidationError, PermissionDenied) as exc:
            for message in exc.messages if isinstance(exc, ValidationError) else [str(exc)]:
                form.add_error(None, message)
        else:
            for item in result.replaced:
                messages.success(
                    request,
                    _(
                        "Replaced the earlier import of %(library)s: removed %(activities)s "
                        "activities and %(figures)s figures."
                    )
                    % {
                        "library": item.library.display_name,
                        "activities": len(item.activity_ids),
                        "figures": item.figures,
                    },
                )
            if result.duplicate:
                messages.info(request, _("This report was imported before: nothing was saved twice."))
            else:
                messages.success(
                    request,
                    _("Saved %(activities)s activities, %(figures)s figures and %(media)s media reports.")
                    % {"activities": result.activities, "figures": result.figures, "media": result.media},
                )
            if result.created_libraries:
                messages.success(
                    request,
                    _("Added the libraries %(names)s under %(issuer)s.")
                    % {
                        "names": listed(o.name for o in result.created_libraries),
                        "issuer": form.cleaned_data["campaign"].issuer.name,
                    },
                )
            for note in result.notes:
                messages.warning(request, note)
            return redirect("imports:start")
    shown_record = form.cleaned_data.get("base") if hasattr(form, "cleaned_data") else None
    return _review(request, form, source, shown_record, rows=rows, status=400, names=names)
