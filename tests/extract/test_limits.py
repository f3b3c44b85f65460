import io
import tracemalloc
import zipfile
import zlib

import pytest

from shuxiang.extract import limits
from shuxiang.extract.cli import main
from shuxiang.extract.errors import ExtractError
from shuxiang.extract.limits import TooLargeToRead, check_markup, repack
from shuxiang.extract.read import docx_text, read_file
from tests.extract.word_files import DOCUMENT, forge, make_bomb, make_docx

MB = 1024 * 1024
PHOTO = "word/media/image9.png"


@pytest.fixture
def forbid_unpacking(monkeypatch):
    """Call it once the test's files are built: from then on, reading any part fails the test."""
    real = zipfile.ZipFile.open

    def refuse(self, name, mode="r", *args, **kwargs):
        assert mode == "w", f"{name} was unpacked"
        return real(self, name, mode, *args, **kwargs)

    return lambda: monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


def test_a_small_zip_bomb_is_refused_without_unpacking_anything(forbid_unpacking):
    bomb = make_bomb(limits.MAX_XML_BYTES + MB)
    assert len(bomb) < 100 * 1024
    forbid_unpacking()
    with pytest.raises(TooLargeToRead, match=r"holds 21\.\d MB of XML; the limit is 20 MB"):
        docx_text(bomb)


def test_a_part_packed_past_the_ratio_limit_is_refused_though_small(forbid_unpacking):
    bomb = make_bomb(2 * MB)
    forbid_unpacking()
    with pytest.raises(TooLargeToRead, match=r"word/document.xml unpacks to [\d,]+ times its packed size"):
        repack(bomb)


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        (
            {PHOTO: limits.MAX_ENTRY_BYTES + MB},
            r"part word/media/image9.png unpacks to 51 MB; the limit is 50 MB",
        ),
        (
            {PHOTO: 40 * MB, "word/media/image8.png": 40 * MB, "word/media/image7.png": 40 * MB},
            r"the .docx file unpacks to 120\.\d MB; the limit is 100 MB",
        ),
        ({DOCUMENT: limits.MAX_XML_BYTES + 1}, r"holds 20\.\d MB of XML; the limit is 20 MB"),
    ],
    ids=["one part", "all parts", "xml parts"],
)
def test_sizes_past_a_limit_are_refused_from_the_directory_alone(declared, message, forbid_unpacking):
    parts = {name: b"\x89PNG" for name in declared if name != DOCUMENT}
    data = make_bomb(1024, extra=parts)
    for name, size in declared.items():
        data = forge(data, name, file_size=size)
    forbid_unpacking()
    with pytest.raises(TooLargeToRead, match=message):
        repack(data)


def test_an_archive_of_too_many_parts_is_refused_before_its_directory_is_parsed():
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        for n in range(limits.MAX_ENTRIES + 1):
            archive.writestr(f"word/media/{n}.png", b"")
    # "more than": counted from the directory's signatures, not from a parsed directory
    with pytest.raises(TooLargeToRead, match="has more than 1,000 parts"):
        repack(many.getvalue())


def test_a_directory_that_understates_a_size_is_refused_without_inflating_the_part():
    real_size = limits.MAX_XML_BYTES + 10 * MB
    lying = forge(make_bomb(real_size), DOCUMENT, file_size=1000)
    tracemalloc.start()
    try:
        with pytest.raises(ExtractError, match=r"damaged \(BadZipFile\)"):  # zipfile stops, checks the CRC
            docx_text(lying)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MB  # read in chunks: never the 30 MB the part really holds (before: 75 MB)


def test_a_directory_that_lies_about_size_and_crc_yields_only_the_declared_bytes():
    honest = make_bomb(3 * MB)
    with zipfile.ZipFile(io.BytesIO(honest)) as archive, archive.open(DOCUMENT) as part:
        first = part.read(1000)
    lying = forge(honest, DOCUMENT, file_size=1000, crc=zlib.crc32(first))
    assert zipfile.ZipFile(io.BytesIO(repack(lying))).read(DOCUMENT) == first
    with pytest.raises(ExtractError, match=r"Word document|damaged"):  # the XML is cut short
        docx_text(lying)


def test_parts_packed_with_a_method_word_does_not_write_are_refused(forbid_unpacking):
    bzip2 = io.BytesIO()
    source = io.BytesIO(make_docx("图书馆服务宣传周"))
    with zipfile.ZipFile(source) as word, zipfile.ZipFile(bzip2, "w", zipfile.ZIP_BZIP2) as archive:
        for item in word.infolist():
            archive.writestr(item.filename, word.read(item.filename))
    forbid_unpacking()
    with pytest.raises(ExtractError, match="compression Word does not write"):
        repack(bzip2.getvalue())


def test_a_normal_word_file_keeps_its_xml_and_leaves_its_photo_unpacked():
    original = make_docx("图书馆服务宣传周活动总结", picture=True)
    repacked = zipfile.ZipFile(io.BytesIO(repack(original)))
    source = zipfile.ZipFile(io.BytesIO(original))
    assert sorted(repacked.namelist()) == sorted(source.namelist())
    for name in source.namelist():
        expected = source.read(name) if name.endswith((".xml", ".rels")) else b""
        assert repacked.read(name) == expected, name


def test_a_normal_word_file_with_a_photo_is_read(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(
        make_docx("图书馆服务宣传周活动总结", "5月27日,我馆举办讲座,60余名读者参加。", picture=True)
    )
    assert read_file(path).split("\n") == [
        "图书馆服务宣传周活动总结",
        "5月27日,我馆举办讲座,60余名读者参加。",
        "",
    ]


def test_the_cli_refuses_a_zip_bomb_in_one_line(tmp_path, capsys):
    path = tmp_path / "bomb.docx"
    path.write_bytes(make_bomb(2 * MB))
    assert main([str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("shuxiang extract: the .docx file's part word/document.xml unpacks to")
    assert err.count("\n") == 1


def test_a_web_page_with_more_tags_than_the_limit_is_refused_before_it_is_parsed():
    check_markup("<p>" * limits.MAX_HTML_TAGS)
    with pytest.raises(TooLargeToRead, match="100,001 tags; the limit is 100,000"):
        check_markup("<p>" * (limits.MAX_HTML_TAGS + 1))
