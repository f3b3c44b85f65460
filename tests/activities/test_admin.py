"""Photos through the Django admin: an audit row for every add, change and delete, as the service
leaves for its writes, the activity's library as the photo's, and no file left behind."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from shuxiang.activities import services
from shuxiang.activities.models import Photo
from shuxiang.orgs.models import AuditEntry
from tests.factories import files_under, make_png_upload


@pytest.fixture
def root(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(user)
    return user


def audit_rows(action: str) -> list[tuple]:
    return list(
        AuditEntry.objects.filter(action=action).values_list("actor__username", "organisation", "object_id")
    )


def test_a_photo_added_in_the_admin_is_audited_and_belongs_to_its_activitys_library(
    client, root, world, activity, media_root, create_library
):
    elsewhere = create_library(parent=world["library"].parent)
    response = client.post(
        reverse("admin:activities_photo_add"),
        # A library other than the activity's is not taken: the photo is the activity's library's.
        {"activity": activity.pk, "library": elsewhere.pk, "image": make_png_upload(), "caption": "现场"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = Photo.objects.get()
    assert photo.library == activity.library
    assert audit_rows("photo.admin.create") == [("root", world["library"].pk, str(photo.pk))]
    entry = AuditEntry.objects.get(action="photo.admin.create")
    assert set(entry.data["changed"]) >= {"activity", "image", "caption"}


def test_a_photo_replaced_in_the_admin_is_audited_and_the_old_file_goes(
    client, root, world, activity, media_root, django_capture_on_commit_callbacks
):
    photo = services.add_photo(activity, image=make_png_upload("旧.png"), acting_user=world["staff"])
    old = photo.image.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:activities_photo_change", args=[photo.pk]),
            {"activity": activity.pk, "image": make_png_upload("新.png"), "caption": "换了一张"},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    photo.refresh_from_db()
    assert files_under(media_root) == [photo.image.name] != [old]
    entry = AuditEntry.objects.get(action="photo.admin.update")
    assert (entry.actor, entry.organisation, entry.object_id) == (root, world["library"], str(photo.pk))
    assert set(entry.data["changed"]) == {"image", "caption"}


def test_a_caption_changed_in_the_admin_keeps_the_file(client, root, world, activity, media_root):
    photo = services.add_photo(activity, image=make_png_upload(), acting_user=world["staff"])
    response = client.post(
        reverse("admin:activities_photo_change", args=[photo.pk]),
        {"activity": activity.pk, "caption": "新说明"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert files_under(media_root) == [photo.image.name]
    assert AuditEntry.objects.get(action="photo.admin.update").data == {"changed": ["caption"]}


def test_photos_deleted_in_the_admin_are_audited_and_their_files_removed(
    client, root, world, activity, media_root, django_capture_on_commit_callbacks
):
    one, two, three = (
        services.add_photo(activity, image=make_png_upload(f"{n}.png"), acting_user=world["staff"])
        for n in range(3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:activities_photo_delete", args=[one.pk]), {"post": "yes"})
    assert audit_rows("photo.admin.delete") == [("root", world["library"].pk, str(one.pk))]
    assert files_under(media_root) == sorted([two.image.name, three.image.name])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:activities_photo_changelist"),
            {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"},
        )
    assert sorted(
        AuditEntry.objects.filter(action="photo.admin.delete").values_list("object_id", flat=True)
    ) == (sorted(str(p.pk) for p in (one, two, three)))
    assert not Photo.objects.exists() and files_under(media_root) == []


def test_a_photo_whose_audit_row_cannot_be_written_leaves_no_file(client, root, world, activity, media_root):
    with (
        mock.patch("shuxiang.orgs.admin.record_audit", side_effect=RuntimeError("audit down")),
        pytest.raises(RuntimeError),
    ):
        client.post(
            reverse("admin:activities_photo_add"), {"activity": activity.pk, "image": make_png_upload()}
        )
    assert not Photo.objects.exists() and files_under(media_root) == []
