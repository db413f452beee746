"""Actor list, filters, detail page with engagement history, forms and their German errors."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from actors.models import Actor, CommitteeMembership, ContactPerson
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    CommitteeFactory,
    CommitteeMembershipFactory,
    ConceptVersionFactory,
    ContactPersonFactory,
    ContinuationElementFactory,
    FinancingRowFactory,
    MeasureFactory,
)


def list_url(area, query=""):
    return reverse("actors:actor_list", kwargs={"area_slug": area.slug}) + query


def detail_url(actor):
    return reverse("actors:actor_detail", kwargs={"area_slug": actor.area.slug, "pk": actor.pk})


def make_rich_actors(area, count):
    version = ConceptVersionFactory(area=area)
    field = ActionFieldFactory(version=version, title="Bildung")
    committee = CommitteeFactory(area=area, name="Lenkungsgruppe")
    actors = []
    for index in range(count):
        actor = ActorFactory(area=area, name=f"Akteur {index:03}")
        ContactPersonFactory(actor=actor)
        CommitteeMembershipFactory(committee=committee, actor=actor)
        field.actors.add(actor)
        actors.append(actor)
    return actors


def make_engagement(actor, count):
    from participation.models import Attendance, Event

    for index in range(count):
        measure = MeasureFactory(area=actor.area, lead_actor=actor, title=f"Geleitet {index}")
        partner = MeasureFactory(area=actor.area, title=f"Unterstützt {index}")
        partner.partner_actors.add(actor)
        FinancingRowFactory(
            measure=measure,
            source="own_resources",
            actor=actor,
            amount=Decimal("1500.00"),
            in_kind=True,
        )
        start = datetime.datetime(2025, 3, index % 28 + 1, 18, tzinfo=datetime.UTC)
        event = Event.objects.create(
            area=actor.area,
            format="workshop",
            title=f"Workshop {index}",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )
        Attendance.objects.create(event=event, actor=actor)


@pytest.mark.parametrize("count", [1, 50])
def test_list_query_count_is_constant(client_as, area, count, django_assert_max_num_queries):
    make_rich_actors(area, count)
    client = client_as("manager")
    with django_assert_max_num_queries(12):
        response = client.get(list_url(area))
    assert response.status_code == 200
    assert response.content.decode().count("Lenkungsgruppe") >= count


def test_list_query_count_same_for_1_and_50(client_as, area, other_area, django_assert_num_queries):
    counts = []
    for target, count in [(area, 1), (other_area, 50)]:
        make_rich_actors(target, count)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = client_as("superuser")
        with CaptureQueriesContext(connection) as context:
            client.get(list_url(target, "?q=Akteur&committee="))
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]


def rich_actor(area, count):
    """An actor with ``count`` of everything its page shows."""
    actor = ActorFactory(area=area)
    version = ConceptVersionFactory(area=area)
    for index in range(count):
        ContactPersonFactory(actor=actor)
        CommitteeMembershipFactory(committee=CommitteeFactory(area=area), actor=actor)
        ActionFieldFactory(version=version, title=f"Feld {index}").actors.add(actor)
        MeasureFactory(area=area, continuation_carrier=actor)
        ContinuationElementFactory(area=area, responsible_actor=actor, title=f"Treff {index}")
    make_engagement(actor, count)
    return actor


def test_detail_query_count_same_for_1_and_50(client_as, area):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    client = client_as("manager")
    for count in (1, 50):
        actor = rich_actor(area, count)
        with CaptureQueriesContext(connection) as context:
            response = client.get(detail_url(actor))
        assert response.status_code == 200
        assert response.content.decode().count("Workshop ") == count
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]


def test_detail_shows_engagement_history(client_as, area):
    actor = ActorFactory(area=area, name="Caritasverband Musterstadt")
    make_engagement(actor, 2)
    ContinuationElementFactory(area=area, responsible_actor=actor, title="Stadtteiltreff Nord")
    html = client_as("reader").get(detail_url(actor)).content.decode()
    for text in [
        "Geleitet 0",
        "Unterstützt 1",
        "Workshop 1",
        "Eigenmittel",
        "3.000,00",
        "Stadtteiltreff Nord",
    ]:
        assert text in html, text


def test_detail_hides_empty_engagement_and_shows_contacts(client_as, area):
    actor = ActorFactory(area=area, internal_notes="Nur intern")
    ContactPersonFactory(actor=actor, name="Olga Nowak", email="olga@example.org")
    html = client_as("reader").get(detail_url(actor)).content.decode()
    assert "Olga Nowak" in html and "olga@example.org" in html and "Nur intern" in html
    assert 'id="engagement-heading"' not in html
    # Readers see no edit links.
    assert "/edit/" not in html and "/delete/" not in html


def test_financing_rows_of_other_sources_are_not_commitments(client_as, area):
    actor = ActorFactory(area=area)
    FinancingRowFactory(measure=MeasureFactory(area=area), source="third_party", actor=actor)
    html = client_as("manager").get(detail_url(actor)).content.decode()
    assert 'id="commitments"' not in html


def test_filters(client_as, area):
    version = ConceptVersionFactory(area=area)
    field = ActionFieldFactory(version=version, title="Wohnen und Wohnumfeld")
    school = ActorFactory(area=area, name="Grundschule", kind="school", interest=5, influence=1)
    housing = ActorFactory(area=area, name="GWM", kind="housing", interest=2, influence=5)
    sleeping = ActorFactory(
        area=area, name="Ruhender Verein", status="inactive", interest=1, influence=1
    )
    ContactPersonFactory(actor=sleeping, name="Zora Zufall")
    field.actors.add(housing)
    committee = CommitteeFactory(area=area)
    CommitteeMembershipFactory(committee=committee, actor=school)
    client = client_as("reader")

    def names(query):
        response = client.get(list_url(area, query))
        assert response.status_code == 200
        return {a.name for a in response.context["actors"]}

    assert names("?kind=school") == {"Grundschule"}
    assert names("?quadrant=keep_satisfied") == {"GWM"}
    assert names("?quadrant=keep_informed") == {"Grundschule"}
    assert names("?status=inactive") == {"Ruhender Verein"}
    assert names(f"?committee={committee.pk}") == {"Grundschule"}
    assert names("?action_field=Wohnen+und+Wohnumfeld") == {"GWM"}
    assert names("?q=zora") == {"Ruhender Verein"}
    assert names("?q=schule") == {"Grundschule"}
    assert names("") == {"Grundschule", "GWM", "Ruhender Verein"}
    # Invalid filter values do not break the page.
    assert client.get(list_url(area, "?kind=alien&committee=abc&quadrant=x")).status_code == 200


def test_list_counts_actors_per_kind(client_as, area, other_area):
    ActorFactory.create_batch(3, area=area, kind="school")
    ActorFactory(area=area, kind="housing")
    ActorFactory.create_batch(5, area=other_area, kind="school")
    response = client_as("manager").get(list_url(area))
    counts = {label: count for _kind, label, count in response.context["kind_counts"]}
    assert counts == {"Schule oder Kita": 3, "Wohnungsunternehmen": 1}


def test_create_actor_with_bad_input_keeps_values(client_as, area):
    response = client_as("manager").post(
        reverse("actors:actor_create", kwargs={"area_slug": area.slug}),
        {
            "name": "Mein Verein",
            "kind": "association",
            "interest": 9,
            "influence": 0,
            "status": "active",
            "joined_on": "2024-01-01",
            "website": "kein url",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "kleiner oder gleich 5" in html and "größer oder gleich 1" in html
    assert "gültige Adresse" in html
    assert 'value="Mein Verein"' in html
    assert Actor.objects.count() == 0


def test_duplicate_actor_name_and_kind_is_a_form_error(client_as, area):
    ActorFactory(area=area, name="Doppelt", kind="association")
    response = client_as("manager").post(
        reverse("actors:actor_create", kwargs={"area_slug": area.slug}),
        {
            "name": "Doppelt",
            "kind": "association",
            "interest": 3,
            "influence": 3,
            "status": "active",
            "joined_on": "2024-01-01",
        },
    )
    assert response.status_code == 200
    assert "gibt es bereits einen Akteur dieser Art" in response.content.decode()
    assert Actor.objects.count() == 1


def test_contact_person_invalid_email(client_as, area):
    actor = ActorFactory(area=area)
    response = client_as("manager").post(
        reverse("actors:contact_create", kwargs={"area_slug": area.slug, "actor_pk": actor.pk}),
        {
            "name": "Eva",
            "email": "eva@",
            "consent_on": "2024-01-01",
            "consent_method": "email",
            "consent_purpose": "Einladungen",
        },
    )
    assert "gültige E-Mail-Adresse" in response.content.decode()
    assert ContactPerson.objects.count() == 0


def test_contact_person_edit_and_delete_really_removes(client_as, area):
    person = ContactPersonFactory(actor__area=area, name="Alt")
    client = client_as("manager")
    kwargs = {"area_slug": area.slug, "actor_pk": person.actor_id, "pk": person.pk}
    response = client.post(
        reverse("actors:contact_update", kwargs=kwargs),
        {
            "name": "Neu",
            "consent_on": "2024-01-01",
            "consent_method": "email",
            "consent_purpose": "Einladungen",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Neu"
    assert client.post(reverse("actors:contact_delete", kwargs=kwargs)).status_code == 302
    assert not ContactPerson.objects.filter(pk=person.pk).exists()


def test_membership_ending_before_start_is_a_german_error(client_as, area):
    committee = CommitteeFactory(area=area)
    actor = ActorFactory(area=area)
    response = client_as("manager").post(
        reverse(
            "actors:membership_create",
            kwargs={"area_slug": area.slug, "committee_pk": committee.pk},
        ),
        {
            "actor": actor.pk,
            "role": "Mitglied",
            "has_vote": "on",
            "start": "2024-05-01",
            "end": "2024-01-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Die Mitgliedschaft kann nicht enden, bevor sie beginnt." in html
    assert 'value="2024-05-01"' in html
    assert CommitteeMembership.objects.count() == 0


def test_committee_create_and_membership_flow(client_as, area):
    actor = ActorFactory(area=area, name="Bezirksvertretung Nord", kind="politics")
    client = client_as("manager")
    response = client.post(
        reverse("actors:committee_create", kwargs={"area_slug": area.slug}),
        {"name": "Stadtteilbeirat", "kind": "district_council"},
    )
    assert response.status_code == 302
    committee = area.committees.get()
    client.post(
        reverse(
            "actors:membership_create",
            kwargs={"area_slug": area.slug, "committee_pk": committee.pk},
        ),
        {"actor": actor.pk, "role": "Vorsitz", "has_vote": "on", "start": "2024-01-01"},
    )
    membership = CommitteeMembership.objects.get()
    html = client.get(committee.get_absolute_url()).content.decode()
    assert "Bezirksvertretung Nord" in html and "Vorsitz" in html
    list_html = client.get(reverse("actors:committee_list", kwargs={"area_slug": area.slug}))
    assert "Stadtteilbeirat" in list_html.content.decode()
    client.post(
        reverse(
            "actors:membership_delete",
            kwargs={"area_slug": area.slug, "committee_pk": committee.pk, "pk": membership.pk},
        )
    )
    assert not CommitteeMembership.objects.exists()


@pytest.mark.parametrize("count", [1, 50])
def test_committee_pages_query_count(client_as, area, count, django_assert_max_num_queries):
    committee = CommitteeFactory(area=area)
    CommitteeMembershipFactory.create_batch(count, committee=committee)
    client = client_as("manager")
    with django_assert_max_num_queries(8):
        assert client.get(committee.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(8):
        assert (
            client.get(
                reverse("actors:committee_list", kwargs={"area_slug": area.slug})
            ).status_code
            == 200
        )


def test_dashboard_card_and_nav_tab(client_as, area):
    ActorFactory.create_batch(2, area=area, kind="school")
    html = client_as("reader").get(f"/areas/{area.slug}/dashboard/").content.decode()
    assert "2 Akteure im Register" in html
    assert f"/areas/{area.slug}/actors/" in html
    assert f"/areas/{area.slug}/actors/map/" in html


def test_edit_keeps_history(client_as, area):
    actor = ActorFactory(area=area, name="Alter Name", interest=2)
    client_as("manager").post(
        reverse("actors:actor_update", kwargs={"area_slug": area.slug, "pk": actor.pk}),
        {
            "name": "Neuer Name",
            "kind": actor.kind,
            "interest": 5,
            "influence": actor.influence,
            "status": "active",
            "joined_on": "2023-03-01",
        },
    )
    actor.refresh_from_db()
    assert actor.name == "Neuer Name"
    assert [h.name for h in actor.history.order_by("history_date")] == ["Alter Name", "Neuer Name"]
    assert actor.history.first().history_user.email == "qm@example.org"


def test_english_ui(client_as, area):
    ActorFactory(area=area)
    client = client_as("manager")
    client.cookies["django_language"] = "en"
    html = client.get(reverse("actors:stakeholder_map", kwargs={"area_slug": area.slug})).content
    assert "Stakeholder map" in html.decode() and "Manage closely" in html.decode()


def test_without_attendance_since(area):
    from participation.models import Attendance, Event

    active, silent = ActorFactory(area=area), ActorFactory(area=area)
    start = datetime.datetime(2025, 5, 1, 18, tzinfo=datetime.UTC)
    event = Event.objects.create(
        area=area, format="workshop", title="W", starts_at=start, ends_at=start
    )
    Attendance.objects.create(event=event, actor=active)
    since = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    assert list(Actor.objects.for_area(area).without_attendance_since(since)) == [silent]


def test_edit_keeping_name_is_not_a_duplicate_but_renaming_onto_another_is(client_as, area):
    actor = ActorFactory(area=area, name="Erster", kind="association")
    ActorFactory(area=area, name="Zweiter", kind="association")
    url = reverse("actors:actor_update", kwargs={"area_slug": area.slug, "pk": actor.pk})
    data = {
        "kind": "association",
        "interest": 3,
        "influence": 3,
        "status": "active",
        "joined_on": "2024-01-01",
    }
    client = client_as("manager")
    assert client.post(url, {**data, "name": "Erster"}).status_code == 302
    response = client.post(url, {**data, "name": "Zweiter"})
    assert response.status_code == 200
    actor.refresh_from_db()
    assert actor.name == "Erster"


def test_detail_links_engagement_to_internal_pages(client_as, area):
    actor = ActorFactory(area=area)
    make_engagement(actor, 1)
    html = client_as("manager").get(detail_url(actor)).content.decode()
    measure = actor.led_measures.get()
    event = actor.attendances.get().event
    assert f"/areas/{area.slug}/measures/{measure.pk}/internal/" in html
    assert f"/areas/{area.slug}/participation/events/{event.pk}/" in html
