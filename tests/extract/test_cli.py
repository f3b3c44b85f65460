import json

import pytest

from shuxiang.extract.cli import main
from shuxiang.record.model import validate

PAGE = """<html><body><nav>首页 | 活动总结 | 我要投稿</nav>
<div class="content">
<p>以下是小编整理的活动总结,仅供参考。</p>
<p>读书日活动总结 1</p><p>4月23日,东城区图书馆举办讲座,80余名读者参加。</p>
<p>读书日活动总结 2</p><p>4月24日,西城区图书馆开展图书漂流活动,漂流图书三百余册。</p>
</div>
<div class="related"><p>【读书日活动总结】相关文章:</p><p>其他总结03-29</p></div>
</body></html>"""


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_text_report_prints_one_valid_record(capsys, data_dir):
    code, out, err = _run(capsys, data_dir / "zh_world_book_day.txt")
    assert code == 0 and err == ""
    validate(json.loads(out))


def test_html_page_with_split_prints_one_record_per_report(capsys, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="gb18030")
    code, out, _ = _run(capsys, path, "--split")
    records = json.loads(out)
    assert code == 0 and [r["title"] for r in records] == ["读书日活动总结 1", "读书日活动总结 2"]
    assert [r["libraries"] for r in records] == [["东城区图书馆"], ["西城区图书馆"]]
    assert [[a["kind"] for a in r["activities"]] for r in records] == [["lecture"], ["book_drifting"]]
    assert "其他总结" not in out and "小编" not in out


def test_markdown_summary_lists_activities_and_figures(capsys, data_dir):
    code, out, _ = _run(capsys, data_dir / "en_summary.txt", "--format", "md")
    assert code == 0
    assert out.startswith("# Summary of World Book Day")
    assert "`mobile_service`" in out and "350 volumes" in out


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"", "empty.txt"),
        (b"   \n\n ", "blank.txt"),
        ("图书馆 library 讲座 lecture 300人 and 5 books".encode(), "mixed.txt"),
    ],
)
def test_empty_and_mixed_files_give_valid_records(capsys, tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = _run(capsys, path)
    assert code == 0, err
    validate(json.loads(out))


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (bytes(range(256)) * 100, "junk.bin", "binary"),
        (b"PK\x03\x04 broken zip", "broken.docx", "Word"),
        (b"plain text", "plain.docx", "not a zip"),
    ],
)
def test_bad_files_give_one_line_errors(capsys, tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = _run(capsys, path)
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_ten_megabyte_text_gives_a_valid_record(capsys, tmp_path):
    path = tmp_path / "big.txt"
    paragraph = "5月27日,某区图书馆举办讲座,60余名读者参加;发放宣传资料300余份。\n"
    path.write_text(paragraph * (10_000_000 // len(paragraph.encode())), encoding="utf-8")
    code, out, err = _run(capsys, path)
    assert code == 0, err
    validate(json.loads(out))
