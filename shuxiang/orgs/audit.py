"""The audit log in words: a label for every action code ``record_audit`` writes, and the object.

Codes are written where the write happens (``"figure.create"`` in activities/figures.py, ...);
their labels live here, once, so that the audit page speaks the reader's language instead of
showing codes. A code without a label is shown as it is (a new write should add one here:
tests/orgs/test_audit_log.py checks the codes in the source).

The object is named by its model's verbose name and id ("数字 #56", "figure #56"). A detail follows
only for objects whose name is public (an activity's title, a campaign, a media outlet, a photo's
caption, an organisation) or, for figures, the figure as reports write it; never the summary of a
registration, reader, card or account, which may name a person.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shuxiang.orgs.models import AuditEntry
from shuxiang.record.model import Figure as RecordFigure
from shuxiang.render import phrases
from shuxiang.web.i18n import vocab_lang

ACTION_LABELS: dict[str, Promise] = {
    "activity.create": _("activity created"),
    "activity.update": _("activity changed"),
    "activity.sessions": _("sessions brought in line with the dates"),
    "activity.signup_open": _("sign-up opened"),
    "activity.signup_close": _("sign-up closed"),
    "activity.status.planned": _("activity set back to planned"),
    "activity.status.done": _("activity marked done"),
    "activity.status.cancelled": _("activity cancelled"),
    "api_token.create": _("API token created"),
    "api_token.revoke": _("API token revoked"),
    "campaign.create": _("campaign created"),
    "campaign.update": _("campaign changed"),
    "campaign.join": _("library joined the campaign"),
    "card.issue": _("library card issued"),
    "figure.create": _("figure added"),
    "figure.update": _("figure changed"),
    "figure.delete": _("figure deleted"),
    "import.create": _("report imported"),
    "import.replace": _("import replaced by a newer one"),
    "media.create": _("media coverage added"),
    "membership.create": _("staff account created"),
    "org.create": _("organisation created"),
    "photo.create": _("photo added"),
    "photo.delete": _("photo deleted"),
    "reader.create": _("reader account created"),
    "reader.delete": _("reader erased at their request"),
    "registration.cancel": _("sign-up cancelled"),
    "registration.cancel_companion": _("companion's place cancelled"),
    "registration.check_in": _("reader checked in"),
    "registration.promote": _("moved up from the waiting list"),
    "registration.walk_in": _("walk-in recorded"),
    "session.capacity": _("places changed"),
}

# "<model>.admin.<verb>" (shuxiang.orgs.admin.audit_admin_write): the object column names the model.
ADMIN_VERB_LABELS: dict[str, Promise] = {
    "create": _("added in the admin"),
    "update": _("changed in the admin"),
    "delete": _("deleted in the admin"),
}

# Models whose verbose name is not translated (their apps own them); the others use verbose_name.
OBJECT_NAMES: dict[str, Promise] = {
    "campaigns.participation": _("participation"),
    "readers.cardissue": _("library card issue"),
}

# Objects whose summary is a public name, never a person's.
NAMED_OBJECTS = frozenset(
    {
        "activities.activity",
        "activities.mediacoverage",
        "activities.photo",
        "campaigns.campaign",
        "orgs.organisation",
    }
)


@dataclasses.dataclass(frozen=True)
class AuditLine:
    """One row of the audit page, in the active language."""

    entry: AuditEntry
    action: str
    known_action: bool
    object: str
    detail: str


def action_label(code: str) -> str | None:
    """The action in words, or None for a code nobody labelled."""
    if code in ACTION_LABELS:
        return str(ACTION_LABELS[code])
    _model, admin, verb = code.partition(".admin.")
    if admin and verb in ADMIN_VERB_LABELS:
        return str(ADMIN_VERB_LABELS[verb])
    return None


def object_name(object_type: str) -> str:
    """A model label ("activities.figure") as its verbose name ("数字"); unknown labels as they are."""
    if object_type in OBJECT_NAMES:
        return str(OBJECT_NAMES[object_type])
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name)


def _figure_detail(data: dict) -> str:
    try:
        value = float(Decimal(str(data["value"])))
    except (KeyError, InvalidOperation, ValueError, TypeError):
        return ""
    if not data.get("unit"):
        return ""
    figure = RecordFigure(
        value=value,
        qualifier=data.get("qualifier") or "exact",
        unit=data["unit"],
        measure=data.get("measure") or None,
    )
    return phrases.figure_phrase(figure, vocab_lang())


def detail(entry: AuditEntry) -> str:
    if entry.object_type == "activities.figure":
        return _figure_detail(entry.data if isinstance(entry.data, dict) else {})
    if entry.object_type in NAMED_OBJECTS:
        return entry.summary
    return ""


def describe(entry: AuditEntry) -> AuditLine:
    label = action_label(entry.action)
    return AuditLine(
        entry=entry,
        action=label or entry.action,
        known_action=label is not None,
        object=gettext("%(name)s #%(id)s") % {"name": object_name(entry.object_type), "id": entry.object_id},
        detail=detail(entry),
    )
