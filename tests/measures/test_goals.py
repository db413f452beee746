"""Bad input on the concept forms: German errors, typed values kept, nothing stored."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from measures.models import ConceptVersion, Goal, Indicator
from tests.factories import (
    ActionFieldFactory,
    ConceptVersionFactory,
    GoalFactory,
    IndicatorFactory,
)


@pytest.fixture
def version(area):
    return ConceptVersionFactory(
        area=area,
        number=1,
        status="adopted",
        is_current=True,
        as_of=datetime.date(2024, 12, 1),
        council_decision_on=datetime.date(2025, 1, 15),
    )


@pytest.fixture
def field(version):
    return ActionFieldFactory(version=version, title="Bildung")


def test_parent_goal_of_another_version_is_a_form_error(area, version, field, client_as):
    other_version = ConceptVersionFactory(area=area, number=2, status="draft")
    foreign_goal = GoalFactory(action_field=ActionFieldFactory(version=other_version))
    response = client_as("manager").post(
        f"/areas/{area.slug}/concept/fields/{field.pk}/goals/new/",
        {"action_field": field.pk, "parent": foreign_goal.pk, "title": "Mein Ziel", "order": 0},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wählen Sie ein Ziel derselben Konzeptfassung" in html
    assert 'value="Mein Ziel"' in html
    assert not Goal.objects.filter(title="Mein Ziel").exists()


def test_parent_goal_of_another_area_is_a_form_error(area, other_area, field, client_as):
    foreign = GoalFactory(
        action_field=ActionFieldFactory(version=ConceptVersionFactory(area=other_area))
    )
    response = client_as("manager").post(
        f"/areas/{area.slug}/concept/fields/{field.pk}/goals/new/",
        {"action_field": field.pk, "parent": foreign.pk, "title": "Mein Ziel", "order": 0},
    )
    assert response.status_code == 200
    assert "Wählen Sie ein Ziel derselben Konzeptfassung" in response.content.decode()
    assert not Goal.objects.filter(title="Mein Ziel").exists()


def test_field_of_action_of_another_area_is_a_form_error(area, other_area, field, client_as):
    foreign_field = ActionFieldFactory(version=ConceptVersionFactory(area=other_area))
    response = client_as("manager").post(
        f"/areas/{area.slug}/concept/fields/{field.pk}/goals/new/",
        {"action_field": foreign_field.pk, "title": "Mein Ziel", "order": 0},
    )
    assert response.status_code == 200
    assert not Goal.objects.filter(title="Mein Ziel").exists()


def test_goal_cannot_be_parent_of_its_parent(field):
    parent = GoalFactory(action_field=field)
    child = GoalFactory(action_field=field, parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError) as info:
        parent.full_clean()
    assert "parent" in info.value.message_dict


def test_subgoal_in_same_version_is_accepted(area, field, client_as):
    parent = GoalFactory(action_field=field, title="Oberziel")
    response = client_as("manager").post(
        f"/areas/{area.slug}/concept/fields/{field.pk}/goals/new/",
        {"action_field": field.pk, "parent": parent.pk, "title": "Unterziel", "order": 1},
    )
    assert response.status_code == 302
    assert Goal.objects.get(title="Unterziel").parent == parent


def test_indicator_target_before_baseline_is_a_form_error(area, field, client_as):
    goal = GoalFactory(action_field=field)
    response = client_as("manager").post(
        f"/areas/{area.slug}/concept/goals/{goal.pk}/indicators/new/",
        {
            "name": "Kita-Plätze",
            "unit": "Plätze",
            "baseline_value": "100",
            "baseline_on": "2025-01-01",
            "target_value": "150",
            "target_on": "2024-01-01",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Das Zieldatum darf nicht vor dem Datum des Ausgangswerts liegen" in html
    assert 'value="Kita-Plätze"' in html
    assert not Indicator.objects.exists()


def test_measured_value_before_baseline_is_a_form_error(area, field, client_as):
    indicator = IndicatorFactory(goal=GoalFactory(action_field=field))
    response = client_as("manager").post(
        f"/areas/{area.slug}/concept/indicators/{indicator.pk}/values/new/",
        {"measured_on": "2000-01-01", "value": "17", "note": "alt"},
    )
    assert response.status_code == 200
    assert 'value="17"' in response.content.decode()
    assert not indicator.values.exists()


def test_measured_value_can_be_corrected_and_bad_input_keeps_it(area, field, client_as):
    from tests.factories import IndicatorValueFactory

    indicator = IndicatorFactory(goal=GoalFactory(action_field=field))
    value = IndicatorValueFactory(indicator=indicator, measured_on=indicator.baseline_on, value=5)
    url = f"/areas/{area.slug}/concept/values/{value.pk}/edit/"
    client = client_as("manager")
    response = client.post(url, {"measured_on": "2000-01-01", "value": "17", "note": ""})
    assert response.status_code == 200
    assert 'value="17"' in response.content.decode()
    value.refresh_from_db()
    assert value.value == 5
    response = client.post(
        url, {"measured_on": indicator.baseline_on.isoformat(), "value": "7.5", "note": "korr."}
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert (value.value, value.note) == (Decimal("7.50"), "korr.")


def test_duplicate_current_version_is_a_form_error(area, version, client_as):
    response = client_as("manager").post(
        f"/areas/{area.slug}/concept/versions/new/",
        {"status": "draft", "as_of": "2026-02-01", "is_current": "on", "vision": "Neues Leitbild"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ist bereits die aktuelle Fassung" in html
    assert "Neues Leitbild" in html
    assert ConceptVersion.objects.filter(area=area).count() == 1


def test_unchecking_the_current_version_is_a_form_error(area, version, client_as):
    response = client_as("manager").post(
        f"/areas/{area.slug}/concept/versions/{version.pk}/edit/",
        {"status": "adopted", "as_of": "2024-12-01", "council_decision_on": "2025-01-15"},
    )
    assert response.status_code == 200
    version.refresh_from_db()
    assert version.is_current


def test_council_decision_before_as_of_is_a_form_error(area, version, client_as):
    response = client_as("manager").post(
        f"/areas/{area.slug}/concept/versions/new/",
        {"status": "adopted", "as_of": "2026-02-01", "council_decision_on": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "Ratsbeschluss" in response.content.decode()
    assert ConceptVersion.objects.filter(area=area).count() == 1


def test_new_version_gets_next_number(area, version, client_as):
    response = client_as("manager").post(
        f"/areas/{area.slug}/concept/versions/new/", {"status": "draft", "as_of": "2026-02-01"}
    )
    assert response.status_code == 302
    new = ConceptVersion.objects.get(area=area, number=2)
    assert (new.kind, new.predecessor, new.is_current) == ("update", version, False)


def test_start_update_twice_shows_message(area, version, client_as):
    client = client_as("manager")
    url = f"/areas/{area.slug}/concept/versions/{version.pk}/start-update/"
    assert client.post(url).status_code == 302
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert ConceptVersion.objects.filter(area=area).count() == 2


def test_move_field_with_htmx_returns_list(area, version, client_as):
    first = ActionFieldFactory(version=version, title="Erstes", order=0)
    ActionFieldFactory(version=version, title="Zweites", order=1)
    response = client_as("manager").post(
        f"/areas/{area.slug}/concept/fields/{first.pk}/move/",
        {"direction": "down"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Zweites") < html.index("Erstes")
    assert "<html" not in html


def test_move_field_without_js_redirects(area, version, client_as):
    first = ActionFieldFactory(version=version, title="Erstes", order=0)
    ActionFieldFactory(version=version, title="Zweites", order=1)
    response = client_as("manager").post(
        f"/areas/{area.slug}/concept/fields/{first.pk}/move/", {"direction": "down"}
    )
    assert response.status_code == 302
    assert [f.title for f in version.action_fields.order_by("order")] == ["Zweites", "Erstes"]


def test_continuation_actor_of_another_area_is_a_form_error(area, other_area, client_as):
    from actors.models import Actor

    foreign = Actor.objects.create(area=other_area, name="Fremder Verein", kind="association")
    response = client_as("manager").post(
        f"/areas/{area.slug}/continuation/new/",
        {"kind": "place", "title": "Treffpunkt", "state": "idea", "responsible_actor": foreign.pk},
    )
    assert response.status_code == 200
    assert 'value="Treffpunkt"' in response.content.decode()
    assert not area.continuation_elements.exists()


def test_negative_continuation_amount_is_a_form_error(area, client_as):
    response = client_as("manager").post(
        f"/areas/{area.slug}/continuation/new/",
        {"kind": "fund", "title": "Fonds", "state": "idea", "annual_amount": "-5"},
    )
    assert response.status_code == 200
    assert not area.continuation_elements.exists()
