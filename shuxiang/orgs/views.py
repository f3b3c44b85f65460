"""The audit log: who did what, for administrators of the organisations it concerns."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from shuxiang.orgs import audit, permissions
from shuxiang.orgs.models import AuditEntry, Membership

ADMIN_ROLES = frozenset({Membership.Role.BUREAU_ADMIN, Membership.Role.LIBRARY_ADMIN})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Audit rows owned by the admin's organisation or any under it, newest first, 50 a page."""
    membership = permissions.membership_of(request.user)
    if membership is None or membership.role not in ADMIN_ROLES:
        raise PermissionDenied
    entries = AuditEntry.objects.filter(
        organisation__path__startswith=membership.organisation.path
    ).select_related("actor", "organisation")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    lines = [audit.describe(entry) for entry in page]
    return render(request, "orgs/audit_log.html", {"page": page, "lines": lines})
