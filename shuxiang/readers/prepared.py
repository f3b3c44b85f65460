"""The waiting list's statements on PostgreSQL: prepared, on one psycopg cursor kept per thread.

A rush runs the same few statements thousands of times a minute (``waitlist.py``). Django
binds parameters client-side and turns psycopg's preparing off (for connection poolers), so
each execution would be parsed and planned again, most of the statement's PostgreSQL CPU
time (measured: docs/readers.md); and a Django cursor per execution costs Python the rush
pays on every batch. ``fetch`` prepares the statement (PgBouncer 1.21+ supports
protocol-level prepared statements in transaction mode) and reuses one cursor per thread and
connection. Other databases: a plain Django cursor.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence

from django.db.backends.base.base import BaseDatabaseWrapper

_cursors = threading.local()  # per thread and database: (psycopg connection, its cursor for us)


def fetch(connection: BaseDatabaseWrapper, sql: str, params: Sequence[object]) -> list[tuple]:
    """Run ``sql`` on ``connection`` and return its rows: prepared on PostgreSQL.

    Errors are still Django's (``wrap_database_errors``); while Django logs queries (DEBUG,
    tests that count them) the cursor goes through its logging wrapper. Each text is
    prepared once per connection, so callers keep the number of texts small (the waiting
    insert has one per batch size), with the persistent connections of
    ``SHUXIANG_DB_CONN_MAX_AGE``.
    """
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    cursor = _psycopg_cursor(connection)
    if connection.queries_logged:
        logged = connection.make_debug_cursor(cursor)  # not closed after: the cursor is kept
        logged.execute(sql, params)
        return logged.fetchall()
    with connection.wrap_database_errors:
        cursor.execute(sql, params)
        return cursor.fetchall()


@functools.cache
def _prepared_cursor_class() -> type:
    import psycopg  # only on PostgreSQL

    class PreparedCursor(psycopg.Cursor):
        def execute(self, query, params=None, **kwargs):
            return super().execute(query, params, prepare=True, **kwargs)

    return PreparedCursor


def _psycopg_cursor(connection: BaseDatabaseWrapper):
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django turns psycopg's preparing off with None, which also ignores an explicit
        # prepare=True. A threshold no statement reaches keeps automatic preparing off (and
        # Django's own cursors bind client-side, so they never prepare) while letting this
        # module's explicit prepare=True through.
        raw.prepare_threshold = 2**31
    kept = getattr(_cursors, connection.alias, None)
    if kept is None or kept[0] is not raw or kept[1].closed:
        kept = (raw, _prepared_cursor_class()(raw))
        setattr(_cursors, connection.alias, kept)
    return kept[1]
