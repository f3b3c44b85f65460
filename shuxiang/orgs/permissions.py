"""Who may read and write what: the one place every view, API route and service asks.

Rules (issue #2):
- staff and library admins write their own organisation's data and that of the
  branches and service points under it;
- a bureau (or association) admin reads and writes everything under the bureau,
  and alone edits campaigns;
- a volunteer only records attendance (check-in) for their library;
- readers' personal data is visible only to staff of the organising library.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from shuxiang.orgs.models import Membership, Organisation

Role = Membership.Role
AnyUser = AbstractBaseUser | AnonymousUser

WRITER_ROLES = frozenset({Role.BUREAU_ADMIN, Role.LIBRARY_ADMIN, Role.STAFF})
CHECK_IN_ROLES = frozenset({*WRITER_ROLES, Role.VOLUNTEER})
# Who sees readers' names and (masked) phones: the organising library's people, not the
# bureau above it and not volunteers (docs/readers.md, "Privacy").
READER_DETAIL_ROLES = frozenset({Role.LIBRARY_ADMIN, Role.STAFF})


def membership_of(user: AnyUser) -> Membership | None:
    """The user's membership, or None for anonymous users and readers."""
    if not user.is_authenticated:
        return None
    try:
        return user.membership  # type: ignore[union-attr]
    except Membership.DoesNotExist:
        return None


def _covers(membership: Membership, organisation: Organisation) -> bool:
    return organisation.is_within(membership.organisation)


def can_read_library(user: AnyUser, library: Organisation) -> bool:
    """Staff-only data (dashboards, internal activities, figures in progress)."""
    m = membership_of(user)
    return m is not None and _covers(m, library)


def can_edit_library(user: AnyUser, library: Organisation) -> bool:
    """Activities, figures, media and reports owned by ``library``."""
    m = membership_of(user)
    return m is not None and m.role in WRITER_ROLES and _covers(m, library)


def can_check_in(user: AnyUser, library: Organisation) -> bool:
    """Recording attendance: volunteers may do this and nothing else."""
    m = membership_of(user)
    return m is not None and m.role in CHECK_IN_ROLES and _covers(m, library)


def can_see_reader_details(user: AnyUser, library: Organisation) -> bool:
    """Names and contacts of readers who signed up: the organising library's staff only.

    That is its library admin and staff (``READER_DETAIL_ROLES``). A bureau admin sees counts,
    not people; a volunteer checks readers in and sees them masked (``王**``), as the bureau does.
    """
    m = membership_of(user)
    return m is not None and m.role in READER_DETAIL_ROLES and _covers(m, library)


def can_manage_campaign(user: AnyUser, issuer: Organisation) -> bool:
    """Create and edit campaigns issued by ``issuer``: a bureau admin at or above it."""
    m = membership_of(user)
    return m is not None and m.role == Role.BUREAU_ADMIN and _covers(m, issuer)


def can_join_campaign(user: AnyUser, library: Organisation) -> bool:
    """Enrol ``library`` in a campaign: its own admin, or the bureau above it."""
    m = membership_of(user)
    return m is not None and m.role in {Role.BUREAU_ADMIN, Role.LIBRARY_ADMIN} and _covers(m, library)


def organisations_under(user: AnyUser) -> QuerySet[Organisation]:
    """Every organisation the user's membership covers (empty for the public)."""
    m = membership_of(user)
    if m is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(path__startswith=m.organisation.path)


def editable_libraries(user: AnyUser) -> QuerySet[Organisation]:
    """Libraries and branches the user may write activities for."""
    m = membership_of(user)
    if m is None or m.role not in WRITER_ROLES:
        return Organisation.objects.none()
    return organisations_under(user).filter(kind__in=Organisation.LIBRARY_KINDS)
