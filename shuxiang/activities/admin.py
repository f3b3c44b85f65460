from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from shuxiang.activities import photos
from shuxiang.activities.models import Activity, ActivityAudience, Figure, MediaCoverage, Photo, Session
from shuxiang.orgs.admin import AuditedModelAdmin, audit_admin_write


class AudienceInline(admin.TabularInline):
    model = ActivityAudience
    extra = 0


class FigureInline(admin.TabularInline):
    model = Figure
    fields = ["value", "qualifier", "unit", "measure", "note", "source_text", "counted"]
    readonly_fields = ["counted"]
    extra = 0


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["starts_at", "ends_at", "capacity"]
    extra = 0


@admin.register(Activity)
class ActivityAdmin(AuditedModelAdmin):
    list_display = ["title", "campaign", "library", "kind", "start_date", "status", "visibility"]
    list_filter = ["status", "visibility", "kind"]
    search_fields = ["title", "venue"]
    date_hierarchy = "start_date"
    list_select_related = ["campaign", "library"]
    raw_id_fields = ["campaign", "library", "partners"]
    inlines = [AudienceInline, SessionInline, FigureInline]

    def save_formset(self, request, form, formset, change):
        """Figures typed here get the activity's campaign and library (the shard key); each
        inline figure added, changed or deleted leaves its own audit row."""
        instances = formset.save(commit=False)
        library = form.instance.library
        for obj in formset.deleted_objects:
            if isinstance(obj, Figure):
                audit_admin_write(request, obj, "delete", organisation=library)
            obj.delete()
        changed = {id(obj): fields for obj, fields in formset.changed_objects}
        for obj in instances:
            created = obj.pk is None
            if isinstance(obj, Figure | Session):
                obj.library = library
            if isinstance(obj, Figure):
                obj.campaign = form.instance.campaign
            obj.save()
            if isinstance(obj, Figure):
                audit_admin_write(
                    request,
                    obj,
                    "create" if created else "update",
                    organisation=library,
                    fields=changed.get(id(obj), []),
                )
        formset.save_m2m()


@admin.register(Figure)
class FigureAdmin(AuditedModelAdmin):
    list_display = ["__str__", "measure", "activity", "library", "campaign", "counted"]
    list_filter = ["unit", "qualifier", "counted"]
    list_select_related = ["activity", "library", "campaign"]
    raw_id_fields = ["campaign", "library", "activity"]


@admin.register(MediaCoverage)
class MediaCoverageAdmin(AuditedModelAdmin):
    list_display = ["outlet", "date", "headline", "library", "activity"]
    list_select_related = ["library", "activity"]
    raw_id_fields = ["campaign", "library", "activity"]


class PhotoAdminForm(forms.ModelForm):
    """The admin's way in for photos keeps the same rules as the service (photos.validate_photo)."""

    image = forms.FileField(
        label=Photo._meta.get_field("image").verbose_name,
        widget=admin.widgets.AdminFileWidget(attrs={"accept": photos.PHOTO_ACCEPT}),
    )

    class Meta:
        model = Photo
        fields = ["activity", "library", "image", "caption"]

    def clean_image(self):
        image = self.cleaned_data["image"]
        if isinstance(image, UploadedFile):  # a new upload; an unchanged photo was checked when it came
            try:
                extension = photos.validate_photo(image)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["image"]) from exc
            image.name = photos.photo_name(image.name, extension)
        return image


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ["__str__", "activity", "uploaded_at"]
    list_select_related = ["activity"]
    raw_id_fields = ["activity", "library"]
