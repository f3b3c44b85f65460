"""A photo's file follows its row: removed after a committed delete (a photo, an activity, a campaign;
by the service or the Django admin), kept when the delete rolls back, and a file stored for a row
that is never committed does not stay behind (the admin's own log write failing included)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from shuxiang.activities import photo_files, services
from shuxiang.activities.admin import PhotoAdmin
from shuxiang.activities.models import Activity, Photo
from shuxiang.campaigns.models import Campaign
from shuxiang.orgs.models import AuditEntry
from tests.factories import files_under, make_png_upload


@pytest.fixture
def add(world, media_root):
    def add(activity, name="现场.png") -> Photo:
        return services.add_photo(
            activity, image=make_png_upload(name), caption="现场", acting_user=world["staff"]
        )

    return add


@pytest.fixture
def root(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(user)
    return user


# --------------------------------------------------------------------------- delete_photo


def test_a_deleted_photos_file_goes_once_the_delete_is_committed_and_it_is_audited(
    world, activity, add, media_root, django_capture_on_commit_callbacks
):
    photo, kept = add(activity, "一.png"), add(activity, "二.png")
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_photo(photo, acting_user=world["staff"])
        assert photo.image.name in files_under(media_root)  # not before the commit
    assert files_under(media_root) == [kept.image.name]
    assert list(Photo.objects.all()) == [kept]
    entry = AuditEntry.objects.get(action="photo.delete")
    assert (entry.actor, entry.organisation, entry.object_id) == (
        world["staff"],
        world["library"],
        str(photo.pk),
    )
    assert entry.data == {"activity": activity.pk, "image": photo.image.name, "caption": "现场"}


def test_a_rolled_back_delete_keeps_the_row_and_its_file(
    world, activity, add, media_root, django_capture_on_commit_callbacks
):
    photo = add(activity)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.delete_photo(photo, acting_user=world["staff"])
        raise RuntimeError("what came after the delete failed")
    assert Photo.objects.filter(pk=photo.pk).exists()
    assert files_under(media_root) == [photo.image.name]
    assert not AuditEntry.objects.filter(action="photo.delete").exists()


@pytest.mark.parametrize("who", ["neighbour", "volunteer"])
def test_staff_of_another_library_and_volunteers_may_not_delete_a_photo(
    world, activity, add, media_root, django_capture_on_commit_callbacks, who
):
    photo = add(activity)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        services.delete_photo(photo, acting_user=world[who])
    assert Photo.objects.filter(pk=photo.pk).exists() and files_under(media_root) == [photo.image.name]
    assert not AuditEntry.objects.filter(action="photo.delete").exists()


def test_the_bureau_above_may_delete_a_photo_and_a_second_delete_is_a_no_op(
    world, activity, add, media_root, django_capture_on_commit_callbacks
):
    photo = add(activity)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_photo(photo, acting_user=world["bureau"])
        services.delete_photo(photo, acting_user=world["staff"])  # another tab, already gone
    assert not Photo.objects.exists() and files_under(media_root) == []
    assert AuditEntry.objects.filter(action="photo.delete").count() == 1


@pytest.mark.django_db(transaction=True)
def test_with_real_transactions_a_commit_removes_the_file_and_a_rollback_keeps_it(
    world, activity, add, media_root
):
    """The same without the test's own transaction around it: real commits, a real rollback."""
    gone, kept = add(activity, "一.png"), add(activity, "二.png")
    services.delete_photo(gone, acting_user=world["staff"])
    assert files_under(media_root) == [kept.image.name]
    with pytest.raises(RuntimeError), transaction.atomic():
        services.delete_photo(kept, acting_user=world["staff"])
        raise RuntimeError("rolled back")
    assert Photo.objects.get() == kept and files_under(media_root) == [kept.image.name]


# --------------------------------------------------------------------------- activities and campaigns


def test_an_activity_deleted_in_the_admin_takes_its_photos_files_after_commit(
    client, root, world, activity, add, media_root, create_activity, django_capture_on_commit_callbacks
):
    other = create_activity(campaign=world["campaign"], library=world["library"], title="另一个")
    add(activity, "一.png"), add(activity, "二.png")
    kept = add(other, "三.png")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:activities_activity_delete", args=[activity.pk]), {"post": "yes"}
        )
        assert len(files_under(media_root)) == 3
    assert response.status_code == 302
    assert list(Photo.objects.all()) == [kept] and files_under(media_root) == [kept.image.name]
    assert AuditEntry.objects.filter(action="activity.admin.delete", object_id=str(activity.pk)).exists()


def test_activities_deleted_together_in_the_admin_take_their_photos_files(
    client, root, world, activity, add, media_root, create_activity, django_capture_on_commit_callbacks
):
    other = create_activity(campaign=world["campaign"], library=world["library"], title="另一个")
    add(activity, "一.png"), add(other, "二.png")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:activities_activity_changelist"),
            {"action": "delete_selected", "_selected_action": [activity.pk, other.pk], "post": "yes"},
        )
    assert not Activity.objects.exists() and not Photo.objects.exists()
    assert files_under(media_root) == []


def test_a_campaign_deleted_in_the_admin_takes_its_activities_photos_files(
    client, root, world, activity, add, media_root, django_capture_on_commit_callbacks
):
    add(activity)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:campaigns_campaign_delete", args=[world["campaign"].pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Campaign.objects.exists() and files_under(media_root) == []


def test_an_activity_delete_that_rolls_back_keeps_its_photos_files(
    world, activity, add, media_root, django_capture_on_commit_callbacks
):
    photo = add(activity)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Activity.objects.filter(pk=activity.pk).delete()
        raise RuntimeError("rolled back")
    assert Photo.objects.filter(pk=photo.pk).exists() and files_under(media_root) == [photo.image.name]


def test_a_file_another_row_still_names_is_kept(
    world, activity, add, media_root, django_capture_on_commit_callbacks
):
    one = add(activity)
    twin = Photo.objects.create(activity=activity, library=activity.library, image=one.image.name)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_photo(one, acting_user=world["staff"])
    assert files_under(media_root) == [twin.image.name]


# --------------------------------------------------------------------------- the admin's log write


def test_a_photo_added_in_the_admin_whose_log_entry_cannot_be_written_leaves_no_file(
    client, root, activity, media_root
):
    with (
        mock.patch.object(PhotoAdmin, "log_addition", side_effect=RuntimeError("log down")),
        pytest.raises(RuntimeError),
    ):
        client.post(
            reverse("admin:activities_photo_add"), {"activity": activity.pk, "image": make_png_upload()}
        )
    assert not Photo.objects.exists() and not LogEntry.objects.exists()
    assert files_under(media_root) == []
    assert not AuditEntry.objects.filter(action="photo.admin.create").exists()


def test_a_photo_replaced_in_the_admin_whose_log_entry_fails_keeps_the_old_file_and_drops_the_new(
    client, root, activity, add, media_root, django_capture_on_commit_callbacks
):
    photo = add(activity, "旧.png")
    with (
        django_capture_on_commit_callbacks(execute=True),
        mock.patch.object(PhotoAdmin, "log_change", side_effect=RuntimeError("log down")),
        pytest.raises(RuntimeError),
    ):
        client.post(
            reverse("admin:activities_photo_change", args=[photo.pk]),
            {"activity": activity.pk, "image": make_png_upload("新.png"), "caption": "换了一张"},
        )
    assert Photo.objects.get().image.name == photo.image.name
    assert files_under(media_root) == [photo.image.name]


def test_a_photo_added_in_the_admin_keeps_its_file(client, root, activity, media_root):
    response = client.post(
        reverse("admin:activities_photo_add"), {"activity": activity.pk, "image": make_png_upload()}
    )
    assert response.status_code == 302
    assert files_under(media_root) == [Photo.objects.get().image.name]
    assert LogEntry.objects.count() == 1


# --------------------------------------------------------------------------- the guard itself


def test_a_file_stored_outside_a_guard_is_refused(media_root):
    with pytest.raises(RuntimeError, match="removed_unless_committed"):
        photo_files.stored("photos/x.png")


@pytest.mark.django_db(transaction=True)
def test_a_committed_file_stays_even_if_the_block_raises_after_the_commit(media_root):
    storage = Photo._meta.get_field("image").storage
    with pytest.raises(RuntimeError), photo_files.removed_unless_committed():
        with transaction.atomic():
            name = storage.save("photos/committed.png", ContentFile(b"x"))
            photo_files.stored(name)
        with transaction.atomic():
            lost = storage.save("photos/lost.png", ContentFile(b"x"))
            photo_files.stored(lost)
            raise RuntimeError("after the first commit")
    assert files_under(media_root) == [name]


def test_an_inner_guard_hands_its_files_to_the_outer_one(db, media_root):
    storage = Photo._meta.get_field("image").storage
    with pytest.raises(RuntimeError), photo_files.removed_unless_committed():
        with photo_files.removed_unless_committed(), transaction.atomic():
            photo_files.stored(storage.save("photos/inner.png", ContentFile(b"x")))
        raise RuntimeError("the outer transaction fails after the inner block ended well")
    assert files_under(media_root) == []
