from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import path

from shuxiang.activities import photo_files, photos
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
    """The admin's way in for photos keeps the same rules as the service (photos.validate_photo).

    No library field: as in the service, a photo belongs to its activity's library.
    """

    image = forms.FileField(
        label=Photo._meta.get_field("image").verbose_name,
        widget=admin.widgets.AdminFileWidget(attrs={"accept": photos.PHOTO_ACCEPT}),
    )

    class Meta:
        model = Photo
        fields = ["activity", "image", "caption"]

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
class PhotoAdmin(AuditedModelAdmin):
    """Photos in the admin: the service's checks, an audit row per add, change and delete
    (``photo.admin.create|update|delete``), and no file left behind: a new file whose row is not
    committed is removed, and a deleted or replaced photo's file goes after the commit.

    The add and change pages drop an upload past ``PHOTO_MAX_BYTES`` as it streams in, as the staff
    page does (:data:`shuxiang.activities.photos.limit_photo_uploads`).
    """

    form = PhotoAdminForm
    list_display = ["__str__", "activity", "library", "uploaded_at"]
    list_select_related = ["activity", "library"]
    raw_id_fields = ["activity"]

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        limited = {
            f"{prefix}_add": ("add/", self.add_view),
            f"{prefix}_change": ("<path:object_id>/change/", self.change_view),
        }

        def limit(view):
            # The CSRF middleware reads the body before any view that is not exempt: the limit goes
            # outside the admin's wrapper (whose own CSRF check then runs with it in place).
            wrapped = photos.limit_photo_uploads(self.admin_site.admin_view(view))
            wrapped.model_admin = self  # as ModelAdmin.get_urls marks its views
            return wrapped

        urls = [path(route, limit(view), name=name) for name, (route, view) in limited.items()]
        return urls + [url for url in super().get_urls() if url.name not in limited]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The admin saves the row, then its own LogEntry, in one transaction: if anything after the
        # file was stored fails (the LogEntry included), the row is rolled back and the file goes.
        with photo_files.removed_unless_committed():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        obj.library = obj.activity.library
        new_file = "image" in form.changed_data
        replaced = None
        if change and new_file:
            replaced = Photo.objects.filter(pk=obj.pk).values_list("image", flat=True).first()
        with photo_files.removed_unless_committed():
            if new_file:
                # Stored here, not by the row's save, so the guard knows the file before anything can fail.
                obj.image.save(obj.image.name, obj.image.file, save=False)
                photo_files.stored(obj.image.name)
            super().save_model(request, obj, form, change)
        if replaced and replaced != obj.image.name:
            photo_files.delete_on_commit([replaced])

    # Deleting a photo (one, or a selection) removes its file after commit: photo_files.photo_deleted.
