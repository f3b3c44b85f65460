"""A photo's file follows its row: stored with it, kept while any row names it, removed after it.

Two rules, for every way a photo row is written or deleted (the services, the staff pages, the
Django admin, and a cascade from a deleted activity or campaign):

- *A file is removed only after the delete is committed* (:func:`delete_on_commit`). A rolled-back
  delete keeps its file: a row that still names it must still find it.
- *A file stored for a row that is never committed is removed again* (:func:`removed_unless_committed`
  around the work, :func:`stored` once the file is written). Django has no ``on_rollback`` hook, so
  the guard watches the block instead: if it raises before the file's transaction has committed,
  the file goes. A file whose transaction committed (``on_commit`` marks it) is never touched, even
  if something raises afterwards.

Deleted rows are caught by a ``post_delete`` receiver on :class:`Photo`, connected in
:meth:`shuxiang.activities.apps.ActivitiesConfig.ready`. shuxiang calls its services explicitly
rather than through signals; this is the exception, and not core flow: a photo also goes when its
activity or campaign is deleted (a database cascade, from the admin or anywhere else), and no
caller of ``Activity.delete()`` or ``Campaign.delete()`` should have to know about files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial

from django.db import transaction

from shuxiang.activities.models import Photo


def _storage():
    return Photo._meta.get_field("image").storage


def _delete_if_unreferenced(name: str) -> None:
    if not Photo.objects.filter(image=name).exists():  # a row written since may name it again
        _storage().delete(name)


def delete_on_commit(names: Iterable[str]) -> None:
    """Remove these stored files once the current transaction commits (at once outside one)."""
    for name in dict.fromkeys(n for n in names if n):
        transaction.on_commit(partial(_delete_if_unreferenced, name))


def photo_deleted(sender, instance: Photo, **kwargs) -> None:
    """The ``post_delete`` receiver: the deleted photo's file goes once the delete is committed."""
    delete_on_commit([instance.image.name])


# --------------------------------------------------------------------------- stored, not committed


@dataclass
class _Stored:
    name: str
    committed: bool = False


@dataclass
class _Guard:
    files: list[_Stored] = field(default_factory=list)


_guard: ContextVar[_Guard | None] = ContextVar("photo_files_guard", default=None)


@contextmanager
def removed_unless_committed() -> Iterator[None]:
    """Remove the files :func:`stored` inside this block if it raises before they were committed.

    Put it outside the transaction (``with removed_unless_committed(), transaction.atomic():``), or
    around a view that opens one. Guards nest: an inner block that ends well hands its files to the
    one around it, which still removes them if it raises before the commit.
    """
    outer = _guard.get()
    guard = _Guard()
    token = _guard.set(guard)
    try:
        yield
    except BaseException:
        for stored_file in guard.files:
            if not stored_file.committed:
                _storage().delete(stored_file.name)
        raise
    else:
        if outer is not None:
            outer.files.extend(f for f in guard.files if not f.committed)
    finally:
        _guard.reset(token)


def stored(name: str) -> None:
    """Note a file just stored for a photo row not yet committed, inside :func:`removed_unless_committed`."""
    guard = _guard.get()
    if guard is None:
        raise RuntimeError("store photo files inside removed_unless_committed()")
    stored_file = _Stored(name)
    guard.files.append(stored_file)
    transaction.on_commit(partial(setattr, stored_file, "committed", True))
