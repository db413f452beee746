"""URLs of the participation app, mounted by ihk/urls.py under /areas/<area_slug>/."""

from django.urls import path  # noqa: F401

app_name = "participation"

urlpatterns = [
    # --- events, attendance, results, iCalendar, participation overview
    # --- comments, ideas, moderation, data protection
]
