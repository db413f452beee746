"""Django admin of the concept and its measures (all areas; for administrators)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionField,
    AreaDeadline,
    ConceptVersion,
    ContinuationElement,
    DrawDown,
    FinancingRow,
    Goal,
    GrantNotice,
    Indicator,
    IndicatorValue,
    Measure,
    Milestone,
)


class ActionFieldInline(admin.TabularInline):
    model = ActionField
    fields = ["order", "title"]
    extra = 0
    show_change_link = True


@admin.register(ConceptVersion)
class ConceptVersionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "area", "status", "is_current", "as_of", "council_decision_on"]
    list_filter = ["status", "kind", "is_current", "area"]
    search_fields = ["area__name", "vision"]
    date_hierarchy = "as_of"
    raw_id_fields = ["predecessor"]
    readonly_fields = ["created_at"]
    inlines = [ActionFieldInline]
    fieldsets = [
        (None, {"fields": ["area", "number", "kind", "status", "is_current", "predecessor"]}),
        (_("Dates"), {"fields": ["as_of", "council_decision_on", "created_at"]}),
        (
            _("Vision and analysis"),
            {"fields": ["vision", "strengths", "weaknesses", "opportunities", "risks"]},
        ),
    ]


class GoalInline(admin.TabularInline):
    model = Goal
    fk_name = "action_field"
    fields = ["order", "title", "parent"]
    raw_id_fields = ["parent"]
    extra = 0
    show_change_link = True


@admin.register(ActionField)
class ActionFieldAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "order"]
    list_filter = ["version__area", "version"]
    search_fields = ["title", "description"]
    raw_id_fields = ["origin", "actors"]
    inlines = [GoalInline]
    list_select_related = ["version"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["name", "unit", "baseline_value", "baseline_on", "target_value", "target_on"]
    extra = 0
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "action_field", "parent"]
    list_filter = ["action_field__version__area"]
    search_fields = ["title", "description"]
    raw_id_fields = ["action_field", "parent", "origin"]
    inlines = [IndicatorInline]
    list_select_related = ["action_field", "parent"]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "goal", "baseline_value", "target_value", "target_on"]
    list_filter = ["goal__action_field__version__area"]
    search_fields = ["name", "goal__title"]
    raw_id_fields = ["goal", "origin"]
    inlines = [IndicatorValueInline]
    list_select_related = ["goal"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class FinancingRowInline(admin.TabularInline):
    model = FinancingRow
    extra = 0
    raw_id_fields = ["actor", "notice"]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["title", "area", "status", "progress", "priority", "funding_item", "is_public"]
    list_filter = ["area", "status", "priority", "funding_item", "climate_relevant", "is_public"]
    search_fields = ["title", "description", "location"]
    raw_id_fields = [
        "lead_actor",
        "partner_actors",
        "continuation_carrier",
        "action_fields",
        "goals",
    ]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [MilestoneInline, FinancingRowInline]
    list_select_related = ["area"]
    fieldsets = [
        (None, {"fields": ["area", "title", "description", "status", "progress", "is_public"]}),
        (_("Concept"), {"fields": ["action_fields", "goals", "priority", "funding_item"]}),
        (_("Actors"), {"fields": ["lead_actor", "partner_actors"]}),
        (
            _("Place and time"),
            {
                "fields": [
                    "location",
                    "latitude",
                    "longitude",
                    "planned_start",
                    "planned_end",
                    "actual_start",
                    "actual_end",
                    "climate_relevant",
                ]
            },
        ),
        (
            _("Continuation"),
            {
                "fields": [
                    "continuation_carrier",
                    "continuation_financing",
                    "continuation_from",
                    "continuation_state",
                ]
            },
        ),
        (_("Internal"), {"fields": ["internal_notes", "created_at", "updated_at"]}),
    ]


@admin.register(FinancingRow)
class FinancingRowAdmin(SimpleHistoryAdmin):
    list_display = ["measure", "year", "source", "state", "amount", "actor", "in_kind"]
    list_filter = ["measure__area", "year", "source", "state", "in_kind"]
    search_fields = ["measure__title", "note"]
    raw_id_fields = ["measure", "actor"]
    list_select_related = ["measure", "actor"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "measure", "due_on", "done"]
    list_filter = ["done", "measure__area"]
    search_fields = ["title", "measure__title"]
    raw_id_fields = ["measure"]
    list_select_related = ["measure"]


@admin.register(ContinuationElement)
class ContinuationElementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "area", "kind", "state", "annual_amount", "starts_on"]
    list_filter = ["area", "kind", "state"]
    search_fields = ["title", "description", "financing_source"]
    raw_id_fields = ["responsible_actor"]
    list_select_related = ["area"]


# --- funding administration (notices with draw-downs, due dates; feed tokens stay out: secrets)


class DrawDownInline(admin.TabularInline):
    model = DrawDown
    extra = 0


@admin.register(GrantNotice)
class GrantNoticeAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "programme_year", "file_number", "area", "amount"]
    list_filter = ["funding_body", "programme_year", "area"]
    search_fields = ["programme", "file_number", "area__name"]
    raw_id_fields = ["area", "measures"]
    inlines = [DrawDownInline]


@admin.register(AreaDeadline)
class AreaDeadlineAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "due_on", "done", "area"]
    list_filter = ["kind", "done", "area"]
    raw_id_fields = ["area"]
