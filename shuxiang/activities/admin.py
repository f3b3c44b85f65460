from django.contrib import admin

from shuxiang.activities.models import Activity, ActivityAudience, Figure, MediaCoverage, Photo, Session


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
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "library", "kind", "start_date", "status", "visibility"]
    list_filter = ["status", "visibility", "kind"]
    search_fields = ["title", "venue"]
    date_hierarchy = "start_date"
    list_select_related = ["campaign", "library"]
    raw_id_fields = ["campaign", "library", "partners"]
    inlines = [AudienceInline, SessionInline, FigureInline]

    def save_formset(self, request, form, formset, change):
        """Figures typed here get the activity's campaign and library (the shard key)."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if isinstance(obj, Figure | Session):
                obj.library = form.instance.library
            if isinstance(obj, Figure):
                obj.campaign = form.instance.campaign
            obj.save()
        formset.save_m2m()


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["__str__", "measure", "activity", "library", "campaign", "counted"]
    list_filter = ["unit", "qualifier", "counted"]
    list_select_related = ["activity", "library", "campaign"]
    raw_id_fields = ["campaign", "library", "activity"]


@admin.register(MediaCoverage)
class MediaCoverageAdmin(admin.ModelAdmin):
    list_display = ["outlet", "date", "headline", "library", "activity"]
    list_select_related = ["library", "activity"]
    raw_id_fields = ["campaign", "library", "activity"]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["__str__", "activity", "uploaded_at"]
    list_select_related = ["activity"]
    raw_id_fields = ["activity", "library"]
