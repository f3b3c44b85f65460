"""Photos through the Django admin: an audit row for every add, change and delete, as the service
leaves for its writes, the activity's library as the photo's, and no file left behind; and capacities
held to MAX_CAPACITY there as in the services."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from shuxiang.activities import services
from shuxiang.activities.models import Activity, Photo, Session
from shuxiang.activities.validation import MAX_CAPACITY
from shuxiang.orgs.models import AuditEntry
from tests.factories import files_under, make_open_session, make_png_upload


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


# --------------------------------------------------------------------------- capacity (MAX_CAPACITY)


def change_form_data(response) -> dict:
    """What the admin's change page would post back unchanged: the form's and every inline's values."""
    data = {}
    for bound in response.context["adminform"].form:
        value = bound.value()
        if value is not None:
            data[bound.html_name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f.html_name: f.value() for f in formset.management_form})
        for form in formset.forms:
            data.update({b.html_name: b.value() for b in form if b.value() is not None})
    return data


def test_the_admin_refuses_an_activity_capacity_above_max_capacity(client, root, activity):
    url = reverse("admin:activities_activity_change", args=[activity.pk])
    data = change_form_data(client.get(url))
    response = client.post(url, data | {"capacity": MAX_CAPACITY + 1})
    assert response.status_code == 200 and "capacity" in response.context["adminform"].form.errors
    activity.refresh_from_db()
    assert activity.capacity is None
    assert client.post(url, data | {"capacity": MAX_CAPACITY}).status_code == 302
    activity.refresh_from_db()
    assert activity.capacity == MAX_CAPACITY


def test_the_admin_refuses_a_session_capacity_above_max_capacity(client, root, activity):
    session = make_open_session(activity, capacity=5)
    url = reverse("admin:activities_activity_change", args=[activity.pk])
    data = change_form_data(client.get(url))
    assert data["sessions-0-id"] == session.pk
    response = client.post(url, data | {"sessions-0-capacity": MAX_CAPACITY + 1})
    assert response.status_code == 200
    [sessions] = [
        i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "sessions"
    ]
    assert "capacity" in sessions.forms[0].errors
    session.refresh_from_db()
    assert session.capacity == 5


@pytest.mark.parametrize("model", [Activity, Session])
def test_capacity_field_validators_refuse_negative_and_above_max_capacity(model):
    field = model._meta.get_field("capacity")
    field.run_validators(MAX_CAPACITY)
    for bad in (-1, MAX_CAPACITY + 1):
        with pytest.raises(ValidationError):
            field.run_validators(bad)
