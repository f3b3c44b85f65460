"""`shuxiang render` on files; templates a library overrides; the year-over-year paragraph; charts."""

from __future__ import annotations

import json

import pytest

from shuxiang.cli import main as shuxiang_main
from shuxiang.record.model import Activity, Campaign, Figure, Record, dumps
from shuxiang.render import render
from shuxiang.render.charts import ChartSet, chart_data
from shuxiang.render.cli import main
from tests.render.helpers import GOLD_DIR, docx_text, gold_paths


def write_record(tmp_path, data) -> str:
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return str(path)


def small_record() -> Record:
    return Record(
        language="zh",
        reporting_body="古县图书馆",
        campaign=Campaign(name="图书馆服务宣传周", theme="书香中国", start="2016-05-27", end="2016-06-02"),
        libraries=["古县图书馆"],
        activities=[
            Activity(
                kind="lecture",
                title="读书讲座",
                start="2016-05-28",
                figures=[Figure(60, "more_than", "person")],
            ),
            Activity(
                kind="lecture", title="亲子讲座", start="2016-05-29", figures=[Figure(40, "exact", "person")]
            ),
        ],
    )


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_cli_writes_the_report_in_the_format_asked(tmp_path, fmt):
    record = write_record(tmp_path, json.loads(dumps(small_record())))
    out = tmp_path / f"report.{fmt}"
    assert shuxiang_main(["render", record, "--lang", "zh", "--format", fmt, "-o", str(out)]) == 0
    magic = {"md": b"# ", "html": b"<!DOCTYPE html>", "docx": b"PK", "pdf": b"%PDF"}[fmt]
    assert out.read_bytes().startswith(magic)


def test_cli_takes_the_format_from_the_suffix_and_signs_with_the_date(tmp_path):
    record = write_record(tmp_path, json.loads(dumps(small_record())))
    out = tmp_path / "report.docx"
    assert main([record, "--lang", "zh", "-o", str(out), "--date", "2016-06-05"]) == 0
    text = docx_text(out.read_bytes())
    assert text.rstrip().endswith("古县图书馆\n2016年6月5日")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["activities"][0]["figures"][0].update(value=-5), "activities[0].figures[0].value"),
        (lambda d: d["campaign"].update(start="2016-13-40"), "campaign.start"),
        (lambda d: d["activities"][1].update(kind="party"), "activities[1].kind"),
        (lambda d: d.pop("schema"), "(record)"),
    ],
)
def test_cli_refuses_a_bad_record_naming_the_field(tmp_path, capsys, change, field):
    data = json.loads(dumps(small_record()))
    change(data)
    code = main(
        [write_record(tmp_path, data), "--lang", "en", "--format", "md", "-o", str(tmp_path / "x.md")]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert field in err and "Traceback" not in err
    assert not (tmp_path / "x.md").exists()


def test_cli_reports_unreadable_and_non_json_input(tmp_path, capsys):
    assert main([str(tmp_path / "missing.json"), "--lang", "zh", "--format", "md"]) == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    assert main([str(bad), "--lang", "zh", "--format", "md"]) == 2
    assert "not JSON" in capsys.readouterr().err


@pytest.mark.skipif(not gold_paths(), reason="no gold records")
def test_cli_renders_a_gold_record_to_stdout(capsysbinary):
    assert main([str(GOLD_DIR / "zh-1.json"), "--lang", "en", "--format", "md"]) == 0
    assert b"## II. Main activities" in capsysbinary.readouterr().out


def test_a_library_overrides_one_template_and_keeps_the_rest(tmp_path):
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / "closing.md.j2").write_text(
        "此致敬礼。\n\n<!-- style: right -->\n{{ reporting_body }}（盖章）\n"
    )
    md = render(small_record(), lang="zh", fmt="md", templates_dir=tmp_path).decode()
    assert "此致敬礼。" in md and "古县图书馆（盖章）" in md
    assert "特此报告" not in md
    assert "## 一、组织与部署" in md  # the shipped parts still apply
    docx = docx_text(render(small_record(), lang="zh", fmt="docx", templates_dir=tmp_path))
    assert "古县图书馆（盖章）" in docx


def test_a_part_that_renders_empty_is_left_out_and_the_numbering_closes_up(tmp_path):
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / "organisation.md.j2").write_text("")
    md = render(small_record(), lang="zh", fmt="md", templates_dir=tmp_path).decode()
    assert "组织与部署" not in md
    assert "## 一、主要活动" in md and "## 二、参与情况与成效" in md


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "2015年同期活动参与活动8000余人，本次参与活动近万人。"),
        (
            "en",
            "For comparison, the 2015 campaign counted more than 8,000 participants, against nearly 10,000",
        ),
    ],
)
def test_year_over_year_paragraph_from_extra(lang, expected):
    extra = {
        "comparison": {
            "previous_year": 2015,
            "previous_total": {"value": 8000, "qualifier": "more_than"},
            "current_total": {"value": 10000, "qualifier": "nearly"},
        }
    }
    md = render(small_record(), lang=lang, fmt="md", extra=extra).decode()
    assert expected in md
    assert "2015" not in render(small_record(), lang=lang, fmt="md").decode()


def test_charts_by_kind_library_and_day_only_when_the_record_supports_them():
    record = small_record()
    assert [c.name for c in chart_data(record, "zh")] == ["kind", "day"]  # one library: no library chart
    record.activities[1].library = "另一馆"
    record.activities[0].library = "古县图书馆"
    charts = chart_data(record, "en")
    assert [c.name for c in charts] == ["kind", "library", "day"]
    assert charts[0].rows == (("Lecture", 100),)
    assert charts[2].rows == (("28 May", 60), ("29 May", 40))  # the year is in the caption's report
    assert chart_data(Record(language="zh"), "zh") == []


def test_charts_fall_back_to_counting_activities_when_no_one_was_counted():
    record = small_record()
    for activity in record.activities:
        activity.figures = []
    (kind, _day) = chart_data(record, "zh")
    assert kind.metric == "activities" and kind.rows == (("讲座", 2),)
    assert "项数" in kind.caption


def test_chart_png_is_a_png_and_svg_has_no_font_dependency():
    charts = ChartSet(small_record(), "zh")
    assert charts.png("kind").startswith(b"\x89PNG")
    svg = charts.svg("kind")
    assert svg.startswith("<svg") and "<text" not in svg  # glyphs drawn as paths
