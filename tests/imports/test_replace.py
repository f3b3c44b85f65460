"""A corrected import replaces the library's earlier import instead of counting everything twice."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from shuxiang.activities import services as activity_services
from shuxiang.activities.models import Activity, Figure, MediaCoverage
from shuxiang.imports import services
from shuxiang.imports.models import ImportBatch
from shuxiang.imports.services import ImportProblem, ReplaceRequired, import_record
from shuxiang.orgs.models import AuditEntry
from shuxiang.readers.models import Registration
from shuxiang.record import Record
from shuxiang.reports.build import compiled_record, library_record
from tests.factories import make_activity, make_figure, make_reader
from tests.imports.conftest import gold
from tests.imports.test_services import small_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def corrected_city(value: int = 350) -> Record:
    """zh-1 with one figure of a 苍溪馆 activity corrected (300多人次 -> 350)."""
    rec = copy.deepcopy(gold("zh-1"))
    activity = next(a for a in rec.activities if a.title == "免费开放主题宣传")
    activity.figures[0].value = value
    return rec


def import_city(guangyuan, rec: Record | None = None, **kwargs):
    return import_record(
        rec or gold("zh-1"), campaign=guangyuan.campaign, acting_user=guangyuan.admin, **kwargs
    )


def cangxi_batch(guangyuan) -> ImportBatch:
    return ImportBatch.objects.get(library=guangyuan.libraries["苍溪馆"], superseded_at__isnull=True)


def totals(campaign, library) -> dict:
    return {(t.unit, t.measure): t.value for t in library_record(campaign, library).totals}


def test_a_corrected_import_is_refused_with_a_warning_until_confirmed_and_writes_nothing(guangyuan):
    import_city(guangyuan)
    before = (Activity.objects.count(), Figure.objects.count(), ImportBatch.objects.count())
    earlier = cangxi_batch(guangyuan)

    with pytest.raises(ReplaceRequired) as refused:
        import_city(guangyuan, corrected_city())

    assert [e.batch for e in refused.value.earlier] == [earlier]
    (message,) = refused.value.messages
    assert "苍溪馆 already has an imported report for this campaign" in message
    figures = Figure.objects.filter(library=guangyuan.libraries["苍溪馆"]).count()
    assert f"by {guangyuan.admin.username}, 7 activities, {figures} figures" in message
    assert message.endswith("Saving will replace it.")
    assert (Activity.objects.count(), Figure.objects.count(), ImportBatch.objects.count()) == before
    assert not AuditEntry.objects.filter(action="import.replace").exists()


def test_replacing_removes_exactly_the_earlier_imports_rows_and_totals_are_not_doubled(guangyuan):
    cangxi = guangyuan.libraries["苍溪馆"]
    import_city(guangyuan)
    earlier = cangxi_batch(guangyuan)
    old_ids = set(earlier.activity_ids)
    counts = (Activity.objects.count(), Figure.objects.count(), MediaCoverage.objects.count())
    before = totals(guangyuan.campaign, cangxi)
    others = set(Activity.objects.exclude(library=cangxi).values_list("pk", flat=True))

    result = import_city(guangyuan, corrected_city(), replace=[earlier.pk])

    assert [e.batch.pk for e in result.replaced] == [earlier.pk] and len(result.batches) == 1
    assert len(result.skipped) == 6  # the other libraries and the bureau: same content, untouched
    assert not Activity.objects.filter(pk__in=old_ids).exists()
    assert set(Activity.objects.exclude(library=cangxi).values_list("pk", flat=True)) == others
    assert (Activity.objects.count(), Figure.objects.count(), MediaCoverage.objects.count()) == counts
    after = totals(guangyuan.campaign, cangxi)
    assert after[("person_time", "inquiries")] == before[("person_time", "inquiries")] + 50
    assert {k: v for k, v in after.items() if k != ("person_time", "inquiries")} == {
        k: v for k, v in before.items() if k != ("person_time", "inquiries")
    }
    # History stays readable: the earlier batch is kept, pointing to its successor, with an audit row.
    earlier.refresh_from_db()
    new = cangxi_batch(guangyuan)
    assert earlier.superseded and earlier.superseded_by == new
    audit = AuditEntry.objects.get(action="import.replace")
    assert (audit.object_id, audit.actor, audit.organisation) == (str(earlier.pk), guangyuan.admin, cangxi)
    assert sorted(audit.data["deleted_activities"]) == sorted(old_ids)
    assert audit.data["replaced_by"] == new.pk


def test_a_bureaus_report_figures_and_media_are_replaced_not_added(guangyuan):
    import_city(guangyuan)
    corrected = corrected_city()
    corrected.figures[0].value = 9000
    with pytest.raises(ReplaceRequired) as refused:
        import_city(guangyuan, corrected)
    result = import_city(guangyuan, corrected, replace=[e.batch.pk for e in refused.value.earlier])

    assert {e.library for e in result.replaced} == {guangyuan.bureau, guangyuan.libraries["苍溪馆"]}
    city = Figure.objects.get(activity__isnull=True, library=guangyuan.bureau)
    assert city.value == Decimal(9000)
    assert MediaCoverage.objects.count() == 3
    stated = compiled_record(guangyuan.campaign, under=guangyuan.bureau).record.figures
    assert 9000 in [f.value for f in stated] and 10000 not in [f.value for f in stated]


def test_hand_typed_activities_of_the_same_library_survive_a_replacement(guangyuan):
    cangxi = guangyuan.libraries["苍溪馆"]
    staff = guangyuan.staff_of("苍溪馆")
    typed = make_activity(campaign=guangyuan.campaign, library=cangxi, title="手工录入的讲座")
    make_figure(typed)
    activity_services.add_figure(
        campaign=guangyuan.campaign,
        library=cangxi,
        data=activity_services.FigureData(value=Decimal(12), qualifier="exact", unit="person"),
        acting_user=staff,
    )
    import_record(small_record("苍溪馆"), campaign=guangyuan.campaign, acting_user=staff)
    earlier = cangxi_batch(guangyuan)

    import_record(
        small_record("苍溪馆", value=350),
        campaign=guangyuan.campaign,
        acting_user=staff,
        replace=[earlier.pk],
    )

    assert set(Activity.objects.values_list("title", flat=True)) == {"手工录入的讲座", "免费开放主题宣传"}
    assert typed.figures.count() == 1
    assert Figure.objects.filter(activity__isnull=True, value=12).exists()
    assert sorted(
        Figure.objects.filter(activity__title="免费开放主题宣传").values_list("value", flat=True)
    ) == [350]


def test_activities_staff_edited_after_the_import_are_kept_and_the_warning_says_so(guangyuan):
    staff = guangyuan.staff_of("苍溪馆")
    import_record(small_record("苍溪馆"), campaign=guangyuan.campaign, acting_user=staff)
    earlier = cangxi_batch(guangyuan)
    imported = Activity.objects.get()
    activity_services.add_media_coverage(
        activity=imported, data=activity_services.MediaData(outlet="广元日报"), acting_user=staff
    )

    with pytest.raises(ReplaceRequired) as refused:
        import_record(small_record("苍溪馆", value=350), campaign=guangyuan.campaign, acting_user=staff)
    assert "0 activities, 0 figures" in refused.value.messages[0]
    assert "are kept: 免费开放主题宣传" in refused.value.messages[1]
    result = import_record(
        small_record("苍溪馆", value=350),
        campaign=guangyuan.campaign,
        acting_user=staff,
        replace=[earlier.pk],
    )

    assert Activity.objects.filter(pk=imported.pk).exists() and Activity.objects.count() == 2
    assert any("are kept" in note for note in result.notes)
    assert AuditEntry.objects.get(action="import.replace").data["kept_activities"] == [imported.pk]


def test_an_imported_figure_corrected_by_hand_keeps_its_activity(guangyuan):
    staff = guangyuan.staff_of("苍溪馆")
    import_record(small_record("苍溪馆"), campaign=guangyuan.campaign, acting_user=staff)
    figure = Figure.objects.get()
    activity_services.update_figure(
        figure,
        data=activity_services.FigureData(value=Decimal(320), qualifier="more_than", unit="person_time"),
        acting_user=staff,
    )
    with pytest.raises(ReplaceRequired) as refused:
        import_record(small_record("苍溪馆", value=350), campaign=guangyuan.campaign, acting_user=staff)
    assert [a.pk for a in refused.value.earlier[0].kept] == [figure.activity_id]


def test_activities_readers_signed_up_for_refuse_the_replacement_naming_them(guangyuan):
    staff = guangyuan.staff_of("苍溪馆")
    import_record(small_record("苍溪馆"), campaign=guangyuan.campaign, acting_user=staff)
    earlier = cangxi_batch(guangyuan)
    activity = Activity.objects.get()
    session = activity.sessions.get()
    Registration.objects.create(
        session=session, activity=activity, library=activity.library, reader=make_reader(), status="confirmed"
    )

    for confirmed in ([], [earlier.pk]):
        with pytest.raises(ImportProblem, match="readers signed up") as refused:
            import_record(
                small_record("苍溪馆", value=350),
                campaign=guangyuan.campaign,
                acting_user=staff,
                replace=confirmed,
            )
        assert not isinstance(refused.value, ReplaceRequired)
        assert f"免费开放主题宣传 (#{activity.pk}, 1)" in refused.value.messages[0]

    assert Activity.objects.get() == activity and Registration.objects.count() == 1
    earlier.refresh_from_db()
    assert not earlier.superseded and ImportBatch.objects.count() == 1


def test_another_librarys_staff_may_not_replace_it(guangyuan):
    import_record(
        small_record("苍溪馆"), campaign=guangyuan.campaign, acting_user=guangyuan.staff_of("苍溪馆")
    )
    earlier = cangxi_batch(guangyuan)

    with pytest.raises(PermissionDenied, match="苍溪馆"):
        import_record(
            small_record("苍溪馆", value=350),
            campaign=guangyuan.campaign,
            acting_user=guangyuan.staff_of("旺苍馆"),
            replace=[earlier.pk],
        )

    earlier.refresh_from_db()
    assert not earlier.superseded and Figure.objects.get().value == 300


def test_a_failure_midway_leaves_the_earlier_import_intact(guangyuan, monkeypatch):
    import_city(guangyuan)
    earlier = cangxi_batch(guangyuan)
    rows = (
        set(Activity.objects.values_list("pk", flat=True)),
        set(Figure.objects.values_list("pk", flat=True)),
        ImportBatch.objects.count(),
    )

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # The earlier rows are deleted before the corrected ones are written: fail in between.
    monkeypatch.setattr(services.activity_services, "add_figure", broken)
    with pytest.raises(RuntimeError):
        import_city(guangyuan, corrected_city(), replace=[earlier.pk])

    assert (
        set(Activity.objects.values_list("pk", flat=True)),
        set(Figure.objects.values_list("pk", flat=True)),
        ImportBatch.objects.count(),
    ) == rows
    earlier.refresh_from_db()
    assert not earlier.superseded and not AuditEntry.objects.filter(action="import.replace").exists()


def test_the_same_content_again_stays_a_no_op_and_going_back_to_the_first_version_replaces_again(guangyuan):
    staff = guangyuan.staff_of("苍溪馆")
    first = small_record("苍溪馆")
    import_record(first, campaign=guangyuan.campaign, acting_user=staff)
    earlier = cangxi_batch(guangyuan)
    import_record(
        small_record("苍溪馆", value=350),
        campaign=guangyuan.campaign,
        acting_user=staff,
        replace=[earlier.pk],
    )

    again = import_record(small_record("苍溪馆", value=350), campaign=guangyuan.campaign, acting_user=staff)
    assert again.duplicate and not again.replaced

    second = cangxi_batch(guangyuan)
    back = import_record(first, campaign=guangyuan.campaign, acting_user=staff, replace=[second.pk])
    assert back.activities == 1 and Figure.objects.get().value == 300
    assert ImportBatch.objects.filter(key=earlier.key).count() == 2  # the superseded one and the new one


def test_a_confirmation_for_another_batch_does_not_replace_the_current_one(guangyuan):
    staff = guangyuan.staff_of("苍溪馆")
    import_record(small_record("苍溪馆"), campaign=guangyuan.campaign, acting_user=staff)
    earlier = cangxi_batch(guangyuan)
    with pytest.raises(ReplaceRequired):
        import_record(
            small_record("苍溪馆", value=350),
            campaign=guangyuan.campaign,
            acting_user=staff,
            replace=[earlier.pk + 1000],
        )
    assert Figure.objects.get().value == 300


def test_an_import_saved_before_figure_ids_were_kept_is_replaced_through_its_audit_rows(guangyuan):
    import_city(guangyuan)
    ImportBatch.objects.update(figure_ids=None, media_ids=None)  # as batches saved before this change
    corrected = corrected_city()
    corrected.figures[0].value = 9000
    with pytest.raises(ReplaceRequired) as refused:
        import_city(guangyuan, corrected)
    import_city(guangyuan, corrected, replace=[e.batch.pk for e in refused.value.earlier])

    assert list(Figure.objects.filter(activity__isnull=True).values_list("value", flat=True)) == [9000]
    assert MediaCoverage.objects.count() == 3


def test_earlier_doubled_imports_are_all_replaced_by_the_corrected_one(guangyuan):
    """Two current imports of one library (saved before replacing existed) both go."""
    staff = guangyuan.staff_of("苍溪馆")
    import_record(small_record("苍溪馆"), campaign=guangyuan.campaign, acting_user=staff)
    first = cangxi_batch(guangyuan)
    first.superseded_at = first.created_at
    first.save()
    import_record(small_record("苍溪馆", value=301), campaign=guangyuan.campaign, acting_user=staff)
    ImportBatch.objects.filter(pk=first.pk).update(superseded_at=None)
    assert Activity.objects.count() == 2

    with pytest.raises(ReplaceRequired) as refused:
        import_record(small_record("苍溪馆", value=350), campaign=guangyuan.campaign, acting_user=staff)
    ids = [e.batch.pk for e in refused.value.earlier]
    assert len(ids) == 2
    import_record(
        small_record("苍溪馆", value=350), campaign=guangyuan.campaign, acting_user=staff, replace=ids
    )
    assert list(Figure.objects.values_list("value", flat=True)) == [350]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_confirmed_replacements_at_once_replace_once_and_the_later_one_is_asked_again(
    guangyuan, monkeypatch
):
    """Two people confirm replacing the same earlier import at the same moment. The library
    lock makes the second wait for the first's commit; it then finds the first's import, not
    the one it confirmed, and must confirm again: one replacement, nothing counted twice."""
    import threading

    from django.db import connection

    from shuxiang.imports import replace as replacing
    from tests.db_locks import backend_pid, wait_until_blocked

    import_city(guangyuan)
    earlier = cangxi_batch(guangyuan)
    activities_after_first_import = Activity.objects.count()
    holding, release, second_done = threading.Event(), threading.Event(), threading.Event()
    real = replacing.earlier_imports

    def hold_the_lock_in_the_first(*args, **kwargs):
        found = real(*args, **kwargs)  # the libraries are locked from here to commit
        if threading.current_thread().name == "first":
            holding.set()
            assert release.wait(timeout=10)
        return found

    monkeypatch.setattr(replacing, "earlier_imports", hold_the_lock_in_the_first)
    outcomes: dict[str, object] = {}
    second_pid: list[int] = []

    def confirm(name: str, value: int) -> None:
        try:
            if name == "second":
                second_pid.append(backend_pid())
            outcomes[name] = import_city(guangyuan, corrected_city(value), replace=[earlier.pk])
        except BaseException as exc:  # asserted on below
            outcomes[name] = exc
        finally:
            if name == "second":
                second_done.set()
            connection.close()

    first = threading.Thread(target=confirm, args=("first", 350), name="first")
    first.start()
    assert holding.wait(timeout=10)
    second = threading.Thread(target=confirm, args=("second", 400), name="second")
    second.start()
    assert _until_set(second_pid), "the second import never started"
    assert wait_until_blocked(second_pid[0], second_done)  # queued behind the first's lock
    release.set()
    first.join(timeout=20)
    second.join(timeout=20)

    assert not isinstance(outcomes["first"], BaseException), outcomes["first"]
    assert isinstance(outcomes["second"], ReplaceRequired)
    assert [e.batch.pk for e in outcomes["second"].earlier] == [cangxi_batch(guangyuan).pk] != [earlier.pk]
    assert Activity.objects.count() == activities_after_first_import  # replaced once, not added
    values = set(Figure.objects.filter(library=guangyuan.libraries["苍溪馆"]).values_list("value", flat=True))
    assert Decimal(350) in values and Decimal(400) not in values


def _until_set(box: list, timeout: float = 10) -> bool:
    """True once another thread has put its value in ``box`` (bounded: a dead thread fails the test)."""
    import time

    deadline = time.monotonic() + timeout
    while not box and time.monotonic() < deadline:
        time.sleep(0.001)
    return bool(box)
