from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HouseMeetingsConfig(AppConfig):
    name = "house_meetings"
    verbose_name = _("House meetings")
