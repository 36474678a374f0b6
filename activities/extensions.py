"""Where the apps above this one add to its pages, so that this app never imports them.

A proposal's status line, its list pages and its history page show what the house meetings did
with it. The house_meetings app fills ``proposal_pages`` in its ``AppConfig.ready()``: a
function that annotates a list of proposals with their meeting (one query for the whole list),
one that builds a proposal's history, the template for the meeting after a decided proposal's
status, and the link to the meetings on a proposal's staff page. Without it the pages show
what this app knows.

The plan (``/c/<slug>/plan/``, printed too) and the centre page's "Today" show other things on a
day besides the sessions, such as the house meeting: an app registers a provider in
``plan_items`` (``(centre, start, end) -> list[PlanItem]``, one query each).
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from activities.models import Proposal, ProposalQuerySet
from centres.models import Centre


def _unchanged(proposals: ProposalQuerySet) -> ProposalQuerySet:
    return proposals


def _no_history(proposal: Proposal, *, today: datetime.date) -> Sequence[Any]:
    return []


@dataclass
class ProposalPages:
    annotate: Callable[[ProposalQuerySet], ProposalQuerySet] = _unchanged
    # Entries with ``date``, ``kind`` and, for lines another app draws, ``template``.
    history: Callable[..., Sequence[Any]] = _no_history
    decided_where_template: str = ""
    staff_meetings_link_template: str = ""


proposal_pages = ProposalPages()


@dataclass(frozen=True)
class PlanItem:
    date: datetime.date
    start_time: datetime.time
    title: str
    url: str = ""  # its public page, once it has one
    kind: str = ""  # a CSS hook, e.g. "house-meeting"


PlanProvider = Callable[[Centre, datetime.date, datetime.date], list[PlanItem]]


class PlanItems:
    def __init__(self) -> None:
        self._providers: list[PlanProvider] = []

    def register(self, provider: PlanProvider) -> None:
        if provider not in self._providers:
            self._providers.append(provider)

    def items(self, centre: Centre, start: datetime.date, end: datetime.date) -> list[PlanItem]:
        """Every provider's items from ``start`` to ``end``, in time order."""
        found = [item for provider in self._providers for item in provider(centre, start, end)]
        return sorted(found, key=lambda item: (item.date, item.start_time, item.title))


plan_items = PlanItems()
