"""Every factory of the test suite, and the one clock all tests run on.

The clock: every test runs with ``django.utils.timezone.now`` frozen at ``NOW`` (Wednesday
25 November 2026, 10:30 in Oslo, ISO week 48), through the autouse ``clock`` fixture in
tests/conftest.py; a test moves it with ``clock.set(moment)``. Browser tests see the same
moment in Chromium (``Date``), so the page and the server agree on "today".

Factories are small functions that write through the app's own code where the app has any
(``save_activity``, ``Proposal.save_new``, the house-meeting services), with defaults that
need no clock arithmetic in the test: ``make_proposal`` is made "today" unless told otherwise;
a proposal that a meeting in the past decides is made with ``created_on=SUMMER``.
"""

import datetime
import itertools
import uuid
import zoneinfo
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group, Permission

from activities.models import Activity, Proposal, Recurrence
from activities.services import save_activity
from centres.access import COORDINATORS_GROUP
from centres.devices import create_device
from centres.models import Centre, Device, Membership, OpeningHours, Visit, VisitCorrection
from house_meetings import services
from house_meetings.models import AgendaItem, Decision, HouseMeeting, HouseRule

D = datetime.date
T = datetime.time
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")

# The moment every test starts at: a Wednesday in ISO week 48 of 2026, mid-morning in Oslo,
# inside the default opening hours (Monday to Friday, 10 to 15).
NOW = datetime.datetime(2026, 11, 25, 10, 30, tzinfo=OSLO)
TODAY = NOW.date()
# The Tuesday before, when the house meeting of the house-meeting tests took place.
MEETING_DAY = D(2026, 11, 24)
ONE_PM = T(13)
# Early enough for any meeting of the tests to put a proposal made then on its agenda.
SUMMER = D(2026, 6, 1)

_counter = itertools.count(1)


class Clock:
    """``timezone.now()`` frozen at a moment that a test can move (see tests/conftest.py)."""

    def __init__(self, moment: datetime.datetime = NOW) -> None:
        self.now = moment
        # Playwright clocks of the test's browser pages, moved along with this one.
        self.browsers: list = []

    def set(self, moment: datetime.datetime) -> None:
        self.now = moment
        for browser_clock in self.browsers:
            browser_clock.set_system_time(moment)

    def utcnow(self) -> datetime.datetime:
        """What ``django.utils.timezone.now`` returns: the moment, in UTC."""
        return self.now.astimezone(datetime.UTC)

    @property
    def today(self) -> datetime.date:
        return self.now.astimezone(OSLO).date()

    @property
    def moment(self) -> datetime.datetime:
        """The name the activities tests' clock used for ``now``; kept for their old tests."""
        return self.now


# Centres and people ----------------------------------------------------------------------------


def make_centre(**kw) -> Centre:
    n = next(_counter)
    kw.setdefault("name", f"Centre {n}")
    kw.setdefault("slug", f"centre-{n}")
    hours = kw.pop("hours", {d: (T(10), T(15)) for d in range(5)})
    centre = Centre.objects.create(**kw)
    OpeningHours.objects.bulk_create(
        OpeningHours(centre=centre, weekday=day, opens=opens, closes=closes)
        for day, (opens, closes) in hours.items()
    )
    return centre


def make_user(*, centres=(), coordinator: bool = False, password: str = "pw", **kw):
    n = next(_counter)
    kw.setdefault("username", f"user{n}")
    user = get_user_model().objects.create_user(password=password, **kw)
    for centre in centres:
        Membership.objects.create(user=user, centre=centre)
    if coordinator:
        # get_or_create: a live-server (transactional) test empties the tables afterwards, and
        # with them the group that a data migration made.
        group, created = Group.objects.get_or_create(name=COORDINATORS_GROUP)
        if created:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="centres", codename="coordinate")
            )
        user.groups.add(group)
    return user


def make_device(centre: Centre, name: str = "Front table", **kw) -> Device:
    """A paired device; its plain token (shown once at pairing) is kept on ``device.token``."""
    device, token = create_device(centre, name=name, **kw)
    device.token = token  # type: ignore[attr-defined]  # the test's copy of the credential
    return device


# The tally ------------------------------------------------------------------------------------


def add_taps(centre: Centre, day: datetime.date, *, hour=11, n=1, newcomers=0, undone=0) -> None:
    """``n`` counted taps (``newcomers`` of them new) and ``undone`` undone ones, in one go."""
    Visit.objects.bulk_create(
        [
            Visit(
                id=uuid.uuid4(),
                centre=centre,
                local_date=day,
                hour=hour,
                newcomer=i < newcomers,
                undone=i >= n,
            )
            for i in range(n + undone)
        ]
    )


def add_fix(centre: Centre, day: datetime.date, *, visits=0, newcomers=0, by=None):
    """A correction of a day's count, stored as is (``tally.add_correction`` checks more)."""
    return VisitCorrection.objects.create(
        centre=centre,
        date=day,
        visits_delta=visits,
        newcomers_delta=newcomers,
        reason="Counted on paper.",
        created_by=by or make_user(),
    )


# Activities and proposals ---------------------------------------------------------------------


def make_activity(centre: Centre, *, today: datetime.date | None = None, **kw) -> Activity:
    """A published activity with its occurrences. One-off on ``starts_on`` unless ``weekday``."""
    today = today or centre.today()
    kw.setdefault("title", "Strikkekafé")
    kw.setdefault("starts_on", today)
    kw.setdefault("start_time", T(11))
    kw.setdefault("end_time", T(13))
    if kw.get("weekday") is not None:
        kw.setdefault("recurrence", Recurrence.WEEKLY)
    if "cost" in kw:
        kw["cost"] = Decimal(kw["cost"])
    return save_activity(Activity(centre=centre, **kw), today=today)


def make_proposal(centre: Centre, **kw) -> Proposal:
    """A new proposal, made today unless ``created_on`` says otherwise."""
    kw.setdefault("title", "Bowling")
    kw.setdefault("description", "Bowling og pizza en fredag.")
    kw.setdefault("created_on", centre.today())
    proposal = Proposal(centre=centre, **kw)
    proposal.save_new()
    return proposal


# House meetings (through the services, as staff record them) ---------------------------------


def make_meeting(centre: Centre, *, date=MEETING_DAY, start_time=ONE_PM, **kw) -> HouseMeeting:
    return HouseMeeting.objects.create(centre=centre, date=date, start_time=start_time, **kw)


def record(meeting: HouseMeeting, *, users: int = 9, staff: int = 2, chair: str = "user"):
    meeting.record(users_present=users, staff_present=staff, chaired_by=chair, today=TODAY)
    return meeting


def on_agenda(meeting: HouseMeeting, *proposals: Proposal) -> list[AgendaItem]:
    return services.add_proposals(meeting, proposals=proposals, today=TODAY)


def decide(
    item: AgendaItem, outcome: str, *, by: AbstractBaseUser | None = None, today=TODAY, **kw
) -> Decision:
    if outcome in ("no", "not_now"):
        kw.setdefault("reason_category", "cost")
        kw.setdefault("reason", "We cannot afford it this autumn.")
    if outcome in ("adopt", "change"):
        kw.setdefault("rule_text", "We tidy up after ourselves.")
    if item.summary == "":
        item.summary = "We talked about it."
        item.save(update_fields=["summary"])
    return services.decide(item, outcome=outcome, by=by, today=today, **kw)


def published_meeting(centre: Centre, decisions: dict, *, date=MEETING_DAY, by=None):
    """A held meeting with ``{proposal: outcome}`` decided, and its minutes published."""
    meeting = record(make_meeting(centre, date=date))
    items = on_agenda(meeting, *decisions)
    for item, outcome in zip(items, decisions.values(), strict=True):
        decide(item, outcome, by=by)
    return services.publish(meeting, by=by, today=TODAY)


def rule_item(meeting: HouseMeeting, *, rule: HouseRule | None = None, title="A rule"):
    return services.add_item(meeting, kind="rule", title=title, rule=rule)
