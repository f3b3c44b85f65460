"""Edits made in the Django admin after an import count as staff's edits when a corrected import
replaces it: the activities, figures and media they touched are kept, as for edits made on the
pages. A save that changed nothing is not an edit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from shuxiang.activities.models import Activity, Figure, MediaCoverage
from shuxiang.imports.models import ImportBatch
from shuxiang.imports.services import ReplaceRequired, import_record
from shuxiang.orgs.models import AuditEntry
from shuxiang.record import Figure as RecordFigure
from shuxiang.record import Media as RecordMedia
from shuxiang.record import Record
from tests.imports.test_services import small_record
from tests.web.test_admin_audit import _activity_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def root(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # a request activates its language for the thread
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
    return client


def with_city_total(rec: Record, value: float = 5000) -> Record:
    """``rec`` with a report-level figure (the library's total over the week) and media item."""
    rec.figures = [RecordFigure(value=value, qualifier="more_than", unit="person_time", text="5000余人次")]
    rec.media = [RecordMedia(outlet="广元晚报", library="苍溪馆")]
    return rec


def imported(guangyuan, value: float = 300):
    staff = guangyuan.staff_of("苍溪馆")
    import_record(
        with_city_total(small_record("苍溪馆", value=value)), campaign=guangyuan.campaign, acting_user=staff
    )
    return staff, ImportBatch.objects.get(superseded_at__isnull=True)


def reimport(guangyuan, staff, **kwargs):
    return import_record(
        with_city_total(small_record("苍溪馆", value=350)),
        campaign=guangyuan.campaign,
        acting_user=staff,
        **kwargs,
    )


def save_figure_in_admin(client, figure: Figure, **changes) -> None:
    data = {
        "campaign": figure.campaign_id,
        "library": figure.library_id,
        "activity": figure.activity_id or "",
        "value": str(figure.value),
        "qualifier": figure.qualifier,
        "unit": figure.unit,
        "measure": figure.measure,
        "note": figure.note,
        "source_text": figure.source_text,
    } | changes
    response = client.post(reverse("admin:activities_figure_change", args=[figure.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_an_imported_figure_corrected_in_the_admin_keeps_its_activity(guangyuan, root):
    staff, earlier = imported(guangyuan)
    activity = Activity.objects.get()
    save_figure_in_admin(root, Figure.objects.get(activity=activity), value="320")

    with pytest.raises(ReplaceRequired) as refused:
        reimport(guangyuan, staff)
    assert [a.pk for a in refused.value.earlier[0].kept] == [activity.pk]
    assert "are kept: 免费开放主题宣传" in refused.value.messages[1]

    result = reimport(guangyuan, staff, replace=[earlier.pk])
    assert Activity.objects.filter(pk=activity.pk).exists() and Activity.objects.count() == 2
    assert any("are kept" in note for note in result.notes)
    assert AuditEntry.objects.get(action="import.replace").data["kept_activities"] == [activity.pk]


def test_a_report_figure_corrected_in_the_admin_is_kept(guangyuan, root):
    staff, earlier = imported(guangyuan)
    total = Figure.objects.get(activity__isnull=True)
    save_figure_in_admin(root, total, value="5200", note="按门禁数据更正")

    reimport(guangyuan, staff, replace=[earlier.pk])

    assert Figure.objects.filter(pk=total.pk, value=Decimal(5200)).exists()
    assert AuditEntry.objects.get(action="import.replace").data["kept_figures"] == [total.pk]
    assert not Activity.objects.filter(pk__in=earlier.activity_ids).exists()  # the activity was not edited


def test_an_activity_edited_in_the_admin_is_kept(guangyuan, root):
    staff, earlier = imported(guangyuan)
    activity = Activity.objects.get()
    response = root.post(
        reverse("admin:activities_activity_change", args=[activity.pk]),
        _activity_post(activity, title="免费开放主题宣传（更正）"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    reimport(guangyuan, staff, replace=[earlier.pk])

    assert Activity.objects.get(pk=activity.pk).title == "免费开放主题宣传（更正）"
    assert AuditEntry.objects.get(action="import.replace").data["kept_activities"] == [activity.pk]


def test_an_admin_save_that_changed_nothing_is_not_an_edit(guangyuan, root):
    staff, earlier = imported(guangyuan)
    figures = list(Figure.objects.all())
    for figure in figures:
        save_figure_in_admin(root, figure)
    assert AuditEntry.objects.filter(action="figure.admin.update").count() == len(figures) == 2

    reimport(guangyuan, staff, replace=[earlier.pk])

    replaced = AuditEntry.objects.get(action="import.replace").data
    assert (replaced["kept_activities"], replaced["kept_figures"]) == ([], [])
    assert not Figure.objects.filter(pk__in=[f.pk for f in figures]).exists()


def save_media_in_admin(client, media: MediaCoverage, **changes) -> None:
    data = {
        "campaign": media.campaign_id,
        "library": media.library_id,
        "activity": media.activity_id or "",
        "outlet": media.outlet,
        "date": media.date.isoformat() if media.date else "",
        "headline": media.headline,
        "url": media.url,
    } | changes
    response = client.post(reverse("admin:activities_mediacoverage_change", args=[media.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_report_media_item_corrected_in_the_admin_is_kept_and_listed(guangyuan, root):
    staff, earlier = imported(guangyuan)
    media = MediaCoverage.objects.get(activity__isnull=True)
    save_media_in_admin(root, media, outlet="广元日报", headline="苍溪县图书馆宣传周")

    with pytest.raises(ReplaceRequired) as refused:
        reimport(guangyuan, staff)
    assert refused.value.earlier[0].kept_media == [media]
    assert "1 report media items" in refused.value.messages[1]
    assert "are kept: 广元日报" in refused.value.messages[1]

    result = reimport(guangyuan, staff, replace=[earlier.pk])
    assert MediaCoverage.objects.filter(pk=media.pk, outlet="广元日报").exists()
    assert sorted(MediaCoverage.objects.values_list("outlet", flat=True)) == ["广元日报", "广元晚报"]
    assert any("广元日报" in note for note in result.notes)
    replaced = AuditEntry.objects.get(action="import.replace").data
    assert (replaced["kept_media"], replaced["deleted_media"]) == ([media.pk], [])


def test_a_report_media_item_saved_unchanged_in_the_admin_is_replaced(guangyuan, root):
    staff, earlier = imported(guangyuan)
    media = MediaCoverage.objects.get(activity__isnull=True)
    save_media_in_admin(root, media)
    assert "changed" not in AuditEntry.objects.get(action="mediacoverage.admin.update").data

    reimport(guangyuan, staff, replace=[earlier.pk])

    assert not MediaCoverage.objects.filter(pk=media.pk).exists()
    replaced = AuditEntry.objects.get(action="import.replace").data
    assert (replaced["kept_media"], replaced["deleted_media"]) == ([], [media.pk])


def admin_form(client, activity: Activity) -> dict:
    """What the admin's change page posts back when nothing is touched (as a browser would)."""
    url = reverse("admin:activities_activity_change", args=[activity.pk])
    form = BeautifulSoup(client.get(url).content, "html.parser").find("form", id="activity_form")
    data: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or "__prefix__" in name or field.get("type") in {"submit", "file"}:
            continue
        if field.name == "select":
            data[name] = [option["value"] for option in field.find_all("option", selected=True)]
        elif field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        elif field.get("type") != "checkbox" or field.has_attr("checked"):
            data[name] = field.get("value", "")
    return data


def save_activity_in_admin(client, activity: Activity, **changes) -> None:
    url = reverse("admin:activities_activity_change", args=[activity.pk])
    response = client.post(url, admin_form(client, activity) | changes)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_an_activity_saved_unchanged_in_the_admin_is_not_an_edit(guangyuan, root):
    staff, earlier = imported(guangyuan)
    activity = Activity.objects.get()
    before = activity.updated_at
    save_activity_in_admin(root, activity)
    assert Activity.objects.get(pk=activity.pk).updated_at == before
    assert "changed" not in AuditEntry.objects.get(action="activity.admin.update").data

    reimport(guangyuan, staff, replace=[earlier.pk])

    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert AuditEntry.objects.get(action="import.replace").data["kept_activities"] == []


def test_an_audience_changed_in_the_admin_keeps_its_activity(guangyuan, root):
    staff, earlier = imported(guangyuan)
    activity = Activity.objects.get()
    assert list(activity.audiences.values_list("group", flat=True)) == ["general_public"]
    save_activity_in_admin(root, activity, **{"audiences-0-group": "children"})
    assert AuditEntry.objects.get(action="activity.admin.update").data == {"changed": ["audiences"]}

    reimport(guangyuan, staff, replace=[earlier.pk])

    assert Activity.objects.get(pk=activity.pk).audiences.get().group == "children"
    assert AuditEntry.objects.get(action="import.replace").data["kept_activities"] == [activity.pk]
