from django.urls import path, register_converter

from activities.views import calendar, public, signups, staff

app_name = "activities"


class ReceiptCodeConverter:
    """``K7Q-42``; lowercase is accepted here and redirected to the canonical form."""

    regex = "[A-Za-z0-9]{3}-[A-Za-z0-9]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReceiptCodeConverter, "receipt")

urlpatterns = [
    # Public, stable: printed on posters and shared on phones.
    path("c/<slug:slug>/plan/", public.week_plan, name="plan"),
    path("c/<slug:slug>/propose/", public.propose, name="propose"),
    path("c/<slug:slug>/poster/", public.poster, name="poster"),
    path("c/<slug:slug>/poster/qr.svg", public.poster_qr, name="poster-qr"),
    path("c/<slug:slug>/proposals/", public.proposal_list, name="proposal-list"),
    path("c/<slug:slug>/proposals/follow/", public.proposal_follow, name="proposal-follow"),
    path("c/<slug:slug>/proposals/forget/", public.forget_joined, name="forget-joined"),
    path("c/<slug:slug>/proposals/withdraw/", public.proposal_withdraw, name="proposal-withdraw"),
    path("c/<slug:slug>/proposals/<receipt:code>/", public.proposal_detail, name="proposal-detail"),
    path(
        "c/<slug:slug>/proposals/<receipt:code>/receipt/",
        public.proposal_receipt,
        name="proposal-receipt",
    ),
    path(
        "c/<slug:slug>/proposals/<receipt:code>/join/", public.proposal_join, name="proposal-join"
    ),
    path(
        "c/<slug:slug>/proposals/<receipt:code>/unjoin/",
        public.proposal_unjoin,
        name="proposal-unjoin",
    ),
    path("c/<slug:slug>/sessions/<int:pk>/signup/", signups.signup, name="signup"),
    path(
        "c/<slug:slug>/sessions/<int:pk>/signup/cancel/",
        signups.signup_cancel,
        name="signup-cancel",
    ),
    # Staff of the centre (and the coordinator).
    path("staff/<slug:slug>/calendar/", calendar.calendar_page, name="staff-calendar"),
    path(
        "staff/<slug:slug>/calendar/closures/add/",
        calendar.closure_add,
        name="staff-closure-add",
    ),
    path(
        "staff/<slug:slug>/calendar/closures/<int:pk>/reopen/",
        calendar.closure_reopen,
        name="staff-closure-reopen",
    ),
    path("staff/<slug:slug>/calendar/holidays/", calendar.holidays, name="staff-holidays"),
    path(
        "staff/<slug:slug>/calendar/openings/add/",
        calendar.opening_add,
        name="staff-opening-add",
    ),
    path(
        "staff/<slug:slug>/calendar/openings/<int:pk>/delete/",
        calendar.opening_delete,
        name="staff-opening-delete",
    ),
    path(
        "staff/<slug:slug>/activities/sessions/<int:pk>/signups/",
        signups.staff_signups,
        name="staff-signups",
    ),
    path(
        "staff/<slug:slug>/activities/sessions/<int:pk>/signups/close/",
        signups.staff_signups_close,
        name="staff-signups-close",
    ),
    path(
        "staff/<slug:slug>/activities/sessions/<int:pk>/signups/add/",
        signups.staff_signups_add,
        name="staff-signups-add",
    ),
    path(
        "staff/<slug:slug>/activities/sessions/<int:pk>/signups/<int:signup_pk>/remove/",
        signups.staff_signup_remove,
        name="staff-signup-remove",
    ),
    path("staff/<slug:slug>/activities/", staff.activity_list, name="staff-activity-list"),
    path("staff/<slug:slug>/activities/add/", staff.activity_create, name="staff-activity-add"),
    path(
        "staff/<slug:slug>/activities/<int:pk>/",
        staff.activity_detail,
        name="staff-activity-detail",
    ),
    path(
        "staff/<slug:slug>/activities/<int:pk>/edit/",
        staff.activity_edit,
        name="staff-activity-edit",
    ),
    path(
        "staff/<slug:slug>/activities/sessions/<int:pk>/cancel/",
        staff.occurrence_cancel,
        name="staff-occurrence-cancel",
    ),
    path(
        "staff/<slug:slug>/activities/sessions/<int:pk>/uncancel/",
        staff.occurrence_uncancel,
        name="staff-occurrence-uncancel",
    ),
    path(
        "staff/<slug:slug>/activities/sessions/<int:pk>/move/",
        staff.occurrence_move,
        name="staff-occurrence-move",
    ),
    path(
        "staff/<slug:slug>/activities/sessions/<int:pk>/attendance/",
        staff.occurrence_attendance,
        name="staff-occurrence-attendance",
    ),
    path(
        "staff/<slug:slug>/activities/<int:pk>/break/",
        staff.activity_break,
        name="staff-activity-break",
    ),
    path(
        "staff/<slug:slug>/activities/<int:pk>/reviewed/",
        staff.activity_reviewed,
        name="staff-activity-reviewed",
    ),
    path("staff/<slug:slug>/proposals/", staff.proposal_list, name="staff-proposal-list"),
    path(
        "staff/<slug:slug>/proposals/<int:pk>/",
        staff.proposal_detail,
        name="staff-proposal-detail",
    ),
    path(
        "staff/<slug:slug>/proposals/<int:pk>/hide/",
        staff.proposal_hide,
        name="staff-proposal-hide",
    ),
    path(
        "staff/<slug:slug>/proposals/<int:pk>/answer/",
        staff.proposal_answer,
        name="staff-proposal-answer",
    ),
    path(
        "staff/<slug:slug>/proposals/<int:pk>/unhide/",
        staff.proposal_unhide,
        name="staff-proposal-unhide",
    ),
    path(
        "staff/<slug:slug>/proposals/<int:pk>/name/",
        staff.proposal_name_public,
        name="staff-proposal-name",
    ),
    path(
        "staff/<slug:slug>/proposals/<int:pk>/merge/",
        staff.proposal_merge,
        name="staff-proposal-merge",
    ),
    path(
        "staff/<slug:slug>/proposals/<int:pk>/withdraw/",
        staff.proposal_withdraw,
        name="staff-proposal-withdraw",
    ),
    path(
        "staff/<slug:slug>/proposals/<int:pk>/done/",
        staff.proposal_done,
        name="staff-proposal-done",
    ),
]
