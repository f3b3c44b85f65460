"""A campaign: the notice a bureau issues (theme, dates) and the libraries that take part."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from shuxiang.orgs.models import Organisation


class Campaign(models.Model):
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. 图书馆服务宣传周"))
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    notice_title = models.CharField(_("notice title"), max_length=300, blank=True)
    issuer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="issued_campaigns", verbose_name=_("issued by")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    report_due = models.DateField(_("report due"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    libraries = models.ManyToManyField(
        Organisation, through="Participation", related_name="campaigns", verbose_name=_("libraries")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="campaign_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_date.year} {self.name}"


class Participation(models.Model):
    """A library taking part in a campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participations")
    library = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="participations")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participating library")
        verbose_name_plural = _("participating libraries")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "library"], name="participation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.library} in {self.campaign}"
