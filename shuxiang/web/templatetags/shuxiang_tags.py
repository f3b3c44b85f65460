"""Template filters: vocabulary labels and dates the way each language writes them."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext as _

from shuxiang import vocab
from shuxiang.web.i18n import vocab_lang

register = template.Library()

EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@register.filter
def vocab_label(code: str) -> str:
    """The label of a vocabulary code (kind, audience, unit, qualifier) in the current language."""
    return vocab.label(str(code), vocab_lang())


def _day(day: dt.date, *, with_year: bool = False) -> str:
    if vocab_lang() == "zh":
        return f"{day.year}年{day.month}月{day.day}日" if with_year else f"{day.month}月{day.day}日"
    text = f"{day.day} {EN_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


@register.filter
def day(value: dt.date) -> str:
    """5月28日 / 28 May."""
    return _day(value) if value else ""


@register.filter
def date_range(start: dt.date, end: dt.date | None = None) -> str:
    """5月27日至6月2日 / 27 May – 2 June (year shown once, from the start)."""
    if not end or end == start:
        return _day(start, with_year=True)
    if vocab_lang() == "zh":
        return f"{_day(start, with_year=True)}至{_day(end)}"
    return f"{_day(start)} – {_day(end, with_year=True)}"


def month_name(value: dt.date) -> str:
    """2016年5月 / May 2016."""
    if vocab_lang() == "zh":
        return f"{value.year}年{value.month}月"
    return f"{EN_MONTHS[value.month - 1]} {value.year}"


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
    """A figure as each language writes it: 300余人次 / more than 300 attendances."""
    unit = vocab.UNITS_BY_CODE.get(figure.unit)
    value = figure.value
    number = f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    if vocab_lang() == "zh":
        number = number.replace(",", "")
        qualifier = figure.qualifier
        word = unit.zh_word if unit else figure.unit
        if qualifier == "more_than":
            return f"{number}余{word}"
        prefix = {"about": "约", "nearly": "近", "up_to": "最多"}.get(qualifier, "")
        return f"{prefix}{number}{word}"
    noun = (unit.en_singular if value == 1 else unit.en_plural) if unit else figure.unit
    qualifier = vocab.QUALIFIERS_BY_CODE.get(figure.qualifier)
    prefix = f"{qualifier.en} " if qualifier and qualifier.en else ""
    return f"{prefix}{number} {noun}".strip()
