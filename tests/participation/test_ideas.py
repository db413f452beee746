"""Project ideas: residents propose without an account; only published ideas are public."""

import uuid

import pytest
from django.urls import reverse

from participation.models import Idea, Moderation
from tests.factories import ActionFieldFactory, ConceptVersionFactory, IdeaFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]


def _url(name, area, **kwargs):
    return reverse(f"participation:{name}", kwargs={"area_slug": area.slug, **kwargs})


def idea_data(**overrides):
    data = {
        "title": "Gemeinschaftsgarten",
        "description": "Auf der Brache hinter der Schule\nHochbeete für alle.",
        "place": "Lindenstraße",
        "contact_name": "Erika Muster",
        "contact_email": "erika@example.net",
        "consent": "on",
        "website": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ["idea_list", "idea_create", "idea_detail"])
def test_public_idea_pages_open_to_everyone(client_as, area, role, view):
    idea = IdeaFactory(area=area)
    kwargs = {"pk": idea.pk} if view == "idea_detail" else {}
    assert client_as(role).get(_url(view, area, **kwargs)).status_code == 200


@pytest.mark.parametrize("moderation", ["pending", "hidden", "blocked"])
def test_unpublished_idea_is_404(client, area, moderation):
    idea = IdeaFactory(area=area, moderation=moderation)
    assert client.get(_url("idea_detail", area, pk=idea.pk)).status_code == 404
    assert idea.title not in client.get(_url("idea_list", area)).content.decode()


def test_other_areas_idea_is_404(client, area, other_area):
    idea = IdeaFactory(area=other_area)
    assert client.get(_url("idea_detail", area, pk=idea.pk)).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "other_manager"])
def test_ideas_of_non_public_area_are_hidden(client_as, area, role):
    area.is_public = False
    area.save()
    assert client_as(role).get(_url("idea_list", area)).status_code == 404
    assert client_as(role).post(_url("idea_create", area), idea_data()).status_code == 404
    assert not Idea.objects.exists()


def test_propose_idea(client, area):
    version = ConceptVersionFactory(area=area, is_current=True)
    field = ActionFieldFactory(version=version, title="Wohnumfeld")
    response = client.post(_url("idea_create", area), idea_data(action_field=field.pk), follow=True)
    assert response.status_code == 200
    idea = Idea.objects.get()
    assert idea.moderation == Moderation.PENDING
    assert idea.action_field == field and idea.consent and idea.client_hash
    html = response.content.decode()
    assert "Vielen Dank für Ihre Idee" in html
    assert "Gemeinschaftsgarten" not in html  # not public before moderation


def test_idea_form_offers_only_current_fields_of_this_area(client, area, other_area):
    current = ActionFieldFactory(version=ConceptVersionFactory(area=area, is_current=True))
    old = ActionFieldFactory(version=ConceptVersionFactory(area=area, is_current=False))
    foreign = ActionFieldFactory(version=ConceptVersionFactory(area=other_area, is_current=True))
    html = client.get(_url("idea_create", area)).content.decode()
    assert current.title in html and old.title not in html and foreign.title not in html
    response = client.post(_url("idea_create", area), idea_data(action_field=foreign.pk))
    assert response.status_code == 200
    assert "Gemeinschaftsgarten" in response.content.decode()
    assert not Idea.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"consent": None}, "Bitte stimmen Sie der Verarbeitung Ihrer Daten zu."),
        ({"website": "spam"}, "konnte nicht angenommen werden"),
        ({"contact_email": "kaputt"}, "gültige E-Mail-Adresse"),
        ({"description": "y" * 5001}, "höchstens 5000 Zeichen"),
    ],
)
def test_bad_idea_keeps_input(client, area, overrides, message):
    data = idea_data(**overrides)
    response = client.post(_url("idea_create", area), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Lindenstraße" in html
    assert not Idea.objects.exists()


def test_idea_double_submit_and_rate_limit(client, area, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"idea": (2, 3600)}
    data = idea_data()
    client.post(_url("idea_create", area), data)
    client.post(_url("idea_create", area), data)
    assert Idea.objects.count() == 1
    client.post(_url("idea_create", area), idea_data(title="Zweite"))
    response = client.post(_url("idea_create", area), idea_data(title="Dritte Idee"))
    assert response.status_code == 429
    assert "Dritte Idee" in response.content.decode()
    assert Idea.objects.count() == 2


def test_public_idea_page_hides_contact_and_shows_comments(client, area):
    idea = IdeaFactory(
        area=area,
        contact_name="Erika Muster",
        contact_email="erika@example.net",
        description="<script>alert(1)</script>",
    )
    html = client.get(_url("idea_detail", area, pk=idea.pk)).content.decode()
    assert "Erika Muster" not in html and "erika@example.net" not in html
    assert "<script>alert(1)" not in html
    assert 'id="comments"' in html and 'class="comment-form"' in html
    list_html = client.get(_url("idea_list", area)).content.decode()
    assert "erika@example.net" not in list_html


def test_idea_list_query_count_is_constant(client, area, django_assert_max_num_queries):
    IdeaFactory(area=area)
    with django_assert_max_num_queries(8) as one:
        client.get(_url("idea_list", area))
    for _ in range(40):
        IdeaFactory(area=area)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(_url("idea_list", area))


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 404), ("other_manager", 404), ("reader", 200), ("manager", 200)],
)
def test_idea_pages_of_a_non_public_area_are_a_preview_for_members_only(
    client_as, area, role, status
):
    """The shared ``ihk.mixins.PublicAreaMixin`` (``ihk.view_area_internal``) replaced the
    participation copy (``participation.view_contributions_internal``): the same people may
    preview, everyone else gets 404."""
    area.is_public = False
    area.save()
    idea = IdeaFactory(area=area)
    client = client_as(role)
    for name, kwargs in (
        ("idea_list", {}),
        ("idea_create", {}),
        ("idea_detail", {"pk": idea.pk}),
    ):
        url = reverse(f"participation:{name}", kwargs={"area_slug": area.slug, **kwargs})
        assert client.get(url).status_code == status, (name, role)
