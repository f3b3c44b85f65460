"""Imports: one row per library part of a report record saved into a campaign.

The row's ``key`` is a hash of that library's part of the record (its activities,
figures and media as data), unique per campaign and library among current rows:
importing the same record twice finds the row and writes nothing (the database
refuses a second row even when two imports race).

A corrected import of the same library replaces the earlier one (see
:mod:`shuxiang.imports.replace`): the earlier row stays, marked ``superseded_at`` and
pointing to its successor, so the history of imports stays readable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shuxiang.campaigns.models import Campaign
from shuxiang.orgs.models import Organisation


class ImportBatch(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="import_batches", verbose_name=_("campaign")
    )
    library = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="import_batches", verbose_name=_("library")
    )
    key = models.CharField(_("content hash"), max_length=64)
    title = models.CharField(_("report title"), max_length=300, blank=True)
    part = models.JSONField(_("imported part of the record"), default=dict)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    activity_ids = models.JSONField(default=list, blank=True)
    # Every figure and media row the import created. None: imported before these were kept
    # (the replacement then finds them through the import's audit rows).
    figure_ids = models.JSONField(null=True, blank=True, default=None)
    media_ids = models.JSONField(null=True, blank=True, default=None)
    superseded_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("replaced by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "library", "key"],
                condition=models.Q(superseded_at__isnull=True),
                name="import_once_per_content",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title or self.key[:8]} -> {self.library} ({self.campaign})"

    @property
    def superseded(self) -> bool:
        return self.superseded_at is not None
