"""Organisations (bureau -> library -> branch, and partners), staff memberships, the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """Any body that runs, receives or reports on activities.

    Service bodies form a tree: a bureau or association above libraries, a
    library above its branches and service points. Partners (schools,
    communities, army units...) are organisations too, usually without a parent.
    ``path`` materialises the tree ("/1/4/9/") so that "everything under this
    bureau" is one indexed prefix query.
    """

    class Kind(models.TextChoices):
        BUREAU = "bureau", _("culture bureau")
        ASSOCIATION = "association", _("library association")
        LIBRARY = "library", _("library")
        BRANCH = "branch", _("branch library")
        SERVICE_POINT = "service_point", _("service point")
        DRIFT_POINT = "drift_point", _("book drift point")
        MOBILE_VEHICLE = "mobile_vehicle", _("mobile library vehicle")
        READING_ROOM = "reading_room", _("reading room")
        SCHOOL = "school", _("school")
        KINDERGARTEN = "kindergarten", _("kindergarten")
        COMMUNITY = "community", _("community")
        ARMY_UNIT = "army_unit", _("army unit")
        GOVERNMENT = "government", _("township or government office")
        CARE_CENTRE = "care_centre", _("rehabilitation or care centre")
        PRISON = "prison", _("prison")
        MEDIA = "media", _("media outlet")
        OTHER = "other", _("other organisation")

    SUPERVISING_KINDS = frozenset({Kind.BUREAU, Kind.ASSOCIATION})
    LIBRARY_KINDS = frozenset({Kind.LIBRARY, Kind.BRANCH})
    SERVICE_POINT_KINDS = frozenset(
        {Kind.SERVICE_POINT, Kind.DRIFT_POINT, Kind.MOBILE_VEHICLE, Kind.READING_ROOM}
    )

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=100, blank=True, help_text=_("As reports write it, e.g. 苍溪馆.")
    )
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["path", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="org_unique_name_under_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Keep ``path`` in step with ``parent`` (a new row needs its id first)."""
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            self.path = path
            type(self).objects.filter(pk=self.pk).update(path=path)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def is_within(self, ancestor: Organisation) -> bool:
        """True if ``ancestor`` is this organisation or above it in the tree."""
        return bool(self.path) and self.path.startswith(ancestor.path)

    @property
    def is_library(self) -> bool:
        return self.kind in self.LIBRARY_KINDS


class Membership(models.Model):
    """A user's place in one organisation, with the role that decides what they may do."""

    class Role(models.TextChoices):
        BUREAU_ADMIN = "bureau_admin", _("bureau administrator")
        LIBRARY_ADMIN = "library_admin", _("library administrator")
        STAFF = "staff", _("library staff")
        VOLUNTEER = "volunteer", _("volunteer")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class AuditEntry(models.Model):
    """Who did what, when, to which object: one row per write that matters."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The library (or bureau) that owns the object.",
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_type}#{self.object_id}"
        )
