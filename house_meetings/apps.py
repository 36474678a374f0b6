from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HouseMeetingsConfig(AppConfig):
    name = "house_meetings"
    verbose_name = _("House meetings")

    def ready(self) -> None:
        # The activities app's proposal pages show the meetings through this extension point.
        from activities.extensions import proposal_pages
        from house_meetings import history

        proposal_pages.annotate = history.with_meeting
        proposal_pages.history = history.proposal_history
        proposal_pages.decided_where_template = history.PROPOSAL_MEETING_TEMPLATE
        proposal_pages.staff_meetings_link_template = history.STAFF_MEETINGS_LINK_TEMPLATE
