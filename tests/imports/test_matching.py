from __future__ import annotations

import pytest

from shuxiang.imports.matching import (
    aliases,
    canonical,
    match_first,
    match_library,
    place_core,
    placeholder,
)
from shuxiang.orgs.models import Organisation


def org(name: str, short: str = "", pk: int = 0) -> Organisation:
    return Organisation(pk=pk or abs(hash(name)) % 10_000, name=name, short_name=short, kind="library")


CANGXI = org("苍溪县图书馆", "苍溪馆", 1)
ZHAOHUA = org("昭化区图书馆", "", 2)
CITY = org("广元市图书馆", "市图书馆", 3)
GUXIAN = org("古县图书馆", "", 4)


def test_place_core_drops_library_word_and_county_or_district_suffix():
    assert place_core("苍溪县图书馆") == "苍溪"
    assert place_core("苍溪馆") == "苍溪"
    assert place_core("昭化区图书馆") == "昭化"
    assert place_core("市图书馆") is None
    assert place_core("广元市") is None


def test_aliases_swap_guan_and_tushuguan():
    assert aliases("昭化区图书馆") == {"昭化区图书馆", "昭化区馆"}
    assert aliases("昭化馆") == {"昭化馆", "昭化图书馆"}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("苍溪馆", CANGXI),
        ("苍溪县图书馆", CANGXI),
        ("昭化区图书馆", ZHAOHUA),
        ("昭化馆", ZHAOHUA),
        ("市图书馆", CITY),
        ("古县图书馆", GUXIAN),
        ("古县馆", GUXIAN),
    ],
)
def test_match_library_finds_the_one_library_a_report_means(written, expected):
    assert match_library(written, [CANGXI, ZHAOHUA, CITY, GUXIAN]) == expected


def test_match_library_gives_none_for_unknown_or_ambiguous_names():
    twin = org("苍溪县图书馆分馆", "", 9)
    other_cangxi = org("苍溪区图书馆", "", 10)
    assert match_library("剑阁馆", [CANGXI, ZHAOHUA]) is None
    assert match_library("苍溪馆", [other_cangxi, org("苍溪县图书馆", "", 11)]) is None
    assert match_library("苍溪馆", [twin, other_cangxi]) == other_cangxi
    assert match_library("  ", [CANGXI]) is None


def test_match_library_is_case_insensitive_for_english_names():
    cangxi = org("苍溪县图书馆", "苍溪馆", 1)
    cangxi.name_en = "Cangxi Library"
    assert match_library("cangxi library", [cangxi, ZHAOHUA]) == cangxi


def english(name: str, name_en: str, pk: int) -> Organisation:
    library = org(name, "", pk)
    library.name_en = name_en
    return library


CANGXI_EN = english("苍溪县图书馆", "Cangxi County Library", 21)
ZHAOHUA_EN = english("昭化区图书馆", "Zhaohua District Library", 22)
WANGCANG_EN = english("旺苍县图书馆", "Wangcang County Library", 23)
CITY_EN = english("广元市图书馆", "Guangyuan City Library", 24)
CITY_EN.short_name = "市图书馆"
GUANGYUAN_EN = [CANGXI_EN, ZHAOHUA_EN, WANGCANG_EN, CITY_EN]


def test_canonical_puts_english_kind_and_level_words_in_the_chinese_vocabulary():
    assert canonical("Cangxi County Library") == "cangxi县图书馆"
    assert canonical("Zhaohua  District Library") == "zhaohua区图书馆"
    assert canonical("Wangcang Hall") == canonical("Wangcang Pavilion") == "wangcang馆"
    assert canonical("the Municipal Library") == canonical("City Library") == "市图书馆"
    assert canonical("苍溪县图书馆") == "苍溪县图书馆"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Cangxi Library", CANGXI_EN),
        ("Cangxi County Library", CANGXI_EN),
        ("Zhaohua Library", ZHAOHUA_EN),
        ("Zhaohua Hall", ZHAOHUA_EN),
        ("Wangcang Hall", WANGCANG_EN),
        ("Wangcang Pavilion", WANGCANG_EN),
        ("Guangyuan Library", CITY_EN),
        ("Municipal Library", CITY_EN),  # 市图书馆, the short name
    ],
)
def test_english_names_match_on_the_same_county_and_district_rule_as_chinese_ones(written, expected):
    assert match_library(written, GUANGYUAN_EN) == expected


def test_a_chinese_name_without_its_county_matches_the_county_library():
    assert match_library("苍溪图书馆", [CANGXI, ZHAOHUA, CITY]) == CANGXI
    assert match_library("昭化图书馆", [CANGXI, ZHAOHUA, CITY]) == ZHAOHUA


def test_english_names_that_fit_two_libraries_or_only_another_script_match_none():
    cangxi_district = english("苍溪区图书馆", "Cangxi District Library", 25)
    assert match_library("Cangxi Library", [CANGXI_EN, cangxi_district]) is None
    assert match_library("Cangxi Library", [CANGXI, ZHAOHUA]) is None  # place names are not translated
    assert match_library("Gu County Library", [english("古县图书馆", "Guxian Library", 26)]) is None


@pytest.mark.parametrize(
    "written", ["xx Library", "XX Library", "XX图书馆", "xx县图书馆", "某某图书馆", "某馆", "××图书馆"]
)
def test_anonymised_names_are_placeholders(written):
    assert placeholder(written)


@pytest.mark.parametrize(
    "written", ["市图书馆", "Municipal Library", "苍溪馆", "Guxian Library", "Xixiang Library", "图书馆服务"]
)
def test_real_and_bare_level_names_are_no_placeholders(written):
    assert not placeholder(written)


def test_match_first_takes_the_first_tier_that_names_any_and_never_guesses_within_it():
    elsewhere_cangxi = english("苍溪县图书馆", "Cangxi County Library", 31)
    assert match_first("Cangxi Library", [[CANGXI_EN], [elsewhere_cangxi]]) == CANGXI_EN
    assert match_first("Cangxi Library", [[ZHAOHUA_EN], [elsewhere_cangxi]]) == elsewhere_cangxi
    assert match_first("Cangxi Library", [[CANGXI_EN, elsewhere_cangxi], [ZHAOHUA_EN]]) is None
