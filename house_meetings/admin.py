"""Admin views for the people who run the installation. Staff work in /staff/, not here:
meetings are recorded and corrected there, so that every change keeps its history."""

from django.contrib import admin

from house_meetings.models import (
    AgendaItem,
    Decision,
    FollowUp,
    HouseMeeting,
    HouseRule,
    HouseRuleVersion,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HouseMeeting)
class HouseMeetingAdmin(ReadOnlyAdmin):
    list_display = ["centre", "date", "start_time", "status", "users_present", "staff_present"]
    list_filter = ["centre", "status"]
    date_hierarchy = "date"


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "position", "kind", "title", "proposal"]
    list_filter = ["kind", "meeting__centre"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["agenda_item", "version", "is_current", "outcome", "reason_category"]
    list_filter = ["outcome", "reason_category", "is_current"]


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ["what", "who", "due_on", "is_done"]
    list_filter = ["is_done", "who"]


@admin.register(HouseRule)
class HouseRuleAdmin(ReadOnlyAdmin):
    list_display = ["centre", "number", "retired_on"]
    list_filter = ["centre"]


@admin.register(HouseRuleVersion)
class HouseRuleVersionAdmin(ReadOnlyAdmin):
    list_display = ["rule", "version", "text", "valid_from", "valid_until", "is_current"]
