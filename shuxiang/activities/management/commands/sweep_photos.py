"""``shuxiang sweep_photos [--delete] [--min-age MINUTES]``: photo files that no Photo row names.

Since ``shuxiang.activities.photo_files`` a photo's file follows its row, but files left by rows
deleted before that (or by a crash between storing a file and committing its row) stay under
``MEDIA_ROOT/photos/``. This lists them with their sizes and a total; ``--delete`` removes them.

- A file any Photo row names is never removed: the rows are read once to list, and each file is
  checked again just before it is deleted (a row saved meanwhile keeps it).
- A file younger than ``--min-age`` minutes (default 60) is left alone and said so: it may have
  just been stored for a photo whose row is not committed yet.
- Only regular files are considered; symbolic links are neither followed nor removed.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from shuxiang.activities.models import Photo


def photo_folder() -> str:
    """The folder under MEDIA_ROOT that photos are stored in (``photos``, from ``upload_to``)."""
    return str(Photo._meta.get_field("image").upload_to).split("/", 1)[0]


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def n_files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


@dataclass(frozen=True)
class StoredFile:
    name: str  # relative to MEDIA_ROOT, as Photo.image stores it
    size: int
    modified: float  # seconds since the epoch


def stored_files(root: Path) -> list[StoredFile]:
    """Every regular file under ``root``'s photo folder, sorted by name (symbolic links skipped)."""
    found = []
    for folder, dirs, files in os.walk(root / photo_folder()):  # does not follow linked folders
        dirs.sort()
        for filename in files:
            path = Path(folder, filename)
            if path.is_symlink() or not path.is_file():
                continue
            stat = path.stat()
            found.append(StoredFile(path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime))
    return sorted(found, key=lambda f: f.name)


def orphans(root: Path) -> list[StoredFile]:
    """The stored photo files that no Photo row names."""
    named = set(Photo.objects.values_list("image", flat=True))
    return [f for f in stored_files(root) if f.name not in named]


def delete_unless_named(name: str) -> bool:
    """Remove the stored file ``name`` unless a Photo row names it now. True if it was removed."""
    if Photo.objects.filter(image=name).exists():
        return False
    Photo._meta.get_field("image").storage.delete(name)
    return True


class Command(BaseCommand):
    help = "List the files under MEDIA_ROOT/photos that no photo names, with sizes; --delete removes them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--delete", action="store_true", help="remove the files listed (never one a photo names)"
        )
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            metavar="MINUTES",
            help="leave files modified more recently than this alone (default 60)",
        )

    def handle(self, *args, delete: bool, min_age: int, **options) -> None:
        if not settings.MEDIA_ROOT:
            raise CommandError("MEDIA_ROOT is not set: there is no photo folder to sweep.")
        root = Path(settings.MEDIA_ROOT)
        if not root.is_dir():
            raise CommandError(f"MEDIA_ROOT ({root}) does not exist or is not a folder.")
        if min_age < 0:
            raise CommandError("--min-age must not be negative.")
        folder = root / photo_folder()
        if not folder.is_dir():
            self.stdout.write(f"No photo folder at {folder}: nothing to sweep.")
            return

        cutoff = time.time() - min_age * 60
        found = orphans(root)
        recent = [f for f in found if f.modified > cutoff]
        old = [f for f in found if f.modified <= cutoff]
        if not found:
            self.stdout.write(f"No orphaned photo files under {folder}: every file is named by a photo.")
            return

        self.stdout.write(f"Photo files under {folder} that no photo names:")
        for f in old:  # size first: names (Chinese ones included) do not line up
            self.stdout.write(f"  {human_size(f.size):>12}  {f.name}")
        total = sum(f.size for f in old)
        self.stdout.write(f"{n_files(len(old))}, {human_size(total)} in all.")
        if recent:
            self.stdout.write(
                f"Left alone: {n_files(len(recent))} modified in the last {min_age} minutes (a photo being "
                f"saved may still claim them): {', '.join(f.name for f in recent)}."
            )
        if not delete:
            if old:
                self.stdout.write("Nothing was deleted. Run again with --delete to remove these files.")
            return
        self._delete(old)

    def _delete(self, orphaned: list[StoredFile]) -> None:
        deleted, kept, failed = [], [], []
        for f in orphaned:
            try:
                (deleted if delete_unless_named(f.name) else kept).append(f)
            except OSError as exc:
                failed.append(f)
                self.stderr.write(f"Could not delete {f.name}: {exc}")
        for f in kept:
            self.stdout.write(f"Kept {f.name}: a photo names it now.")
        self.stdout.write(f"Deleted {n_files(len(deleted))}, {human_size(sum(f.size for f in deleted))}.")
        if failed:
            raise CommandError(f"{n_files(len(failed))} could not be deleted (see above).")
