"""Edits made in the Django admin bypass the services, so the ModelAdmins leave the audit rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from shuxiang.activities.models import Activity, Figure, MediaCoverage
from shuxiang.orgs.models import AuditEntry
from tests.factories import make_figure


@pytest.fixture
def superuser_client(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client, user


def _activity_post(activity: Activity, **overrides) -> dict:
    data = {
        "campaign": activity.campaign_id,
        "library": activity.library_id,
        "kind": activity.kind,
        "title": activity.title,
        "description": "",
        "venue": activity.venue,
        "start_date": activity.start_date.isoformat(),
        "end_date": "",
        "date_precision": "day",
        "capacity": "",
        "visibility": "public",
        "status": activity.status,
        "partners": "",
    }
    for prefix in ("audiences", "sessions", "figures"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | overrides


def test_saving_an_activity_in_the_admin_leaves_an_audit_row_naming_the_superuser(
    superuser_client, world, create_activity
):
    client, root = superuser_client
    activity = create_activity(campaign=world["campaign"], library=world["library"])
    url = reverse("admin:activities_activity_change", args=[activity.pk])
    response = client.post(url, _activity_post(activity, title="改过的标题"))
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="activity.admin.update")
    assert (entry.actor, entry.organisation, entry.object_id) == (root, world["library"], str(activity.pk))
    assert "title" in entry.data["changed"]


def test_deleting_figures_media_and_campaigns_in_the_admin_leaves_audit_rows(
    superuser_client, world, create_activity
):
    client, root = superuser_client
    activity = create_activity(campaign=world["campaign"], library=world["library"])
    figure = make_figure(activity)
    media = MediaCoverage.objects.create(
        campaign=world["campaign"], library=world["library"], activity=activity, outlet="广元晚报"
    )
    client.post(reverse("admin:activities_figure_delete", args=[figure.pk]), {"post": "yes"})
    client.post(reverse("admin:activities_mediacoverage_delete", args=[media.pk]), {"post": "yes"})
    assert not Figure.objects.exists() and not MediaCoverage.objects.exists()
    assert set(AuditEntry.objects.filter(actor=root).values_list("action", flat=True)) == {
        "figure.admin.delete",
        "mediacoverage.admin.delete",
    }
    campaign = world["campaign"]
    client.post(
        reverse("admin:campaigns_campaign_changelist"),
        {"action": "delete_selected", "_selected_action": [campaign.pk], "post": "yes"},
    )
    entry = AuditEntry.objects.get(action="campaign.admin.delete")
    assert (entry.actor, entry.organisation, entry.object_id) == (root, world["bureau"], str(campaign.pk))


def test_changing_a_campaign_in_the_admin_is_audited_on_its_issuer(superuser_client, world):
    client, root = superuser_client
    campaign = world["campaign"]
    data = {
        "name": campaign.name,
        "theme": "新主题",
        "notice_title": campaign.notice_title,
        "issuer": campaign.issuer_id,
        "start_date": campaign.start_date.isoformat(),
        "end_date": campaign.end_date.isoformat(),
        "report_due": dt.date(2016, 6, 10).isoformat(),
        "description": "",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:campaigns_campaign_change", args=[campaign.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="campaign.admin.update")
    assert (entry.actor, entry.organisation) == (root, world["bureau"]) and "theme" in entry.data["changed"]
