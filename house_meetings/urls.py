from django.urls import path

from house_meetings.views import public, staff

app_name = "house_meetings"

MEETING = "staff/<slug:slug>/meetings/<int:pk>/"
ITEM = MEETING + "agenda/<int:item_pk>/"

urlpatterns = [
    # Public, stable: linked from proposals, posters and shared on phones.
    path("c/<slug:slug>/meetings/", public.meeting_list, name="meeting-list"),
    path("c/<slug:slug>/meetings/<int:pk>/", public.meeting_detail, name="meeting-detail"),
    path("c/<slug:slug>/meetings/<int:pk>/pen/", staff.pen_take, name="pen-take"),
    path("c/<slug:slug>/rules/", public.rule_list, name="rule-list"),
    path("c/<slug:slug>/rules/<int:number>/", public.rule_detail, name="rule-detail"),
    # Staff of the centre (and the coordinator).
    path("staff/<slug:slug>/meetings/", staff.meeting_list, name="staff-meeting-list"),
    path("staff/<slug:slug>/meetings/add/", staff.meeting_create, name="staff-meeting-add"),
    path(
        "staff/<slug:slug>/meetings/agenda-rule/",
        staff.agenda_policy,
        name="staff-agenda-policy",
    ),
    path(MEETING, staff.meeting_detail, name="staff-meeting-detail"),
    path(MEETING + "edit/", staff.meeting_edit, name="staff-meeting-edit"),
    path(MEETING + "cancel/", staff.meeting_delete, name="staff-meeting-cancel"),
    path(MEETING + "agenda/proposals/", staff.agenda_add_proposals, name="staff-agenda-proposals"),
    path(MEETING + "agenda/add/", staff.agenda_add_item, name="staff-agenda-add"),
    path(ITEM + "move/", staff.agenda_move, name="staff-agenda-move"),
    path(ITEM + "remove/", staff.agenda_remove, name="staff-agenda-remove"),
    path(ITEM + "decide/", staff.item_decide, name="staff-item-decide"),
    path(ITEM + "follow-ups/add/", staff.follow_up_add, name="staff-follow-up-add"),
    path(
        MEETING + "follow-ups/<int:follow_up_pk>/done/",
        staff.follow_up_done,
        name="staff-follow-up-done",
    ),
    path(
        MEETING + "follow-ups/<int:follow_up_pk>/name/",
        staff.follow_up_name_public,
        name="staff-follow-up-name",
    ),
    path(MEETING + "run/", staff.meeting_run, name="staff-meeting-run"),
    path(MEETING + "pen/", staff.pen_hand_over, name="staff-pen-hand-over"),
    path(MEETING + "record/", staff.meeting_record, name="staff-meeting-record"),
    path(MEETING + "publish/", staff.meeting_publish, name="staff-meeting-publish"),
    path("staff/<slug:slug>/rules/", staff.rule_list, name="staff-rule-list"),
]
