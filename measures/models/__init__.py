"""The planning and implementation concept: versions, fields of action, goals, indicators,
measures with milestones and financing rows, and the area's continuation elements.

A ``Measure`` belongs to the area and keeps its identity (and URL) across versions; a version
says which measures it contains through the measure links of its fields of action and goals.
Starting a Fortschreibung copies fields of action, goals and indicators (each copy points to its
``origin``) and re-creates the measure links on the copies. Import models from here:
``from measures.models import Measure``.
"""

from .continuation import ContinuationElement, ContinuationElementQuerySet, ContinuationKind
from .financing import ACTOR_SOURCES, FinancingRow, FinancingSource, FinancingState
from .indicators import Indicator, IndicatorQuerySet, IndicatorValue, IndicatorValueQuerySet
from .measure import (
    ContinuationState,
    FundingItem,
    Measure,
    MeasureQuerySet,
    MeasureStatus,
    Milestone,
    Priority,
)
from .structure import ActionField, ActionFieldQuerySet, Goal, GoalQuerySet
from .versions import ConceptVersion, ConceptVersionQuerySet, VersionKind, VersionStatus

__all__ = [
    "ACTOR_SOURCES",
    "ActionField",
    "ActionFieldQuerySet",
    "ConceptVersion",
    "ConceptVersionQuerySet",
    "ContinuationElement",
    "ContinuationElementQuerySet",
    "ContinuationKind",
    "ContinuationState",
    "FinancingRow",
    "FinancingSource",
    "FinancingState",
    "FundingItem",
    "Goal",
    "GoalQuerySet",
    "Indicator",
    "IndicatorQuerySet",
    "IndicatorValue",
    "IndicatorValueQuerySet",
    "Measure",
    "MeasureQuerySet",
    "MeasureStatus",
    "Milestone",
    "Priority",
    "VersionKind",
    "VersionStatus",
]
