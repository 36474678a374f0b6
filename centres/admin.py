from django.contrib import admin

from centres.models import Centre, Device, Membership, OpeningHours, VisitCorrection


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "area", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug", "area"]
    inlines = [OpeningHoursInline, MembershipInline]

    def has_delete_permission(self, request, obj=None):
        # A centre is deactivated, never deleted, so that its history stays.
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "centre", "created_at"]
    list_filter = ["centre"]
    autocomplete_fields = ["user", "centre"]


@admin.register(Device)
class DeviceAdmin(admin.ModelAdmin):
    """Read-only overview; staff pair and revoke tablets on the centre's Tablets page."""

    list_display = ["name", "centre", "created_at", "last_seen_at", "revoked_at"]
    list_filter = ["centre", "revoked_at"]
    fields = ("name", "centre", "created_by", "created_at", "last_seen_at", "revoked_at")
    readonly_fields = ("name", "centre", "created_by", "created_at", "last_seen_at", "revoked_at")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VisitCorrection)
class VisitCorrectionAdmin(admin.ModelAdmin):
    """Corrections are kept as made: read-only here too."""

    list_display = ["date", "centre", "visits_delta", "newcomers_delta", "created_by", "created_at"]
    list_filter = ["centre"]
    date_hierarchy = "date"
    readonly_fields = [
        "centre",
        "date",
        "visits_delta",
        "newcomers_delta",
        "reason",
        "created_by",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
