"""Where the apps above this one add to its proposal pages, so that this app never imports them.

A proposal's status line, its list pages and its history page show what the house meetings did
with it. The house_meetings app fills ``proposal_pages`` in its ``AppConfig.ready()``: a
function that annotates a list of proposals with their meeting (one query for the whole list),
one that builds a proposal's history, the template for the meeting after a decided proposal's
status, and the link to the meetings on a proposal's staff page. Without it the pages show
what this app knows.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from activities.models import Proposal, ProposalQuerySet


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
