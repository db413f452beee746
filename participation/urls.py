"""URLs of the participation app, mounted by ihk/urls.py under /areas/<area_slug>/."""

from django.urls import path  # noqa: F401

from .views import contributions as contribution_views
from .views import moderation as moderation_views

app_name = "participation"

urlpatterns = [
    # --- events, attendance, results, iCalendar, participation overview
    # --- comments, ideas, moderation, data protection
    path(
        "comments/<str:kind>/<int:pk>/",
        contribution_views.CommentCreateView.as_view(),
        name="comment_create",
    ),
    path(
        "comments/<int:pk>/reply/",
        contribution_views.CommentReplyView.as_view(),
        name="comment_reply",
    ),
    path(
        "comments/<int:pk>/report/",
        contribution_views.CommentReportView.as_view(),
        name="comment_report",
    ),
    path("ideas/", contribution_views.IdeaListView.as_view(), name="idea_list"),
    path("ideas/new/", contribution_views.IdeaCreateView.as_view(), name="idea_create"),
    path("ideas/<int:pk>/", contribution_views.IdeaDetailView.as_view(), name="idea_detail"),
    path("moderation/", moderation_views.ModerationQueueView.as_view(), name="moderation"),
    path(
        "moderation/comments/<int:pk>/",
        moderation_views.CommentModerationView.as_view(),
        name="moderation_comment",
    ),
    path(
        "moderation/ideas/<int:pk>/",
        moderation_views.IdeaModerationView.as_view(),
        name="moderation_idea",
    ),
    path("privacy/", moderation_views.PrivacyRequestView.as_view(), name="privacy"),
]
