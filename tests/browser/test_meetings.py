"""Committee meetings in a real browser: the manager records a decision (too many votes are
refused with the input kept), a resident reads the public meeting list. axe on every page."""

import pytest

from participation import meeting_services as services
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, CommitteeMembershipFactory
from tests.participation.meeting_factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_records_decision_and_resident_reads_public_list(page, browser, manager, area):
    area.is_public = True
    area.save()
    meeting = MeetingFactory(committee__area=area, committee__name="Lenkungsgruppe", status="held")
    members = CommitteeMembershipFactory.create_batch(3, committee=meeting.committee)
    services.record_attendance(meeting, statuses={m.pk: "present" for m in members})
    item = services.add_agenda_item(meeting, title="Neugestaltung Marktplatz")
    services.add_task(meeting, title="Planungsbüro informieren", owner_name="QM")

    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(meeting.get_absolute_url())
    assert axe_violations(page) == []
    page.locator(f"a[href$='/items/{item.pk}/decision/']").click()
    page.locator("#id_outcome").select_option("approved")
    page.locator("#id_votes_for").fill("3")
    page.get_by_label(members[0].actor.name).check()
    page.locator("#id_reason").fill("Breite Zustimmung im Gremium")
    page.get_by_role("button", name="Beschluss erfassen").click()
    assert page.get_by_text("nur 2 anwesende Mitglieder").is_visible()
    assert page.locator("#id_reason").input_value() == "Breite Zustimmung im Gremium"
    assert axe_violations(page) == []
    page.locator("#id_votes_for").fill("2")
    page.get_by_role("button", name="Beschluss erfassen").click()
    page.wait_for_url(f"**/participation/meetings/{meeting.pk}/#agenda")
    assert page.get_by_text("2 dafür, 0 dagegen, 0 Enthaltungen").is_visible()
    item.refresh_from_db()
    assert item.decision.votes_for == 2

    resident = browser.new_context(base_url=page.url.split("/areas/")[0], locale="de-DE")
    public = resident.new_page()
    public.goto(f"/areas/{area.slug}/meetings/")
    assert public.get_by_text("Neugestaltung Marktplatz").is_visible()
    assert members[0].actor.name not in public.content()
    assert axe_violations(public) == []
    resident.close()
