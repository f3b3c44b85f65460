"""The waiting list of a full session: the one-statement insert and its group commit."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from shuxiang.readers import selectors, services, waitlist
from shuxiang.readers.models import Reader, Registration
from tests.factories import make_open_session, make_reader

Status = Registration.Status


# --- GroupInsert: leader and followers, no database -------------------------------------


def _until(condition, what: str) -> None:
    """Poll ``condition`` (another thread's progress) for up to 10 s; fail the test after that."""
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.001)


def _held_batches(group_size: int, max_items: int = 64, max_leaders: int = 1, fail_when=lambda b: False):
    """Submit ``group_size`` items from threads while the first ``max_leaders`` batches are held.

    The first callers each lead a batch of one and hold it until every other caller has
    queued, so what follows is everyone else, in the order they queued. Returns the batches
    ``run`` saw, what each caller got back (or the error it raised), and the group.
    """
    batches: list[list[int]] = []
    release = threading.Event()

    def run(batch):
        batches.append(list(batch))
        if len(batches) <= max_leaders:
            assert release.wait(timeout=10)
        if fail_when(batch):
            raise RuntimeError(f"batch {batch} failed")
        return [f"done {item}" for item in batch]

    group = waitlist.GroupInsert(run, max_items=max_items, max_leaders=max_leaders)
    outcomes: dict[int, object] = {}

    def call(item: int) -> None:
        try:
            outcomes[item] = group.submit(item)
        except RuntimeError as exc:
            outcomes[item] = exc

    threads = []
    for item in range(group_size):  # one after the other: a known arrival order
        thread = threading.Thread(target=call, args=(item,))
        thread.start()
        threads.append(thread)
        if item < max_leaders:
            _until(lambda n=item: len(batches) == n + 1, f"caller {item} leads")
        else:
            _until(lambda n=item: group.queued() == n + 1 - max_leaders, f"caller {item} queued")
    release.set()
    for thread in threads:
        thread.join(timeout=10)
        assert not thread.is_alive()
    return batches, outcomes, group


def test_callers_arriving_while_a_batch_runs_go_together_in_the_next_batch_in_arrival_order():
    batches, outcomes, group = _held_batches(6)
    assert batches == [[0], [1, 2, 3, 4, 5]]
    assert outcomes == {n: f"done {n}" for n in range(6)}
    assert group.leading() == 0 and group.queued() == 0


def test_a_batch_takes_at_most_max_items_and_the_rest_follow_in_order():
    batches, outcomes, _group = _held_batches(8, max_items=3)
    assert batches == [[0], [1, 2, 3], [4, 5, 6], [7]]
    assert outcomes == {n: f"done {n}" for n in range(8)}


def test_two_leaders_run_two_batches_at_once_and_then_the_queue_goes_as_one_batch():
    batches, outcomes, group = _held_batches(7, max_leaders=2)
    assert batches == [[0], [1], [2, 3, 4, 5, 6]]
    assert outcomes == {n: f"done {n}" for n in range(7)}
    assert group.leading() == 0 and group.queued() == 0  # the lead was handed on once, not twice


def test_when_a_batch_fails_each_of_its_callers_runs_its_own_item_alone():
    batches, outcomes, _group = _held_batches(4, fail_when=lambda batch: len(batch) > 1 or batch == [2])
    assert batches[:2] == [[0], [1, 2, 3]]
    assert sorted(batches[2:]) == [[1], [2], [3]]  # each caller retries alone
    assert outcomes[0] == "done 0" and outcomes[1] == "done 1" and outcomes[3] == "done 3"
    assert isinstance(outcomes[2], RuntimeError)  # only the item that fails alone raises


def test_one_caller_alone_runs_its_item_at_once_as_a_batch_of_one():
    group = waitlist.GroupInsert(lambda batch: [item * 2 for item in batch])
    assert [group.submit(n) for n in (1, 2, 3)] == [2, 4, 6]
    assert group.queued() == 0 and group.leading() == 0


def test_many_callers_with_uneven_batch_times_all_get_their_own_result_and_no_lead_is_lost():
    def run(batch):
        time.sleep(0.0005 * (sum(batch) % 3))
        return [item + 1000 for item in batch]

    group = waitlist.GroupInsert(run, max_items=5, max_leaders=2)
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(group.submit, range(2000)))
    assert results == [n + 1000 for n in range(2000)]
    assert group.leading() == 0 and group.queued() == 0


# --- the statement --------------------------------------------------------------------


def _full_session(capacity: int = 1):
    session = make_open_session(capacity=capacity)
    for _ in range(capacity + 1):  # the last one waits, which marks the session full
        services.sign_up(session, make_reader(), acting_user=None)
    session.seating.refresh_from_db()
    assert session.seating.full
    return session


def _request(session_id: int, reader: Reader | str) -> waitlist.WaitingRequest:
    token = reader if isinstance(reader, str) else reader.access_token
    return waitlist.WaitingRequest(
        session_id=session_id,
        reader_column="access_token",
        reader_key=token,
        channel=Registration.Channel.API,
        created_by_id=None,
    )


@pytest.mark.django_db
def test_one_statement_inserts_each_new_reader_in_request_order_and_skips_what_it_must_not_insert():
    full = _full_session()
    open_seats = make_open_session(capacity=5)
    already = Registration.objects.filter(session=full, status=Status.WAITING).get().reader
    new = [make_reader() for _ in range(3)]
    requests = [
        _request(full.pk, new[0]),
        _request(full.pk, already),  # already on the list: skipped, not an error
        _request(full.pk, "no-such-token"),
        _request(open_seats.pk, new[1]),  # seats free: the general path decides
        _request(full.pk, new[1]),
        _request(full.pk, new[2]),
        _request(full.pk, new[2]),  # the same reader twice in one batch: one row
    ]
    joined = waitlist.insert_waiting(requests)
    assert [j is not None for j in joined] == [True, False, False, False, True, True, False]
    rows = [j.registration for j in joined if j is not None]
    assert [r.reader_id for r in rows] == [new[0].pk, new[1].pk, new[2].pk]
    assert [r.pk for r in rows] == sorted(r.pk for r in rows)  # ids, hence positions, follow the request
    stored = Registration.objects.filter(pk__in=[r.pk for r in rows]).order_by("id")
    as_stored = [(r.status, r.reader_id, r.token) for r in stored]
    assert as_stored == [(r.status, r.reader_id, r.token) for r in rows]
    assert [selectors.waiting_position(r) for r in stored] == [2, 3, 4]
    assert not Registration.objects.filter(session=open_seats).exists()


@pytest.mark.django_db
def test_the_statement_writes_nothing_for_a_closed_past_or_unlimited_session():
    from django.utils import timezone

    from shuxiang.activities.models import Activity, Session

    reader = make_reader()
    closed, past = _full_session(), _full_session()
    Activity.objects.filter(pk=closed.activity_id).update(signup_open=False)
    Session.objects.filter(pk=past.pk).update(starts_at=timezone.now())
    unlimited = make_open_session(capacity=None)
    services.sign_up(unlimited, make_reader(), acting_user=None)
    before = Registration.objects.count()
    assert waitlist.insert_waiting([_request(s.pk, reader) for s in (closed, past, unlimited)]) == [None] * 3
    assert Registration.objects.count() == before


@pytest.mark.postgres
def test_concurrent_waiting_sign_ups_share_one_statement_and_keep_their_arrival_order(thread_db, monkeypatch):
    """Twenty readers press sign-up on a full session while both of a process's statements
    are held running: the next statement carries the other eighteen, in the order they
    arrived, and every one of the twenty waits, in arrival order."""
    assert connection.vendor == "postgresql"
    session = _full_session()
    readers = [make_reader() for _ in range(20)]
    real = waitlist.insert_waiting
    sizes: list[int] = []
    release = threading.Event()

    def held_insert(requests):
        sizes.append(len(requests))
        if len(sizes) <= waitlist.MAX_LEADERS:
            assert release.wait(timeout=10)
        return real(requests)

    monkeypatch.setattr(waitlist, "insert_waiting", held_insert)
    group = waitlist._group("default", "access_token")

    def press(reader: Reader) -> Registration:
        try:
            return services.sign_up_with_token(reader.access_token, session.pk).registration
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(readers)) as pool:
        futures = []
        for n, reader in enumerate(readers):  # one after the other: a known arrival order
            futures.append(pool.submit(press, reader))
            if n < waitlist.MAX_LEADERS:
                _until(lambda n=n: len(sizes) == n + 1, f"reader {n} leads")
            else:
                _until(lambda n=n: group.queued() == n + 1 - waitlist.MAX_LEADERS, f"reader {n} queued")
        release.set()
        registrations = [f.result(timeout=20) for f in futures]
    assert sizes == [1] * waitlist.MAX_LEADERS + [20 - waitlist.MAX_LEADERS]
    assert [r.status for r in registrations] == [Status.WAITING] * 20
    by_position = [r.reader_id for _p, r in selectors.waiting_list(session)]
    held, queued = by_position[1 : 1 + waitlist.MAX_LEADERS], by_position[1 + waitlist.MAX_LEADERS :]
    assert sorted(held) == [r.pk for r in readers[: waitlist.MAX_LEADERS]]  # the held ones, in any order
    assert queued == [r.pk for r in readers[waitlist.MAX_LEADERS :]]  # the rest in arrival order
