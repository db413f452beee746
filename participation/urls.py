"""URLs of the participation app, mounted by ihk/urls.py under /areas/<area_slug>/."""

from django.urls import path  # noqa: F401

from .views import contributions as contribution_views
from .views import events as event_views
from .views import maps as map_views
from .views import meeting_items as meeting_item_views
from .views import meetings as meeting_views
from .views import moderation as moderation_views
from .views import open_data as open_data_views
from .views import overview as overview_views
from .views import registrations as registration_views
from .views import subscriptions as subscription_views

app_name = "participation"

urlpatterns = [
    # --- events, attendance, results, iCalendar, participation overview
    path("events/", event_views.EventPublicListView.as_view(), name="event_public_list"),
    path("events.ics", event_views.EventFeedView.as_view(), name="event_feed"),
    path("events/<int:pk>/", event_views.EventPublicView.as_view(), name="event_public"),
    path("events/<int:pk>.ics", event_views.EventIcsView.as_view(), name="event_ics"),
    path("participation/", overview_views.OverviewView.as_view(), name="overview"),
    path("participation/events/", event_views.EventListView.as_view(), name="event_list"),
    path("participation/events/new/", event_views.EventCreateView.as_view(), name="event_create"),
    path(
        "participation/events/result-row/",
        event_views.ResultRowView.as_view(),
        name="event_result_row",
    ),
    path(
        "participation/events/<int:pk>/",
        event_views.EventDetailView.as_view(),
        name="event_detail",
    ),
    path(
        "participation/events/<int:pk>/edit/",
        event_views.EventUpdateView.as_view(),
        name="event_update",
    ),
    path(
        "participation/events/<int:pk>/delete/",
        event_views.EventDeleteView.as_view(),
        name="event_delete",
    ),
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
        "moderation/mode/",
        moderation_views.ModerationModeView.as_view(),
        name="moderation_mode",
    ),
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
    # --- committee meetings: public list and minutes, internal pages (views/meetings.py and
    # views/meeting_items.py)
    path("meetings/", meeting_views.MeetingPublicListView.as_view(), name="meeting_public_list"),
    path(
        "meetings/<int:pk>/minutes.pdf",
        meeting_views.PublicMinutesPdfView.as_view(),
        name="meeting_public_minutes_pdf",
    ),
    path("participation/meetings/", meeting_views.MeetingListView.as_view(), name="meeting_list"),
    path(
        "participation/meetings/new/",
        meeting_views.MeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path(
        "participation/meetings/<int:pk>/",
        meeting_views.MeetingDetailView.as_view(),
        name="meeting_detail",
    ),
    path(
        "participation/meetings/<int:pk>/edit/",
        meeting_views.MeetingUpdateView.as_view(),
        name="meeting_update",
    ),
    path(
        "participation/meetings/<int:pk>/minutes/",
        meeting_views.MinutesUpdateView.as_view(),
        name="meeting_minutes",
    ),
    path(
        "participation/meetings/<int:pk>/minutes.pdf",
        meeting_views.MinutesPdfView.as_view(),
        name="meeting_minutes_pdf",
    ),
    path(
        "participation/meetings/<int:pk>/delete/",
        meeting_views.MeetingDeleteView.as_view(),
        name="meeting_delete",
    ),
    path(
        "participation/meetings/<int:pk>/invite/",
        meeting_views.MeetingInviteView.as_view(),
        name="meeting_invite",
    ),
    path(
        "participation/meetings/<int:pk>/attendance/",
        meeting_item_views.AttendanceView.as_view(),
        name="meeting_attendance",
    ),
    path(
        "participation/meetings/<int:pk>/items/new/",
        meeting_item_views.AgendaItemCreateView.as_view(),
        name="agenda_item_create",
    ),
    path(
        "participation/meetings/<int:pk>/items/<int:item_pk>/edit/",
        meeting_item_views.AgendaItemUpdateView.as_view(),
        name="agenda_item_update",
    ),
    path(
        "participation/meetings/<int:pk>/items/<int:item_pk>/move/",
        meeting_item_views.AgendaItemMoveView.as_view(),
        name="agenda_item_move",
    ),
    path(
        "participation/meetings/<int:pk>/items/<int:item_pk>/delete/",
        meeting_item_views.AgendaItemDeleteView.as_view(),
        name="agenda_item_delete",
    ),
    path(
        "participation/meetings/<int:pk>/items/<int:item_pk>/decision/",
        meeting_item_views.DecisionView.as_view(),
        name="decision_edit",
    ),
    path(
        "participation/meetings/<int:pk>/tasks/new/",
        meeting_item_views.TaskCreateView.as_view(),
        name="task_create",
    ),
    path(
        "participation/meetings/<int:pk>/tasks/<int:task_pk>/edit/",
        meeting_item_views.TaskUpdateView.as_view(),
        name="task_update",
    ),
    path(
        "participation/meetings/<int:pk>/tasks/<int:task_pk>/done/",
        meeting_item_views.TaskDoneView.as_view(),
        name="task_done",
    ),
    # --- following by e-mail (subscriptions) and event registration
    path("follow/", subscription_views.SubscribeView.as_view(), name="subscribe"),
    path(
        "follow/measure/<int:measure_pk>/",
        subscription_views.SubscribeView.as_view(),
        name="subscribe_measure",
    ),
    path(
        "follow/sent/", subscription_views.SubscriptionSentView.as_view(), name="subscription_sent"
    ),
    path(
        "follow/confirm/<str:token>/",
        subscription_views.SubscriptionConfirmView.as_view(),
        name="subscription_confirm",
    ),
    path(
        "follow/settings/<str:token>/",
        subscription_views.SubscriptionManageView.as_view(),
        name="subscription_manage",
    ),
    path(
        "follow/unsubscribe/<str:token>/",
        subscription_views.SubscriptionUnsubscribeView.as_view(),
        name="subscription_unsubscribe",
    ),
    path(
        "participation/subscriptions/",
        subscription_views.SubscriptionOverviewView.as_view(),
        name="subscription_overview",
    ),
    path(
        "events/<int:pk>/register/",
        registration_views.RegisterView.as_view(),
        name="registration_create",
    ),
    path(
        "events/<int:pk>/register/sent/",
        registration_views.RegistrationDoneView.as_view(),
        name="registration_done",
    ),
    path(
        "events/registration/<str:token>/cancel/",
        registration_views.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
    path(
        "participation/events/<int:pk>/registrations/",
        registration_views.RegistrationListView.as_view(),
        name="registration_list",
    ),
    path(
        "participation/events/<int:pk>/registrations.<str:fmt>",
        registration_views.RegistrationExportView.as_view(),
        name="registration_export",
    ),
    path(
        "participation/events/<int:pk>/registrations/settings/",
        registration_views.RegistrationSettingsView.as_view(),
        name="registration_settings",
    ),
    path(
        "participation/events/<int:pk>/registrations/attendance/",
        registration_views.AttendanceView.as_view(),
        name="registration_attendance",
    ),
    path(
        "participation/events/<int:pk>/registrations/head-count/",
        registration_views.HeadCountTransferView.as_view(),
        name="registration_head_count",
    ),
]

# --- the area map (participation/maps.py)
urlpatterns += [
    path("map/", map_views.AreaMapView.as_view(), name="area_map"),
]

# --- open data (participation/open_data.py)
urlpatterns += [
    path("open-data/", open_data_views.OpenDataView.as_view(), name="open_data"),
    path(
        "open-data/<slug:dataset>.<str:fmt>",
        open_data_views.OpenDataFileView.as_view(),
        name="open_data_file",
    ),
]
