"""The Django admin, for superusers only.

The admin edits rows directly, past the services and their library checks (``orgs.permissions``):
it has no idea which library a user belongs to. A librarian given ``is_staff`` and model
permissions could otherwise edit or delete other libraries' rows, or raise their own
membership's role. Librarians work in shuxiang's own pages; the admin is for the operators who
repair data, and every write there is still audited (``orgs.admin.AuditedModelAdmin``).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class SuperuserAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser


class SuperuserAdminConfig(AdminConfig):
    default_site = "shuxiang.web.admin_site.SuperuserAdminSite"
