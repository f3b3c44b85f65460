"""A photo past the limit is dropped while it streams in (shuxiang.activities.uploads), through the
staff page and the Django admin, with the CSRF check enforced as in production.

"Kept" below counts the bytes Django's own upload handlers were given to keep, in memory or in a
temporary file: without the limit they get the whole file.
"""

from __future__ import annotations

import io
import os
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from PIL import Image

from shuxiang.activities.models import Photo
from shuxiang.activities.photos import photo_limits
from shuxiang.activities.uploads import RefusedUpload, limit_uploads

MB = 1024 * 1024


@pytest.fixture
def dirs(settings, tmp_path):
    """MEDIA_ROOT and the upload temporary directory, both to be found empty after a refusal."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "tmp"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    return settings.MEDIA_ROOT, settings.FILE_UPLOAD_TEMP_DIR


def files_in(*roots) -> list:
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


@pytest.fixture
def kept(monkeypatch) -> Counter:
    """Bytes given to Django's memory and temporary-file handlers, by handler."""
    counts: Counter = Counter()
    for cls in (MemoryFileUploadHandler, TemporaryFileUploadHandler):

        def counting(self, raw_data, start, real=cls.receive_data_chunk, name=cls.__name__):
            if getattr(self, "activated", True):  # the memory handler passes on what it does not keep
                counts[name] += len(raw_data)
            return real(self, raw_data, start)

        monkeypatch.setattr(cls, "receive_data_chunk", counting)
    return counts


def csrf_client(user, page: str) -> tuple[Client, str]:
    """A client that enforces CSRF, as browsers meet it, with the token a GET of ``page`` gave."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get(page).status_code == 200
    return client, client.cookies["csrftoken"].value


def oversized(size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("现场.jpg", b"\xff\xd8\xff\xe0" + b"\0" * (size - 4), content_type="image/jpeg")


def noise_png(side: int) -> bytes:
    """A real PNG that does not compress: about 3 x side x side bytes."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(3 * side * side)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("limit", "size", "handler", "message"),
    [
        (MB, 3 * MB, "TemporaryFileUploadHandler", "照片不能超过1 MB（这个文件有3 MB）。"),
        (MB // 4, MB, "MemoryFileUploadHandler", "照片不能超过0.25 MB（这个文件有1 MB）。"),
    ],
    ids=["temporary-file", "memory"],
)
def test_the_photo_form_drops_a_file_as_it_passes_the_limit_and_says_so_keeping_the_caption(
    settings, world, activity, dirs, kept, limit, size, handler, message
):
    settings.PHOTO_MAX_BYTES = limit
    client, token = csrf_client(world["staff"], reverse("activities:edit", args=[activity.pk]))
    kept.clear()

    response = client.post(
        reverse("activities:photos", args=[activity.pk]),
        # The caption comes after the file, as a browser sends the form: it is still read.
        {"csrfmiddlewaretoken": token, "image": oversized(size), "caption": "读者在阅读区"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page  # the real size, though only the limit's worth was kept
    assert 'value="读者在阅读区"' in page
    assert 0 < kept[handler] <= limit and sum(kept.values()) == kept[handler]
    assert not Photo.objects.exists() and files_in(*dirs) == []


def test_the_message_is_in_english_for_an_english_reader(settings, world, activity, dirs):
    settings.PHOTO_MAX_BYTES = MB
    client, token = csrf_client(world["staff"], reverse("activities:edit", args=[activity.pk]))
    response = client.post(
        reverse("activities:photos", args=[activity.pk]),
        {"csrfmiddlewaretoken": token, "image": oversized(MB + 1), "caption": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "A photo cannot be larger than 1 MB (this file is 1.1 MB)." in response.content.decode()


def test_a_photo_within_the_limit_larger_than_the_form_data_limit_is_stored(settings, world, activity, dirs):
    """Files do not count against DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), and the temporary file goes."""
    content = noise_png(1024)
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < len(content) < photo_limits()[0]
    client, token = csrf_client(world["staff"], reverse("activities:edit", args=[activity.pk]))
    image = SimpleUploadedFile("大合影.png", content, content_type="image/png")
    response = client.post(
        reverse("activities:photos", args=[activity.pk]),
        {"csrfmiddlewaretoken": token, "image": image, "caption": "大合影"},
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.caption == "大合影" and photo.image.size == len(content)
    media, temporary = dirs
    assert files_in(temporary) == [] and len(files_in(media)) == 1


def test_the_csrf_check_still_runs_on_the_photo_form(world, activity, dirs):
    client, _token = csrf_client(world["staff"], reverse("activities:edit", args=[activity.pk]))
    response = client.post(
        reverse("activities:photos", args=[activity.pk]), {"image": oversized(1000), "caption": "x"}
    )
    assert response.status_code == 403
    assert not Photo.objects.exists() and files_in(*dirs) == []


def test_the_admin_drops_a_photo_past_the_limit_as_it_streams_in(settings, world, activity, dirs, kept):
    settings.PHOTO_MAX_BYTES = MB
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    url = reverse("admin:activities_photo_add")
    client, token = csrf_client(root, url)
    kept.clear()

    response = client.post(
        url,
        {
            "csrfmiddlewaretoken": token,
            "activity": activity.pk,
            "image": oversized(3 * MB),
            "caption": "现场",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "A photo cannot be larger than 1 MB (this file is 3 MB)." in page
    assert 'value="现场"' in page
    assert 0 < sum(kept.values()) <= MB
    assert not Photo.objects.exists() and files_in(*dirs) == []


def test_a_refused_upload_has_a_size_and_no_content():
    refused = RefusedUpload("a.jpg", "image/jpeg", 12 * MB, None, None)
    assert (refused.name, refused.size) == ("a.jpg", 12 * MB)
    for read in (refused.read, refused.chunks, lambda: list(refused)):
        with pytest.raises(ValueError, match="refused while uploading"):
            read()
    refused.close()


def test_the_limit_cannot_be_put_in_place_once_the_body_was_read():
    """Installing it late would silently not apply, so it fails loudly instead."""
    view = limit_uploads(lambda: 10)(lambda request: HttpResponse("ok"))
    request = RequestFactory().post("/", {"caption": "x"})
    request._dont_enforce_csrf_checks = True
    assert request.POST["caption"] == "x"
    with pytest.raises(AttributeError, match="upload handlers"):
        view(request)
