"""Suite-wide test setup: database selection, and the PostgreSQL skip rule.

The suite runs twice (see the Makefile): on SQLite, then on PostgreSQL with
SHUXIANG_DATABASE_URL set. When that server cannot be reached, database tests
skip with the reason, except under CI (CI=true), where they must run and the
session fails instead.
"""

from __future__ import annotations

import os

import pytest

DB_FIXTURES = frozenset(
    {"db", "transactional_db", "client", "admin_client", "live_server", "django_db_setup"}
)


def pytest_configure(config: pytest.Config) -> None:
    """WhiteNoise warns (an error under filterwarnings) when STATIC_ROOT is missing on a fresh clone."""
    from django.conf import settings

    os.makedirs(settings.STATIC_ROOT, exist_ok=True)


PG_PASS_REASON = "needs PostgreSQL: runs in the `make test-pg` pass"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Under CI a skipped test is a failure: CI has shared/, Chromium, poppler and PostgreSQL.

    The one exception is a PostgreSQL-only test in the SQLite pass; it runs in the next pass.
    """
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") != "true" or not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if PG_PASS_REASON not in reason:
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, where it must run: {reason}"


def _postgres_unreachable() -> str | None:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        return None
    import psycopg

    try:
        psycopg.connect(
            host=db.get("HOST") or "127.0.0.1",
            port=db.get("PORT") or 5432,
            user=db.get("USER") or "postgres",
            password=db.get("PASSWORD") or None,
            dbname="postgres",  # the test database itself does not exist yet
            connect_timeout=3,
        ).close()
    except psycopg.OperationalError as exc:
        return f"PostgreSQL at {db.get('HOST')}:{db.get('PORT')} is not reachable ({exc.__class__.__name__})"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.conf import settings

    on_postgres = "postgresql" in settings.DATABASES["default"]["ENGINE"]
    if not on_postgres:
        skip_pg = pytest.mark.skip(reason=PG_PASS_REASON)
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip_pg)
        return
    reason = _postgres_unreachable()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"{reason}; CI must run the PostgreSQL suite.")
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if (
            "django_db" in item.keywords
            or "postgres" in item.keywords
            or DB_FIXTURES & set(getattr(item, "fixturenames", ()))
        ):
            item.add_marker(skip)


@pytest.fixture
def create_library(db):
    from tests.factories import make_library

    return make_library


@pytest.fixture
def create_campaign(db):
    from tests.factories import make_campaign

    return make_campaign


@pytest.fixture
def create_activity(db):
    from tests.factories import make_activity

    return make_activity


@pytest.fixture
def create_user(db):
    from tests.factories import make_user

    return make_user
