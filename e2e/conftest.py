"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live_server.

Without Chromium the tests are skipped, unless GESPREID_REQUIRE_BROWSER=1 (CI), where that fails.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("GESPREID_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    present = os.path.exists(CHROMIUM) or shutil.which("chromium")
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # In CI (GESPREID_REQUIRE_BROWSER=1) a missing Chromium makes these tests fail, never skip.
            if not present and os.environ.get("GESPREID_REQUIRE_BROWSER") != "1":
                item.add_marker(pytest.mark.skip(reason="Chromium (/usr/bin/chromium) is niet geïnstalleerd"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a browser test that skips itself (for whatever reason) counts as a failure."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and "e2e" in str(item.fspath) and os.environ.get("GESPREID_REQUIRE_BROWSER") == "1":
        report.outcome = "failed"
        report.longrepr = f"browser test skipped in CI (GESPREID_REQUIRE_BROWSER=1): {report.longrepr}"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


@pytest.fixture
def login(live_server, page):
    """Log in through the real login form: ``login(user)`` (fixture users share one password)."""

    def do(user, password="een-goed-wachtwoord-42"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("E-mailadres").fill(user.email)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        return page

    return do
