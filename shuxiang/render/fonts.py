"""The CJK font files charts and PDFs draw with, found by path, never by system lookup luck.

The project installs them from Debian (``deps/apt.txt``: fonts-arphic-uming,
fonts-arphic-ukai, fonts-wqy-zenhei, fonts-noto-cjk). ReportLab embeds TrueType
outlines only, so PDFs use the AR PL (Ming/Kai) or WenQuanYi files; the Noto CJK
collections (CFF outlines) serve the charts only. ``SHUXIANG_CJK_FONT`` may name
another TrueType file or collection to use first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT_ENV = "SHUXIANG_CJK_FONT"


class FontNotFoundError(RuntimeError):
    """No usable CJK font file: the message says which files were tried and how to install one."""


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0  # the face inside a .ttc collection

    @property
    def name(self) -> str:
        return f"{self.path.stem}-{self.index}"


# Body text of official documents is set in a Song/FangSong face: AR PL UMing is the
# Ming (Song) face Debian ships; WenQuanYi Zen Hei (a Hei face) is the fallback.
PDF_BODY = (
    FontFile(Path("/usr/share/fonts/truetype/arphic/uming.ttc")),
    FontFile(Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")),
    FontFile(Path("/usr/share/fonts/truetype/arphic/ukai.ttc")),
)
# Headings (黑体 in GB/T 9704) in a Hei face, falling back to the body face.
PDF_HEADING = (
    FontFile(Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")),
    FontFile(Path("/usr/share/fonts/truetype/arphic/uming.ttc")),
)
# English PDFs set Latin text in a serif face and switch to the CJK face for Chinese
# names; without a Latin face they fall back to the CJK face's own Latin glyphs.
PDF_LATIN = (
    FontFile(Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")),
    FontFile(Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")),
    *PDF_BODY,
)
# English titles and headings: the serif face's bold, else its regular.
PDF_LATIN_BOLD = (
    FontFile(Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf")),
    FontFile(Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")),
    *PDF_LATIN,
)
# Group headings (楷体 in GB/T 9704) in AR PL UKai, falling back to the body face.
PDF_KAI = (
    FontFile(Path("/usr/share/fonts/truetype/arphic/ukai.ttc")),
    *PDF_BODY,
)
# Charts read best in a sans face.
CHART = (
    FontFile(Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")),
    FontFile(Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")),
    FontFile(Path("/usr/share/fonts/truetype/arphic/uming.ttc")),
)


def _override() -> FontFile | None:
    value = os.environ.get(FONT_ENV)
    return FontFile(Path(value)) if value else None


@cache
def find_font(purpose: str) -> FontFile:
    """The first existing font file for ``purpose``: "pdf_body", "pdf_heading", "pdf_kai",
    "pdf_latin", "pdf_latin_bold" or "chart"."""
    candidates = {
        "pdf_body": PDF_BODY,
        "pdf_heading": PDF_HEADING,
        "pdf_kai": PDF_KAI,
        "pdf_latin": PDF_LATIN,
        "pdf_latin_bold": PDF_LATIN_BOLD,
        "chart": CHART,
    }[purpose]
    override = _override() if not purpose.startswith("pdf_latin") else None
    tried = ([override] if override else []) + list(candidates)
    for font in tried:
        if font.path.is_file():
            return font
    raise FontNotFoundError(
        "no CJK font file found for "
        f"{purpose} (tried {', '.join(str(f.path) for f in tried)}); install the Debian packages "
        f"in deps/apt.txt (fonts-arphic-uming, fonts-wqy-zenhei) or set {FONT_ENV} to a TrueType file"
    )
