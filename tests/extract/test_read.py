import io
import time
import zipfile

import docx
import pytest

from shuxiang.extract.errors import ExtractError
from shuxiang.extract.read import decode_bytes, html_text, read_file

REPORT = "图书馆服务宣传周活动总结\n\n5月27日,我馆举办讲座,60余名读者参加。"


@pytest.mark.parametrize(
    "encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_reports_decode_from_common_encodings(encoding):
    assert decode_bytes(REPORT.encode(encoding)) == REPORT


def test_a_gbk_file_is_read(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.encode("gbk"))
    assert read_file(path) == REPORT


def test_binary_junk_is_refused(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ExtractError, match="binary"):
        read_file(path)


def test_a_docx_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(ExtractError, match="not a zip"):
        read_file(path)


def test_a_docx_that_is_a_zip_of_junk_is_refused(tmp_path):
    path = tmp_path / "junk.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("junk.bin", b"\x00\x01garbage")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ExtractError, match="Word document"):
        read_file(path)


def test_docx_paragraphs_and_tables_are_read_in_order(tmp_path):
    document = docx.Document()
    document.add_paragraph("图书馆服务宣传周活动总结")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "活动"
    table.cell(0, 1).text = "人数"
    table.cell(1, 0).text = "亲子阅读"
    table.cell(1, 1).text = "80余人"
    document.add_paragraph("特此报告")
    path = tmp_path / "report.docx"
    document.save(path)
    assert read_file(path).split("\n") == [
        "图书馆服务宣传周活动总结",
        "活动，人数。",
        "亲子阅读，80余人。",
        "特此报告",
    ]


def test_html_loses_menus_scripts_and_related_lists():
    page = """<html><head><title>t</title><script>var x=1;</script></head><body>
    <nav><a>首页</a><a>活动总结</a></nav><div class="menu">菜单</div>
    <div class="article"><h1>活动总结 1</h1><p>我馆举办讲座。</p></div>
    <div class="related-articles"><a>其他总结</a></div><footer>版权</footer></body></html>"""
    text = html_text(page)
    assert "我馆举办讲座。" in text and "活动总结 1" in text
    for junk in ("首页", "菜单", "其他总结", "版权", "var x"):
        assert junk not in text


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ExtractError, match="no such file"):
        read_file(tmp_path / "nope.txt")


def test_html_keeps_blocks_breaks_and_tables_on_their_own_lines_and_drops_comments_and_ruby_text():
    page = """<!DOCTYPE html><html><head><title>t</title></head><body class="page">
    <div id="main"><h2>活动总结</h2><p>5月27日，我馆举办讲座<br>60余名读者参加。<!-- 注释 --></p>
    <ul class="list"><li>发放<b>宣传单</b>3000份</li>
    <li><div class="share-box">分享到</div>读者<ruby>书<rt>shu</rt></ruby>香</li></ul>
    <table><tr><td>讲座</td><td>60余人</td></tr></table>
    <section><div><p>特此报告</p></div></section></div>
    <div class="footer">版权所有</div><script>var x = 1;</script></body></html>"""
    assert html_text(page) == (
        "\n活动总结\n5月27日，我馆举办讲座\n60余名读者参加。\n\n发放宣传单3000份\n\n读者书香\n\n"
        "讲座\n60余人\n\n\n特此报告\n\n\n\n"
    )


def test_a_page_of_many_siblings_and_deep_nesting_is_read_in_linear_time():
    """Inserting and removing nodes in bs4 scans their siblings: this page took minutes that way."""
    page = "<body>" + "<p class='c'>讲座。</p>" * 20_000 + "<i>" * 5_000 + "读者" + "</body>"
    started = time.process_time()
    text = html_text(page)
    assert time.process_time() - started < 10  # ~0.3 s read in one walk
    assert text.count("讲座。") == 20_000 and text.endswith("读者")
