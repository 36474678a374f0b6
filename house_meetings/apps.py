from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HouseMeetingsConfig(AppConfig):
    name = "house_meetings"
    verbose_name = _("House meetings")

    def ready(self) -> None:
        # The meeting on the activities' plan: provided from here, the higher layer.
        from activities import plan_extras
        from house_meetings.plan import meetings_on_plan

        plan_extras.register(meetings_on_plan)
