"""A pasted text is never cut by the browser: the limit is said, counted down, and enforced by
the form with the text kept. And the language switch is one button."""

import pytest

pytestmark = pytest.mark.browser


def test_long_title_is_counted_not_cut_and_refused_with_the_text_kept(page, area):
    page.goto(f"/areas/{area.slug}/ideas/new/")
    title = page.locator('[name="title"]')
    assert title.get_attribute("maxlength") is None
    assert "Höchstens 200 Zeichen." in page.content()
    title.fill("Bank " * 50)  # 250 characters, as if pasted
    assert title.input_value() == "Bank " * 50  # not cut
    counter = page.locator("#" + title.get_attribute("id") + "-count")
    assert counter.inner_text() == "50 Zeichen zu viel"
    title.fill("Bank")
    assert counter.inner_text() == "196 Zeichen übrig"


def test_language_switch_is_one_button(page, area):
    page.goto(f"/areas/{area.slug}/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Deutsch").is_visible()
