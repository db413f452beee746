"""Residents' comments in a real browser: comment without an account, moderate, answer, axe."""

import pytest

from participation.models import Comment
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, CommentFactory, MeasureFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_resident_comments_manager_approves_and_answers(browser, live_server, page, manager, area):
    measure = MeasureFactory(area=area, title="Grüner Innenhof Lindenstraße")
    # A resident without an account writes a comment on the public measure page.
    page.goto(measure.get_absolute_url())
    page.get_by_label("Ihr Kommentar").fill("Bitte Bänke mit Rückenlehne!\n<b>Danke</b>")
    page.get_by_label("Name oder Pseudonym").fill("Gerda")
    page.get_by_label("E-Mail (freiwillig)").fill("gerda@example.net")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Kommentar senden").click()
    page.wait_for_load_state()
    assert "Ihr Kommentar wird nach Prüfung veröffentlicht" in page.content()
    assert "Bitte Bänke mit Rückenlehne!" not in page.locator("#comments").inner_text()
    comment = Comment.objects.get()

    # The manager approves it in the queue (bulk action) and answers it.
    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(f"/areas/{area.slug}/moderation/")
    page.get_by_label(f"Kommentar {comment.pk} auswählen").check()
    page.get_by_label("Aktion für die ausgewählten Einträge").select_option("approve")
    page.get_by_role("button", name="Auf Auswahl anwenden").click()
    page.wait_for_load_state()
    assert "Erledigt: 1 Kommentar und 0 Ideen." in page.content()
    page.goto(f"/areas/{area.slug}/moderation/comments/{comment.pk}/")
    page.get_by_label("Offizielle Antwort").fill("Danke, Gerda! Die Bänke sind bestellt.")
    page.get_by_role("button", name="Antwort speichern").click()
    page.wait_for_load_state()
    assert "Die Antwort ist gespeichert" in page.content()

    # Another resident sees the comment with the answer; the e-mail address is nowhere.
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    resident = context.new_page()
    resident.goto(measure.get_absolute_url())
    comments = resident.locator("#comments").inner_text()
    assert "Bitte Bänke mit Rückenlehne!" in comments and "<b>Danke</b>" in comments
    assert "Danke, Gerda! Die Bänke sind bestellt." in comments
    assert "Antwort des Quartiersmanagements" in comments
    assert "gerda@example.net" not in resident.content()
    context.close()


def test_comment_errors_keep_text_and_page_has_no_axe_violations(page, area):
    measure = MeasureFactory(area=area)
    parent = CommentFactory(area=area, measure=measure, official_answer="Danke für den Hinweis.")
    CommentFactory(area=area, measure=measure, parent=parent, text="Eine Antwort")
    CommentFactory(area=area, measure=measure, moderation="hidden", moderation_reason="Werbung")
    page.goto(measure.get_absolute_url())
    assert axe_violations(page) == []
    # Sending without consent keeps the text and shows the German error.
    page.get_by_label("Ihr Kommentar").fill("Mein Text bleibt erhalten")
    page.evaluate("document.querySelector('.comment-form').noValidate = true")
    page.get_by_role("button", name="Kommentar senden").click()
    page.wait_for_load_state()
    assert "Bitte stimmen Sie der Verarbeitung Ihrer Daten zu." in page.content()
    assert page.get_by_label("Ihr Kommentar").input_value() == "Mein Text bleibt erhalten"
    assert axe_violations(page) == []


def test_idea_pages_have_no_axe_violations(page, area):
    from tests.factories import IdeaFactory

    idea = IdeaFactory(area=area, status="not_taken_up", status_reason="Kein Platz vorhanden.")
    CommentFactory(area=area, measure=None, idea=idea, text="Schade!")
    for url in (
        f"/areas/{area.slug}/ideas/",
        f"/areas/{area.slug}/ideas/{idea.pk}/",
        f"/areas/{area.slug}/ideas/new/",
    ):
        page.goto(url)
        assert axe_violations(page) == [], url


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}], ids=str
)
def test_confirmation_is_in_view_and_focused_after_sending(browser, live_server, area, viewport):
    """Issue 11.1: after "Kommentar senden" the notice stands at the form, in the viewport,
    focused and announced (role=status), also on a long page and on a phone."""
    measure = MeasureFactory(area=area, title="Lange Diskussion")
    for i in range(25):
        parent = CommentFactory(area=area, measure=measure, text=f"Beitrag {i} " * 30)
        CommentFactory(area=area, measure=measure, parent=parent, text="Antwort " * 20)
    context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport=viewport)
    page = context.new_page()
    page.goto(measure.get_absolute_url())
    page.get_by_label("Ihr Kommentar").fill("Bitte mehr Bäume!")
    page.get_by_label("Ich bin einverstanden").check()
    with page.expect_navigation(url="**/?comment=pending#comment-notice", wait_until="load"):
        page.get_by_role("button", name="Kommentar senden").click()
    notice = page.locator("#comment-notice")
    # Bootstrap scrolls smoothly to the fragment: the notice must come to rest in the viewport.
    page.wait_for_function(
        """() => { const r = document.getElementById('comment-notice').getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= window.innerHeight; }""",
        timeout=10_000,
    )
    page.wait_for_timeout(500)
    assert "Ihr Kommentar wird nach Prüfung veröffentlicht" in notice.inner_text()
    assert notice.get_attribute("role") == "status"
    box = notice.bounding_box()
    assert box is not None
    assert box["y"] >= -1 and box["y"] + box["height"] <= viewport["height"], (
        box,
        page.url,
        page.evaluate("[document.activeElement.id, window.scrollY]"),
    )
    assert page.evaluate("document.activeElement.id") == "comment-notice"
    # Only once on the page: not again as a message at the top.
    assert page.content().count("Ihr Kommentar wird nach Prüfung veröffentlicht") == 1
    # "Antworten" and "Melden" are targets of at least 24 px (WCAG 2.2, 2.5.8).
    for name in ("Antworten", "Melden"):
        link = page.locator(".comment-actions a", has_text=name).first
        assert link.bounding_box()["height"] >= 24, name
    context.close()
