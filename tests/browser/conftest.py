"""Playwright in Debian's headless Chromium against pytest-django's live_server."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM would refuse it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# axe-core is test-only: vendored under tests/, never served by the site. The pages' CSP allows
# scripts from 'self' only, so the browser fetches it from a same-origin path that Playwright
# answers from the file (no inline script, no bypass of the policy under test).
AXE_JS = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
AXE_URL = "/__tests__/axe.min.js"


def pytest_collection_modifyitems(items):
    missing = not Path(CHROMIUM).exists()
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if missing and not os.environ.get("CI"):
                item.add_marker(
                    pytest.mark.skip(reason=f"{CHROMIUM} missing: apt-get install chromium")
                )


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def login(page, email, password):
    """Log in through the real allauth form."""
    page.goto("/accounts/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()


def axe_violations(page) -> list[dict]:
    """Run the vendored axe-core (WCAG 2.1 A/AA) on the current page and return violations."""
    page.route(
        f"**{AXE_URL}",
        lambda route: route.fulfill(path=str(AXE_JS), content_type="application/javascript"),
    )
    page.add_script_tag(url=AXE_URL)
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["html"] for n in v["nodes"][:3]]}
        for v in result["violations"]
    ]
