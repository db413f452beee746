"""URLs of the actors app, mounted by ihk/urls.py under /areas/<area_slug>/."""

from django.urls import path

from . import import_views, public_views
from .views import committees, contacts, register, stakeholder_map

app_name = "actors"

urlpatterns = [
    # Public (residents): /areas/<slug>/actors/ is the internal register, so the public list of
    # participants has its own address.
    path("participants/", public_views.PublicActorListView.as_view(), name="public_list"),
    path("actors/", register.ActorListView.as_view(), name="actor_list"),
    path("actors/new/", register.ActorCreateView.as_view(), name="actor_create"),
    path("actors/map/", stakeholder_map.StakeholderMapView.as_view(), name="stakeholder_map"),
    path("actors/import/", import_views.ImportView.as_view(), name="actor_import"),
    path("actors/import/<int:pk>/", import_views.ImportJobView.as_view(), name="import_job"),
    path(
        "actors/import/<int:pk>/retry/",
        import_views.ImportRetryView.as_view(),
        name="import_retry",
    ),
    path("actors/export.<str:fmt>", import_views.ExportView.as_view(), name="actor_export"),
    path("actors/<int:pk>/", register.ActorDetailView.as_view(), name="actor_detail"),
    path("actors/<int:pk>/edit/", register.ActorUpdateView.as_view(), name="actor_update"),
    path(
        "actors/<int:actor_pk>/contacts/new/",
        contacts.ContactCreateView.as_view(),
        name="contact_create",
    ),
    path(
        "actors/<int:actor_pk>/contacts/<int:pk>/edit/",
        contacts.ContactUpdateView.as_view(),
        name="contact_update",
    ),
    path(
        "actors/<int:actor_pk>/contacts/<int:pk>/delete/",
        contacts.ContactDeleteView.as_view(),
        name="contact_delete",
    ),
    path("actors/committees/", committees.CommitteeListView.as_view(), name="committee_list"),
    path(
        "actors/committees/new/", committees.CommitteeCreateView.as_view(), name="committee_create"
    ),
    path(
        "actors/committees/<int:pk>/",
        committees.CommitteeDetailView.as_view(),
        name="committee_detail",
    ),
    path(
        "actors/committees/<int:pk>/edit/",
        committees.CommitteeUpdateView.as_view(),
        name="committee_update",
    ),
    path(
        "actors/committees/<int:committee_pk>/members/new/",
        committees.MembershipCreateView.as_view(),
        name="membership_create",
    ),
    path(
        "actors/committees/<int:committee_pk>/members/<int:pk>/edit/",
        committees.MembershipUpdateView.as_view(),
        name="membership_update",
    ),
    path(
        "actors/committees/<int:committee_pk>/members/<int:pk>/delete/",
        committees.MembershipDeleteView.as_view(),
        name="membership_delete",
    ),
]
