"""Other things on a centre's plan days, provided by higher apps (the house meeting).

Activities sits below house_meetings, so it cannot ask for meetings itself. A higher app
registers a provider here from its ``AppConfig.ready``: a function
``(centre, start, end) -> list[PlanItem]``. The plan, the printed plan and the centre page's
"Today" show the items with the sessions, in time order. Each provider should make one query.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from centres.models import Centre


@dataclass(frozen=True)
class PlanItem:
    date: datetime.date
    start_time: datetime.time
    title: str
    url: str = ""  # its public page, once it has one
    kind: str = ""  # a CSS hook, e.g. "house-meeting"


Provider = Callable[[Centre, datetime.date, datetime.date], list[PlanItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def items(centre: Centre, start: datetime.date, end: datetime.date) -> list[PlanItem]:
    found = [item for provider in _providers for item in provider(centre, start, end)]
    return sorted(found, key=lambda item: (item.date, item.start_time, item.title))
