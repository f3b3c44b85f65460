"""Word files for tests, built in memory: a normal report, a zip bomb, a directory that lies."""

from __future__ import annotations

import io
import struct
import zipfile

import docx

DOCUMENT = "word/document.xml"
_OPEN = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>"
)
_CLOSE = b"</w:t></w:r></w:p></w:body></w:document>"


def make_docx(*paragraphs: str, picture: bool = False) -> bytes:
    """A Word file written by python-docx: the paragraphs, and a photo after them if asked."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if picture:
        from PIL import Image

        photo = io.BytesIO()
        Image.new("RGB", (64, 48), (30, 90, 160)).save(photo, "JPEG")
        document.add_picture(io.BytesIO(photo.getvalue()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_bomb(inflated_bytes: int, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A Word file whose document.xml is one run of ``inflated_bytes`` letters (deflate packs ~1000:1).

    ``extra`` adds parts (name -> content) beside python-docx's own.
    """
    source = zipfile.ZipFile(io.BytesIO(make_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            if item.filename != DOCUMENT:
                bomb.writestr(item, source.read(item.filename))
        info = zipfile.ZipInfo(DOCUMENT)
        info.compress_type = zipfile.ZIP_DEFLATED
        with bomb.open(info, "w") as part:
            part.write(_OPEN)
            chunk = b"a" * (1024 * 1024)
            left = inflated_bytes
            while left > 0:
                part.write(chunk[:left])
                left -= len(chunk)
            part.write(_CLOSE)
        for name, content in (extra or {}).items():
            bomb.writestr(name, content)
    return out.getvalue()


def forge(data: bytes, name: str, *, file_size: int, crc: int | None = None) -> bytes:
    """``data`` with the local header and the directory declaring ``file_size`` (and ``crc``) for ``name``."""
    forged = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    crc = info.CRC if crc is None else crc
    struct.pack_into("<I", forged, info.header_offset + 14, crc)
    struct.pack_into("<I", forged, info.header_offset + 22, file_size)
    at = forged.find(b"PK\x01\x02")
    while at != -1:
        (length,) = struct.unpack_from("<H", forged, at + 28)
        if forged[at + 46 : at + 46 + length] == name.encode():
            struct.pack_into("<I", forged, at + 16, crc)
            struct.pack_into("<I", forged, at + 24, file_size)
            return bytes(forged)
        at = forged.find(b"PK\x01\x02", at + 4)
    raise KeyError(name)
