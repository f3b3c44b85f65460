"""The waiting list of a full session: the one-statement insert and its group commit."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from shuxiang.readers import combining, selectors, services, waitlist
from shuxiang.readers.models import Reader, Registration
from tests.factories import make_open_session, make_reader

Status = Registration.Status


def _until(condition, what: str) -> None:
    """Poll ``condition`` (another thread's progress) for up to 10 s; fail the test after that."""
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.001)


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
    joined = waitlist.insert_waiting(requests).joined
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
    assert (
        waitlist.insert_waiting([_request(s.pk, reader) for s in (closed, past, unlimited)]).joined
        == [None] * 3
    )
    assert Registration.objects.count() == before


@pytest.mark.postgres
def test_concurrent_waiting_sign_ups_share_one_statement_and_keep_their_arrival_order(thread_db, monkeypatch):
    """Twenty readers press sign-up on a full session while both of a process's statements
    are held running: the next statement carries the other eighteen, in the order they
    arrived, and every one of the twenty waits."""
    assert connection.vendor == "postgresql"
    session = _full_session()
    readers = [make_reader() for _ in range(20)]
    real = waitlist.insert_waiting
    sizes: list[int] = []
    release = threading.Event()

    def held_insert(requests, recheck=()):
        sizes.append(len(requests))
        if len(sizes) <= combining.MAX_LEADERS:
            assert release.wait(timeout=10)
        return real(requests, recheck)

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
            if n < combining.MAX_LEADERS:
                _until(lambda n=n: len(sizes) == n + 1, f"reader {n} leads")
            else:
                _until(lambda n=n: group.queued() == n + 1 - combining.MAX_LEADERS, f"reader {n} queued")
        release.set()
        registrations = [f.result(timeout=20) for f in futures]
    assert sizes == [1] * combining.MAX_LEADERS + [20 - combining.MAX_LEADERS]
    assert [r.status for r in registrations] == [Status.WAITING] * 20
    by_position = [r.reader_id for _p, r in selectors.waiting_list(session)][1:]
    held = {r.pk for r in readers[: combining.MAX_LEADERS]}
    assert sorted(by_position) == sorted(r.pk for r in readers)
    # The eighteen queued behind the held statements keep their arrival order. The held ones run
    # concurrently with the batch that follows once they are released, so their places among
    # those are whichever commit first: requests in flight together have no order to keep.
    assert [pk for pk in by_position if pk not in held] == [r.pk for r in readers[combining.MAX_LEADERS :]]


# --- the re-read of ``full`` a waiting row owes after its commit --------------------------


def _free_the_seat_unseen(session) -> Registration:
    """What a cancel racing a waiting insert leaves behind: a free seat, ``full`` off, and the
    waiting reader it could not see still waiting. Returns that reader's registration."""
    from shuxiang.readers.models import Seat, Seating

    confirmed = Registration.objects.get(session=session, status=Status.CONFIRMED)
    Registration.objects.filter(pk=confirmed.pk).update(status=Status.CANCELLED)
    Seat.objects.filter(session=session).update(registration=None)
    Seating.objects.filter(pk=session.pk).update(full=False)
    return Registration.objects.filter(session=session, status=Status.WAITING).order_by("id").first()


@pytest.mark.django_db
def test_the_insert_also_reports_which_sessions_it_was_asked_to_recheck_have_full_turned_off():
    still_full, freed = _full_session(), _full_session()
    _free_the_seat_unseen(freed)
    inserted = waitlist.insert_waiting(
        [_request(still_full.pk, make_reader())], recheck={still_full.pk, freed.pk}
    )
    assert inserted.freed == [freed.pk]
    assert inserted.joined[0] is not None  # the insert itself is unchanged


@pytest.mark.django_db(transaction=True)
def test_with_sign_ups_queued_a_batch_leaves_its_recheck_to_the_next_batch_which_promotes(monkeypatch):
    """In a rush the next batch's statement starts after this batch's commit, so it re-reads
    ``full`` for it (on PostgreSQL, in the same statement; elsewhere in a second one)."""
    session = _full_session()
    group = waitlist._group(connection.alias, "access_token")
    monkeypatch.setattr(group, "queued", lambda: 1)  # another sign-up waits for the next batch
    waitlist._insert_and_recheck(connection.alias, "access_token", [_request(session.pk, make_reader())])
    owed = waitlist.due_rechecks.take(connection.alias)
    if connection.vendor == "postgresql":
        assert owed == {session.pk}  # not read yet: the next statement carries it
    else:
        assert owed == set()  # SQLite has no data-modifying CTE: read at once
        return
    waitlist.due_rechecks.add(connection.alias, owed)
    stranded = _free_the_seat_unseen(session)
    assert stranded.status == Status.WAITING
    monkeypatch.setattr(group, "queued", lambda: 0)
    waitlist._insert_and_recheck(connection.alias, "access_token", [_request(session.pk, make_reader())])
    stranded.refresh_from_db()
    assert stranded.status == Status.CONFIRMED  # promoted by the batch that carried the re-read
    assert waitlist.due_rechecks.take(connection.alias) == set()


@pytest.mark.django_db(transaction=True)
def test_the_last_batch_of_a_rush_rereads_full_at_once_and_promotes(monkeypatch):
    session = _full_session()
    readers = [make_reader(), make_reader()]
    group = waitlist._group(connection.alias, "access_token")
    monkeypatch.setattr(group, "queued", lambda: 0)  # no one queued behind it
    real = waitlist.insert_waiting

    def insert_then_free(requests, recheck=()):  # a cancel commits just after the insert
        inserted = real(requests, recheck)
        _free_the_seat_unseen(session)
        return inserted

    monkeypatch.setattr(waitlist, "insert_waiting", insert_then_free)
    waitlist._insert_and_recheck(connection.alias, "access_token", [_request(session.pk, r) for r in readers])
    first_waiting = (
        Registration.objects.filter(session=session).exclude(status=Status.CANCELLED).order_by("id")
    )
    assert [r.status for r in first_waiting] == [Status.CONFIRMED, Status.WAITING, Status.WAITING]
    assert waitlist.due_rechecks.take(connection.alias) == set()


@pytest.mark.django_db(transaction=True)
def test_rechecks_owed_by_earlier_batches_are_kept_when_the_carrying_statement_fails(monkeypatch):
    session = _full_session()
    waitlist.due_rechecks.add(connection.alias, {session.pk})

    def broken(requests, recheck=()):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(waitlist, "insert_waiting", broken)
    with pytest.raises(RuntimeError):
        waitlist._insert_and_recheck(connection.alias, "access_token", [_request(session.pk, make_reader())])
    assert waitlist.due_rechecks.take(connection.alias) == {session.pk}
