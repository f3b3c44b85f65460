"""File -> text: plain text in any common encoding, Word (.docx, tables included), web pages.

Decoding tries the byte-order marks, then strict UTF-8, then GB18030 (a superset of
GBK and GB2312, the usual encodings of Chinese reports), and only then asks
charset-normalizer to guess. Web pages lose their scripts, menus, headers,
footers and "related articles" blocks before their text is taken. Word files and web pages
that would cost far more to read than they weigh are refused first (``limits.py``).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from shuxiang.extract.errors import ExtractError
from shuxiang.extract.limits import check_markup, repack

if TYPE_CHECKING:
    from bs4 import Tag

MAX_BYTES = 50 * 1024 * 1024
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Words in a class or id that mark page furniture rather than the article.
_BOILERPLATE_ATTR = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|breadcrumb|header|footer|sidebar|aside|related|recommend|share|"
    r"comment|comments|tougao|submit|login|ad|ads|advert|banner|copyright|pager|pagination|hot|tags?)"
    r"($|[-_\s\d])",
    re.I,
)
# Dropped with their content wherever they are.
_DROPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "iframe",
        "select",
        "button",
        "svg",
        "head",
    }
)
# The text of one of these ends its line.
_BLOCK_TAGS = frozenset(["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "section"])


def decode_bytes(data: bytes) -> str:
    """Text from bytes in UTF-8/16/32 (with or without BOM), GBK/GB18030 or an encoding charset-normalizer guesses."""  # noqa: E501 - one alternation reads best on one line
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        utf16 = _guess_utf16(data)
        if utf16:
            return data.decode(utf16, errors="replace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return (
                data[len(bom) :].decode(encoding, errors="replace")
                if "sig" not in encoding
                else (data.decode(encoding, errors="replace"))
            )
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes  # only needed for unusual encodings

    best = from_bytes(data).best()
    if best is None:
        raise ExtractError("the file looks binary: it is not text in any known encoding")
    return str(best)


def _guess_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    if odd_zeros > half * 0.3 and even_zeros < half * 0.05:
        return "utf-16-le"
    if even_zeros > half * 0.3 and odd_zeros < half * 0.05:
        return "utf-16-be"
    return None


def looks_binary(text: str) -> bool:
    """True for decoded junk: many control characters or replacement marks."""
    if not text:
        return False
    sample = text[:20000]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f\v"))
    return bad > max(8, len(sample) // 20)


def docx_text(data: bytes) -> str:
    """Paragraphs and table rows of a Word file, in document order.

    python-docx opens the file only as :func:`~shuxiang.extract.limits.repack` unpacked it,
    within that module's limits (a zip bomb raises :class:`~shuxiang.extract.limits.TooLargeToRead`).
    """
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExtractError("the .docx file is not a Word document (not a zip archive)")
    import docx  # python-docx; imported only for Word files
    from docx.opc.exceptions import PackageNotFoundError

    package = repack(data)
    try:
        document = docx.Document(io.BytesIO(package))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ExtractError(f"the .docx file is not a readable Word document ({type(exc).__name__})") from exc
    except Exception as exc:  # lxml and zip errors of a damaged file come in many types
        raise ExtractError(f"the .docx file is damaged ({type(exc).__name__})") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if not row.tag.endswith("}tr"):
                    continue
                cells = []
                for cell in row:
                    if cell.tag.endswith("}tc"):
                        cells.append(
                            "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")).strip()
                        )
                lines.append("，".join(c for c in cells if c) + "。")
    return "\n".join(lines)


def html_text(markup: str) -> str:
    """The article text of a web page, without menus, related-article lists and scripts.

    One walk over the parsed page, in time linear in its size however the tags nest or how
    many siblings they have (removing or inserting nodes in bs4 scans the siblings each time,
    which made a 1 MB page take a minute). The page is bounded first (``check_markup``).
    """
    from bs4 import BeautifulSoup, NavigableString, Tag  # imported only for web pages

    check_markup(markup)
    soup = BeautifulSoup(markup, "html.parser")
    kept = soup.interesting_string_types or Tag.MAIN_CONTENT_STRING_TYPES  # as get_text: no comments
    pieces: list[str] = []
    pending: list[Tag | NavigableString | None] = [soup]  # None: the end of a block, a line break
    while pending:
        node = pending.pop()
        if node is None:
            pieces.append("\n")
        elif isinstance(node, NavigableString):
            if type(node) in kept:
                pieces.append(node)
        elif isinstance(node, Tag) and not _is_furniture(node):
            if node.name == "br":
                pieces.append("\n")
                continue
            if node.name in _BLOCK_TAGS:
                pending.append(None)
            pending.extend(reversed(node.contents))
    return "\n".join(line.strip() for line in "".join(pieces).splitlines())


def _is_furniture(tag: Tag) -> bool:
    """A tag dropped with everything in it: scripts, menus and the like, or a class/id naming them."""
    if tag.name in _DROPPED_TAGS:
        return True
    attrs = tag.attrs
    if not attrs or tag.name in {"body", "html"}:
        return False
    words = " ".join([*(attrs.get("class") or []), str(attrs.get("id") or "")])
    return bool(words and _BOILERPLATE_ATTR.search(words))


def read_file(path: str | Path) -> str:
    """The text of a report file (.txt, .docx, .html/.htm; anything else is read as text)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExtractError(
                f"{path.name} is {size // 1_048_576} MB; the limit is {MAX_BYTES // 1_048_576} MB"
            )
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise ExtractError(f"{path} is a directory, not a file") from exc
    except FileNotFoundError as exc:
        raise ExtractError(f"no such file: {path}") from exc
    except PermissionError as exc:
        raise ExtractError(f"cannot read {path}: permission denied") from exc
    except OSError as exc:
        raise ExtractError(f"cannot read {path}: {exc.strerror or exc}") from exc
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return docx_text(data)
    if suffix == ".doc":
        raise ExtractError("old Word .doc files are not supported; save the file as .docx")
    text = decode_bytes(data)
    if suffix in {".html", ".htm", ".xhtml"} or (suffix not in {".txt", ".md"} and _looks_html(text)):
        return html_text(text)
    if looks_binary(text):
        raise ExtractError(f"{path.name} looks like a binary file, not a text report")
    return text


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head
