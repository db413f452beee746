"""Role × URL matrix of the concept pages, forged POSTs, and other areas' objects."""

import datetime

import pytest

from measures.models import (
    ActionField,
    ConceptVersion,
    ContinuationElement,
    Goal,
    Indicator,
    IndicatorValue,
)
from tests.factories import (
    ActionFieldFactory,
    ConceptVersionFactory,
    ContinuationElementFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
)

ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]
READ_ALLOWED = {"reader", "manager", "superuser"}
WRITE_ALLOWED = {"manager", "superuser"}


@pytest.fixture
def tree(area):
    version = ConceptVersionFactory(
        area=area,
        number=1,
        status="adopted",
        is_current=True,
        as_of=datetime.date(2024, 12, 1),
        council_decision_on=datetime.date(2025, 1, 15),
    )
    candidate = ConceptVersionFactory(
        area=area, number=2, kind="update", status="participation", predecessor=version
    )
    draft = ConceptVersionFactory(
        area=area, number=3, kind="update", status="draft", predecessor=candidate
    )
    field = ActionFieldFactory(version=version, title="Bildung")
    ActionFieldFactory(version=version, title="Wohnen")
    goal = GoalFactory(action_field=field, title="Bildungschancen")
    indicator = IndicatorFactory(goal=goal, name="Kita-Plätze")
    value = IndicatorValueFactory(indicator=indicator)
    measure = MeasureFactory(area=area, title="Lernwerkstatt")
    measure.goals.add(goal)
    element = ContinuationElementFactory(area=area, title="Stadtteilzentrum")
    return {
        "version": version,
        "candidate": candidate,
        "draft": draft,
        "field": field,
        "goal": goal,
        "indicator": indicator,
        "value": value,
        "element": element,
    }


def read_urls(area, t):
    base = f"/areas/{area.slug}"
    return [
        f"{base}/concept/",
        f"{base}/concept/?version={t['version'].number}",
        f"{base}/concept/versions/",
        f"{base}/concept/compare/",
        f"{base}/concept/indicators/{t['indicator'].pk}/",
        f"{base}/continuation/",
    ]


def write_get_urls(area, t):
    base = f"/areas/{area.slug}"
    return [
        f"{base}/concept/versions/new/",
        f"{base}/concept/versions/{t['version'].pk}/edit/",
        f"{base}/concept/versions/{t['version'].pk}/fields/new/",
        f"{base}/concept/versions/{t.get('draft', t['version']).pk}/delete/",
        f"{base}/concept/fields/{t['field'].pk}/edit/",
        f"{base}/concept/fields/{t['field'].pk}/delete/",
        f"{base}/concept/fields/{t['field'].pk}/goals/new/",
        f"{base}/concept/goals/{t['goal'].pk}/edit/",
        f"{base}/concept/goals/{t['goal'].pk}/delete/",
        f"{base}/concept/goals/{t['goal'].pk}/indicators/new/",
        f"{base}/concept/indicators/{t['indicator'].pk}/edit/",
        f"{base}/concept/indicators/{t['indicator'].pk}/delete/",
        f"{base}/concept/values/{t['value'].pk}/edit/",
        f"{base}/concept/values/{t['value'].pk}/delete/",
        f"{base}/continuation/new/",
        f"{base}/continuation/{t['element'].pk}/edit/",
        f"{base}/continuation/{t['element'].pk}/delete/",
    ]


def post_urls(area, t):
    """Every state-changing POST with a payload that would change something if allowed."""
    base = f"/areas/{area.slug}"
    v, f, g, i = t["version"], t["field"], t["goal"], t["indicator"]
    return [
        (f"{base}/concept/versions/new/", {"status": "draft", "as_of": "2026-01-01"}),
        (
            f"{base}/concept/versions/{v.pk}/edit/",
            {"status": "draft", "as_of": "2020-01-01", "is_current": "on"},
        ),
        (f"{base}/concept/versions/{t.get('draft', v).pk}/start-update/", {}),
        (f"{base}/concept/versions/{t.get('draft', v).pk}/delete/", {}),
        (f"{base}/concept/versions/{t.get('candidate', v).pk}/make-current/", {}),
        (f"{base}/concept/versions/{v.pk}/fields/new/", {"title": "Neu"}),
        (f"{base}/concept/fields/{f.pk}/edit/", {"title": "Gehackt"}),
        (f"{base}/concept/fields/{f.pk}/move/", {"direction": "down"}),
        (f"{base}/concept/fields/{f.pk}/delete/", {}),
        (
            f"{base}/concept/fields/{f.pk}/goals/new/",
            {"action_field": f.pk, "title": "Neu", "order": 0},
        ),
        (
            f"{base}/concept/goals/{g.pk}/edit/",
            {"action_field": f.pk, "title": "Gehackt", "order": 0},
        ),
        (f"{base}/concept/goals/{g.pk}/delete/", {}),
        (
            f"{base}/concept/goals/{g.pk}/indicators/new/",
            {
                "name": "Neu",
                "baseline_value": "1",
                "baseline_on": "2024-01-01",
                "target_value": "2",
                "target_on": "2025-01-01",
            },
        ),
        (
            f"{base}/concept/indicators/{i.pk}/edit/",
            {
                "name": "Gehackt",
                "baseline_value": "1",
                "baseline_on": "2024-01-01",
                "target_value": "2",
                "target_on": "2025-01-01",
            },
        ),
        (
            f"{base}/concept/indicators/{i.pk}/values/new/",
            {"measured_on": "2025-01-01", "value": "5"},
        ),
        (
            f"{base}/concept/values/{t['value'].pk}/edit/",
            {"measured_on": "2025-06-30", "value": "999"},
        ),
        (f"{base}/concept/indicators/{i.pk}/delete/", {}),
        (f"{base}/concept/values/{t['value'].pk}/delete/", {}),
        (f"{base}/continuation/new/", {"kind": "fund", "title": "Neu", "state": "idea"}),
        (
            f"{base}/continuation/{t['element'].pk}/edit/",
            {"kind": "fund", "title": "Gehackt", "state": "idea"},
        ),
        (f"{base}/continuation/{t['element'].pk}/delete/", {}),
    ]


def snapshot(area):
    return (
        list(
            ConceptVersion.objects.filter(area=area).values_list(
                "pk", "status", "is_current", "as_of"
            )
        ),
        list(ActionField.objects.filter(version__area=area).values_list("pk", "title", "order")),
        list(Goal.objects.filter(action_field__version__area=area).values_list("pk", "title")),
        list(Indicator.objects.values_list("pk", "name")),
        list(IndicatorValue.objects.values_list("pk", "value")),
        list(ContinuationElement.objects.values_list("pk", "title")),
    )


def expected_status(role, allowed):
    if role == "anonymous":
        return 302
    return 200 if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
def test_read_matrix(role, area, tree, client_as):
    client = client_as(role)
    for url in read_urls(area, tree):
        response = client.get(url)
        assert response.status_code == expected_status(role, READ_ALLOWED), url
        if role == "anonymous":
            assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_write_form_matrix(role, area, tree, client_as):
    client = client_as(role)
    for url in write_get_urls(area, tree):
        response = client.get(url)
        assert response.status_code == expected_status(role, WRITE_ALLOWED), url


@pytest.mark.parametrize("role", ["anonymous", "reader", "other_manager"])
def test_forged_posts_change_nothing(role, area, tree, client_as):
    client = client_as(role)
    before = snapshot(area)
    for url, data in post_urls(area, tree):
        response = client.post(url, data)
        assert response.status_code in (302, 403), url
        if role != "anonymous":
            assert response.status_code == 403, url
    assert snapshot(area) == before


@pytest.mark.parametrize("role", ["manager", "superuser"])
@pytest.mark.parametrize("index", range(20))
def test_managers_can_post(role, index, area, tree, client_as):
    url, data = post_urls(area, tree)[index]
    before = snapshot(area)
    response = client_as(role).post(url, data)
    assert response.status_code == 302, (url, response.status_code)
    assert snapshot(area) != before, url


def test_other_areas_objects_are_404(area, other_area, tree, client_as):
    foreign = {
        "version": ConceptVersionFactory(area=other_area, number=1),
    }
    foreign["field"] = ActionFieldFactory(version=foreign["version"])
    foreign["goal"] = GoalFactory(action_field=foreign["field"])
    foreign["indicator"] = IndicatorFactory(goal=foreign["goal"])
    foreign["value"] = IndicatorValueFactory(indicator=foreign["indicator"])
    foreign["element"] = ContinuationElementFactory(area=other_area)
    client = client_as("manager")
    # The manager's own area in the URL, the other area's object ids.
    for url in write_get_urls(area, foreign)[1:]:
        if url.endswith("/continuation/new/"):
            continue
        assert client.get(url).status_code == 404, url
    assert (
        # ``?version=`` is the version number within the URL's area: none has number 99.
        client.get(f"/areas/{area.slug}/concept/?version=99").status_code == 404
    )
    before = snapshot(other_area)
    for url, data in post_urls(area, foreign):
        if url.endswith(("/versions/new/", "/continuation/new/")):
            continue
        assert client.post(url, data).status_code == 404, url
    assert snapshot(other_area) == before


def test_unknown_area_is_404(client_as, tree):
    assert client_as("superuser").get("/areas/nowhere/concept/").status_code == 404


def test_superseded_version_is_frozen(area, tree, client_as):
    version = tree["version"]
    version.status = "superseded"
    version.save()
    client = client_as("manager")
    response = client.post(
        f"/areas/{area.slug}/concept/fields/{tree['field'].pk}/edit/", {"title": "Neu"}
    )
    assert response.status_code == 403
    assert ActionField.objects.get(pk=tree["field"].pk).title == "Bildung"


def test_reader_sees_no_edit_links(area, tree, client_as):
    html = client_as("reader").get(f"/areas/{area.slug}/concept/").content.decode()
    assert "Lernwerkstatt" in html and "Kita-Plätze" in html
    assert "/edit/" not in html and "start-update" not in html
    html = client_as("manager").get(f"/areas/{area.slug}/concept/").content.decode()
    assert "/edit/" in html and "start-update" in html


def test_dashboard_shows_concept_card(area, tree, client_as):
    html = client_as("reader").get(f"/areas/{area.slug}/dashboard/").content.decode()
    assert f"/areas/{area.slug}/concept/" in html


def test_current_or_adopted_version_cannot_be_deleted(area, tree, client_as):
    client = client_as("manager")
    for version in (tree["version"], tree["candidate"]):
        url = f"/areas/{area.slug}/concept/versions/{version.pk}/delete/"
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert ConceptVersion.objects.filter(area=area).count() == 3


def test_dashboard_card_counts_traffic_lights(area, tree, client_as):
    html = client_as("reader").get(f"/areas/{area.slug}/dashboard/").content.decode()
    assert "Indikatoren dieser Fassung" in html


def test_concept_page_lists_actors_of_fields(area, tree, client_as):
    from actors.models import Actor

    tree["field"].actors.add(
        Actor.objects.create(area=area, name="Bürgerverein Nord", kind="association")
    )
    html = client_as("reader").get(f"/areas/{area.slug}/concept/").content.decode()
    assert "Bürgerverein Nord" in html


def test_earlier_version_shows_measures_as_they_were(area, manager, client_as):
    from measures import services

    old = ConceptVersionFactory(area=area, number=1, status="adopted", is_current=True)
    goal = GoalFactory(action_field=ActionFieldFactory(version=old))
    measure = MeasureFactory(area=area, title="Lernwerkstatt", status="planned")
    measure.goals.add(goal)
    services.start_update(version=old, user=manager)
    measure.title = "Lernwerkstatt Plus"
    measure.status = "running"
    measure.save()
    client = client_as("reader")
    # While version 1 is current it is the live concept: measures as they are now.
    html = client.get(f"/areas/{area.slug}/concept/?version={old.number}").content.decode()
    assert ">Lernwerkstatt Plus</a>" in html
    new = ConceptVersion.objects.get(area=area, number=2)
    services.make_current(version=new, user=manager)
    html = client.get(f"/areas/{area.slug}/concept/?version={old.number}").content.decode()
    assert ">Lernwerkstatt</a>" in html and "Lernwerkstatt Plus" not in html
    assert "geplant" in html
    html = client.get(f"/areas/{area.slug}/concept/?version={new.number}").content.decode()
    assert ">Lernwerkstatt Plus</a>" in html
