"""The activity edit page's one-write forms, through the Django test client with CSRF checks on:
a refused media coverage shows the page again with the errors beside the fields and what was typed,
and a photo is deleted from the page after a confirmation."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from shuxiang.activities import services
from shuxiang.activities.models import MediaCoverage, Photo
from shuxiang.orgs.models import AuditEntry
from tests.factories import files_under


def browser(user, lang: str | None = None) -> Client:
    """A client that sends CSRF tokens as a browser does, and is refused without one."""
    client = Client(enforce_csrf_checks=True, **({"HTTP_ACCEPT_LANGUAGE": lang} if lang else {}))
    client.force_login(user)
    return client


def csrf_post(client: Client, page_url: str, url: str, data: dict):
    """Open ``page_url`` (which sets the CSRF cookie), then post ``data`` with its token."""
    client.get(page_url)
    return client.post(url, data | {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def section(page: str, section_id: str) -> str:
    start = page.index(f'<section class="card" id="{section_id}">')
    return page[start : page.index("</section>", start)]


def error_beside(html: str, field: str) -> str:
    """The error shown for ``field``: the error list its input names in aria-describedby."""
    assert re.search(rf'<input[^>]*name="{field}"[^>]*aria-describedby="id_{field}_error"', html), html
    return re.search(rf'<ul class="errorlist" id="id_{field}_error"><li>(.*?)</li>', html)[1]


TYPED = {"outlet": " ", "date": "2016-13-45", "headline": "书香满城", "url": "不是链接"}


# --------------------------------------------------------------------------- media coverage


def test_refused_media_coverage_shows_the_page_again_with_the_errors_beside_the_fields_in_chinese(
    world, activity
):
    client = browser(world["staff"])
    edit = reverse("activities:edit", args=[activity.pk])
    response = csrf_post(client, edit, reverse("activities:media", args=[activity.pk]), TYPED)
    assert response.status_code == 400
    media = section(response.content.decode(), "media")
    assert error_beside(media, "outlet") == "这个字段是必填项。"
    assert error_beside(media, "date") == "输入一个有效的日期。"
    assert error_beside(media, "url") == "输入一个有效的 URL。"
    for field, value in TYPED.items():  # what was typed, kept
        assert re.search(rf'name="{field}" value="{re.escape(value)}"', media), field
    assert f'action="/activities/{activity.pk}/media/#media"' in media
    assert not MediaCoverage.objects.exists()
    assert not AuditEntry.objects.filter(action="media.create").exists()


def test_refused_media_coverage_in_english(world, activity):
    client = browser(world["staff"], lang="en")
    edit = reverse("activities:edit", args=[activity.pk])
    response = csrf_post(client, edit, reverse("activities:media", args=[activity.pk]), TYPED)
    assert response.status_code == 400
    media = section(response.content.decode(), "media")
    assert error_beside(media, "outlet") == "This field is required."
    assert error_beside(media, "date") == "Enter a valid date."
    assert error_beside(media, "url") == "Enter a valid URL."


@pytest.mark.parametrize(
    ("lang", "message"),
    [(None, "链接须以 http:// 或 https:// 开头。"), ("en", "A link starts with http:// or https://.")],
)
def test_a_link_the_service_refuses_is_shown_beside_the_link_field(world, activity, lang, message):
    client = browser(world["staff"], lang=lang)
    typed = {"outlet": "广元日报", "date": "2016-05-30", "url": "ftp://example.org/news"}
    edit = reverse("activities:edit", args=[activity.pk])
    response = csrf_post(client, edit, reverse("activities:media", args=[activity.pk]), typed)
    assert response.status_code == 400
    media = section(response.content.decode(), "media")
    assert error_beside(media, "url") == message
    assert 'value="广元日报"' in media and 'value="2016-05-30"' in media
    assert not MediaCoverage.objects.exists()


def test_media_coverage_is_added_and_the_page_returns_to_it(world, activity):
    client = browser(world["staff"])
    edit = reverse("activities:edit", args=[activity.pk])
    typed = {"outlet": "广元日报", "date": "2016-05-30", "headline": "书香满城", "url": "example.org/a"}
    response = csrf_post(client, edit, reverse("activities:media", args=[activity.pk]), typed)
    assert response.status_code == 302 and response.url == f"{edit}#media"
    media = MediaCoverage.objects.get()
    assert (media.outlet, media.url, media.activity) == ("广元日报", "https://example.org/a", activity)
    assert "媒体报道已添加。" in client.get(edit).content.decode()


def test_media_coverage_without_a_csrf_token_is_refused(world, activity):
    client = browser(world["staff"])
    response = client.post(reverse("activities:media", args=[activity.pk]), {"outlet": "广元日报"})
    assert response.status_code == 403
    assert not MediaCoverage.objects.exists()


# --------------------------------------------------------------------------- deleting a photo


@pytest.fixture
def photo(world, activity, media_root):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 90, 160)).save(buffer, "PNG")
    image = SimpleUploadedFile("现场.png", buffer.getvalue(), content_type="image/png")
    return services.add_photo(activity, image=image, caption="开幕式", acting_user=world["staff"])


def test_staff_delete_a_photo_from_the_page_after_confirming(
    world, activity, photo, media_root, django_capture_on_commit_callbacks
):
    client = browser(world["staff"])
    edit = reverse("activities:edit", args=[activity.pk])
    confirm = reverse("activities:photo_delete", args=[activity.pk, photo.pk])
    assert f'href="{confirm}"' in section(client.get(edit).content.decode(), "photos")

    page = client.get(confirm).content.decode()  # asking changes nothing
    assert "删除这张照片？" in page and "开幕式" in page and f'action="{confirm}"' in page
    assert Photo.objects.filter(pk=photo.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = csrf_post(client, confirm, confirm, {})
    assert response.status_code == 302 and response.url == f"{edit}#photos"
    assert not Photo.objects.exists() and files_under(media_root) == []
    assert AuditEntry.objects.filter(action="photo.delete", actor=world["staff"]).exists()
    assert "照片已删除。" in client.get(edit).content.decode()


def test_the_confirmation_page_in_english(world, activity, photo):
    client = browser(world["staff"], lang="en")
    page = client.get(reverse("activities:photo_delete", args=[activity.pk, photo.pk])).content.decode()
    assert "Delete this photo?" in page and "This cannot be undone." in page


def test_deleting_a_photo_without_a_csrf_token_is_refused(world, activity, photo, media_root):
    client = browser(world["staff"])
    response = client.post(reverse("activities:photo_delete", args=[activity.pk, photo.pk]))
    assert response.status_code == 403
    assert Photo.objects.filter(pk=photo.pk).exists() and files_under(media_root) == [photo.image.name]


@pytest.mark.parametrize("who", ["neighbour", "volunteer"])
def test_others_may_not_delete_a_photo_from_the_page(world, activity, photo, media_root, who):
    client = browser(world[who])
    url = reverse("activities:photo_delete", args=[activity.pk, photo.pk])
    assert client.get(url).status_code == 403
    assert csrf_post(client, reverse("web:home"), url, {}).status_code == 403
    assert Photo.objects.filter(pk=photo.pk).exists() and files_under(media_root) == [photo.image.name]


def test_a_photo_is_deleted_only_through_its_own_activity(world, activity, photo, create_activity):
    other = create_activity(campaign=world["campaign"], library=world["library"], title="另一个")
    client = browser(world["staff"])
    url = reverse("activities:photo_delete", args=[other.pk, photo.pk])
    assert csrf_post(client, reverse("activities:edit", args=[other.pk]), url, {}).status_code == 404
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_anonymous_users_are_sent_to_log_in(activity, photo, client):
    response = client.get(reverse("activities:photo_delete", args=[activity.pk, photo.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


# --------------------------------------------------------------------------- the page as a whole


def test_every_element_id_on_the_edit_page_is_unique_and_every_label_names_one(world, activity):
    """The activity form, the figures, the media and the photo forms share one page: a label
    (or an error list named by aria-describedby) must lead to its own field, not another form's."""
    client = browser(world["staff"])
    edit = reverse("activities:edit", args=[activity.pk])
    for page in (
        client.get(edit).content.decode(),
        csrf_post(client, edit, reverse("activities:media", args=[activity.pk]), TYPED).content.decode(),
    ):
        ids = re.findall(r'\sid="([^"]+)"', page)
        assert sorted({i for i in ids if ids.count(i) > 1}) == []
        for target in re.findall(r'<label[^>]*\sfor="([^"]+)"', page):
            assert target in ids, target
        for described in re.findall(r'aria-describedby="([^"]+)"', page):
            assert all(part in ids for part in described.split()), described


# --------------------------------------------------------------------------- the public page


def test_the_activity_page_shows_figures_in_progress_to_its_staff_only_until_it_is_done(world, activity):
    from tests.factories import make_figure

    make_figure(activity, value=4321)  # shown as 4321多人次
    url = reverse("activities:detail", args=[activity.pk])
    assert "4321" in browser(world["staff"]).get(url).content.decode()
    assert "4321" not in Client().get(url).content.decode()
    assert "4321" not in browser(world["neighbour"]).get(url).content.decode()
    services.mark_activity_done(activity, acting_user=world["staff"])
    assert "4321" in Client().get(url).content.decode()
