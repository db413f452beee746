"""URLs of the actors app, mounted by ihk/urls.py under /areas/<area_slug>/."""

from django.urls import path  # noqa: F401

app_name = "actors"

urlpatterns = []
