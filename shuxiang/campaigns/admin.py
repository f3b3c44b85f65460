from django.contrib import admin

from shuxiang.campaigns.models import Campaign, Participation
from shuxiang.orgs.admin import AuditedModelAdmin


class ParticipationInline(admin.TabularInline):
    model = Participation
    raw_id_fields = ["library"]
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(AuditedModelAdmin):
    list_display = ["name", "start_date", "end_date", "issuer", "report_due"]
    search_fields = ["name", "theme", "notice_title"]
    date_hierarchy = "start_date"
    raw_id_fields = ["issuer"]
    inlines = [ParticipationInline]

    def audit_organisation(self, obj):
        return obj.issuer
