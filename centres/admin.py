from django.contrib import admin

from centres.models import Centre, Membership, OpeningHours


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
