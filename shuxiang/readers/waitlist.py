"""Joining the waiting list of a full session: many readers, one statement, no lock.

Once a session's ``Seating.full`` flag is set, a one-person sign-up has nothing to decide
about seats: it appends a waiting registration, if the session is still full and open at
that moment. That is one ``INSERT ... SELECT`` (``waiting_insert_sql``) which finds the
reader, checks the session and writes the row, or writes nothing (the caller then takes
the general path of ``services.sign_up``).

**No lock on the session.** The statement reads the seating row like any reader (MVCC);
it takes no row lock on it. What keeps a freed seat from being missed is a re-check on
both sides, after each side's commit (docs/readers.md, "Why a waiting reader never sits
beside a free seat"):

- whoever frees seats (cancel, capacity change: always under the seating row's
  ``FOR UPDATE``) promotes the waiting readers it sees and, if that leaves ``full``
  turned from true to false, runs the promotion once more after its commit
  (``seating.promote_locked``);
- a waiting insert, after its commit, re-reads ``full`` and runs the promotion if it is
  false (``recheck_after_commit``).

A waiting row committed before the freer's second promotion is seen by it; one committed
after the freer's commit sees ``full = false`` in its own re-read. Either way it is
promoted.

**Many readers per statement (group commit).** In a rush, every worker thread would
otherwise pay a statement, a commit and its WAL flush per sign-up. ``join_if_full``
hands the row to a ``GroupInsert``: the first caller to arrive becomes the *leader* and
runs, on its own connection, one statement for itself and every row queued meanwhile;
the others wait for their row. When the leader is done it hands over to the oldest
caller still queued. Nothing waits for a timer: with no concurrency a batch is one row,
and batches grow only while a statement is already running. Arrival order is kept: the
rows are inserted in queue order (``ORDER BY`` the request's position), so their ids,
which are the waiting list's order, follow arrival. A reader already signed up hits the
partial unique constraint and is skipped (``ON CONFLICT DO NOTHING``): nothing returned
for that row, and the general path returns the existing registration.

Inside a caller's transaction (tests, an atomic block) the row is inserted alone on the
caller's connection, and the re-check runs when that transaction commits.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from shuxiang.activities.models import Activity, Session
from shuxiang.readers.models import TOKEN_VERSION, Reader, Registration, Seating, new_token
from shuxiang.readers.seating import fill_free_seats_of

Status = Registration.Status

MAX_ROWS = 64  # rows per statement: bounds one leader's work and the statements prepared per connection
# Statements in flight per process: two let one batch be built and sent while another waits for
# its commit (measured with `make bench`: docs/readers.md).
MAX_LEADERS = 2
READER_COLUMNS = frozenset({"id", "access_token"})


@dataclass(frozen=True)
class WaitingRequest:
    """One reader asking for a waiting place in a full session."""

    session_id: int
    reader_column: str  # "id" or "access_token": how ``reader_key`` finds the reader
    reader_key: int | str
    channel: str
    created_by_id: int | None
    token: str = field(default_factory=new_token)  # the registration's ticket token, made here


@dataclass(frozen=True)
class Joined:
    """A waiting registration as inserted, and the reader's e-mail for the confirmation."""

    registration: Registration
    email: str


@functools.lru_cache(maxsize=2 * MAX_ROWS)
def waiting_insert_sql(reader_column: str, rows: int) -> str:
    """The ``INSERT ... SELECT`` of ``rows`` one-person waiting registrations, one per request.

    Parameters: per row session id, reader key, ticket token, channel, created_by id; then
    created_at, anonymised (false) and "now" (the session must start later). Table and column names
    come from the models; the statuses and visibility are the vocabulary's own values.
    Portable: PostgreSQL and SQLite both read a ``VALUES`` list in a CTE, ``ON CONFLICT``
    with a partial index's predicate, ``RETURNING`` and double-quoted names. Built once per
    reader column and row count (the text is the prepared statement's key too).
    """
    assert reader_column in READER_COLUMNS, reader_column
    assert rows >= 1, rows

    def q(name: str) -> str:
        return f'"{name}"'

    registration = q(Registration._meta.db_table)
    reader = q(Reader._meta.db_table)
    values = ", ".join(
        f"(CAST(%s AS bigint), %s, %s, %s, CAST(%s AS integer), {n})" for n in range(1, rows + 1)
    )
    active = ", ".join(f"'{status.value}'" for status in sorted(Registration.ACTIVE))
    return (
        f"WITH req (session_id, reader_key, token, channel, created_by_id, ord) AS (VALUES {values})"
        f" INSERT INTO {registration} (session_id, activity_id, library_id, reader_id, places, status,"
        " channel, token, token_version, walk_in_name, created_by_id, created_at, anonymised)"
        f" SELECT s.id, s.activity_id, s.library_id, r.id, 1, '{Status.WAITING.value}', req.channel,"
        f" req.token, {int(TOKEN_VERSION)}, '', req.created_by_id, %s, %s"
        f" FROM req JOIN {q(Session._meta.db_table)} s ON s.id = req.session_id"
        f" JOIN {q(Activity._meta.db_table)} a ON a.id = s.activity_id"
        f" JOIN {q(Seating._meta.db_table)} st ON st.session_id = s.id"
        f" JOIN {reader} r ON r.{q(reader_column)} = req.reader_key"
        f' WHERE st."full" AND st.capacity IS NOT NULL AND s.starts_at > %s'
        f" AND a.status = '{Activity.Status.PLANNED.value}' AND a.signup_open"
        f" AND a.visibility = '{Activity.Visibility.PUBLIC.value}'"
        " ORDER BY req.ord"
        # The target names the partial unique index "one active registration per reader and
        # session" (models.Registration): a reader already on the list is skipped, not an error.
        f" ON CONFLICT (session_id, reader_id) WHERE status IN ({active}) AND reader_id IS NOT NULL"
        " DO NOTHING"
        f" RETURNING id, token, session_id, reader_id, activity_id, library_id,"
        f" (SELECT email FROM {reader} WHERE id = {registration}.reader_id)"
    )


def insert_waiting(requests: Sequence[WaitingRequest]) -> list[Joined | None]:
    """Insert the requests' waiting rows in one statement on this thread's connection.

    All requests share one ``reader_column``. Returns, per request, what was inserted or
    None (the session is not full, not open, unknown; the reader unknown or already signed
    up). Does not re-check ``full``: see ``recheck_after_commit``.
    """
    (reader_column,) = {r.reader_column for r in requests}
    connection = transaction.get_connection()
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    params: list[object] = []
    for r in requests:
        params += [r.session_id, r.reader_key, r.token, str(r.channel), r.created_by_id]
    params += [adapt(now), False, adapt(now)]
    with _prepared_cursor(connection) as cursor:
        cursor.execute(waiting_insert_sql(reader_column, len(requests)), params)
        rows = cursor.fetchall()
    by_token = {row[1]: row for row in rows}
    attnames = _registration_attnames()
    joined: list[Joined | None] = []
    for r in requests:
        row = by_token.get(r.token)
        if row is None:
            joined.append(None)
            continue
        registration_id, token, session_id, reader_id, activity_id, library_id, email = row
        values = {
            "id": registration_id,
            "session_id": session_id,
            "activity_id": activity_id,
            "library_id": library_id,
            "reader_id": reader_id,
            "places": 1,
            "status": Status.WAITING.value,
            "channel": str(r.channel),
            "token": token,
            "token_version": TOKEN_VERSION,
            "walk_in_name": "",
            "created_by_id": r.created_by_id,
            "created_at": now,
            "confirmed_at": None,
            "cancelled_at": None,
            "checked_in_at": None,
            "anonymised": False,
        }
        # Built the way a query result is (positional, every field): keyword construction
        # costs more than the statement's own Python per row.
        registration = Registration.from_db(connection.alias, attnames, [values[a] for a in attnames])
        joined.append(Joined(registration, email or ""))
    return joined


def recheck_after_commit(session_ids: set[int]) -> None:
    """After waiting rows committed: promote into any seat freed meanwhile (module docstring)."""
    if not session_ids:
        return
    seating = Seating._meta.db_table
    marks = ", ".join(["%s"] * len(session_ids))
    with _prepared_cursor(transaction.get_connection()) as cursor:
        cursor.execute(
            f'SELECT session_id FROM {seating} WHERE session_id IN ({marks}) AND NOT "full"',
            sorted(session_ids),
        )
        freed = [row[0] for row in cursor.fetchall()]
    for session_id in freed:
        fill_free_seats_of(session_id)


def join_if_full(request: WaitingRequest) -> Joined | None:
    """Put one reader on a full session's waiting list; None if nothing was inserted.

    In autocommit (a web request) the row goes through this process's ``GroupInsert`` for
    its reader column; inside a transaction it is inserted alone, and the re-check of
    ``full`` waits for that transaction's commit.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        (joined,) = insert_waiting([request])
        if joined is not None:
            transaction.on_commit(functools.partial(recheck_after_commit, {request.session_id}))
        return joined
    return _group(connection.alias, request.reader_column).submit(request)


def _insert_and_recheck(requests: Sequence[WaitingRequest]) -> list[Joined | None]:
    joined = insert_waiting(requests)
    recheck_after_commit({r.session_id for r, j in zip(requests, joined, strict=True) if j is not None})
    return joined


class GroupInsert:
    """Leader/follower batching of calls to ``run`` (flat combining).

    ``submit`` queues an item. While fewer than ``max_leaders`` batches are running, the
    caller leads: it takes up to ``max_items`` queued items (its own among them, unless a
    concurrent leader already took it), calls ``run`` once on its own thread and hands
    each caller its result. A leader that finds work still queued when it is done hands
    the lead to the oldest queued caller. If ``run`` raises, every caller of that batch
    runs its own item alone, so each sees its own result or its own error. More than one
    leader lets a batch be built and sent while another waits for its commit.
    """

    def __init__(
        self,
        run: Callable[[Sequence[object]], list[object]],
        max_items: int = MAX_ROWS,
        max_leaders: int = MAX_LEADERS,
    ) -> None:
        self._run = run
        self._max_items = max_items
        self._max_leaders = max_leaders
        self._lock = threading.Lock()
        self._queue: list[_Slot] = []
        self._leaders = 0

    def queued(self) -> int:
        """How many items wait for a leader (running batches not included)."""
        with self._lock:
            return len(self._queue)

    def leading(self) -> int:
        """How many callers hold a turn to lead (running a batch, or about to)."""
        with self._lock:
            return self._leaders

    def submit(self, item: object) -> object:
        slot = _Slot(item)
        with self._lock:
            self._queue.append(slot)
            if self._leaders < self._max_leaders:
                self._leaders += 1
                slot.leads = True
        led = False
        while True:
            if slot.leads and not led:  # our turn to lead: taken exactly once
                led = True
                self._lead()
            if slot.done:
                break
            slot.wake.acquire()  # released when our batch is done, or to hand us the lead
        if slot.failed:
            return self._run([item])[0]
        return slot.result

    def _lead(self) -> None:
        """Run one batch from the head of the queue, then pass the lead on (or give it up)."""
        with self._lock:
            batch, self._queue = self._queue[: self._max_items], self._queue[self._max_items :]
            if not batch:  # a concurrent leader took our item: nothing left to lead
                self._leaders -= 1
                return
        try:
            results = self._run([s.item for s in batch])
            for s, result in zip(batch, results, strict=True):
                s.result = result
        except BaseException:
            for s in batch:
                s.failed = True
        finally:
            with self._lock:
                # The oldest queued caller not already given a lead (each gets it at most once,
                # so the count of leaders stays exact).
                successor = next((s for s in self._queue if not s.leads), None)
                if successor is None:
                    self._leaders -= 1
                else:
                    successor.leads = True
            for s in batch:
                s.done = True
                s.wake.release()
            if successor is not None:
                successor.wake.release()


class _Slot:
    __slots__ = ("done", "failed", "item", "leads", "result", "wake")

    def __init__(self, item: object) -> None:
        self.item = item
        self.wake = threading.Semaphore(0)
        self.leads = False  # given a turn to lead (at submit, or handed on by a leader)
        self.done = False
        self.failed = False
        self.result: object = None


_groups: dict[tuple[str, str], GroupInsert] = {}
_groups_lock = threading.Lock()


def _group(alias: str, reader_column: str) -> GroupInsert:
    key = (alias, reader_column)
    group = _groups.get(key)
    if group is None:
        with _groups_lock:
            group = _groups.setdefault(key, GroupInsert(_insert_and_recheck))
    return group


def _forget_groups() -> None:
    """In a forked child (a server's worker) no other thread exists: start with fresh locks."""
    global _groups_lock
    _groups.clear()
    _groups_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_groups)


@functools.cache
def _registration_attnames() -> list[str]:
    return [f.attname for f in Registration._meta.concrete_fields]


@functools.cache
def _prepared_cursor_class() -> type:
    import psycopg  # only on PostgreSQL

    class PreparedCursor(psycopg.Cursor):
        def execute(self, query, params=None, **kwargs):
            return super().execute(query, params, prepare=True, **kwargs)

    return PreparedCursor


def _prepared_cursor(connection: BaseDatabaseWrapper) -> CursorWrapper:
    """A Django cursor whose statements PostgreSQL parses and plans once per connection.

    Django binds parameters client-side and disables psycopg's prepared statements (for
    connection poolers), so every execution of the waiting insert would be parsed and
    planned again: most of its PostgreSQL CPU time, measured (docs/readers.md). This cursor
    binds server-side and prepares, for this statement only (one text per batch size, at
    most ``MAX_ROWS``), with the persistent connections of ``SHUXIANG_DB_CONN_MAX_AGE``.
    PgBouncer 1.21+ supports protocol-level prepared statements in transaction mode. Other
    databases: a plain cursor. Django's wrapper is kept, so errors are Django's and the
    statement is counted in Django's query log (its text shows as None there: psycopg
    keeps no text of a prepared execution).
    """
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    if connection.connection.prepare_threshold is None:
        # Django turns psycopg's preparing off with None, which also ignores an explicit
        # prepare=True. A threshold no statement reaches keeps automatic preparing off (and
        # Django's own cursors bind client-side, so they never prepare) while letting this
        # cursor's explicit prepare=True through.
        connection.connection.prepare_threshold = 2**31
    raw = _prepared_cursor_class()(connection.connection)
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
