"""HTML: the web preview. Record text arrives escaped (autoescaping templates); numbers are links."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shuxiang.render.blocks import parse

STYLE = """
.shuxiang-report{max-width:46rem;margin:2rem auto;font-family:"FangSong","仿宋_GB2312","STFangsong",
"Noto Serif CJK SC",serif;font-size:1.1rem;line-height:1.9;color:#222}
.shuxiang-report h1{text-align:center;font-family:"方正小标宋简体","SimSun","Noto Serif CJK SC",serif;
font-size:1.7rem;font-weight:normal;margin:1rem 0 2rem}
.shuxiang-report h2{font-family:"SimHei","Noto Sans CJK SC",sans-serif;font-size:1.15rem;
margin:1.4rem 0 .4rem}
.shuxiang-report h3{font-family:"KaiTi","楷体_GB2312","Noto Serif CJK SC",serif;font-size:1.1rem;
margin:1rem 0 .3rem}
.shuxiang-report p{text-indent:2em;margin:.3rem 0}
.shuxiang-report p.noindent{text-indent:0}
.shuxiang-report p.right{text-align:right;text-indent:0}
.shuxiang-report p.center{text-align:center;text-indent:0}
.shuxiang-report a.figure{color:inherit;text-decoration:underline dotted}
.shuxiang-report figure.chart{margin:1rem 0;text-align:center}
.shuxiang-report figure.chart svg{max-width:100%;height:auto}
.shuxiang-report figcaption{font-size:.95rem}
"""


def to_html(text: str, lang: str, extra: Mapping[str, Any] | None = None) -> bytes:
    """A whole HTML document, or only the ``<article>`` when ``extra["fragment"]`` is true."""
    parts, title = [], ""
    for block in parse(text):
        if block.kind == "title":
            title = block.text
            parts.append(f"<h1>{block.text}</h1>")
        elif block.kind == "h2":
            parts.append(f"<h2>{block.text}</h2>")
        elif block.kind == "h3":
            parts.append(f"<h3>{block.text}</h3>")
        elif block.kind == "raw":
            parts.append(block.text)
        else:
            cls = f' class="{block.style}"' if block.style else ""
            parts.append(f"<p{cls}>{block.text}</p>")
    html_lang = "zh-Hans" if lang == "zh" else "en"
    article = f'<article class="shuxiang-report" lang="{html_lang}">\n' + "\n".join(parts) + "\n</article>\n"
    if (extra or {}).get("fragment"):
        return article.encode("utf-8")
    doc = (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n{article}</body>\n</html>\n"
    )
    return doc.encode("utf-8")
