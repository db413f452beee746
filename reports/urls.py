"""URLs of the reports app, mounted by ihk/urls.py under /areas/<area_slug>/."""

from django.urls import path

from . import concept_views, views

app_name = "reports"

urlpatterns = [
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/new/", views.ReportCreateView.as_view(), name="report_create"),
    path(
        "reports/current-state/",
        views.CurrentStateRequestView.as_view(),
        name="current_state",
    ),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/edit/", views.ReportUpdateView.as_view(), name="report_edit"),
    path("reports/<int:pk>/preview/", views.ReportPreviewView.as_view(), name="report_preview"),
    path("reports/<int:pk>/status/", views.ReportStatusView.as_view(), name="report_status"),
    path("reports/<int:pk>/issue/", views.ReportIssueView.as_view(), name="report_issue"),
    path("reports/<int:pk>/pdf/", views.ReportDownloadView.as_view(), name="report_pdf"),
    path(
        "reports/continuation/",
        views.ContinuationView.as_view(),
        name="continuation",
    ),
    path(
        "reports/continuation.pdf",
        views.ContinuationPdfView.as_view(),
        name="continuation_pdf",
    ),
    path(
        "concept/<int:version_id>.pdf",
        concept_views.ConceptPdfView.as_view(),
        name="concept_pdf",
    ),
]
