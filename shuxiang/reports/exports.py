"""Statistics tables for the annual returns, as XLSX and CSV (categories: :mod:`.categories`).

A table covers one campaign, or every campaign that started in a year, limited to the
libraries under one organisation (a library and its branches, or a bureau). Four queries
whatever the size: libraries, activities, audiences, figures.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from shuxiang import vocab
from shuxiang.activities.models import Activity, ActivityAudience, Figure
from shuxiang.campaigns.models import Participation
from shuxiang.orgs.models import Organisation
from shuxiang.reports import categories as cat
from shuxiang.reports import totals as tot

STANDARDS = ("cn", "us")
FORMATS = ("xlsx", "csv")

# How a qualified number shows in a spreadsheet cell while staying a number.
XLSX_NUMBER_FORMATS = {
    "exact": "#,##0.##",
    "more_than": '#,##0.##"+"',
    "about": '"~"#,##0.##',
    "nearly": '"<"#,##0.##',
    "up_to": '"≤"#,##0.##',
}


@dataclass
class StatsData:
    libraries: list[tuple[int, str]]
    cn: cat.Table
    us: cat.Table


def collect(
    *, campaign_id: int | None = None, year: int | None = None, under: Organisation | None = None
) -> StatsData:
    """Rows of one campaign, or of every campaign started in ``year``, limited to ``under``'s tree."""
    if (campaign_id is None) == (year is None):
        raise ValueError("give a campaign or a year")
    where = Q(campaign_id=campaign_id) if campaign_id is not None else Q(campaign__start_date__year=year)
    if under is not None:
        where &= Q(library__path__startswith=under.path)
    activity_rows = list(
        Activity.objects.filter(where)
        .exclude(status=Activity.Status.CANCELLED)
        .order_by("id")
        .values_list("id", "library_id", "kind", "library__name", "library__short_name")
    )
    audience_where = (
        Q(activity__campaign_id=campaign_id)
        if campaign_id is not None
        else Q(activity__campaign__start_date__year=year)
    )
    if under is not None:
        audience_where &= Q(activity__library__path__startswith=under.path)
    audiences: dict[int, list[str]] = {}
    for activity_id, group in ActivityAudience.objects.filter(audience_where).values_list(
        "activity_id", "group"
    ):
        audiences.setdefault(activity_id, []).append(group)
    figures: dict[int, list[tot.Row]] = {}
    own: dict[int, list[tot.Row]] = {}
    for activity_id, library_id, value, qualifier, unit, measure in (
        Figure.objects.filter(where)
        .filter(
            library__kind__in=Organisation.LIBRARY_KINDS
        )  # a row per library: a bureau's totals are not one
        .order_by("id")
        .values_list("activity_id", "library_id", "value", "qualifier", "unit", "measure")
    ):
        row = tot.Row(value, qualifier, unit, measure or None)
        if activity_id is None:
            own.setdefault(library_id, []).append(row)
        else:
            figures.setdefault(activity_id, []).append(row)
    libraries: dict[int, str] = {
        pk: short or name
        for pk, name, short in Participation.objects.filter(where)
        .order_by("library__path", "library__name")
        .values_list("library_id", "library__name", "library__short_name")
    }
    for _pk, library_id, _kind, name, short in activity_rows:
        libraries.setdefault(library_id, short or name)
    cn, us = cat.tabulate(
        (
            cat.StatActivity(library_id, kind, audiences.get(pk, []), figures.get(pk, []))
            for pk, library_id, kind, _n, _s in activity_rows
        ),
        own_figures=own,  # type: ignore[arg-type]
    )
    return StatsData(libraries=list(libraries.items()), cn=cn, us=us)


def _label(column: tuple[str, str, str], lang: str) -> str:
    return column[1] if lang == "zh" else column[2]


def _number(value: Decimal) -> int | float:
    return tot.plain_number(value)


def _table(data: StatsData, standard: str) -> cat.Table:
    return data.cn if standard == "cn" else data.us


def _standard_title(standard: str) -> str:
    return (
        _("China national public-library statistics: reader activities")
        if standard == "cn"
        else _("US Public Libraries Survey: programs by age group")
    )


def to_csv(data: StatsData, *, standard: str, lang: str) -> bytes:
    """One return as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese right).

    Each number column is followed by its qualifier column (empty when exact).
    """
    table = _table(data, standard)
    out = io.StringIO()
    writer = csv.writer(out)
    with translation.override("zh-hans" if lang == "zh" else "en"):
        header = [_("library")]
        for column in table.columns:
            label = _label(column, lang)
            header += [label, _("%(column)s: qualifier") % {"column": label}]
        writer.writerow(header)

        def cells(get) -> list[object]:
            row: list[object] = []
            for column in table.columns:
                value, qualifier = get(column[0])
                row += [_number(value), "" if qualifier == tot.EXACT else vocab.label(qualifier, lang)]
            return row

        for pk, name in data.libraries:
            writer.writerow([name, *cells(lambda code, pk=pk: table.cell(pk, code))])
        writer.writerow([_("total"), *cells(table.total)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(data: StatsData, *, lang: str, title: str = "") -> bytes:
    """Both returns as one workbook, a sheet each; qualified numbers stay numbers (see the formats)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    with translation.override("zh-hans" if lang == "zh" else "en"):
        for standard in STANDARDS:
            table = _table(data, standard)
            sheet = book.create_sheet("CN" if standard == "cn" else "US PLS")
            sheet.append([_standard_title(standard)])
            sheet["A1"].font = Font(bold=True)
            if title:
                sheet.append([title])
            sheet.append([_("library"), *(_label(c, lang) for c in table.columns)])
            header_row = sheet.max_row
            for cell in sheet[header_row]:
                cell.font = Font(bold=True)

            def put(name: str, get, bold: bool = False, sheet=sheet, table=table) -> None:
                sheet.append([name, *(_number(get(c[0])[0]) for c in table.columns)])
                row = sheet.max_row
                for i, column in enumerate(table.columns, start=2):
                    qualifier = get(column[0])[1]
                    cell = sheet.cell(row=row, column=i)
                    cell.number_format = XLSX_NUMBER_FORMATS[qualifier]
                    if qualifier != tot.EXACT:
                        cell.comment = Comment(
                            vocab.QUALIFIERS_BY_CODE[qualifier].label(lang) or qualifier, "shuxiang"
                        )
                    if bold:
                        cell.font = Font(bold=True)

            for pk, name in data.libraries:
                put(name, lambda code, pk=pk, table=table: table.cell(pk, code))
            put(_("total"), table.total, bold=True)
            sheet.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
