"""Refuse an oversized upload while it streams in, instead of after Django has stored all of it.

Django's own upload handlers keep each file in memory (small requests) or write it to a
temporary file, in full, before any form sees it: a 2 GB "photo" would be written to disk and
only then refused by :func:`shuxiang.activities.photos.validate_photo`.
:class:`SizeLimitUploadHandler` goes first in the chain and counts each file's bytes as they
arrive. Once a file passes the limit, what the handlers after it hold is dropped (the temporary
file is deleted), they get no more of it, and ``request.FILES`` gets a :class:`RefusedUpload`
in its place: the name and the size received, no content. The form's usual check then refuses
it with its usual message (which names the size) beside the field, and the other fields stay
as the user typed them.

The rest of a refused file is still read off the connection and thrown away, not stored: a
server that stops reading in the middle of a request body makes most browsers show "connection
reset" instead of the page with the message. Capping the whole request is the job of the web
server in front (nginx ``client_max_body_size``; see docs/foundation.md).

A view gets the handler with :func:`limit_uploads`. The handler must be in place before
anything reads the body, and the CSRF middleware reads it (for the token) before the view
runs, so the view is exempted from the middleware's check and runs the same check itself,
after the handler is in place: the pattern of Django's "Modifying upload handlers on the fly".
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import wraps

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest
from django.views.decorators.csrf import csrf_exempt, csrf_protect


class RefusedUpload(UploadedFile):
    """A file refused while it was uploaded: its name and size as received, none of its content.

    ``size`` is the whole size the browser sent, so a message can name it. Reading it raises:
    it must be refused by a size check (as validate_photo's), never stored.
    """

    refused = True

    def __init__(self, name: str, content_type: str, size: int, charset: str | None, extra: dict | None):
        super().__init__(io.BytesIO(), name, content_type, size, charset, extra)

    def _no_content(self, *args, **kwargs):
        raise ValueError(f"{self.name!r} was refused while uploading ({self.size} bytes): it has no content")

    read = chunks = open = readline = readlines = _no_content

    def __iter__(self):
        return self._no_content()


class SizeLimitUploadHandler(FileUploadHandler):
    """Stop keeping any uploaded file of the request once it passes ``max_bytes``."""

    def __init__(self, request: HttpRequest, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.over = False

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.over = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.over:
            return None  # counted by the parser (the size in the message), kept by nobody
        if start + len(raw_data) > self.max_bytes:
            self.over = True
            self._drop_kept()
            return None
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if not self.over:
            return None  # the next handler (memory or temporary file) returns the file
        return RefusedUpload(
            self.file_name, self.content_type, file_size, self.charset, self.content_type_extra
        )

    def _drop_kept(self) -> None:
        """Close (and so delete) what the later handlers kept of this file so far.

        Django's handlers keep the file being received as ``file``, as the parser assumes when it
        closes them after a SkipFile or StopUpload.
        """
        for handler in self.request.upload_handlers:
            if handler is not self and hasattr(handler, "file"):
                handler.file.close()


def limit_uploads(max_bytes: Callable[[], int]):
    """A view decorator: the view's uploads are refused as they stream past ``max_bytes()`` bytes.

    ``max_bytes`` is called per request, so a limit read from the settings follows them. The CSRF
    check still runs (see the module docstring): outermost decorator, before login_required.
    """

    def decorator(view):
        checked = csrf_protect(view)

        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs):
            # Assigning (not inserting) raises if the body was read already: then the limit
            # would silently not apply.
            request.upload_handlers = [SizeLimitUploadHandler(request, max_bytes()), *request.upload_handlers]
            return checked(request, *args, **kwargs)

        return csrf_exempt(limited)

    return decorator
