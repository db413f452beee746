"""Issue 11, item 7: a measure's history tells only what happened to it."""

from measures import services
from measures.history import measure_history
from tests.factories import ActionFieldFactory, ConceptVersionFactory, GoalFactory, MeasureFactory


def test_new_measure_history_has_no_goal_created_from_before(area):
    version = ConceptVersionFactory(area=area, number=1, is_current=True)
    goal = GoalFactory(action_field=ActionFieldFactory(version=version), title="Mehr Grün")
    measure = MeasureFactory(area=area, title="Hofgarten")
    measure.goals.add(goal)
    subjects = [change.subject for change in measure_history(measure)]
    assert not any("Mehr Grün" in subject for subject in subjects), subjects
    goal.title = "Mehr Grün im Quartier"
    goal.save()  # a later change of its goal is still told
    assert any("Mehr Grün" in c.subject for c in measure_history(measure))


def test_first_edit_after_fortschreibung_does_not_add_the_copied_fields(area):
    version = ConceptVersionFactory(area=area, number=1, is_current=True, status="adopted")
    field = ActionFieldFactory(version=version, title="Wohnen")
    goal = GoalFactory(action_field=field, title="Wohnumfeld")
    measure = MeasureFactory(area=area, title="Platz", progress=0)
    measure.action_fields.add(field)
    measure.goals.add(goal)
    draft = services.start_update(version=version)
    measure.progress = 30
    measure.save()
    edit = measure_history(measure)[0]
    labels = [label for label, _old, _new in edit.fields]
    assert labels == ["Fortschritt (%)"], edit.fields
    # A field of action the user really adds in the draft is still told.
    extra = ActionFieldFactory(version=draft, title="Bildung")
    measure.action_fields.add(extra)
    added = measure_history(measure)[0]
    assert any("Bildung (Fassung 2)" in new for _label, _old, new in added.fields), added.fields
