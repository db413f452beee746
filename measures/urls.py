"""URLs of the measures app, mounted by ihk/urls.py under /areas/<area_slug>/."""

from django.urls import path  # noqa: F401

from .views import concept, kuf, measure, public

app_name = "measures"

urlpatterns = [
    # --- concept structure: versions, comparison, fields of action, goals, indicators,
    #     continuation elements
    path("concept/", concept.ConceptView.as_view(), name="concept"),
    path("concept/versions/", concept.VersionListView.as_view(), name="version_list"),
    path("concept/versions/new/", concept.VersionCreateView.as_view(), name="version_create"),
    path(
        "concept/versions/<int:pk>/edit/",
        concept.VersionUpdateView.as_view(),
        name="version_update",
    ),
    path(
        "concept/versions/<int:pk>/make-current/",
        concept.VersionMakeCurrentView.as_view(),
        name="version_make_current",
    ),
    path(
        "concept/versions/<int:pk>/start-update/",
        concept.VersionStartUpdateView.as_view(),
        name="version_start_update",
    ),
    path(
        "concept/versions/<int:pk>/delete/",
        concept.VersionDeleteView.as_view(),
        name="version_delete",
    ),
    path("concept/compare/", concept.VersionCompareView.as_view(), name="version_compare"),
    path(
        "concept/versions/<int:version_pk>/fields/new/",
        concept.ActionFieldCreateView.as_view(),
        name="actionfield_create",
    ),
    path(
        "concept/fields/<int:pk>/edit/",
        concept.ActionFieldUpdateView.as_view(),
        name="actionfield_update",
    ),
    path(
        "concept/fields/<int:pk>/move/",
        concept.ActionFieldMoveView.as_view(),
        name="actionfield_move",
    ),
    path(
        "concept/fields/<int:pk>/delete/",
        concept.ActionFieldDeleteView.as_view(),
        name="actionfield_delete",
    ),
    path(
        "concept/fields/<int:field_pk>/goals/new/",
        concept.GoalCreateView.as_view(),
        name="goal_create",
    ),
    path("concept/goals/<int:pk>/edit/", concept.GoalUpdateView.as_view(), name="goal_update"),
    path("concept/goals/<int:pk>/delete/", concept.GoalDeleteView.as_view(), name="goal_delete"),
    path(
        "concept/goals/<int:goal_pk>/indicators/new/",
        concept.IndicatorCreateView.as_view(),
        name="indicator_create",
    ),
    path(
        "concept/indicators/<int:pk>/",
        concept.IndicatorDetailView.as_view(),
        name="indicator_detail",
    ),
    path(
        "concept/indicators/<int:pk>/edit/",
        concept.IndicatorUpdateView.as_view(),
        name="indicator_update",
    ),
    path(
        "concept/indicators/<int:pk>/delete/",
        concept.IndicatorDeleteView.as_view(),
        name="indicator_delete",
    ),
    path(
        "concept/indicators/<int:pk>/values/new/",
        concept.IndicatorValueCreateView.as_view(),
        name="indicatorvalue_create",
    ),
    path(
        "concept/values/<int:pk>/edit/",
        concept.IndicatorValueUpdateView.as_view(),
        name="indicatorvalue_update",
    ),
    path(
        "concept/values/<int:pk>/delete/",
        concept.IndicatorValueDeleteView.as_view(),
        name="indicatorvalue_delete",
    ),
    path("continuation/", concept.ContinuationOverviewView.as_view(), name="continuation"),
    path(
        "continuation/new/",
        concept.ContinuationElementCreateView.as_view(),
        name="continuation_create",
    ),
    path(
        "continuation/<int:pk>/edit/",
        concept.ContinuationElementUpdateView.as_view(),
        name="continuation_update",
    ),
    path(
        "continuation/<int:pk>/delete/",
        concept.ContinuationElementDeleteView.as_view(),
        name="continuation_delete",
    ),
    # --- measures, milestones, financing, KuF, timeline, public concept and measure pages
    path("measures/", measure.MeasureListView.as_view(), name="measure_list"),
    path("measures/new/", measure.MeasureEditView.as_view(), name="measure_create"),
    path("measures/rows/<str:kind>/", measure.MeasureRowView.as_view(), name="measure_row"),
    path("measures/<int:pk>/", public.PublicMeasureView.as_view(), name="measure_public"),
    path("measures/all/", public.PublicMeasureListView.as_view(), name="measure_public_list"),
    path("measures/all/timeline/", public.PublicTimelineView.as_view(), name="timeline_public"),
    path("measures/<int:pk>/internal/", measure.MeasureDetailView.as_view(), name="measure_detail"),
    path("measures/<int:pk>/edit/", measure.MeasureEditView.as_view(), name="measure_update"),
    path(
        "measures/<int:pk>/milestones/<int:milestone_pk>/toggle/",
        measure.MilestoneToggleView.as_view(),
        name="milestone_toggle",
    ),
    path("kuf/", kuf.KufView.as_view(), name="kuf"),
    path("kuf.xlsx", kuf.KufXlsxView.as_view(), name="kuf_xlsx"),
    path("kuf.csv", kuf.KufCsvView.as_view(), name="kuf_csv"),
    path("timeline/", kuf.TimelineView.as_view(), name="timeline"),
]
