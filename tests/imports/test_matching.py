from __future__ import annotations

import pytest

from shuxiang.imports.matching import aliases, match_library, place_core
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
