"""URLs of the measures app, mounted by ihk/urls.py under /areas/<area_slug>/."""

from django.urls import path  # noqa: F401

app_name = "measures"

urlpatterns = [
    # --- concept structure: versions, comparison, fields of action, goals, indicators,
    #     continuation elements
    # --- measures, milestones, financing, KuF, timeline, public concept and measure pages
]
