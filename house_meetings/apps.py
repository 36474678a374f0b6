from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HouseMeetingsConfig(AppConfig):
    name = "house_meetings"
    verbose_name = _("House meetings")

    def ready(self) -> None:
        # The activities app's pages show the meetings through its extension points: the
        # proposal pages, and the meeting on the plan and under "Today".
        from activities.extensions import plan_items, proposal_pages
        from house_meetings import history
        from house_meetings.plan import meetings_on_plan

        proposal_pages.annotate = history.with_meeting
        proposal_pages.history = history.proposal_history
        proposal_pages.decided_where_template = history.PROPOSAL_MEETING_TEMPLATE
        proposal_pages.staff_meetings_link_template = history.STAFF_MEETINGS_LINK_TEMPLATE
        plan_items.register(meetings_on_plan)
