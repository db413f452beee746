"""Django admin for participation: events with attendance, head counts and results inline.

Comments, ideas and reports of comments are registered by the contributions section below.
"""

from django.contrib import admin

from .models import (
    AgendaItem,
    Attendance,
    Comment,
    CommentReport,
    Event,
    EventResult,
    FollowUpTask,
    HeadCount,
    Idea,
    Meeting,
)


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["actor"]


class HeadCountInline(admin.TabularInline):
    model = HeadCount
    extra = 0


class EventResultInline(admin.StackedInline):
    model = EventResult
    extra = 0
    raw_id_fields = ["measure", "goal"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "format", "starts_at", "is_public"]
    list_filter = ["area", "format", "is_public"]
    search_fields = ["title", "place", "description"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["version"]
    inlines = [AttendanceInline, HeadCountInline, EventResultInline]
    list_select_related = ["area"]


@admin.register(EventResult)
class EventResultAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "measure", "goal", "outcome"]
    list_filter = ["outcome", "event__area"]
    search_fields = ["text", "reason"]
    raw_id_fields = ["event", "measure", "goal"]
    list_select_related = ["event", "measure", "goal"]


# --- comments, ideas, reports of comments (contributions)


class CommentReportInline(admin.TabularInline):
    model = CommentReport
    extra = 0
    readonly_fields = ["reason", "created_at"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Day-to-day moderation happens in the area's moderation queue; this is for administrators."""

    list_display = ["__str__", "area", "moderation", "created_at", "answered_at"]
    list_filter = ["area", "moderation"]
    search_fields = ["text", "pseudonym", "email"]
    date_hierarchy = "created_at"
    raw_id_fields = ["version", "measure", "event", "idea", "parent", "answered_by"]
    readonly_fields = ["created_at", "published_at", "answer_notified_at", "digest_sent_at"]
    inlines = [CommentReportInline]
    list_select_related = ["area"]


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "status", "moderation", "created_at"]
    list_filter = ["area", "status", "moderation"]
    search_fields = ["title", "description", "contact_name", "contact_email"]
    raw_id_fields = ["action_field", "measure"]
    readonly_fields = ["created_at", "digest_sent_at"]
    list_select_related = ["area"]


@admin.register(CommentReport)
class CommentReportAdmin(admin.ModelAdmin):
    list_display = ["comment", "reason", "created_at", "resolved_at"]
    list_filter = ["comment__area"]
    raw_id_fields = ["comment"]
    list_select_related = ["comment"]


# --- committee meetings ---------------------------------------------------------------------


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "is_public", "subject_label", "subject_key"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "starts_at", "status", "is_public", "area"]
    list_filter = ["status", "area"]
    search_fields = ["title", "committee__name"]
    list_select_related = ["committee", "area"]
    raw_id_fields = ["committee"]
    inlines = [AgendaItemInline]


@admin.register(FollowUpTask)
class FollowUpTaskAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "due_on", "done"]
    list_filter = ["done"]
    list_select_related = ["meeting"]
    raw_id_fields = ["meeting", "agenda_item", "owner_user"]


# --- subscriptions and event registrations (participation.models.subscriptions/registrations)

from .models import Notice, Registration, RegistrationSettings, Subscription  # noqa: E402


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "area", "measure", "rhythm", "confirmed_at", "created_at"]
    list_filter = ["area", "rhythm"]
    search_fields = ["email"]
    raw_id_fields = ["measure"]
    list_select_related = ["area", "measure"]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "area", "created_at"]
    list_filter = ["area", "topic"]
    raw_id_fields = ["measure"]
    list_select_related = ["area"]


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(admin.ModelAdmin):
    list_display = ["event", "enabled", "capacity", "waiting_list"]
    raw_id_fields = ["event"]
    list_select_related = ["event"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email"]
    raw_id_fields = ["event"]
    list_select_related = ["event"]
