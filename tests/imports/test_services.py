from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import translation

from shuxiang.activities.models import Activity, Figure, MediaCoverage
from shuxiang.imports.models import ImportBatch
from shuxiang.imports.services import ImportProblem, import_record
from shuxiang.orgs.models import AuditEntry, Membership, Organisation
from shuxiang.record import Activity as RecordActivity
from shuxiang.record import Figure as RecordFigure
from shuxiang.record import Record
from tests.factories import make_user
from tests.imports.conftest import gold

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def small_record(library: str | None, *, start: str | None = "2016-05-28", value: float = 300) -> Record:
    return Record(
        language="zh",
        title="总结",
        libraries=[library] if library else [],
        activities=[
            RecordActivity(
                kind="consultation",
                title="免费开放主题宣传",
                library=library,
                start=start,
                venue="同心广场",
                audience=["general_public"],
                partners=["陵江镇回水小学"],
                figures=[
                    RecordFigure(value=value, qualifier="more_than", unit="person_time", text="300多人次")
                ],
            )
        ],
    )


def city_import(guangyuan):
    return import_record(
        gold("zh-1"),
        campaign=guangyuan.campaign,
        acting_user=guangyuan.admin,
        library_map={None: guangyuan.libraries["市图书馆"]},
    )


def test_city_report_is_saved_as_activities_figures_media_for_each_library(guangyuan):
    result = city_import(guangyuan)

    assert result.activities == 21 and Activity.objects.count() == 21
    assert Figure.objects.filter(activity__isnull=False).count() == 26
    # The city-wide 近万名读者 is the bureau's, not the library chosen for unattributed activities.
    city_total = Figure.objects.get(activity__isnull=True)
    assert (city_total.value, city_total.qualifier, city_total.library) == (
        Decimal(10000),
        "nearly",
        guangyuan.bureau,
    )
    assert MediaCoverage.objects.count() == 3
    assert result.created_libraries == []
    cangxi = guangyuan.libraries["苍溪馆"]
    assert Activity.objects.filter(library=cangxi).count() == 7
    # 昭化馆 and 昭化区图书馆 are one library.
    assert Activity.objects.filter(library=guangyuan.libraries["昭化馆"]).count() == 3
    first = Activity.objects.get(title="免费开放主题宣传")
    assert (first.start_date, first.venue, first.status) == (dt.date(2016, 5, 28), "同心广场", "done")
    assert [a.group for a in first.audiences.all()] == ["general_public"]
    assert first.figures.get(measure="inquiries").source_text == "现场解答免费开放咨询300多人次"
    # 2016-05-15 lies before the week: kept as the report writes it, with a note saying so.
    jiange = Activity.objects.get(library=guangyuan.libraries["剑阁馆"], kind="exhibition")
    assert (jiange.start_date, jiange.date_precision) == (dt.date(2016, 5, 15), "day")
    assert any("2016-05-15" in n and "kept" in n for n in result.notes)
    # The report dates no 送书 trip of 苍溪馆: no day is invented, it spans the week undated.
    undated = Activity.objects.filter(date_precision="none")
    assert undated.count() == 10
    assert {(a.start_date, a.end_date) for a in undated} == {(dt.date(2016, 5, 27), dt.date(2016, 6, 2))}
    donation = Activity.objects.get(title="实现伟大中国梦,关爱留守儿童健康成长")
    assert sorted(p.name for p in donation.partners.all()) == ["陵江镇关工委", "陵江镇回水小学"]


def test_importing_the_same_record_twice_writes_nothing_the_second_time(guangyuan):
    first = city_import(guangyuan)
    counts = (Activity.objects.count(), Figure.objects.count(), MediaCoverage.objects.count())
    second = city_import(guangyuan)

    assert not first.duplicate and second.duplicate
    assert second.activities == 0 and len(second.skipped) == len(first.batches) == 7  # 6 libraries, bureau
    assert (Activity.objects.count(), Figure.objects.count(), MediaCoverage.objects.count()) == counts


def test_a_corrected_part_replaces_the_earlier_one_once_confirmed(guangyuan):
    """More in test_replace.py."""
    cangxi = guangyuan.libraries["苍溪馆"]
    staff = guangyuan.staff_of("苍溪馆")
    import_record(small_record("苍溪馆"), campaign=guangyuan.campaign, acting_user=staff)
    earlier = ImportBatch.objects.get()
    with pytest.raises(ImportProblem, match="Saving will replace it"):
        import_record(small_record("苍溪馆", value=301), campaign=guangyuan.campaign, acting_user=staff)
    result = import_record(
        small_record("苍溪馆", value=301),
        campaign=guangyuan.campaign,
        acting_user=staff,
        replace=[earlier.pk],
    )
    assert result.activities == 1 and Activity.objects.count() == 1
    assert ImportBatch.objects.filter(library=cangxi).count() == 2
    assert ImportBatch.objects.filter(library=cangxi, superseded_at__isnull=True).get() == result.batches[0]


def test_the_database_refuses_a_second_batch_with_the_same_content_hash(guangyuan):
    import_record(small_record("苍溪馆"), campaign=guangyuan.campaign, acting_user=guangyuan.admin)
    batch = ImportBatch.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportBatch.objects.create(campaign=batch.campaign, library=batch.library, key=batch.key)


def test_staff_may_not_import_a_city_report_naming_other_libraries_and_nothing_is_written(guangyuan):
    staff = guangyuan.staff_of("苍溪馆")
    with pytest.raises(PermissionDenied, match="旺苍馆"):
        import_record(gold("zh-1"), campaign=guangyuan.campaign, acting_user=staff)
    assert not Activity.objects.exists() and not ImportBatch.objects.exists()
    assert not Organisation.objects.filter(kind="other").exists()  # no partner left behind


def test_staff_import_their_own_librarys_report(guangyuan):
    staff = guangyuan.staff_of("苍溪馆")
    result = import_record(small_record("苍溪县图书馆"), campaign=guangyuan.campaign, acting_user=staff)
    activity = Activity.objects.get()
    assert activity.library == guangyuan.libraries["苍溪馆"] and result.figures == 1
    audit = AuditEntry.objects.get(action="import.create")
    assert (audit.actor, audit.organisation) == (staff, guangyuan.libraries["苍溪馆"])


def test_volunteers_and_anonymous_users_may_not_import(guangyuan):
    from django.contrib.auth.models import AnonymousUser

    volunteer = make_user(guangyuan.libraries["苍溪馆"], Membership.Role.VOLUNTEER)
    with pytest.raises(PermissionDenied):
        import_record(small_record("苍溪馆"), campaign=guangyuan.campaign, acting_user=volunteer)
    with pytest.raises(PermissionDenied):
        import_record(small_record("苍溪馆"), campaign=guangyuan.campaign, acting_user=AnonymousUser())
    assert not Activity.objects.exists()


def test_missing_dates_leave_activities_undated_over_the_campaign_with_notes(county):
    association, library, campaign = county
    admin = make_user(association, Membership.Role.BUREAU_ADMIN)
    result = import_record(gold("zh-7"), campaign=campaign, acting_user=admin)
    assert result.activities == 6
    assert set(Activity.objects.values_list("start_date", "end_date", "date_precision")) == {
        (dt.date(2014, 5, 26), dt.date(2014, 6, 1), "none")
    }
    assert set(Activity.objects.values_list("library", flat=True)) == {library.pk}
    assert len(result.notes) == 6 and all("during the campaign" in n for n in result.notes)
    assert ImportBatch.objects.get().notes == result.notes


def test_a_library_not_in_the_campaign_is_enrolled_by_its_admin_but_not_by_staff(guangyuan):
    from tests.factories import make_campaign

    other = make_campaign(issuer=guangyuan.bureau)
    staff = guangyuan.staff_of("苍溪馆")
    with pytest.raises(PermissionDenied, match="joined"):
        import_record(small_record("苍溪馆"), campaign=other, acting_user=staff)
    lib_admin = make_user(guangyuan.libraries["苍溪馆"], Membership.Role.LIBRARY_ADMIN)
    import_record(small_record("苍溪馆"), campaign=other, acting_user=lib_admin)
    assert other.participations.filter(library=guangyuan.libraries["苍溪馆"]).exists()


def test_a_negative_figure_is_refused_before_anything_is_written(guangyuan):
    from shuxiang.record import RecordError

    with pytest.raises(RecordError, match="negative"):
        import_record(
            small_record("苍溪馆", value=-5), campaign=guangyuan.campaign, acting_user=guangyuan.admin
        )
    assert not ImportBatch.objects.exists()


def test_a_null_character_read_from_a_file_is_refused_with_where_it_is_before_anything_is_written(guangyuan):
    rec = small_record("苍溪馆")
    rec.activities[0].venue = "同心\x00广场"  # as extracted from a damaged text file
    with pytest.raises(ImportProblem) as err:
        import_record(rec, campaign=guangyuan.campaign, acting_user=guangyuan.admin)
    assert list(err.value.message_dict) == ["record.activities[0].venue"]
    assert not ImportBatch.objects.exists() and not Activity.objects.exists()


def test_an_import_keeps_a_date_outside_the_campaign_and_notes_it(guangyuan):
    staff = guangyuan.staff_of("苍溪馆")
    result = import_record(
        small_record("苍溪馆", start="2016-05-15"), campaign=guangyuan.campaign, acting_user=staff
    )
    assert Activity.objects.get().start_date == dt.date(2016, 5, 15)
    assert any("outside" in n for n in result.notes)
    assert any("outside" in n for n in AuditEntry.objects.get(action="import.create").data["notes"])


def test_service_refusals_name_the_record_field(guangyuan):
    staff = guangyuan.staff_of("苍溪馆")
    bad = small_record("苍溪馆")
    bad.activities[0].title = "   "
    with pytest.raises(ImportProblem) as caught:
        import_record(bad, campaign=guangyuan.campaign, acting_user=staff)
    assert "activities[0].title" in caught.value.message_dict


def test_names_placement_defines_are_importable_from_services_as_the_same_objects():
    from shuxiang.imports import placement, services

    for name in ["OWN_BODY", "LibraryMap", "LibraryPart", "NewLibrary", "TO_DEFAULT", "candidate_libraries"]:
        assert getattr(services, name) is getattr(placement, name), name
    assert set(services.__all__) <= set(dir(services))
