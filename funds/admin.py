"""Django admin of the fund: fund years with sources, applications with their rows (history
kept by django-simple-history). Everyday work happens in the app's own pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Application,
    CostItem,
    Decision,
    Document,
    FinancingItem,
    Fund,
    FundSource,
    Payout,
    ProofOfUse,
    Question,
)


class FundSourceInline(admin.TabularInline):
    model = FundSource
    extra = 0


@admin.register(Fund)
class FundAdmin(SimpleHistoryAdmin):
    list_display = ["title", "area", "year", "budget", "is_open", "is_public"]
    list_filter = ["area", "year", "is_public"]
    list_select_related = ["area"]
    raw_id_fields = ["committee"]
    inlines = [FundSourceInline]


class CostInline(admin.TabularInline):
    model = CostItem
    extra = 0


class FinancingInline(admin.TabularInline):
    model = FinancingItem
    extra = 0


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_at"]
    fields = ["kind", "original_name", "content_type", "size", "by_applicant", "uploaded_at"]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    raw_id_fields = ["asked_by"]


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0
    raw_id_fields = ["recorded_by", "agenda_item"]


class PayoutInline(admin.TabularInline):
    model = Payout
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "fund", "status", "requested_amount", "granted_amount"]
    list_filter = ["status", "fund__area", "fund__year", "is_paper"]
    search_fields = ["reference", "title", "group_name"]
    list_select_related = ["fund"]
    raw_id_fields = ["fund", "area", "actor"]
    inlines = [
        CostInline,
        FinancingInline,
        DocumentInline,
        QuestionInline,
        DecisionInline,
        PayoutInline,
    ]


@admin.register(ProofOfUse)
class ProofOfUseAdmin(SimpleHistoryAdmin):
    list_display = ["application", "due_on", "state"]
    list_filter = ["state"]
    raw_id_fields = ["application"]
