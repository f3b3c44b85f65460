"""What a report file may cost to read, checked before a parser sees it.

A Word file is a zip archive, refused when it unpacks to far more than it weighs (a zip
bomb); a web page, when it has more tags than any article needs.

An upload is size-checked while compressed (10 MB), but deflate reaches ~1000:1, and
python-docx reads each part whole (``ZipFile.read``) and parses its XML parts with lxml,
measured at ~7-8x their size in memory. So before python-docx sees a file, :func:`repack`

1. counts the entries before ``zipfile`` parses the directory (parsing 100,000 entries of
   a 10 MB archive alone takes ~60 MB),
2. checks the directory's declared sizes, compression methods and ratios against the limits
   below, inflating nothing,
3. unpacks only the parts python-docx parses (``.xml``, ``.rels``) in chunks, counting what
   really comes out, so a directory that lies about a size cannot inflate past the limit
   (``zipfile`` also stops at the declared size and checks the CRC), and
4. hands back a stored (uncompressed) archive of those parts, every other part (photos,
   fonts, embedded files: never read for text) left empty, for python-docx to open.
"""

from __future__ import annotations

import io
import math
import zipfile

from shuxiang.extract.errors import ExtractError

_MB = 1024 * 1024

# The limits, in the sizes a part has once unpacked. A 50-page Word report with photos is a
# few MB unpacked: ~1 MB of XML (a 300-page book ~10 MB), photos of 0.2-3 MB each (Word
# recompresses inserted pictures), at most an embedded font of ~15 MB; its parts number in
# the tens (~130 with 100 photos). Each limit is several times that.
MAX_ENTRIES = 1_000  # parts in the archive
MAX_TOTAL_BYTES = 100 * _MB  # all parts together, as the directory declares them
MAX_ENTRY_BYTES = 50 * _MB  # any one part (a photo, a font, an embedded file)
# The XML parts are the only ones unpacked and python-docx parses them whole: 20 MB of XML
# costs ~160 MB of memory at most (measured), twice the XML of a long book.
MAX_XML_BYTES = 20 * _MB
# Word's XML packs 5-40:1; the most repetitive document we could make (20,000 identical
# paragraphs, a blank 1,500-row table) 120-260:1; deflate's ceiling is ~1030:1. A part
# past 500:1 is padding. Small parts are exempt: their ratio says nothing and costs nothing.
MAX_RATIO = 500
RATIO_FROM_BYTES = 1 * _MB

# A web page costs ~0.6-1.2 KB of memory per tag ("<") once parsed (bs4), so 1 MB of bare
# tags takes ~150 MB. A report's page, menus and all, has a few thousand tags (of 3,000 HTML
# manuals on our box, the largest index page has 90,000). At this limit a page costs
# 65-120 MB and 1.5 s at most.
MAX_HTML_TAGS = 100_000

_CHUNK = 256 * 1024  # what one read may inflate
_CENTRAL_DIRECTORY_ENTRY = b"PK\x01\x02"
# Word writes only these. zipfile inflates bzip2 and LZMA without an output bound per read.
_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})


class TooLargeToRead(ExtractError):
    """A file past one of the limits here; the message names the limit in one line."""


def repack(data: bytes) -> bytes:
    """The Word file ``data`` as a stored archive python-docx can open within the limits above.

    Raises :class:`TooLargeToRead` for a file past a limit and :class:`ExtractError` for a
    damaged one.
    """
    # Each directory entry starts with this signature, so its count is an upper bound on the
    # entries zipfile would parse (it may also occur by chance inside compressed data).
    if data.count(_CENTRAL_DIRECTORY_ENTRY) > MAX_ENTRIES:
        raise TooLargeToRead(f"the .docx file has more than {MAX_ENTRIES:,} parts")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            entries = source.infolist()
            _check_directory(entries)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
                _copy_parts(source, entries, target)
    except ExtractError:
        raise
    except Exception as exc:  # zip errors of a damaged file (bad CRC, truncated data) come in many types
        raise ExtractError(f"the .docx file is damaged ({type(exc).__name__})") from exc
    return out.getvalue()


def _is_xml(entry: zipfile.ZipInfo) -> bool:
    """A part python-docx parses: the XML parts and their relationships."""
    return entry.filename.lower().endswith((".xml", ".rels"))


def _check_directory(entries: list[zipfile.ZipInfo]) -> None:
    """Refuse on the sizes the directory declares, before anything is inflated."""
    if len(entries) > MAX_ENTRIES:
        raise TooLargeToRead(f"the .docx file has {len(entries):,} parts; the limit is {MAX_ENTRIES:,}")
    for entry in entries:
        if entry.compress_type not in _METHODS:
            raise ExtractError(
                f"the .docx file is not a readable Word document ({entry.filename} uses a compression "
                "Word does not write)"
            )
        if entry.flag_bits & 0x1:
            raise ExtractError(
                f"the .docx file is not a readable Word document ({entry.filename} is encrypted)"
            )
        if entry.file_size > MAX_ENTRY_BYTES:
            raise TooLargeToRead(
                f"the .docx file's part {entry.filename} unpacks to {_mb(entry.file_size)}; "
                f"the limit is {_mb(MAX_ENTRY_BYTES)}"
            )
    total = sum(entry.file_size for entry in entries)
    if total > MAX_TOTAL_BYTES:
        raise TooLargeToRead(f"the .docx file unpacks to {_mb(total)}; the limit is {_mb(MAX_TOTAL_BYTES)}")
    xml = sum(entry.file_size for entry in entries if _is_xml(entry))
    if xml > MAX_XML_BYTES:
        raise TooLargeToRead(f"the .docx file holds {_mb(xml)} of XML; the limit is {_mb(MAX_XML_BYTES)}")
    for entry in entries:
        if entry.file_size > RATIO_FROM_BYTES and entry.file_size > MAX_RATIO * entry.compress_size:
            ratio = entry.file_size // max(entry.compress_size, 1)
            raise TooLargeToRead(
                f"the .docx file's part {entry.filename} unpacks to {ratio:,} times its packed size; "
                f"the limit is {MAX_RATIO}"
            )


def _copy_parts(source: zipfile.ZipFile, entries: list[zipfile.ZipInfo], target: zipfile.ZipFile) -> None:
    """Copy the XML parts, reading at most what the directory declares and the limits allow."""
    budget = MAX_XML_BYTES
    # The last entry of a name is the one zipfile (and so python-docx) reads.
    for entry in {e.filename: e for e in entries if not e.is_dir()}.values():
        if not _is_xml(entry):
            target.writestr(entry.filename, b"")
            continue
        with source.open(entry) as part, target.open(entry.filename, "w") as copy:
            read = 0
            while chunk := part.read(_CHUNK):
                read += len(chunk)
                # zipfile stops at the declared size; checked again so that no header is trusted
                if read > entry.file_size or read > budget:
                    raise TooLargeToRead(
                        f"the .docx file's part {entry.filename} unpacks to more than its directory "
                        f"declares or the {_mb(MAX_XML_BYTES)} XML limit allows"
                    )
                copy.write(chunk)
        budget -= read


def _mb(size: int) -> str:
    """Megabytes to one decimal, rounded up so that a size past a limit never reads as the limit."""
    return f"{math.ceil(size * 10 / _MB) / 10:,.1f}".removesuffix(".0") + " MB"


def check_markup(markup: str) -> None:
    """Refuse a web page with more than ``MAX_HTML_TAGS`` tags, before it is parsed."""
    tags = markup.count("<")  # start and end tags, comments; a bare "<" in text is rare
    if tags > MAX_HTML_TAGS:
        raise TooLargeToRead(f"the web page has {tags:,} tags; the limit is {MAX_HTML_TAGS:,}")
