"""Statistics tables from the database: constant queries, qualified cells in XLSX and CSV."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from shuxiang.reports import exports
from tests.factories import make_activity, make_campaign, make_figure


def test_collect_runs_four_queries_for_one_or_many_activities(city, django_assert_num_queries):
    for n in (1, 30):
        campaign = make_campaign(issuer=city.bureau, libraries=(city.cangxi,), name=f"c{n}")
        for _ in range(n):
            make_figure(make_activity(campaign, city.cangxi, audience=("children",)))
        with django_assert_num_queries(4):
            data = exports.collect(campaign_id=campaign.pk, under=city.bureau)
        assert data.cn.cell(city.cangxi.pk, "lecture_held") == (Decimal(n), "exact")
        assert data.cn.cell(city.cangxi.pk, "lecture_attendance") == (Decimal(300 * n), "more_than")


def test_xlsx_cells_stay_numbers_and_show_their_qualifier(filled_city):
    from openpyxl import load_workbook

    data = exports.collect(campaign_id=filled_city.campaign.pk)
    sheet = load_workbook(BytesIO(exports.to_xlsx(data, lang="zh")))["CN"]
    header = [c.value for c in sheet[2]]
    total_row = sheet[sheet.max_row]
    assert total_row[0].value == "合计"
    cards = total_row[header.index("新办读者证（张）")]
    assert cards.value == 200 and cards.number_format == exports.XLSX_NUMBER_FORMATS["more_than"]
    assert cards.comment is not None and "余" in cards.comment.text


def test_csv_has_a_qualifier_column_after_each_number(filled_city):
    data = exports.collect(campaign_id=filled_city.campaign.pk)
    lines = exports.to_csv(data, standard="cn", lang="en").decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    total = lines[-1].split(",")
    i = header.index("library cards issued")
    assert header[i + 1] == "library cards issued: qualifier"
    assert (total[i], total[i + 1]) == ("200", "more than")
