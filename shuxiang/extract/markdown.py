"""A readable Markdown summary of an extracted record (``--format md``)."""

from __future__ import annotations

from shuxiang.record.model import Figure, Record
from shuxiang.vocab import label


def _figure(fig: Figure, lang: str) -> str:
    value = f"{fig.value:,}" if isinstance(fig.value, int) else str(fig.value)
    qualifier = label(fig.qualifier, lang) if fig.qualifier != "exact" else ""
    unit = label(fig.unit, lang) if fig.unit != "other" else ""
    measure = f" ({fig.measure})" if fig.measure else ""
    source = f" — “{fig.text}”" if fig.text else ""
    return f"{qualifier} {value} {unit}{measure}{source}".strip()


def to_markdown(record: Record) -> str:
    lang = record.language
    c = record.campaign
    lines = [f"# {record.title or ('（无标题）' if lang == 'zh' else '(untitled)')}", ""]
    rows = [
        ("Language", record.language),
        ("Reporting body", record.reporting_body),
        ("Addressee", record.addressee),
        ("Campaign", c.name),
        ("Theme", c.theme),
        ("Notice", c.notice),
        ("Issuer", c.issuer),
        ("Dates", " – ".join(d for d in (c.start, c.end) if d) or None),
        ("Libraries", ", ".join(record.libraries) or None),
        (
            "Media",
            ", ".join(m.outlet + (f" ({m.library})" if m.library else "") for m in record.media) or None,
        ),
    ]
    lines += [f"- **{k}:** {v}" for k, v in rows if v]
    lines += ["", f"## Activities ({len(record.activities)})", ""]
    for i, a in enumerate(record.activities, 1):
        head = f"{i}. **{label(a.kind, lang)}** `{a.kind}`"
        if a.title:
            head += f" — {a.title}"
        lines.append(head)
        details = [
            ("library", a.library),
            ("dates", " – ".join(d for d in (a.start, a.end) if d) or None),
            ("venue", a.venue),
            ("partners", ", ".join(a.partners) or None),
            ("audience", ", ".join(label(x, lang) for x in a.audience) or None),
        ]
        lines += [f"   - {k}: {v}" for k, v in details if v]
        lines += [f"   - {_figure(f, lang)}" for f in a.figures]
    if record.figures:
        lines += ["", "## Report figures", ""]
        lines += [f"- {_figure(f, lang)}" for f in record.figures]
    return "\n".join(lines) + "\n"
