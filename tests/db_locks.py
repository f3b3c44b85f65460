"""PostgreSQL lock helpers for concurrency tests: which backend is which, and who is waiting."""

from __future__ import annotations

import threading
import time

from django.db import connection


def backend_pid() -> int:
    """This thread's PostgreSQL backend (its own connection)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def wait_until_blocked(pid: int, done: threading.Event, timeout: float = 10) -> bool:
    """True once backend ``pid`` waits for a lock; False if its work finished without waiting."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not done.is_set():
        with connection.cursor() as cursor:
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
            row = cursor.fetchone()
        if row and row[0] == "Lock":
            return True
        time.sleep(0.01)  # polling another backend's state; no fixed sleep decides the outcome
    assert done.is_set(), "the other transaction neither waited nor finished"
    return False
