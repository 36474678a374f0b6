"""Admin views for the people who run the installation. Staff work in /staff/, not here.

Edits made here do not reschedule occurrences; use the staff pages for that.
"""

from django.contrib import admin

from activities.models import Activity, Occurrence, Proposal


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "centre", "recurrence", "starts_on", "led_by", "cost", "is_draft"]
    list_filter = ["centre", "recurrence", "led_by", "place_kind", "category", "is_draft"]
    search_fields = ["title"]
    raw_id_fields = ["proposal"]
    readonly_fields = ["materialised_through"]


@admin.register(Occurrence)
class OccurrenceAdmin(admin.ModelAdmin):
    list_display = ["activity", "date", "start_time", "is_cancelled", "attendance"]
    list_filter = ["activity__centre", "is_cancelled"]
    date_hierarchy = "date"
    raw_id_fields = ["activity"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["receipt_code", "title", "centre", "status", "join_count", "is_hidden"]
    list_filter = ["centre", "status", "is_hidden", "reason_category"]
    search_fields = ["receipt_code", "title"]
    readonly_fields = ["receipt_code", "join_count"]
    raw_id_fields = ["merged_into"]
