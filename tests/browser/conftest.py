"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live test server.

Browser tests are marked ``browser``; they run in the SQLite pass of ``make test``.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("SHUXIANG_CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; Django's ORM calls from
# the test body are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def launch_args() -> list[str]:
    """Chromium's flags for every browser test: headless in a container, nothing phoning home."""
    return [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]


@pytest.fixture(autouse=True)
def _chromium_present(request) -> None:
    """Every browser test needs Debian's chromium: under CI its absence fails, elsewhere it skips."""
    if "browser" not in request.keywords:
        return
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: `make system-deps` installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing: `make system-deps` installs Debian's chromium")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=launch_args())
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser, live_server):
    """``page_for(locale="zh-CN", phone=False)``: a fresh page in its own context, closed after the test."""
    contexts = []

    def make(locale: str = "zh-CN", phone: bool = False):
        options = {"locale": locale, "base_url": live_server.url}
        if phone:
            options |= {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()
