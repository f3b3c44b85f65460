"""Where each part of a record goes (shuxiang.imports.placement): which library each name means,
who holds the report's own figures, and the record cut into one part per library."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from shuxiang.activities.models import Activity, Figure
from shuxiang.imports.placement import (
    OWN_BODY,
    REPORT_FIGURES,
    TO_DEFAULT,
    NewLibrary,
    candidate_libraries,
    group_names,
    resolve_libraries,
    split_by_library,
)
from shuxiang.imports.services import ImportProblem, import_record
from shuxiang.orgs.models import AuditEntry, Organisation
from shuxiang.record import Figure as RecordFigure
from tests.imports.conftest import gold
from tests.imports.test_services import small_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --------------------------------------------------------------------------- reading, nothing written


def test_every_name_as_written_is_resolved_and_the_city_total_goes_to_the_bureau(guangyuan):
    rec = gold("zh-1")
    resolved, missing = resolve_libraries(
        rec,
        guangyuan.campaign,
        guangyuan.admin,
        {OWN_BODY: guangyuan.libraries["市图书馆"]},
        create_missing=False,
    )
    assert missing == {}
    assert resolved["苍溪馆"] == guangyuan.libraries["苍溪馆"]
    assert resolved["昭化区图书馆"] == resolved["昭化馆"] == guangyuan.libraries["昭化馆"]
    assert resolved[REPORT_FIGURES] == guangyuan.bureau
    assert not Activity.objects.exists()


def test_names_nothing_matches_are_listed_for_the_bureau_and_refused_for_others(guangyuan):
    rec = small_record("青川馆")
    _resolved, missing = resolve_libraries(rec, guangyuan.campaign, guangyuan.admin, {}, create_missing=True)
    assert list(missing) == ["青川馆"]
    with pytest.raises(ImportProblem, match="No library matches 青川馆"):
        resolve_libraries(rec, guangyuan.campaign, guangyuan.admin, {}, create_missing=False)


def test_the_record_is_cut_into_one_part_per_library_whose_key_follows_its_content(guangyuan):
    rec = gold("zh-1")
    resolved, _missing = resolve_libraries(
        rec,
        guangyuan.campaign,
        guangyuan.admin,
        {OWN_BODY: guangyuan.libraries["市图书馆"]},
        create_missing=False,
    )
    parts = {part.library: part for part in split_by_library(rec, resolved)}
    assert len(parts) == 7  # six libraries and the bureau (the city total)
    cangxi = parts[guangyuan.libraries["苍溪馆"]]
    assert len(cangxi.activities) == 7 and cangxi.indices == sorted(cangxi.indices)
    assert [f.value for f in parts[guangyuan.bureau].figures] == [10000]

    corrected = copy.deepcopy(rec)
    next(a for a in corrected.activities if a.title == "免费开放主题宣传").figures[0].value = 350
    again = {p.library: p for p in split_by_library(corrected, resolved)}
    assert again[guangyuan.libraries["苍溪馆"]].key() != cangxi.key()
    assert again[guangyuan.libraries["旺苍馆"]].key() == parts[guangyuan.libraries["旺苍馆"]].key()


def test_candidates_are_the_libraries_under_the_issuer_and_those_taking_part(guangyuan, create_library):
    elsewhere = create_library()  # under another bureau, not in the campaign
    candidates = candidate_libraries(guangyuan.campaign)
    assert set(candidates) == set(guangyuan.libraries.values()) and elsewhere not in candidates
    guangyuan.campaign.participations.create(library=elsewhere)
    assert elsewhere in candidate_libraries(guangyuan.campaign)


# --------------------------------------------------------------------------- through import_record


def test_unknown_library_is_refused_for_staff_and_created_under_the_issuer_for_the_bureau(guangyuan):
    staff = guangyuan.staff_of("苍溪馆")
    with pytest.raises(ImportProblem, match="青川馆"):
        import_record(small_record("青川馆"), campaign=guangyuan.campaign, acting_user=staff)

    result = import_record(small_record("青川馆"), campaign=guangyuan.campaign, acting_user=guangyuan.admin)
    created = result.created_libraries[0]
    assert (created.name, created.parent, created.kind) == ("青川馆", guangyuan.bureau, "library")
    assert guangyuan.campaign.participations.filter(library=created).exists()
    assert Activity.objects.get().library == created


def test_library_map_overrides_matching_and_places_activities_without_a_library(guangyuan):
    wangcang = guangyuan.libraries["旺苍馆"]
    result = import_record(
        small_record(None),
        campaign=guangyuan.campaign,
        acting_user=guangyuan.admin,
        library_map={None: wangcang},
    )
    assert result.activities == 1 and Activity.objects.get().library == wangcang


def test_report_with_no_library_is_placed_at_the_importing_staffs_library(guangyuan):
    staff = guangyuan.staff_of("剑阁馆")
    import_record(small_record(None), campaign=guangyuan.campaign, acting_user=staff)
    assert Activity.objects.get().library == guangyuan.libraries["剑阁馆"]


def test_a_bureau_admin_importing_a_city_report_needs_no_library_choice_its_total_is_the_bureaus(
    guangyuan,
):
    result = import_record(gold("zh-1"), campaign=guangyuan.campaign, acting_user=guangyuan.admin)
    assert result.activities == 21
    assert Figure.objects.get(activity__isnull=True).library == guangyuan.bureau
    audit = AuditEntry.objects.get(action="import.create", organisation=guangyuan.bureau)
    assert audit.data["figures"] == 1


def test_a_bureau_admin_must_say_which_library_ran_activities_the_report_names_none_for(guangyuan):
    with pytest.raises(ImportProblem, match="Choose the library"):
        import_record(small_record(None), campaign=guangyuan.campaign, acting_user=guangyuan.admin)
    assert not Activity.objects.exists()


def test_a_single_librarys_report_keeps_its_own_figures_even_when_a_bureau_admin_imports_it(guangyuan):
    rec = small_record("苍溪馆")
    rec.figures = [RecordFigure(value=120, qualifier="exact", unit="card", measure="cards_issued")]
    import_record(rec, campaign=guangyuan.campaign, acting_user=guangyuan.admin)
    assert Figure.objects.get(activity__isnull=True).library == guangyuan.libraries["苍溪馆"]


def test_library_staff_cannot_put_figures_on_the_bureau_through_the_library_map(guangyuan):
    rec = small_record("苍溪馆")
    rec.libraries = ["苍溪馆", "旺苍馆"]  # speaks for no single library
    rec.figures = [RecordFigure(value=10000, qualifier="nearly", unit="person", measure="readers")]
    with pytest.raises(PermissionDenied):
        import_record(
            rec,
            campaign=guangyuan.campaign,
            acting_user=guangyuan.staff_of("苍溪馆"),
            library_map={None: guangyuan.bureau},
        )
    assert not Figure.objects.exists()


# --------------------------------------------------------------------------- names no library matches


def test_names_that_would_be_one_new_library_are_grouped_under_the_first():
    assert group_names(["昭化区图书馆", "青川馆", "昭化馆", "Jiange Library", "Jiange Pavilion"]) == [
        ["昭化区图书馆", "昭化馆"],
        ["青川馆"],
        ["Jiange Library", "Jiange Pavilion"],
    ]


def test_english_names_of_a_city_report_are_placed_at_the_bureaus_libraries(english_names):
    rec = small_record("Cangxi Library")
    rec.activities += [copy.deepcopy(rec.activities[0]) for _ in range(2)]
    rec.activities[1].library, rec.activities[2].library = "Zhaohua Library", "Municipal Library"
    rec.libraries = ["Cangxi Library", "Zhaohua Library", "Municipal Library"]
    resolved, missing = resolve_libraries(
        rec, english_names.campaign, english_names.admin, {}, create_missing=True
    )
    assert missing == {}
    libraries = english_names.libraries
    assert resolved["Cangxi Library"] == libraries["苍溪馆"]
    assert resolved["Zhaohua Library"] == libraries["昭化馆"]
    assert resolved["Municipal Library"] == libraries["市图书馆"]


def test_a_placeholders_activities_go_to_the_default_library_and_no_library_is_created(guangyuan):
    city = guangyuan.libraries["市图书馆"]
    result = import_record(
        small_record("xx Library"),
        campaign=guangyuan.campaign,
        acting_user=guangyuan.admin,
        library_map={OWN_BODY: city},
    )
    assert result.created_libraries == [] and Activity.objects.get().library == city
    assert not Organisation.objects.filter(name="xx Library").exists()


def test_a_bureau_admin_must_choose_where_a_placeholders_activities_go(guangyuan):
    with pytest.raises(ImportProblem, match="the activities of 某某图书馆 go there too"):
        import_record(small_record("某某图书馆"), campaign=guangyuan.campaign, acting_user=guangyuan.admin)
    assert not Activity.objects.exists()


def test_a_placeholder_is_never_created_even_when_asked(guangyuan):
    with pytest.raises(ImportProblem, match="anonymised"):
        import_record(
            small_record("XX图书馆"),
            campaign=guangyuan.campaign,
            acting_user=guangyuan.admin,
            library_map={"XX图书馆": NewLibrary("XX图书馆"), OWN_BODY: guangyuan.libraries["市图书馆"]},
        )
    assert not Organisation.objects.filter(name="XX图书馆").exists()


def test_another_bureaus_library_is_neither_matched_nor_duplicated_without_a_choice(guangyuan, other_bodies):
    with pytest.raises(ImportProblem, match=r"古县图书馆 \(山西省图书馆学会\)"):
        import_record(
            small_record("Guxian Library"), campaign=guangyuan.campaign, acting_user=guangyuan.admin
        )
    assert not Activity.objects.exists()
    assert Organisation.objects.filter(name_en="Guxian Library").count() == 1
    assert not Organisation.objects.filter(name="Guxian Library").exists()


def test_the_library_map_leaves_creates_or_maps_each_name_as_chosen(guangyuan, other_bodies):
    rec = small_record("Guxian Library")
    rec.activities += [copy.deepcopy(rec.activities[0]) for _ in range(3)]
    for activity, name in zip(
        rec.activities[1:], ["青川馆", "青川县图书馆", "Gu County Library"], strict=True
    ):
        activity.library = name
    new = NewLibrary("青川馆")
    city, wangcang = guangyuan.libraries["市图书馆"], guangyuan.libraries["旺苍馆"]
    result = import_record(
        rec,
        campaign=guangyuan.campaign,
        acting_user=guangyuan.admin,
        library_map={
            OWN_BODY: city,
            "Guxian Library": TO_DEFAULT,
            "青川馆": new,
            "青川县图书馆": new,
            "Gu County Library": wangcang,
        },
    )
    [qingchuan] = result.created_libraries
    assert (qingchuan.name, qingchuan.parent) == ("青川馆", guangyuan.bureau)
    placed = [a.library for a in Activity.objects.order_by("pk")]
    assert placed == [city, qingchuan, qingchuan, wangcang]


def test_staff_cannot_create_a_library_through_the_library_map(guangyuan):
    with pytest.raises(PermissionDenied):
        import_record(
            small_record("青川馆"),
            campaign=guangyuan.campaign,
            acting_user=guangyuan.staff_of("苍溪馆"),
            library_map={"青川馆": NewLibrary("青川馆")},
        )
    assert not Organisation.objects.filter(name="青川馆").exists()


def test_a_name_is_matched_under_the_campaigns_bureau_before_the_other_libraries_taking_part(
    guangyuan, create_library
):
    other_cangxi = create_library(name="苍溪县图书馆", short_name="苍溪馆")  # another bureau's
    guangyuan.campaign.participations.create(library=other_cangxi)
    resolved, _missing = resolve_libraries(
        small_record("苍溪图书馆"), guangyuan.campaign, guangyuan.admin, {}, create_missing=False
    )
    assert resolved["苍溪图书馆"] == guangyuan.libraries["苍溪馆"]
