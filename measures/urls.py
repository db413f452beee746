"""URLs of the measures app, mounted by ihk/urls.py under /areas/<area_slug>/."""

from django.urls import path  # noqa: F401

from .views import (
    concept,
    continuation,
    deadlines,
    funding,
    indicators,
    kuf,
    measure,
    public,
    structure,
    versions,
)

app_name = "measures"

urlpatterns = [
    # --- concept structure: versions, comparison, fields of action, goals, indicators,
    #     continuation elements
    path("concept/", concept.ConceptView.as_view(), name="concept"),
    path("concept/versions/", versions.VersionListView.as_view(), name="version_list"),
    path("concept/versions/new/", versions.VersionCreateView.as_view(), name="version_create"),
    path(
        "concept/versions/<int:pk>/edit/",
        versions.VersionUpdateView.as_view(),
        name="version_update",
    ),
    path(
        "concept/versions/<int:pk>/make-current/",
        versions.VersionMakeCurrentView.as_view(),
        name="version_make_current",
    ),
    path(
        "concept/versions/<int:pk>/start-update/",
        versions.VersionStartUpdateView.as_view(),
        name="version_start_update",
    ),
    path(
        "concept/versions/<int:pk>/delete/",
        versions.VersionDeleteView.as_view(),
        name="version_delete",
    ),
    path("concept/compare/", versions.VersionCompareView.as_view(), name="version_compare"),
    path(
        "concept/versions/<int:version_pk>/fields/new/",
        structure.ActionFieldCreateView.as_view(),
        name="actionfield_create",
    ),
    path(
        "concept/fields/<int:pk>/edit/",
        structure.ActionFieldUpdateView.as_view(),
        name="actionfield_update",
    ),
    path(
        "concept/fields/<int:pk>/move/",
        structure.ActionFieldMoveView.as_view(),
        name="actionfield_move",
    ),
    path(
        "concept/fields/<int:pk>/delete/",
        structure.ActionFieldDeleteView.as_view(),
        name="actionfield_delete",
    ),
    path(
        "concept/fields/<int:field_pk>/goals/new/",
        structure.GoalCreateView.as_view(),
        name="goal_create",
    ),
    path("concept/goals/<int:pk>/edit/", structure.GoalUpdateView.as_view(), name="goal_update"),
    path("concept/goals/<int:pk>/delete/", structure.GoalDeleteView.as_view(), name="goal_delete"),
    path(
        "concept/goals/<int:goal_pk>/indicators/new/",
        indicators.IndicatorCreateView.as_view(),
        name="indicator_create",
    ),
    path(
        "concept/indicators/<int:pk>/",
        indicators.IndicatorDetailView.as_view(),
        name="indicator_detail",
    ),
    path(
        "concept/indicators/<int:pk>/edit/",
        indicators.IndicatorUpdateView.as_view(),
        name="indicator_update",
    ),
    path(
        "concept/indicators/<int:pk>/delete/",
        indicators.IndicatorDeleteView.as_view(),
        name="indicator_delete",
    ),
    path(
        "concept/indicators/<int:pk>/values/new/",
        indicators.IndicatorValueCreateView.as_view(),
        name="indicatorvalue_create",
    ),
    path(
        "concept/values/<int:pk>/edit/",
        indicators.IndicatorValueUpdateView.as_view(),
        name="indicatorvalue_update",
    ),
    path(
        "concept/values/<int:pk>/delete/",
        indicators.IndicatorValueDeleteView.as_view(),
        name="indicatorvalue_delete",
    ),
    path("continuation/", continuation.ContinuationOverviewView.as_view(), name="continuation"),
    path(
        "continuation/new/",
        continuation.ContinuationElementCreateView.as_view(),
        name="continuation_create",
    ),
    path(
        "continuation/<int:pk>/edit/",
        continuation.ContinuationElementUpdateView.as_view(),
        name="continuation_update",
    ),
    path(
        "continuation/<int:pk>/delete/",
        continuation.ContinuationElementDeleteView.as_view(),
        name="continuation_delete",
    ),
    # --- measures, milestones, financing, KuF, timeline, public concept and measure pages
    path("measures/", measure.MeasureListView.as_view(), name="measure_list"),
    path("measures/new/", measure.MeasureCreateView.as_view(), name="measure_create"),
    path("measures/rows/<str:kind>/", measure.MeasureRowView.as_view(), name="measure_row"),
    path("measures/<int:pk>/", public.PublicMeasureView.as_view(), name="measure_public"),
    path("measures/all/", public.PublicMeasureListView.as_view(), name="measure_public_list"),
    path("measures/all/timeline/", public.PublicTimelineView.as_view(), name="timeline_public"),
    path("measures/<int:pk>/internal/", measure.MeasureDetailView.as_view(), name="measure_detail"),
    path("measures/<int:pk>/edit/", measure.MeasureUpdateView.as_view(), name="measure_update"),
    path(
        "measures/<int:pk>/milestones/<int:milestone_pk>/toggle/",
        measure.MilestoneToggleView.as_view(),
        name="milestone_toggle",
    ),
    path("kuf/", kuf.KufView.as_view(), name="kuf"),
    path("kuf.xlsx", kuf.KufXlsxView.as_view(), name="kuf_xlsx"),
    path("kuf.csv", kuf.KufCsvView.as_view(), name="kuf_csv"),
    path("timeline/", kuf.TimelineView.as_view(), name="timeline"),
    # --- funding administration: grant notices, draw-downs, stage amounts, due dates
    path("funding/notices/", funding.NoticeListView.as_view(), name="notice_list"),
    path("funding/notices/new/", funding.NoticeCreateView.as_view(), name="notice_create"),
    path("funding/notices/<int:pk>/", funding.NoticeDetailView.as_view(), name="notice_detail"),
    path(
        "funding/notices/<int:pk>/edit/", funding.NoticeUpdateView.as_view(), name="notice_update"
    ),
    path(
        "funding/notices/<int:pk>/delete/",
        funding.NoticeDeleteView.as_view(),
        name="notice_delete",
    ),
    path(
        "funding/notices/<int:pk>/notice.pdf",
        funding.NoticeDocumentView.as_view(),
        name="notice_document",
    ),
    path(
        "funding/notices/<int:notice_pk>/draw-downs/new/",
        funding.DrawDownFormView.as_view(),
        name="drawdown_create",
    ),
    path(
        "funding/notices/<int:notice_pk>/draw-downs/<int:pk>/edit/",
        funding.DrawDownFormView.as_view(),
        name="drawdown_update",
    ),
    path(
        "funding/notices/<int:notice_pk>/draw-downs/<int:pk>/delete/",
        funding.DrawDownDeleteView.as_view(),
        name="drawdown_delete",
    ),
    path(
        "funding/financing-rows/<int:pk>/stages/",
        funding.FinancingStagesView.as_view(),
        name="financing_stages",
    ),
    path("funding/deadlines/", deadlines.DeadlineListView.as_view(), name="deadline_list"),
    path(
        "funding/deadlines/new/",
        deadlines.AreaDeadlineCreateView.as_view(),
        name="deadline_create",
    ),
    path(
        "funding/deadlines/<int:pk>/edit/",
        deadlines.AreaDeadlineUpdateView.as_view(),
        name="deadline_update",
    ),
    path(
        "funding/deadlines/<int:pk>/delete/",
        deadlines.AreaDeadlineDeleteView.as_view(),
        name="deadline_delete",
    ),
]
