"""The Content-Security-Policy in a real browser: the project's pages cause no violation.

Chromium reports each blocked inline style or script as a console error. htmx 2 would inject its
indicator style unless ``includeIndicatorStyles`` is off (``templates/base.html``).
"""

import pytest

from tests.browser.conftest import login
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def csp_errors(page):
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return errors


def test_public_project_pages_cause_no_csp_violation(page, area):
    errors = csp_errors(page)
    for path in ["/", "/accounts/login/", "/accounts/password/reset/", "/imprint/", "/nowhere/"]:
        page.goto(path)
        assert page.evaluate("typeof htmx") == "object"  # htmx loaded under the policy
    assert errors == []


def test_internal_project_pages_cause_no_csp_violation(page, manager, area):
    errors = csp_errors(page)
    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(f"/areas/{area.slug}/dashboard/")
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    assert errors == []
