"""A photo's file is served by the activity's page rules, not from a public folder: anyone sees a
public activity's photos, only the library's staff an internal activity's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shuxiang.activities import services
from shuxiang.activities.models import Activity
from tests.factories import make_png_upload


@pytest.fixture
def photo_of(world, media_root):
    def photo_of(activity: Activity):
        return services.add_photo(activity, image=make_png_upload(), acting_user=world["staff"])

    return photo_of


def _url(photo) -> str:
    return reverse("activities:photo_image", args=[photo.activity_id, photo.pk])


def test_a_public_activitys_photo_is_served_to_anyone_and_may_be_cached(client, activity, photo_of):
    photo = photo_of(activity)
    response = client.get(_url(photo))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    served = b"".join(response.streaming_content)
    response.close()
    with photo.image.open("rb") as stored:
        assert served == stored.read()
    assert "public" in response["Cache-Control"]


def test_an_internal_activitys_photo_is_for_its_librarys_staff_only(client, world, create_activity, photo_of):
    internal = create_activity(
        campaign=world["campaign"], library=world["library"], visibility=Activity.Visibility.INTERNAL
    )
    photo = photo_of(internal)
    assert client.get(_url(photo)).status_code == 404
    client.force_login(world["neighbour"])
    assert client.get(_url(photo)).status_code == 404
    client.force_login(world["volunteer"])
    response = client.get(_url(photo))
    response.close()
    assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_a_photo_asked_for_under_another_activity_or_without_its_file_is_404(
    client, world, activity, create_activity, photo_of
):
    photo = photo_of(activity)
    other = create_activity(campaign=world["campaign"], library=world["library"])
    assert client.get(reverse("activities:photo_image", args=[other.pk, photo.pk])).status_code == 404
    photo.image.storage.delete(photo.image.name)
    assert client.get(_url(photo)).status_code == 404


def test_the_pages_show_photos_through_the_checked_view_not_the_media_folder(
    client, world, activity, photo_of
):
    photo = photo_of(activity)
    client.force_login(world["staff"])
    for page in ("activities:detail", "activities:edit"):
        html = client.get(reverse(page, args=[activity.pk])).content.decode()
        assert f'src="{_url(photo)}"' in html and 'src="/media/' not in html
    confirm = reverse("activities:photo_delete", args=[activity.pk, photo.pk])
    assert f'src="{_url(photo)}"' in client.get(confirm).content.decode()
