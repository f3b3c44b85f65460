"""Activities, their sessions, the figures that count them, media coverage and photos.

Every row carries ``library`` (the shard key: the schema stays ready to shard by library).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from shuxiang import vocab
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs.models import Organisation

KIND_CHOICES = vocab.choices(vocab.ACTIVITY_KINDS)
AUDIENCE_CHOICES = vocab.choices(vocab.AUDIENCE_GROUPS)
UNIT_CHOICES = vocab.choices(vocab.UNITS)
QUALIFIER_CHOICES = vocab.choices(vocab.QUALIFIERS)

# The most places one session may offer. Sign-up is for events with a door to count at: the largest
# a public library holds are a lecture in a big auditorium (a few hundred to 2,000 seats) or an
# open-air reading festival on a square (a few thousand registered). 10,000 covers those with room
# to spare, and stops a typo (200000) from becoming as many Seat rows in one request
# (shuxiang.readers.seating). A larger crowd that needs no places: leave the capacity empty.
# The services check it (shuxiang.activities.validation, which callers import it from); the field
# validators below hold model forms, the Django admin's included, to it as well.
MAX_CAPACITY = 10_000
CAPACITY_VALIDATORS = [MinValueValidator(0), MaxValueValidator(MAX_CAPACITY)]


class Activity(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    # Allowed lifecycle moves; services check every change against this table.
    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.PLANNED: frozenset({Status.DONE, Status.CANCELLED}),
        Status.DONE: frozenset({Status.PLANNED}),
        Status.CANCELLED: frozenset({Status.PLANNED}),
    }

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        INTERNAL = "internal", _("internal")

    class DatePrecision(models.TextChoices):
        """How much of the dates is known. Old reports often give a month only, or no date at all.

        ``day``: start and end are the real days. ``month``: only the month of ``start_date`` is
        known (start and end span that month). ``none``: the report gives no date; start and end
        span the campaign and pages say "during the campaign" instead of inventing a day.
        """

        DAY = "day", _("exact days")
        MONTH = "month", _("month only")
        NONE = "none", _("not dated")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="activities")
    library = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField(_("kind"), max_length=32, choices=KIND_CHOICES)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Empty for one day."))
    date_precision = models.CharField(
        _("dates known"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Not dated: the report gives no date; the activity is shown as during the campaign."),
    )
    daily_start_time = models.TimeField(_("daily start time"), null=True, blank=True)
    daily_end_time = models.TimeField(_("daily end time"), null=True, blank=True)
    repeats_daily = models.BooleanField(
        _("repeats every day"),
        default=False,
        help_text=_("A slot held every day of the date range, e.g. 17:00-18:00 each day of the week."),
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partnered_activities", verbose_name=_("partners")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=CAPACITY_VALIDATORS,
        help_text=_("Places per session; empty for no limit."),
    )
    signup_open = models.BooleanField(_("readers may sign up"), default=False)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start_date", "daily_start_time", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["campaign", "library", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="activity_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(daily_start_time__isnull=True)
                | Q(daily_end_time__isnull=True)
                | Q(daily_end_time__gt=F("daily_start_time")),
                name="activity_slot_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def last_date(self):
        return self.end_date or self.start_date

    @property
    def dated(self) -> bool:
        """True when the real days are known (False: month only, or no date in the report)."""
        return self.date_precision == self.DatePrecision.DAY


class ActivityAudience(models.Model):
    """One audience group an activity is for (a row each, so filters work on every database)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="audiences")
    group = models.CharField(_("audience"), max_length=32, choices=AUDIENCE_CHOICES)

    class Meta:
        verbose_name = _("activity audience")
        verbose_name_plural = _("activity audiences")
        constraints = [models.UniqueConstraint(fields=["activity", "group"], name="audience_once")]

    def __str__(self) -> str:
        return self.group


class Session(models.Model):
    """One occurrence readers sign up for: the whole activity, or one day of a repeating slot."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    library = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, validators=CAPACITY_VALIDATORS
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("activity session")
        verbose_name_plural = _("activity sessions")
        constraints = [
            models.UniqueConstraint(fields=["activity", "starts_at"], name="session_once_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.activity} @ {self.starts_at:%Y-%m-%d %H:%M}"


class Figure(models.Model):
    """One count a report states: value, qualifier, unit, measure.

    Attached to an activity, or (activity empty) to the campaign for one library,
    e.g. a city-wide total or a cumulative card count.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="figures")
    library = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="figures")
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="figures"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    qualifier = models.CharField(_("qualifier"), max_length=16, choices=QUALIFIER_CHOICES, default="exact")
    unit = models.CharField(_("unit"), max_length=16, choices=UNIT_CHOICES)
    measure = models.CharField(_("measure"), max_length=64, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    source_text = models.CharField(
        _("as written"), max_length=500, blank=True, help_text=_("The phrase the figure was read from.")
    )
    counted = models.BooleanField(
        default=False, help_text="Kept up to date by shuxiang from sign-ups and check-ins, not typed."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        indexes = [models.Index(fields=["campaign", "library"])]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="figure_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.value} {self.unit}"


class MediaCoverage(models.Model):
    """A press, TV or web report about an activity (or about the library's whole campaign)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="media")
    library = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="media")
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="media"
    )
    outlet = models.CharField(_("outlet"), max_length=200)
    date = models.DateField(_("date"), null=True, blank=True)
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("media coverage")
        verbose_name_plural = _("media coverage")

    def __str__(self) -> str:
        return self.outlet


class Photo(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    library = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    image = models.ImageField(_("photo"), upload_to="photos/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.image.name
