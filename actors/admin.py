"""Admin of the actor register: all areas, for administrators."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Actor, Committee, CommitteeMembership, ContactPerson, ImportJob


class ContactPersonInline(admin.StackedInline):
    model = ContactPerson
    extra = 0


class MembershipInline(admin.TabularInline):
    model = CommitteeMembership
    extra = 0
    autocomplete_fields = ["actor"]


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "area", "status", "is_public", "interest", "influence"]
    list_filter = ["area", "kind", "status", "is_public"]
    search_fields = ["name", "description", "address", "contact_persons__name"]
    list_select_related = ["area"]
    date_hierarchy = "joined_on"
    inlines = [ContactPersonInline]


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ["name", "actor", "role", "email", "consent_on", "consent_method"]
    list_filter = ["actor__area", "consent_method"]
    search_fields = ["name", "email", "actor__name"]
    list_select_related = ["actor"]
    autocomplete_fields = ["actor"]


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "area"]
    list_filter = ["area", "kind"]
    search_fields = ["name", "description"]
    list_select_related = ["area"]
    inlines = [MembershipInline]


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["actor", "committee", "role", "has_vote", "start", "end"]
    list_filter = ["committee__area", "committee", "has_vote"]
    search_fields = ["actor__name", "committee__name", "role"]
    list_select_related = ["actor", "committee"]
    autocomplete_fields = ["actor", "committee"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Background imports, read-only: to see what a stuck or failed import was about."""

    list_display = ["file_name", "area", "state", "progress", "row_count", "created_at"]
    list_filter = ["state", "area"]
    list_select_related = ["area"]
    readonly_fields = [field.name for field in ImportJob._meta.fields]

    def has_add_permission(self, request):
        return False
