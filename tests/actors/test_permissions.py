"""Role × URL matrix of every actor-register view, and forged writes that must change nothing."""

import pytest
from django.urls import reverse

from actors.models import Actor, Committee, CommitteeMembership, ContactPerson
from tests.factories import (
    ActorFactory,
    CommitteeFactory,
    CommitteeMembershipFactory,
    ContactPersonFactory,
)

ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]
READ = [302, 200, 200, 403, 200]
WRITE = [302, 403, 200, 403, 200]


@pytest.fixture
def objects(area):
    actor = ActorFactory(area=area, name="Caritasverband Musterstadt", kind="social_agency")
    person = ContactPersonFactory(actor=actor)
    committee = CommitteeFactory(area=area, name="Lenkungsgruppe", kind="steering_group")
    membership = CommitteeMembershipFactory(committee=committee, actor=actor)
    return {"actor": actor, "person": person, "committee": committee, "membership": membership}


def _url(name, objects, area):
    kwargs = {"area_slug": area.slug}
    actor, person = objects["actor"], objects["person"]
    committee, membership = objects["committee"], objects["membership"]
    extra = {
        "actor_detail": {"pk": actor.pk},
        "actor_update": {"pk": actor.pk},
        "contact_create": {"actor_pk": actor.pk},
        "contact_update": {"actor_pk": actor.pk, "pk": person.pk},
        "contact_delete": {"actor_pk": actor.pk, "pk": person.pk},
        "committee_detail": {"pk": committee.pk},
        "committee_update": {"pk": committee.pk},
        "membership_create": {"committee_pk": committee.pk},
        "membership_update": {"committee_pk": committee.pk, "pk": membership.pk},
        "membership_delete": {"committee_pk": committee.pk, "pk": membership.pk},
        "actor_export_csv": {"fmt": "csv"},
        "actor_export_xlsx": {"fmt": "xlsx"},
    }.get(name, {})
    url_name = "actor_export" if name.startswith("actor_export") else name
    return reverse(f"actors:{url_name}", kwargs={**kwargs, **extra})


MATRIX = {
    "actor_list": READ,
    "actor_detail": READ,
    "stakeholder_map": READ,
    "committee_list": READ,
    "committee_detail": READ,
    "actor_export_csv": READ,
    "actor_export_xlsx": READ,
    "actor_create": WRITE,
    "actor_update": WRITE,
    "actor_import": WRITE,
    "contact_create": WRITE,
    "contact_update": WRITE,
    "contact_delete": WRITE,
    "committee_create": WRITE,
    "committee_update": WRITE,
    "membership_create": WRITE,
    "membership_update": WRITE,
    "membership_delete": WRITE,
}

CASES = [
    (name, role, expected)
    for name, statuses in MATRIX.items()
    for role, expected in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(("view", "role", "expected"), CASES)
def test_role_url_matrix(client_as, area, objects, view, role, expected):
    url = _url(view, objects, area)
    response = client_as(role).get(url)
    assert response.status_code == expected, f"{view} as {role}"
    if expected == 302:
        assert response["Location"].startswith(reverse("account_login"))


def _snapshot():
    return (
        list(Actor.objects.values()),
        list(ContactPerson.objects.values()),
        list(Committee.objects.values()),
        list(CommitteeMembership.objects.values()),
    )


FORGED_POSTS = {
    "actor_create": {
        "name": "Eingeschleust",
        "kind": "other",
        "interest": 3,
        "influence": 3,
        "status": "active",
        "joined_on": "2024-01-01",
    },
    "actor_update": {
        "name": "Umbenannt",
        "kind": "other",
        "interest": 3,
        "influence": 3,
        "status": "active",
        "joined_on": "2024-01-01",
    },
    "contact_create": {
        "name": "Eva Eindringling",
        "consent_on": "2024-01-01",
        "consent_method": "written",
        "consent_purpose": "x",
    },
    "contact_update": {
        "name": "Geändert",
        "consent_on": "2024-01-01",
        "consent_method": "written",
        "consent_purpose": "x",
    },
    "contact_delete": {},
    "committee_create": {"name": "Schattengremium", "kind": "other"},
    "committee_update": {"name": "Umbenannt", "kind": "other"},
    "membership_create": {"role": "x", "has_vote": "on"},
    "membership_update": {"role": "Vorsitz", "has_vote": "on"},
    "membership_delete": {},
    "actor_import": {},
}


@pytest.mark.parametrize("role", ["anonymous", "reader", "other_manager"])
@pytest.mark.parametrize("view", sorted(FORGED_POSTS))
def test_forged_posts_change_nothing(client_as, area, objects, view, role):
    data = dict(FORGED_POSTS[view])
    if view.startswith("membership"):
        data["actor"] = objects["actor"].pk
    before = _snapshot()
    response = client_as(role).post(_url(view, objects, area), data)
    assert response.status_code in (302, 403)
    if role != "anonymous":
        assert response.status_code == 403
    assert _snapshot() == before


def test_other_areas_objects_are_404_for_manager(client_as, area, other_area, manager):
    foreign = ActorFactory(area=other_area)
    foreign_committee = CommitteeFactory(area=other_area)
    client = client_as("manager")
    kwargs = {"area_slug": area.slug}
    assert (
        client.get(reverse("actors:actor_detail", kwargs={**kwargs, "pk": foreign.pk})).status_code
        == 404
    )
    assert (
        client.get(reverse("actors:actor_update", kwargs={**kwargs, "pk": foreign.pk})).status_code
        == 404
    )
    assert (
        client.get(
            reverse("actors:committee_detail", kwargs={**kwargs, "pk": foreign_committee.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("actors:contact_create", kwargs={**kwargs, "actor_pk": foreign.pk})
        ).status_code
        == 404
    )


def test_manager_cannot_add_other_areas_actor_to_committee(client_as, area, other_area, objects):
    foreign = ActorFactory(area=other_area)
    committee = objects["committee"]
    url = reverse(
        "actors:membership_create", kwargs={"area_slug": area.slug, "committee_pk": committee.pk}
    )
    response = client_as("manager").post(url, {"actor": foreign.pk, "has_vote": "on"})
    assert response.status_code == 200
    assert not CommitteeMembership.objects.filter(actor=foreign).exists()


def test_manager_writes_work(client_as, area, objects):
    client = client_as("manager")
    kwargs = {"area_slug": area.slug}
    response = client.post(
        reverse("actors:actor_create", kwargs=kwargs),
        {
            "name": "Grundschule am Park",
            "kind": "school",
            "interest": 4,
            "influence": 3,
            "status": "active",
            "joined_on": "2024-02-01",
        },
    )
    actor = Actor.objects.get(name="Grundschule am Park")
    assert response.status_code == 302
    assert actor.area == area
    person = objects["person"]
    response = client.post(
        _url("contact_delete", objects, area),
    )
    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=person.pk).exists()
