"""Builders for the readers tests (the ``make_*`` functions live in tests/factories.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def create_reader(db):
    from tests.factories import make_reader

    return make_reader


@pytest.fixture
def create_session(db):
    from tests.factories import make_open_session

    return make_open_session


@pytest.fixture
def thread_db(transactional_db, tmp_path):
    """Make the test and its worker threads share one database through separate connections.

    PostgreSQL: nothing to do. SQLite: the test database is in memory with a shared cache,
    where a second writer fails at once ("database table is locked") instead of waiting,
    so the test runs on a file copy of it (WAL, BEGIN IMMEDIATE and the busy timeout from
    settings, as in production). Returns ``enter()``, which each worker thread calls first.
    """
    import sqlite3

    from django.db import connections

    original = connections["default"]
    if original.vendor != "sqlite":
        yield lambda: None
        return
    original.ensure_connection()
    path = tmp_path / "rush.sqlite3"
    target = sqlite3.connect(path)
    original.connection.backup(target)
    target.close()
    settings_dict = {**original.settings_dict, "NAME": str(path)}

    def enter() -> None:
        connections["default"] = original.__class__(settings_dict, "default")

    enter()
    try:
        yield enter
    finally:
        connections["default"].close()
        connections["default"] = original
