"""``shuxiang sweep_photos``: photo files no Photo row names are listed, and removed with --delete;
a file a row names is never touched."""

from __future__ import annotations

import io
import os
import time

import pytest
from django.core.management import CommandError, call_command

from shuxiang.activities import services
from shuxiang.activities.management.commands import sweep_photos
from shuxiang.activities.models import Photo
from tests.factories import files_under, make_png_upload

pytestmark = pytest.mark.django_db

AN_HOUR_AGO = time.time() - 2 * 3600


@pytest.fixture
def photo(world, activity, media_root) -> Photo:
    return services.add_photo(activity, image=make_png_upload(), caption="现场", acting_user=world["staff"])


def orphan(media_root, name: str, size: int = 2048, *, modified: float = AN_HOUR_AGO) -> str:
    path = media_root / "photos" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    os.utime(path, (modified, modified))
    return f"photos/{name}"


def sweep(*args: str) -> str:
    out = io.StringIO()
    call_command("sweep_photos", *args, stdout=out)
    return out.getvalue()


def test_lists_only_the_files_no_photo_names_with_sizes_and_a_total(photo, media_root):
    old = orphan(media_root, "2015/05/旧照片.png", 2048)
    other = orphan(media_root, "2016/06/b.jpg", 1024 * 1024)

    output = sweep()

    assert f"      2.0 KB  {old}\n" in output and f"      1.0 MB  {other}\n" in output
    assert photo.image.name not in output
    assert "2 files, 1.0 MB in all." in output
    assert "Nothing was deleted. Run again with --delete" in output
    assert files_under(media_root) == sorted([old, other, photo.image.name])  # nothing deleted


def test_delete_removes_only_the_orphans(photo, media_root):
    orphan(media_root, "2015/05/旧照片.png", 2048)

    output = sweep("--delete")

    assert "Deleted 1 file, 2.0 KB." in output
    assert files_under(media_root) == [photo.image.name]
    assert Photo.objects.get().image.name == photo.image.name
    assert "No orphaned photo files" in sweep("--delete")


def test_a_file_a_row_names_by_the_time_it_is_deleted_is_kept(photo, media_root, monkeypatch):
    # As if the photo's row were saved between listing and deleting: the file is checked again.
    listed = sweep_photos.StoredFile(photo.image.name, 100, AN_HOUR_AGO)
    monkeypatch.setattr(sweep_photos, "orphans", lambda root: [listed])

    output = sweep("--delete")

    assert f"Kept {photo.image.name}: a photo names it now." in output
    assert "Deleted 0 files, 0 bytes." in output
    assert files_under(media_root) == [photo.image.name]


def test_a_file_stored_in_the_last_hour_is_left_alone(photo, media_root):
    fresh = orphan(media_root, "2026/01/new.png", modified=time.time())
    old = orphan(media_root, "2015/05/old.png")

    output = sweep("--delete")

    left_alone = "Left alone: 1 file modified in the last 60 minutes (a photo being saved may still claim"
    assert f"{left_alone} them): {fresh}." in output
    assert "Deleted 1 file, 2.0 KB." in output
    assert files_under(media_root) == sorted([fresh, photo.image.name])
    assert old not in files_under(media_root)
    sweep("--delete", "--min-age", "0")
    assert files_under(media_root) == [photo.image.name]


def test_no_photo_folder_yet_is_nothing_to_sweep(media_root):
    assert "nothing to sweep" in sweep()


def test_a_missing_media_root_is_a_clear_error(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "gone"
    with pytest.raises(CommandError, match=r"MEDIA_ROOT \(.*gone\) does not exist"):
        sweep()
