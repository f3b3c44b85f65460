from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import admin
from django.db import models, transaction

from shuxiang.orgs.models import AuditEntry, Membership, Organisation
from shuxiang.orgs.services import record_audit


def audit_admin_write(
    request: Any,
    obj: models.Model,
    verb: str,
    *,
    organisation: Organisation | None,
    fields: Sequence[str] = (),
) -> None:
    """One audit row for a write made in the Django admin (``<model>.admin.<verb>``)."""
    record_audit(
        f"{obj._meta.model_name}.admin.{verb}",
        obj,
        acting_user=request.user,
        organisation=organisation,
        data={"changed": list(fields)} if fields else None,
    )


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes leave an audit row, as the services' writes do.

    The admin edits rows directly, bypassing the services and their checks; it is for
    superusers repairing data, and the audit trail must still say who changed what.
    Subclasses name the owning organisation with :meth:`audit_organisation`.
    """

    # A link typed without a scheme is https, as in shuxiang's own forms (MediaForm); Django 5.2's
    # admin default (http) warns that it changes in Django 6.0.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def audit_organisation(self, obj: models.Model) -> Organisation | None:
        return getattr(obj, "library", None)

    def save_model(self, request, obj, form, change):
        # A change that changed no field writes nothing to the row, so its ``updated_at`` keeps
        # meaning "last edited" (a corrected import keeps activities staff edited after it:
        # shuxiang.imports.replace). The update's audit row is written in save_related, once the
        # inline rows are saved too.
        with transaction.atomic():
            if not change or form.changed_data:
                super().save_model(request, obj, form, change)
            if not change:
                audit_admin_write(
                    request,
                    obj,
                    "create",
                    organisation=self.audit_organisation(obj),
                    fields=list(form.changed_data),
                )

    def save_related(self, request, form, formsets, change):
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            if not change:
                return
            inlines = [formset.prefix for formset in formsets if formset.has_changed()]
            if inlines and not form.changed_data:
                form.instance.save()  # an inline row changed: the object was edited after all
            audit_admin_write(
                request,
                form.instance,
                "update",
                organisation=self.audit_organisation(form.instance),
                fields=[*form.changed_data, *inlines],
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit_admin_write(request, obj, "delete", organisation=self.audit_organisation(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit_admin_write(request, obj, "delete", organisation=self.audit_organisation(obj))
            super().delete_queryset(request, queryset)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "name_en"]
    raw_id_fields = ["parent"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name"]
    raw_id_fields = ["user", "organisation"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is written by services, never edited."""

    list_display = ["created_at", "actor", "action", "object_type", "object_id", "organisation", "summary"]
    list_filter = ["action", "object_type"]
    search_fields = ["summary", "object_id"]
    list_select_related = ["actor", "organisation"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
