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
promoted. The re-read is any read that starts after the row's commit: on PostgreSQL, while
more sign-ups are queued, the next batch's statement carries it (``due_rechecks``); the
last batch of a rush re-reads on its own.

**Many readers per statement (group commit).** In a rush, every worker thread would
otherwise pay a statement, a commit and its WAL flush per sign-up. ``join_if_full``
hands the row to a ``GroupInsert``: the first caller to arrive becomes the *leader* and
runs, on its own connection, one statement for itself and every row queued meanwhile;
the others wait for their row. When the leader is done it hands over to the oldest
caller still queued. Nothing waits for a timer: with no concurrency a batch is one row,
and batches grow only while a statement is already running. Arrival order is kept: the
rows are inserted in queue order (``ORDER BY`` the request's position), so their ids,
which are the waiting list's order, follow arrival. (Batches in flight at the same time,
``combining.MAX_LEADERS`` of them, take their ids in whichever order they run: requests that
arrive together have no order between them.) A reader already signed up hits the
partial unique constraint and is skipped (``ON CONFLICT DO NOTHING``): nothing returned
for that row, and the general path returns the existing registration.

Inside a caller's transaction (tests, an atomic block) the row is inserted alone on the
caller's connection, and the re-check runs when that transaction commits.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from django.db import connections, transaction
from django.utils import timezone

from shuxiang.activities.models import Activity, Session
from shuxiang.readers.combining import MAX_ITEMS as MAX_ROWS
from shuxiang.readers.combining import GroupInsert
from shuxiang.readers.models import TOKEN_VERSION, Reader, Registration, Seating, new_token
from shuxiang.readers.prepared import fetch as _fetch
from shuxiang.readers.seating import fill_free_seats_of

Status = Registration.Status

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


@dataclass(frozen=True)
class Inserted:
    """What one waiting insert did."""

    joined: list[Joined | None]  # per request: its new row, or None (nothing inserted)
    freed: list[int]  # of the sessions given to re-check: those whose ``full`` is off


def _q(name: str) -> str:
    return f'"{name}"'


def _requests_cte(rows: int) -> str:
    values = ", ".join(
        f"(CAST(%s AS bigint), %s, %s, %s, CAST(%s AS integer), {n})" for n in range(1, rows + 1)
    )
    return f"req (session_id, reader_key, token, channel, created_by_id, ord) AS (VALUES {values})"


@functools.cache
def _insert_from_requests(reader_column: str) -> str:
    registration = _q(Registration._meta.db_table)
    reader = _q(Reader._meta.db_table)
    active = ", ".join(f"'{status.value}'" for status in sorted(Registration.ACTIVE))
    return (
        f"INSERT INTO {registration} (session_id, activity_id, library_id, reader_id, places, status,"
        " channel, token, token_version, walk_in_name, created_by_id, created_at, anonymised)"
        f" SELECT s.id, s.activity_id, s.library_id, r.id, 1, '{Status.WAITING.value}', req.channel,"
        f" req.token, {int(TOKEN_VERSION)}, '', req.created_by_id, %s, %s"
        f" FROM req JOIN {_q(Session._meta.db_table)} s ON s.id = req.session_id"
        f" JOIN {_q(Activity._meta.db_table)} a ON a.id = s.activity_id"
        f" JOIN {_q(Seating._meta.db_table)} st ON st.session_id = s.id"
        f" JOIN {reader} r ON r.{_q(reader_column)} = req.reader_key"
        f' WHERE st."full" AND st.capacity IS NOT NULL AND s.starts_at > %s'
        f" AND a.status = '{Activity.Status.PLANNED.value}' AND a.signup_open"
        f" AND a.visibility = '{Activity.Visibility.PUBLIC.value}'"
        " ORDER BY req.ord"
        # The target names the partial unique index "one active registration per reader and
        # session" (models.Registration): a reader already on the list is skipped, not an error.
        f" ON CONFLICT (session_id, reader_id) WHERE status IN ({active}) AND reader_id IS NOT NULL"
        " DO NOTHING"
        f" RETURNING id, token, session_id, reader_id, activity_id, library_id,"
        f" (SELECT email FROM {reader} WHERE id = {registration}.reader_id) AS email"
    )


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
    return f"WITH {_requests_cte(rows)} {_insert_from_requests(reader_column)}"


@functools.lru_cache(maxsize=2 * MAX_ROWS)
def waiting_insert_and_recheck_sql(reader_column: str, rows: int) -> str:
    """PostgreSQL: ``waiting_insert_sql`` that also re-reads ``full`` for earlier rows' sessions.

    One more parameter, last: an array of session ids. Each of them whose ``full`` is off
    when the statement starts comes back as a row with a NULL id and the session's id.
    (A data-modifying CTE: SQLite has none, so elsewhere the re-read is a second statement.)
    """
    assert reader_column in READER_COLUMNS, reader_column
    assert rows >= 1, rows
    return (
        f"WITH {_requests_cte(rows)}, ins AS ({_insert_from_requests(reader_column)})"
        " SELECT id, token, session_id, reader_id, activity_id, library_id, email FROM ins"
        " UNION ALL SELECT NULL, NULL, session_id, NULL, NULL, NULL, NULL"
        f' FROM {_q(Seating._meta.db_table)} WHERE session_id = ANY(%s) AND NOT "full"'
    )


def insert_waiting(requests: Sequence[WaitingRequest], recheck: Collection[int] = ()) -> Inserted:
    """Insert the requests' waiting rows in one statement on this thread's connection.

    All requests share one ``reader_column``. ``joined`` holds, per request, what was
    inserted or None (the session is not full, not open, unknown; the reader unknown or
    already signed up). ``recheck`` names sessions whose waiting rows committed before this
    call and still owe their re-read of ``full``; ``freed`` lists those whose ``full`` is
    off (on PostgreSQL read by the same statement). The rows inserted here are not
    re-checked: see ``recheck_after_commit``.
    """
    (reader_column,) = {r.reader_column for r in requests}
    connection = transaction.get_connection()
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    params: list[object] = []
    for r in requests:
        params += [r.session_id, r.reader_key, r.token, str(r.channel), r.created_by_id]
    params += [adapt(now), False, adapt(now)]
    if connection.vendor == "postgresql":
        sql = waiting_insert_and_recheck_sql(reader_column, len(requests))
        rows = _fetch(connection, sql, [*params, sorted(recheck)])
        freed = [row[2] for row in rows if row[0] is None]
    else:
        rows = _fetch(connection, waiting_insert_sql(reader_column, len(requests)), params)
        freed = not_full(recheck)
    by_token = {row[1]: row for row in rows if row[0] is not None}
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
    return Inserted(joined, freed)


def not_full(session_ids: Collection[int]) -> list[int]:
    """Those of ``session_ids`` whose ``full`` flag is off now."""
    if not session_ids:
        return []
    marks = ", ".join(["%s"] * len(session_ids))
    sql = f'SELECT session_id FROM {_q(Seating._meta.db_table)} WHERE session_id IN ({marks}) AND NOT "full"'
    return [row[0] for row in _fetch(transaction.get_connection(), sql, sorted(session_ids))]


def recheck_after_commit(session_ids: Collection[int]) -> None:
    """After waiting rows committed: promote into any seat freed meanwhile (module docstring)."""
    for session_id in not_full(session_ids):
        fill_free_seats_of(session_id)


def join_if_full(request: WaitingRequest) -> Joined | None:
    """Put one reader on a full session's waiting list; None if nothing was inserted.

    In autocommit (a web request) the row goes through this process's ``GroupInsert`` for
    its reader column; inside a transaction it is inserted alone, and the re-check of
    ``full`` waits for that transaction's commit.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        (joined,) = insert_waiting([request]).joined
        if joined is not None:
            transaction.on_commit(functools.partial(recheck_after_commit, {request.session_id}))
        return joined
    return _group(connection.alias, request.reader_column).submit(request)


class _DueRechecks:
    """Sessions whose waiting rows committed but whose re-read of ``full`` is still owed.

    Per database. Any statement that starts after those commits may carry the re-read; the
    next batch of the group takes them all when it starts (``take``).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._due: dict[str, set[int]] = {}

    def add(self, alias: str, session_ids: Collection[int]) -> None:
        if session_ids:
            with self._lock:
                self._due.setdefault(alias, set()).update(session_ids)

    def take(self, alias: str) -> set[int]:
        with self._lock:
            return self._due.pop(alias, set())


due_rechecks = _DueRechecks()


def _insert_and_recheck(
    alias: str, reader_column: str, requests: Sequence[WaitingRequest]
) -> list[Joined | None]:
    """One batch of a group: the insert, carrying the re-reads earlier batches owe; then its own.

    This batch's rows owe a re-read of ``full`` after their commit. On PostgreSQL, when more
    sign-ups are queued, the next batch's statement (which starts after this commit) carries
    it; otherwise it is read here at once. Whatever fails to be done goes back to the owed
    set, for the next statement of this process to carry.
    """
    due = due_rechecks.take(alias)
    try:
        inserted = insert_waiting(requests, recheck=due)
    except BaseException:
        due_rechecks.add(alias, due)
        raise
    owed = set(inserted.freed)
    mine = {r.session_id for r, j in zip(requests, inserted.joined, strict=True) if j is not None}
    try:
        if mine and connections[alias].vendor == "postgresql" and _group(alias, reader_column).queued():
            due_rechecks.add(alias, mine)
        else:
            owed.update(not_full(mine))
        for session_id in sorted(owed):
            fill_free_seats_of(session_id)
            owed.discard(session_id)
    except BaseException:
        due_rechecks.add(alias, owed | mine)
        raise
    return inserted.joined


_groups: dict[tuple[str, str], GroupInsert] = {}
_groups_lock = threading.Lock()


def _group(alias: str, reader_column: str) -> GroupInsert:
    key = (alias, reader_column)
    group = _groups.get(key)
    if group is None:
        with _groups_lock:
            run = functools.partial(_insert_and_recheck, alias, reader_column)
            group = _groups.setdefault(key, GroupInsert(run))
    return group


def _forget_groups() -> None:
    """In a forked child (a server's worker) no other thread exists: start with fresh locks."""
    global _groups_lock, due_rechecks
    _groups.clear()
    _groups_lock = threading.Lock()
    due_rechecks = _DueRechecks()


os.register_at_fork(after_in_child=_forget_groups)


@functools.cache
def _registration_attnames() -> list[str]:
    return [f.attname for f in Registration._meta.concrete_fields]
