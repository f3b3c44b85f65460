"""Photos: what is accepted, what is refused with which message, and that a refusal writes nothing.

Every way in is covered: the service, the staff page's photo form and the Django admin. (The JSON
API takes no photos.)
"""

import io
import struct
import zlib
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from shuxiang.activities import services
from shuxiang.activities.forms import PhotoForm
from shuxiang.activities.models import Photo
from shuxiang.activities.photos import PHOTO_MAX_BYTES
from shuxiang.orgs.models import AuditEntry
from tests.factories import files_under

MB = 1024 * 1024


def image_bytes(fmt="JPEG", size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, fmt)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG of a few dozen bytes whose header claims ``width`` x ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def upload(content: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


TOO_LARGE = b"\xff\xd8\xff\xe0" + b"\0" * (PHOTO_MAX_BYTES + 1)  # a JPEG start, one byte over the limit
NOT_AN_IMAGE = "这不是照片，只是一段文字。".encode() * 20
BOMB = png_claiming(50_000, 50_000)  # 2.5 billion pixels: Pillow's own bomb error
OVER_40_MEGAPIXELS = png_claiming(8_000, 6_000)  # 48 million: below Pillow's limits, above ours


def refusal(activity, world, image, lang="en") -> str:
    """The message add_photo refuses ``image`` with, in ``lang``."""
    with translation.override(lang), pytest.raises(ValidationError) as exc:
        services.add_photo(activity, image=image, acting_user=world["staff"])
    return exc.value.message_dict["image"][0]


# --------------------------------------------------------------------------- the service


def test_a_small_jpeg_is_attached_stored_and_audited(world, activity, media_root):
    photo = services.add_photo(
        activity, image=upload(image_bytes()), caption="现场", acting_user=world["staff"]
    )
    assert photo.library == activity.library and photo.image.name.startswith("photos/")
    assert photo.image.name.endswith(".jpg")
    assert len(files_under(media_root)) == 1
    assert AuditEntry.objects.filter(action="photo.create", object_id=str(photo.pk)).exists()


@pytest.mark.parametrize(("fmt", "extension"), [("PNG", ".png"), ("WEBP", ".webp"), ("GIF", ".gif")])
def test_png_webp_and_gif_photos_are_accepted(world, activity, media_root, fmt, extension):
    photo = services.add_photo(
        activity, image=upload(image_bytes(fmt), name="p.img"), acting_user=world["staff"]
    )
    assert photo.image.name.endswith(extension)


def animated(fmt: str) -> bytes:
    """A two-frame animation (red, then green) in ``fmt``: GIF, WebP, or PNG (APNG)."""
    frames = [Image.new("RGB", (8, 8), colour) for colour in [(255, 0, 0), (0, 255, 0)]]
    buffer = io.BytesIO()
    frames[0].save(buffer, fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["GIF", "WEBP", "PNG"])
def test_an_animated_image_is_refused_a_report_shows_one_frame(world, activity, media_root, fmt):
    image = upload(animated(fmt), name=f"动图.{fmt.lower()}", content_type=f"image/{fmt.lower()}")
    assert refusal(activity, world, image) == (
        "An animated image cannot be an activity photo: a report shows only one of its frames. "
        "Upload a still photo (JPEG/PNG/WebP/GIF)."
    )
    assert refusal(activity, world, image, lang="zh-hans").startswith("动图不能作为活动照片")
    assert not Photo.objects.exists() and files_under(media_root) == []


def test_a_photo_over_10_mb_is_refused_naming_the_limit_and_nothing_is_stored(world, activity, media_root):
    assert refusal(activity, world, upload(TOO_LARGE)) == (
        "A photo cannot be larger than 10 MB (this file is 10.1 MB)."
    )
    assert refusal(activity, world, upload(TOO_LARGE), lang="zh-hans").startswith("照片不能超过10 MB")
    assert not Photo.objects.exists() and files_under(media_root) == []


def test_a_text_file_named_jpg_is_refused_as_not_a_photo(world, activity, media_root):
    message = refusal(activity, world, upload(NOT_AN_IMAGE, name="活动现场.jpg"))
    assert message == "This file cannot be read as a photo. Upload a JPEG/PNG/WebP/GIF image."
    assert not Photo.objects.exists() and files_under(media_root) == []


def test_an_empty_file_is_refused_as_not_a_photo(world, activity, media_root):
    assert "cannot be read" in refusal(activity, world, upload(b""))


@pytest.mark.parametrize(
    "bomb",
    [BOMB, png_claiming(10_000, 10_000)],  # past Pillow's error limit; between its warning and error
    ids=["pillow-error", "pillow-warning"],
)
def test_a_decompression_bomb_is_refused_without_decoding_it(world, activity, media_root, bomb):
    assert len(bomb) < 100
    message = refusal(activity, world, upload(bomb, name="bomb.png", content_type="image/png"))
    assert message.startswith("A photo cannot have more than 40,000,000 pixels.")
    assert not Photo.objects.exists() and files_under(media_root) == []


def test_a_photo_over_40_megapixels_is_refused_naming_the_limit_in_each_language(world, activity, media_root):
    image = upload(OVER_40_MEGAPIXELS, name="big.png", content_type="image/png")
    assert refusal(activity, world, image) == (
        "A photo cannot have more than 40,000,000 pixels. Make it smaller and upload it again."
    )
    assert refusal(activity, world, image, lang="zh-hans").startswith("照片不能超过4000万像素")
    assert files_under(media_root) == []


def test_the_limits_follow_the_settings(world, activity, media_root, settings):
    settings.PHOTO_MAX_BYTES = MB // 2
    big = image_bytes(size=(64, 64)) + b"\0" * MB  # a real JPEG, padded past half a megabyte
    assert refusal(activity, world, upload(big)).startswith("A photo cannot be larger than 0.5 MB")
    del settings.PHOTO_MAX_BYTES
    settings.PHOTO_MAX_PIXELS = 1000
    assert refusal(activity, world, upload(image_bytes(size=(40, 40)))).startswith(
        "A photo cannot have more than 1,000 pixels."
    )
    assert services.add_photo(activity, image=upload(image_bytes(size=(30, 30))), acting_user=world["staff"])


def test_other_image_formats_are_refused(world, activity, media_root):
    message = refusal(activity, world, upload(image_bytes("BMP"), name="scan.bmp", content_type="image/bmp"))
    assert message == "A photo must be a JPEG/PNG/WebP/GIF image."


def test_a_damaged_png_is_refused(world, activity, media_root):
    damaged = bytearray(image_bytes("PNG", size=(16, 16)))
    damaged[-20] ^= 0xFF  # inside the image data: its checksum no longer matches
    assert "cannot be read" in refusal(activity, world, upload(bytes(damaged), name="p.png"))


def test_a_photo_is_stored_under_the_extension_of_what_it_really_is(world, activity, media_root):
    photo = services.add_photo(
        activity, image=upload(image_bytes("PNG"), name="page.html"), acting_user=world["staff"]
    )
    assert photo.image.name.endswith("/page.png")


def test_a_volunteer_cannot_add_a_photo(world, activity, media_root):
    with pytest.raises(PermissionDenied):
        services.add_photo(activity, image=upload(image_bytes()), acting_user=world["volunteer"])
    assert files_under(media_root) == []


def test_no_file_is_left_behind_when_the_photo_row_cannot_be_saved(world, activity, media_root):
    with (
        mock.patch("shuxiang.activities.services.record_audit", side_effect=RuntimeError("audit down")),
        pytest.raises(RuntimeError),
    ):
        services.add_photo(activity, image=upload(image_bytes()), acting_user=world["staff"])
    assert not Photo.objects.exists() and files_under(media_root) == []


# --------------------------------------------------------------------------- the staff page


def post_photo(client, world, activity, image):
    client.force_login(world["staff"])
    return client.post(
        reverse("activities:photos", args=[activity.pk]), {"image": image, "caption": "现场"}, follow=True
    )


def test_the_photo_form_adds_a_small_jpeg(client, world, activity, media_root):
    response = post_photo(client, world, activity, upload(image_bytes()))
    assert response.status_code == 200
    assert Photo.objects.filter(activity=activity, caption="现场").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (TOO_LARGE, "照片不能超过10 MB（这个文件有10.1 MB）。"),
        (NOT_AN_IMAGE, "无法把这个文件读作照片，请上传 JPEG/PNG/WebP/GIF 格式的图片。"),
        (BOMB, "照片不能超过4000万像素，请缩小后重新上传。"),
        (
            animated("GIF"),
            "动图不能作为活动照片：报告只能显示其中一帧。请上传静态照片（JPEG/PNG/WebP/GIF）。",
        ),
    ],
    ids=["too-large", "not-an-image", "bomb", "animated-gif"],
)
def test_the_photo_form_refuses_with_the_message_and_stores_nothing(
    client, world, activity, media_root, content, message
):
    response = post_photo(client, world, activity, upload(content))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'value="现场"' in page  # beside the field, the caption as typed
    assert not Photo.objects.exists() and files_under(media_root) == []


def test_the_photo_form_names_the_limit_and_uses_the_service_check():
    with translation.override("en"):
        form = PhotoForm(files={"image": upload(NOT_AN_IMAGE)})
        assert form["image"].help_text == "A JPEG/PNG/WebP/GIF image of up to 10 MB."
        assert not form.is_valid()
    assert form.errors["image"] == ["This file cannot be read as a photo. Upload a JPEG/PNG/WebP/GIF image."]


# --------------------------------------------------------------------------- the Django admin


def test_the_admin_refuses_a_photo_the_service_would_refuse(client, world, activity, media_root):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    url = reverse("admin:activities_photo_add")
    fields = {"activity": activity.pk, "library": activity.library.pk, "caption": "现场"}
    response = client.post(url, fields | {"image": upload(BOMB, name="bomb.png")}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "A photo cannot have more than 40,000,000 pixels." in response.content.decode()
    assert not Photo.objects.exists() and files_under(media_root) == []
    response = client.post(url, fields | {"image": upload(image_bytes("PNG"), name="x.html")})
    assert response.status_code == 302
    assert Photo.objects.get().image.name.endswith("/x.png")
