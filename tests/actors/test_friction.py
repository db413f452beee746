"""Issue 11 in the actor register: a contact person in the "new actor" form, a link from the
actor page to the map, and a map whose points are numbered and differ in shape, not colour only."""

import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template

from actors.models import Actor, ActorKind, ContactPerson
from actors.stakeholder import KIND_STYLES, stakeholder_key, stakeholder_svg
from tests.factories import ActorFactory

NS = {"svg": "http://www.w3.org/2000/svg"}
ACTOR = {
    "name": "Moscheegemeinde Nordring",
    "kind": "religious",
    "interest": 5,
    "influence": 2,
    "status": "active",
    "joined_on": "2024-02-01",
}


def contacts(total=1, **values):
    data = {
        "contacts-TOTAL_FORMS": str(total),
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "3",
    }
    data.update({f"contacts-0-{key}": value for key, value in values.items()})
    return data


def test_new_actor_form_has_an_optional_contact_section(client_as, area):
    html = client_as("manager").get(f"/areas/{area.slug}/actors/new/").content.decode()
    assert 'id="new-contacts"' in html and 'name="contacts-0-email"' in html
    assert "Name der Ansprechperson" in html
    assert "style=" not in html


def test_actor_and_contact_person_in_one_post(client_as, area):
    data = {
        **ACTOR,
        **contacts(
            name="Ayşe Demir",
            email="a.demir@example.org",
            consent_on="2025-03-01",
            consent_method="email",
            consent_purpose="Einladungen",
        ),
    }
    response = client_as("manager").post(f"/areas/{area.slug}/actors/new/", data)
    actor = Actor.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/actors/{actor.pk}/")
    person = ContactPerson.objects.get()
    assert person.actor == actor and person.email == "a.demir@example.org"


def test_empty_contact_section_adds_only_the_actor(client_as, area):
    response = client_as("manager").post(f"/areas/{area.slug}/actors/new/", {**ACTOR, **contacts()})
    assert response.status_code == 302
    assert Actor.objects.count() == 1 and ContactPerson.objects.count() == 0


def test_invalid_contact_stores_nothing_and_keeps_input(client_as, area):
    data = {**ACTOR, **contacts(name="Ayşe Demir", email="kein-mail")}
    response = client_as("manager").post(f"/areas/{area.slug}/actors/new/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Moscheegemeinde Nordring"' in html and 'value="kein-mail"' in html
    assert 'name="initial-joined_on"' not in html  # no hidden input with aria-describedby
    assert Actor.objects.count() == 0 and ContactPerson.objects.count() == 0


@pytest.mark.parametrize("total", ["4", "1999", "100000"])
def test_forged_total_forms_is_capped(client_as, area, total):
    data = {**ACTOR, **contacts(total=total)}
    response = client_as("manager").post(f"/areas/{area.slug}/actors/new/", data)
    assert response.status_code == 200
    assert len(response.content) < 200_000
    assert Actor.objects.count() == 0


def test_actor_page_links_to_the_map(client_as, area):
    actor = ActorFactory(area=area, kind="school")
    html = client_as("reader").get(f"/areas/{area.slug}/actors/{actor.pk}/").content.decode()
    assert f'href="/areas/{area.slug}/actors/map/?kind=school#stakeholder-actor-{actor.pk}"' in html


def test_every_kind_has_its_own_shape_and_fill():
    assert set(KIND_STYLES) == set(ActorKind.values)
    shapes = [(shape, filled) for _colour, shape, filled in KIND_STYLES.values()]
    assert len(set(shapes)) == len(shapes)  # distinguishable without colour


def test_points_are_numbered_with_a_legend_and_key():
    actors = [
        Actor(pk=i + 1, name=f"A{i}", kind=kind, interest=i % 5 + 1, influence=2)
        for i, kind in enumerate(ActorKind.values)
    ]
    root = ET.fromstring(stakeholder_svg(actors, links=True))  # noqa: S314 - our own output
    points = root.findall(".//svg:g[@class='point']", NS)
    assert [p.get("data-number") for p in points] != []
    assert sorted(int(p.get("data-number")) for p in points) == list(range(1, 12))
    links = root.findall(".//svg:g[@class='point']/svg:a", NS)
    assert {link.get("href") for link in links} == {f"#stakeholder-actor-{i}" for i in range(1, 12)}
    legend = root.find(".//svg:g[@class='legend']", NS)
    assert len(legend.findall("svg:text", NS)) == 11
    assert stakeholder_key(actors)[3] == {"number": 4, "name": "A3", "kind": "Wohnungsunternehmen"}


def test_map_page_rows_are_link_targets_without_inline_style(client_as, area):
    actor = ActorFactory(area=area, name="Kita Sonnenschein", kind="school")
    html = client_as("manager").get(f"/areas/{area.slug}/actors/map/").content.decode()
    assert f'id="stakeholder-actor-{actor.pk}"' in html
    assert f'href="#stakeholder-actor-{actor.pk}"' in html
    assert "style=" not in html and "actors-stakeholder-figure" in html
    assert "<td>1</td>" in html


@pytest.mark.parametrize("count", [1, 50])
def test_dashboard_card_constant_queries(area, count, django_assert_max_num_queries):
    ActorFactory.create_batch(count, area=area)
    with django_assert_max_num_queries(2):
        html = Template("{% load actors_tags %}{% actors_area_card area %}").render(
            Context({"area": area})
        )
    assert f"{count} Akteur" in html
