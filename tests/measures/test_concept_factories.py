from tests.factories import (
    ContinuationElementFactory,
    FinancingRowFactory,
    IndicatorValueFactory,
    MilestoneFactory,
)


def test_factories_build_a_consistent_tree(db):
    value = IndicatorValueFactory()
    assert value.indicator.goal.action_field.version.area_id
    row = FinancingRowFactory()
    MilestoneFactory(measure=row.measure)
    assert row.measure.milestones.count() == 1
    assert ContinuationElementFactory().area_id
