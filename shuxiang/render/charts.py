"""Charts of a report: participation by activity kind, by library, by day.

The data (:func:`chart_data`) is pure and cheap; drawing (:meth:`ChartSet.png`,
:meth:`ChartSet.svg`) uses matplotlib's object API (one ``Figure`` per chart, no
pyplot state) on the Agg backend, with the CJK font registered by its file path.
matplotlib is imported on first draw only, so Markdown output never pays for it.

"Participation" is the sum of every activity figure counted in people (人) or
attendances (人次), except volunteers; a record with no such figure is charted
by the number of activities instead, and the caption says which.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from shuxiang.record.model import Record
from shuxiang.render.fonts import find_font
from shuxiang.render.phrases import date_phrase, kind_label, parse_edtf
from shuxiang.vocab import ACTIVITY_KINDS

PARTICIPATION_UNITS = frozenset({"person", "person_time"})
NOT_PARTICIPATION = frozenset({"volunteers"})
MAX_BARS = 25  # more libraries than this: only the largest are drawn, the caption says so


@dataclass(frozen=True)
class ChartData:
    name: str  # "kind", "library" or "day"
    caption: str  # without the figure number
    metric: str  # "participation" or "activities"
    rows: tuple[tuple[str, float], ...]


def _participation(figures: list[Any]) -> float:
    return sum(
        f.value
        for f in figures
        if f.unit in PARTICIPATION_UNITS
        and (f.measure or "") not in NOT_PARTICIPATION
        and not (f.measure or "").startswith("duration")
    )


_CAPTIONS = {
    ("zh", "kind", "participation"): "各类活动参与人数（人、人次，有人数记录的活动之和）",
    ("zh", "kind", "activities"): "各类活动项数",
    ("zh", "library", "participation"): "各馆活动参与人数（人、人次，有人数记录的活动之和）",
    ("zh", "library", "activities"): "各馆活动项数",
    ("zh", "day", "participation"): "每日活动参与人数（人、人次，按活动开始日期）",
    ("zh", "day", "activities"): "每日活动项数（按活动开始日期）",
    (
        "en",
        "kind",
        "participation",
    ): "Participation by activity kind (people and attendances, activities with a count)",
    ("en", "kind", "activities"): "Activities by kind",
    (
        "en",
        "library",
        "participation",
    ): "Participation by library (people and attendances, activities with a count)",
    ("en", "library", "activities"): "Activities by library",
    ("en", "day", "participation"): "Participation by day (people and attendances, by start date)",
    ("en", "day", "activities"): "Activities by day (by start date)",
}


def chart_data(record: Record, lang: str) -> list[ChartData]:
    """The charts this record supports, in report order; [] for a record without activities."""
    if not record.activities:
        return []
    per_activity = [_participation(a.figures) for a in record.activities]
    metric = "participation" if any(per_activity) else "activities"

    def amount(i: int) -> float:
        return per_activity[i] if metric == "participation" else 1

    by_kind: dict[str, float] = defaultdict(float)
    by_library: dict[str, float] = defaultdict(float)
    by_day: dict[tuple[int, int, int], float] = defaultdict(float)
    day_labels: dict[tuple[int, int, int], str] = {}
    for i, activity in enumerate(record.activities):
        by_kind[activity.kind] += amount(i)
        if activity.library:
            by_library[activity.library] += amount(i)
        day = parse_edtf(activity.start)
        if day is not None and day.month and day.day:
            key = (day.year or 0, day.month, day.day)
            by_day[key] += amount(i)
            if key not in day_labels:
                iso = f"{day.year:04d}-{day.month:02d}-{day.day:02d}" if day.year else activity.start
                day_labels[key] = date_phrase(iso, None, lang, ref_year=day.year)

    def keep(value: float) -> bool:
        # An activity without a count of people is not one that nobody came to: leave it out.
        return metric == "activities" or value > 0

    charts = []
    kinds = tuple(
        (kind_label(t.code, lang), by_kind[t.code])
        for t in ACTIVITY_KINDS
        if t.code in by_kind and keep(by_kind[t.code])
    )
    if kinds:
        charts.append(ChartData("kind", _CAPTIONS[(lang, "kind", metric)], metric, kinds))
    by_library = {name: value for name, value in by_library.items() if keep(value)}
    by_day = {key: value for key, value in by_day.items() if keep(value)}
    if len(by_library) > 1:
        order = {name: i for i, name in enumerate(record.libraries)}
        names = sorted(by_library, key=lambda n: order.get(n, len(order)))
        rows = [(n, by_library[n]) for n in names]
        caption = _CAPTIONS[(lang, "library", metric)]
        if len(rows) > MAX_BARS:
            # The largest only: one bar summing the rest would dwarf every other.
            rows = sorted(rows, key=lambda r: -r[1])[:MAX_BARS]
            caption += (
                f"，列前{MAX_BARS}个馆（共{len(by_library)}个）"
                if lang == "zh"
                else (f"; the {MAX_BARS} largest of {len(by_library)} libraries")
            )
        charts.append(ChartData("library", caption, metric, tuple(rows)))
    if len(by_day) > 1:
        days = tuple((day_labels[k], by_day[k]) for k in sorted(by_day))
        charts.append(ChartData("day", _CAPTIONS[(lang, "day", metric)], metric, days))
    return charts


@cache
def _matplotlib() -> tuple[Any, Any, str]:
    """matplotlib's Figure and Agg canvas, with the CJK chart font registered by path."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = find_font("chart")
    font_manager.fontManager.addfont(str(font.path))
    family = font_manager.FontProperties(fname=str(font.path)).get_name()
    return Figure, FigureCanvasAgg, family


@lru_cache(maxsize=32)
def _draw(chart: ChartData, fmt: str, lang: str) -> bytes:
    """The chart as PNG or SVG bytes; cached, so a DOCX and a PDF of one record draw it once."""
    import matplotlib

    figure_cls, canvas_cls, family = _matplotlib()
    from matplotlib.ticker import MaxNLocator, StrMethodFormatter

    rc = {
        "font.family": [family],
        "font.size": 9,
        "font.weight": "medium",  # WenQuanYi Zen Hei has a medium (500) face only
        "svg.fonttype": "path",  # glyphs as outlines: the browser needs no CJK font
        "svg.hashsalt": "shuxiang",  # stable ids, reproducible output
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with matplotlib.rc_context(rc):
        labels = [label for label, _ in chart.rows]
        values = [value for _, value in chart.rows]
        horizontal = chart.name != "day"
        height = max(2.2, 0.28 * len(labels) + 0.8) if horizontal else 2.8
        fig = figure_cls(figsize=(6.2, height))
        canvas_cls(fig)
        ax = fig.add_subplot()
        value_axis = ax.xaxis if horizontal else ax.yaxis
        value_axis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        value_axis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        # Margins from the label lengths rather than tight_layout(), which draws every
        # text twice: a chart of 25 libraries takes half the time this way.
        longest = max((_text_inches(label) for label in labels), default=0.5)
        if horizontal:
            positions = range(len(labels))
            ax.barh(positions, values, color="#8c2d1f")
            ax.set_yticks(list(positions), labels=labels)
            ax.invert_yaxis()
            ax.margins(x=0.14, y=0.01)
            for y, value in zip(positions, values, strict=True):
                ax.text(value, y, f" {value:,.0f}", va="center", fontsize=8)
            fig.subplots_adjust(
                left=min(0.6, (longest + 0.2) / 6.2), right=0.97, top=1 - 0.12 / height, bottom=0.35 / height
            )
        else:
            positions = range(len(labels))
            ax.bar(positions, values, color="#8c2d1f")
            rotate = len(labels) > 8
            ax.set_xticks(
                list(positions),
                labels=labels,
                rotation=45 if rotate else 0,
                ha="right" if rotate else "center",
            )
            bottom = (longest * 0.75 + 0.3) if rotate else 0.45
            fig.subplots_adjust(left=0.1, right=0.98, top=0.95, bottom=min(0.6, bottom / height))
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=110, metadata=_metadata(fmt))
    return buf.getvalue()


def _text_inches(text: str, size: float = 9) -> float:
    """The width of ``text`` at ``size`` pt, estimated: CJK characters are square, Latin about half."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in text) * size / 72


def _metadata(fmt: str) -> dict[str, Any]:
    # No creation dates: the same record gives the same bytes.
    if fmt == "svg":
        return {"Date": None}
    return {"Software": None}


_SVG_HEAD = re.compile(r"^.*?(?=<svg)", re.S)


class ChartSet:
    """The charts of one rendering, numbered in the order the templates place them."""

    def __init__(self, record: Record, lang: str):
        self.lang = lang
        self.charts = {c.name: c for c in chart_data(record, lang)}
        self.numbers: dict[str, int] = {}
        self._png: dict[str, bytes] = {}

    @property
    def names(self) -> list[str]:
        return list(self.charts)

    def number(self, name: str) -> int:
        if name not in self.numbers:
            self.numbers[name] = len(self.numbers) + 1
        return self.numbers[name]

    def caption(self, name: str) -> str:
        n = self.number(name)
        text = self.charts[name].caption
        return f"图{n} {text}" if self.lang == "zh" else f"Figure {n}. {text}"

    def png(self, name: str) -> bytes:
        if name not in self._png:
            self._png[name] = _draw(self.charts[name], "png", self.lang)
        return self._png[name]

    def svg(self, name: str) -> str:
        text = _draw(self.charts[name], "svg", self.lang).decode("utf-8")
        return _SVG_HEAD.sub("", text, count=1).strip()
