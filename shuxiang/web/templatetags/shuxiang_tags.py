"""Template filters: vocabulary labels and dates the way each language writes them."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext as _

from shuxiang import vocab
from shuxiang.record.model import Figure as RecordFigure
from shuxiang.render import phrases
from shuxiang.web.i18n import vocab_lang

register = template.Library()


@register.filter
def vocab_label(code: str) -> str:
    """The label of a vocabulary code (kind, audience, unit, qualifier) in the current language."""
    return vocab.label(str(code), vocab_lang())


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@register.filter
def day(value: dt.date) -> str:
    """5月28日 / 28 May (the year is left to the context)."""
    return phrases.date_phrase(_iso(value), None, vocab_lang(), ref_year=value.year) if value else ""


@register.filter
def date_range(start: dt.date, end: dt.date | None = None) -> str:
    """2016年5月27日至6月2日 / 27 May – 2 June 2016, worded as the reports word it."""
    if not start:
        return ""
    return phrases.date_phrase(_iso(start), _iso(end if end != start else None), vocab_lang())


def month_name(value: dt.date) -> str:
    """2016年5月 / May 2016."""
    if vocab_lang() == "zh":
        return f"{value.year}年{value.month}月"
    return f"{phrases.EN_MONTHS[value.month - 1]} {value.year}"


@register.filter
def when(activity) -> str:
    """When an activity takes place: dates, then the time slot (daily if it repeats).

    An activity whose report gave no date is "during the campaign" (its stored dates are the
    campaign's, not the activity's); one dated by month alone shows the month.
    """
    precision = getattr(activity, "date_precision", "day")
    if precision == "none":
        return _("during the campaign")
    if precision == "month":
        last = activity.end_date or activity.start_date
        if (last.year, last.month) == (activity.start_date.year, activity.start_date.month):
            return month_name(activity.start_date)
        return f"{month_name(activity.start_date)} – {month_name(last)}"
    dates = date_range(activity.start_date, activity.end_date)
    if activity.daily_start_time is None:
        return dates
    slot = f"{activity.daily_start_time:%H:%M}"
    if activity.daily_end_time:
        slot += f"–{activity.daily_end_time:%H:%M}"
    if activity.repeats_daily:
        return _("%(dates)s, daily %(slot)s") % {"dates": dates, "slot": slot}
    return f"{dates} {slot}"


@register.filter
def figure_text(figure) -> str:
    """A figure as the reports write it: 到场300多人次 / more than 300 attendances."""
    record_figure = RecordFigure(
        value=float(figure.value),
        qualifier=figure.qualifier,
        unit=figure.unit,
        measure=figure.measure or None,
    )
    return phrases.figure_phrase(record_figure, vocab_lang())
