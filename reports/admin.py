"""Admin of status reports: texts are editable, snapshot and PDF are read-only."""

from django.contrib import admin

from .models import StatusReport


@admin.register(StatusReport)
class StatusReportAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "area",
        "kind",
        "status",
        "period_start",
        "period_end",
        "issued_at",
        "generation_state",
        "generation_progress",
    ]
    list_filter = ["status", "kind", "generation_state", "area"]
    search_fields = ["title", "summary"]
    date_hierarchy = "period_end"
    list_select_related = ["area"]
    raw_id_fields = ["author", "issued_by", "version"]
    readonly_fields = [
        "status",
        "issued_at",
        "issued_by",
        "pdf_file",
        "pdf_sha256",
        "generation_state",
        "generation_progress",
        "generation_step",
        "generation_error",
        "created_at",
        "updated_at",
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_issued:
            # An issued report is frozen: its texts and period are part of the document.
            fields += [
                "area",
                "kind",
                "version",
                "title",
                "period_start",
                "period_end",
                "author",
                "summary",
                "outlook",
                "risks",
                "next_steps",
            ]
        return fields
