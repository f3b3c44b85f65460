"""The sign-up rush: many readers at once, separate connections, never more places than seats.

Threads each use their own database connection (Django keeps one per thread) and
close it when done. On PostgreSQL: 500 sign-ups for 100 seats. On SQLite (writers
serialised by BEGIN IMMEDIATE) the same test with fewer workers and readers.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction

from shuxiang.activities.models import Session
from shuxiang.readers import seating, selectors, services, waitlist
from shuxiang.readers.models import Reader, Registration, Seat
from tests.factories import make_activity, make_open_session

Status = Registration.Status


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _make_readers(n: int) -> list[int]:
    Reader.objects.bulk_create(
        Reader(name=f"读者{i}", phone=f"139{i:08d}", age_group=Reader.AgeGroup.ADULT) for i in range(n)
    )
    return list(Reader.objects.order_by("id").values_list("id", flat=True))


def _rush(session_id: int, reader_ids: list[int], workers: int, enter=lambda: None) -> list[BaseException]:
    """Every reader signs up (via ``sign_up`` or ``sign_up_with_token``) from threads released together."""
    chunks = [reader_ids[i::workers] for i in range(workers)]
    start = threading.Barrier(workers)
    errors: list[BaseException] = []

    def work(chunk: list[int]) -> None:
        try:
            enter()
            start.wait(timeout=30)
            for n, reader_id in enumerate(chunk):
                reader = Reader.objects.get(pk=reader_id)
                if n % 2:  # half through the token entry point (its fast path once full)
                    services.sign_up_with_token(reader.access_token, session_id)
                else:
                    session = Session.objects.select_related("activity").get(pk=session_id)
                    services.sign_up(session, reader, acting_user=None)
        except BaseException as exc:  # collected and asserted on in the main thread
            errors.append(exc)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(work, chunks))
    return errors


def _check_rush(session: Session, readers: int, capacity: int) -> None:
    regs = Registration.objects.filter(session=session)
    statuses = Counter(regs.values_list("status", flat=True))
    assert statuses[Status.CONFIRMED] == capacity
    assert statuses[Status.WAITING] == readers - capacity
    reader_counts = Counter(regs.values_list("reader_id", flat=True))
    assert len(reader_counts) == readers and max(reader_counts.values()) == 1, "a reader signed up twice"
    taken = Seat.objects.filter(session=session, registration__isnull=False)
    assert taken.count() == capacity == Seat.objects.filter(session=session).count()
    assert set(taken.values_list("registration__status", flat=True)) == {Status.CONFIRMED}
    positions = [p for p, _r in selectors.waiting_list(session)]
    assert positions == list(range(1, readers - capacity + 1))
    # every waiting registration's own position agrees with the list
    sample = regs.filter(status=Status.WAITING).order_by("id")
    assert [selectors.waiting_position(r) for r in sample[:5]] == [1, 2, 3, 4, 5]
    session.seating.refresh_from_db()
    assert session.seating.full is True


def _cancel_promotes_first_waiting(session: Session, cancels: int) -> None:
    first_waiting = list(
        Registration.objects.filter(session=session, status=Status.WAITING)
        .order_by("id")
        .values_list("id", flat=True)[:cancels]
    )
    confirmed = list(Registration.objects.filter(session=session, status=Status.CONFIRMED)[:cancels])
    promoted: list[int] = []
    for registration in confirmed:
        promoted += [r.pk for r in services.cancel_registration(registration, acting_user=None)]
    assert promoted == first_waiting
    assert set(Registration.objects.filter(pk__in=first_waiting).values_list("status", flat=True)) == {
        Status.CONFIRMED
    }
    assert Registration.objects.filter(session=session, status=Status.CONFIRMED).count() == len(confirmed) + (
        Seat.objects.filter(session=session).count() - len(confirmed)
    )
    positions = [p for p, _r in selectors.waiting_list(session)]
    assert positions == list(range(1, len(positions) + 1))


@pytest.mark.postgres
def test_500_concurrent_signups_for_100_seats_confirm_exactly_100_and_queue_400_in_order(thread_db):
    assert _is_postgres()
    session = make_open_session(capacity=100)
    readers = _make_readers(500)
    # 25 threads (PostgreSQL allows 100 connections and other suites share the server);
    # each releases its sign-ups back to back, so hundreds are in flight against 100 seats.
    errors = _rush(session.pk, readers, workers=25)
    assert errors == []
    _check_rush(session, 500, 100)
    _cancel_promotes_first_waiting(session, 10)


def test_concurrent_signups_on_any_database_confirm_exactly_capacity_with_fewer_workers(thread_db):
    session = make_open_session(capacity=10)
    readers = _make_readers(40)
    errors = _rush(session.pk, readers, workers=4, enter=thread_db)
    assert errors == []
    _check_rush(session, 40, 10)
    _cancel_promotes_first_waiting(session, 3)


def test_the_same_reader_pressing_sign_up_from_many_threads_gets_one_registration(thread_db):
    session = make_open_session(capacity=5)
    reader_id = _make_readers(1)[0]
    errors = _rush(session.pk, [reader_id] * 8, workers=8, enter=thread_db)
    assert errors == []
    regs = Registration.objects.filter(session=session)
    assert regs.count() == 1 and regs.get().status == Status.CONFIRMED
    assert Seat.objects.filter(session=session, registration__isnull=False).count() == 1


def _naive_sign_up(session: Session, reader: Reader, pause) -> None:
    """What STYLE.md warns against: count, then insert, with no lock in between."""
    with transaction.atomic():
        taken = Registration.objects.filter(session=session, status=Status.CONFIRMED).count()
        pause()  # the other request reads the same count here
        Registration.objects.create(
            session=session,
            activity_id=session.activity_id,
            library_id=session.library_id,
            reader=reader,
            status=Status.CONFIRMED if taken < session.capacity else Status.WAITING,
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_naive_count_then_insert_overbooks_a_one_seat_session_when_two_readers_interleave():
    """The race the seat rows prevent, made deterministic with a barrier between read and write.

    PostgreSQL only: under SQLite's BEGIN IMMEDIATE the second transaction cannot even start
    while the first is open, so the interleaving (and the bug) cannot happen there.
    """
    assert _is_postgres()
    session = make_open_session(activity=make_activity(signup_open=True), capacity=1)
    readers = _make_readers(2)
    both_counted = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(reader_id: int) -> None:
        try:
            _naive_sign_up(session, Reader.objects.get(pk=reader_id), lambda: both_counted.wait(timeout=10))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(r,)) for r in readers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Registration.objects.filter(session=session, status=Status.CONFIRMED).count() == 2  # overbooked

    # The real service, same two readers interleaved the same way, on a fresh 1-seat session.
    fixed = make_open_session(activity=make_activity(signup_open=True), capacity=1)
    services.ensure_seating(fixed)
    claimed = threading.Barrier(2)
    real = services.claim_free_seats

    def claim_then_wait(session_id: int, places: int, *, skip_locked: bool) -> list[int]:
        seats = real(session_id, places, skip_locked=skip_locked)
        if skip_locked:
            claimed.wait(timeout=10)  # both have tried to claim before either commits
        return seats

    def work_fixed(reader_id: int) -> None:
        try:
            session = Session.objects.select_related("activity").get(pk=fixed.pk)
            services.sign_up(session, Reader.objects.get(pk=reader_id), acting_user=None)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    services.claim_free_seats = claim_then_wait
    try:
        threads = [threading.Thread(target=work_fixed, args=(r,)) for r in readers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        services.claim_free_seats = real
    assert errors == []
    statuses = Counter(Registration.objects.filter(session=fixed).values_list("status", flat=True))
    assert statuses == {Status.CONFIRMED: 1, Status.WAITING: 1}


# --- no lock once full: a waiting insert and a freed seat never miss each other --------------


def _full_session_with_one_confirmed() -> tuple[Session, Registration]:
    """A 1-seat session marked full, one confirmed reader, no one waiting."""
    session = make_open_session(activity=make_activity(signup_open=True), capacity=1)
    first, second = (Reader.objects.get(pk=pk) for pk in _make_readers(2)[-2:])
    confirmed = services.sign_up(session, first, acting_user=None).registration
    waiting = services.sign_up(session, second, acting_user=None).registration  # marks full
    services.cancel_registration(waiting, acting_user=None)
    session.seating.refresh_from_db()
    assert session.seating.full and confirmed.status == Status.CONFIRMED
    return session, confirmed


def _in_thread(work, errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except BaseException as exc:  # collected and asserted on in the main thread
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _cancel_then_insert() -> Registration:
    """A cancel frees the only seat, promotes nobody and turns ``full`` off, uncommitted; a
    full-session sign-up arrives meanwhile (it still reads ``full = true``), inserts, commits
    and re-reads ``full`` (still true); then the cancel commits."""
    session, confirmed = _full_session_with_one_confirmed()
    late = Reader.objects.get(pk=_make_readers(1)[-1])
    cancelled, commit = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def cancel() -> None:
        with transaction.atomic():  # keeps the cancel uncommitted until commit is set
            services.cancel_registration(confirmed, acting_user=None)
            cancelled.set()
            assert commit.wait(timeout=10)

    canceller = _in_thread(cancel, errors)
    assert cancelled.wait(timeout=10)
    signer = _in_thread(lambda: services.sign_up_with_token(late.access_token, session.pk), errors)
    signer.join(timeout=10)
    assert not signer.is_alive(), "the waiting insert waited for the cancel's lock"
    commit.set()
    canceller.join(timeout=10)
    assert errors == []
    return Registration.objects.get(session=session, reader=late)


def _insert_then_cancel() -> Registration:
    """A full-session sign-up inserts its waiting row, uncommitted; a cancel frees the only seat
    meanwhile and commits (its promotions cannot see the row); then the sign-up commits."""
    session, confirmed = _full_session_with_one_confirmed()
    late = Reader.objects.get(pk=_make_readers(1)[-1])
    inserted, commit = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def sign_up() -> None:
        with transaction.atomic():  # keeps the insert uncommitted until commit is set
            assert services.sign_up_with_token(late.access_token, session.pk).created
            inserted.set()
            assert commit.wait(timeout=10)

    signer = _in_thread(sign_up, errors)
    assert inserted.wait(timeout=10)
    canceller = _in_thread(lambda: services.cancel_registration(confirmed, acting_user=None), errors)
    canceller.join(timeout=10)
    assert not canceller.is_alive(), "the cancel waited for the waiting insert"
    commit.set()
    signer.join(timeout=10)
    assert errors == []
    return Registration.objects.get(session=session, reader=late)


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("interleave", "recheck"),
    [
        (_cancel_then_insert, (seating, "_promote_again_after_commit")),
        (_insert_then_cancel, (waitlist, "recheck_after_commit")),
    ],
)
def test_without_its_after_commit_recheck_a_waiting_reader_misses_a_freed_seat_and_with_it_gets_it(
    thread_db, monkeypatch, interleave, recheck
):
    """Both orders of a full-session sign-up racing a cancel, neither waiting for the other
    (no lock on the session once full). Without the re-check that order depends on, the
    reader waits beside the empty seat; with it (the service as shipped) they get the seat."""
    assert _is_postgres()
    with monkeypatch.context() as patched:
        patched.setattr(*recheck, lambda *args: None)
        stranded = interleave()
    assert stranded.status == Status.WAITING
    assert Seat.objects.filter(session_id=stranded.session_id, registration__isnull=True).count() == 1
    served = interleave()
    assert served.status == Status.CONFIRMED
    assert Seat.objects.get(session_id=served.session_id).registration_id == served.pk
