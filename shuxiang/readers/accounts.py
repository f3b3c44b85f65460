"""Writes on reader accounts: creation, library cards (card drives), and deletion (privacy).

Re-exported by ``services.py``; import from there.
"""

from __future__ import annotations

import re

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from shuxiang.activities.figures import set_counted_figure
from shuxiang.activities.models import Activity, Figure
from shuxiang.orgs import permissions
from shuxiang.orgs.models import AuditEntry, Organisation
from shuxiang.orgs.services import record_audit
from shuxiang.readers.models import CardIssue, Companion, Reader, Registration

User = AbstractBaseUser | None
PHONE_RE = re.compile(r"^1[3-9]\d{9}$")  # mainland mobile numbers
CARD_RE = re.compile(r"^[A-Za-z0-9-]{4,32}$")


def validate_phone(phone: str) -> str:
    """A mainland mobile number, spaces and dashes removed; raises ValidationError otherwise."""
    cleaned = re.sub(r"[\s-]", "", phone or "").removeprefix("+86")
    if not PHONE_RE.match(cleaned):
        raise ValidationError(
            _("%(phone)s is not a mobile phone number (11 digits starting with 1).") % {"phone": phone},
            code="bad_phone",
        )
    return cleaned


def _clean_reader_fields(
    *, name: str, phone: str, email: str, age_group: str, guardian: Reader | None, card_number: str | None
) -> dict:
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors.setdefault("name", []).append(_("Give a name."))
    phone = (phone or "").strip()
    if phone:
        try:
            phone = validate_phone(phone)
        except ValidationError as exc:
            errors.setdefault("phone", []).extend(exc.messages)
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.setdefault("email", []).append(_("%(email)s is not an e-mail address.") % {"email": email})
    if age_group not in Reader.AgeGroup.values:
        errors.setdefault("age_group", []).append(_("Choose an age group."))
    if age_group == Reader.AgeGroup.CHILD and guardian is None:
        errors.setdefault("guardian", []).append(_("A child needs a guardian's account."))
    if not phone and not email and guardian is None and "phone" not in errors and "email" not in errors:
        errors.setdefault("phone", []).append(_("Give a phone number or an e-mail address."))
    card_number = (card_number or "").strip() or None
    if card_number is not None:
        if not CARD_RE.match(card_number):
            errors.setdefault("card_number", []).append(
                _("A card number is 4 to 32 letters, digits or dashes.")
            )
        elif Reader.objects.filter(card_number=card_number).exists():
            errors.setdefault("card_number", []).append(
                _("Card %(number)s is already issued.") % {"number": card_number}
            )
    if errors:
        raise ValidationError(errors)
    return {
        "name": name[:100],
        "phone": phone,
        "email": email,
        "age_group": age_group,
        "guardian": guardian,
        "card_number": card_number,
    }


def _may_set_card_number(acting_user: User) -> bool:
    membership = permissions.membership_of(acting_user) if acting_user is not None else None
    return membership is not None and membership.role in permissions.WRITER_ROLES


@transaction.atomic
def register_reader(
    *,
    name: str,
    age_group: str,
    phone: str = "",
    email: str = "",
    guardian: Reader | None = None,
    card_number: str | None = None,
    home_library: Organisation | None = None,
    acting_user: User,
) -> Reader:
    """A reader account, made by the reader (``acting_user`` None or anonymous) or by staff at a desk.

    Only staff give a card number (the desk, a card drive): the public form takes none, so
    nobody can learn which numbers are issued or claim a free one.
    """
    if (card_number or "").strip() and not _may_set_card_number(acting_user):
        raise PermissionDenied(_("Only library staff may give a library card number."))
    fields = _clean_reader_fields(
        name=name, phone=phone, email=email, age_group=age_group, guardian=guardian, card_number=card_number
    )
    staff = acting_user if acting_user is not None and acting_user.is_authenticated else None
    reader = Reader.objects.create(**fields, home_library=home_library, created_by=staff)
    record_audit(
        "reader.create",
        reader,
        acting_user=staff,
        organisation=home_library,
        summary=f"reader {reader.pk}",  # no personal data in the audit trail
    )
    return reader


def recount_cards_issued(activity: Activity) -> Figure:
    """The activity's counted ``cards_issued`` figure, recomputed from card issue rows.

    Runs inside the caller's transaction; the activity row lock serialises the figure's creation.
    """
    Activity.objects.select_for_update().filter(pk=activity.pk).first()
    total = CardIssue.objects.filter(activity=activity).count()
    return set_counted_figure(
        activity,
        measure="cards_issued",
        unit="card",
        total=total,
        note="counted from cards issued at the activity",
    )


@transaction.atomic
def issue_card(activity: Activity, reader: Reader, card_number: str, *, acting_user: User) -> CardIssue:
    """Give ``reader`` a library card at ``activity``; the activity's ``cards_issued`` grows by one."""
    if acting_user is None or not permissions.can_edit_library(acting_user, activity.library):
        raise PermissionDenied(_("Only the organising library's staff may issue cards."))
    card_number = (card_number or "").strip()
    if not CARD_RE.match(card_number):
        raise ValidationError({"card_number": [_("A card number is 4 to 32 letters, digits or dashes.")]})
    if reader.card_number:
        raise ValidationError(
            {"card_number": [_("This reader already has card %(number)s.") % {"number": reader.card_number}]}
        )
    if Reader.objects.filter(card_number=card_number).exists():
        raise ValidationError(
            {"card_number": [_("Card %(number)s is already issued.") % {"number": card_number}]}
        )
    Reader.objects.filter(pk=reader.pk).update(card_number=card_number)
    reader.card_number = card_number
    issue = CardIssue.objects.create(
        activity=activity,
        library=activity.library,
        reader=reader,
        card_number=card_number,
        issued_by=acting_user,
    )
    record_audit(
        "card.issue",
        issue,
        acting_user=acting_user,
        organisation=activity.library,
        summary=f"card issue {issue.pk}",  # no card number, no name: the audit trail outlives both
        data={"activity": activity.pk},
    )
    recount_cards_issued(activity)
    return issue


@transaction.atomic
def register_card_at_drive(
    activity: Activity,
    *,
    name: str,
    age_group: str,
    card_number: str,
    phone: str = "",
    email: str = "",
    acting_user: User,
) -> CardIssue:
    """The card-drive booth form: a new reader and their new card in one step (or neither)."""
    if acting_user is None or not permissions.can_edit_library(acting_user, activity.library):
        raise PermissionDenied(_("Only the organising library's staff may issue cards."))
    if not (card_number or "").strip():
        raise ValidationError({"card_number": [_("Give the new card's number.")]})
    reader = register_reader(
        name=name,
        age_group=age_group,
        phone=phone,
        email=email,
        home_library=activity.library,
        acting_user=acting_user,
    )
    return issue_card(activity, reader, card_number, acting_user=acting_user)


def delete_reader(reader: Reader, *, acting_user: User) -> None:
    """Erase a reader (and their children's accounts) at their request; anonymous counts stay.

    Future sign-ups are cancelled (their seats go to the waiting list); every registration
    is kept without the person (so attendance and sign-up counts do not change); card issue
    rows lose the reader and number (so ``cards_issued`` does not change); audit rows that
    still name them are kept with a neutral summary (``_scrub_audit``).
    """
    from shuxiang.readers.services import cancel_registration  # services imports this module

    people = [reader, *reader.children.all()]
    ids = [p.pk for p in people]
    open_regs = Registration.objects.filter(
        reader_id__in=ids, status__in=Registration.ACTIVE, checked_in_at__isnull=True
    ).select_related("session")
    now = timezone.now()
    for registration in open_regs:
        if registration.session.starts_at > now:
            cancel_registration(registration, acting_user=acting_user)
    with transaction.atomic():
        card_issue_ids = list(CardIssue.objects.filter(reader_id__in=ids).values_list("pk", flat=True))
        _scrub_audit(people, card_issue_ids)
        Registration.objects.filter(reader_id__in=ids).update(reader=None, anonymised=True, walk_in_name="")
        Companion.objects.filter(reader_id__in=ids).update(reader=None, name="")
        CardIssue.objects.filter(reader_id__in=ids).update(reader=None, card_number="")
        record_audit(
            "reader.delete",
            reader,
            acting_user=acting_user,
            summary=f"reader {reader.pk} erased at their request ({len(ids)} account(s))",
        )
        Reader.objects.filter(pk__in=ids).delete()


# Neutral summaries for audit rows about a deleted reader's objects, as the services write them.
_NEUTRAL_SUMMARY = {"readers.reader": "reader", "readers.cardissue": "card issue"}


def _scrub_audit(people: list[Reader], card_issue_ids: list[int]) -> int:
    """Take the people's personal data out of the audit trail; returns the rows changed.

    The services write no personal data into audit rows, but older rows (card issues
    before the security review) and rows written with an object's ``str`` (a reader's is
    their name) may. The rows stay, for who-did-what; their summary becomes neutral
    (``reader 12``, ``card issue 7``) and their data empty. Found by the objects they are
    about, and by the identifiers only these people have (phone, e-mail, card number) in
    the summary or data; names are not searched for, since other people share them. A card
    number is short and may be all digits, so it must stand alone in the summary (``GY-12``
    does not match ``GY-123``) and be a whole string in the data.
    """
    rows = Q(object_type="readers.reader", object_id__in=[str(p.pk) for p in people])
    rows |= Q(object_type="readers.cardissue", object_id__in=[str(pk) for pk in card_issue_ids])
    for value in {v for p in people for v in (p.phone, p.email) if v}:
        rows |= Q(summary__icontains=value) | Q(data__icontains=value)
    for number in {p.card_number for p in people if p.card_number}:
        alone = rf"(^|[^A-Za-z0-9-]){re.escape(number)}($|[^A-Za-z0-9-])"
        rows |= Q(summary__iregex=alone) | Q(data__icontains=f'"{number}"')
    entries = list(AuditEntry.objects.filter(rows).exclude(action="reader.delete"))
    for entry in entries:
        label = _NEUTRAL_SUMMARY.get(entry.object_type, entry.object_type)
        entry.summary = f"{label} {entry.object_id}"
        entry.data = {}
    AuditEntry.objects.bulk_update(entries, ["summary", "data"])
    return len(entries)
