"""Benchmark data for the reports: a million taps over three years and twenty centres.

Written for speed, not for realism in every detail: taps go in with PostgreSQL's COPY or one
SQLite ``executemany`` (the ORM's ``bulk_create`` would take minutes for a million rows), in the
order real taps arrive (day by day, the centres interleaved), so the table looks like one that
grew over the years. Corrections, weekly activities with their occurrences and attendance,
trips, proposals with decisions and house meetings are added so that every section of the
report has data.
"""

import datetime
import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from activities.models import (
    Activity,
    Category,
    LedBy,
    Occurrence,
    PlaceKind,
    Proposal,
    ProposalStatus,
    ReasonCategory,
    Recurrence,
)
from activities.services import EXTEND_CHUNK, HORIZON
from centres.access import COORDINATORS_GROUP
from centres.models import Centre, OpeningHours, Visit, VisitCorrection
from house_meetings.models import Chair, HouseMeeting, MeetingStatus

# Monday … Sunday, relative to a centre's usual day.
WEEKDAY_FACTOR = [1.0, 0.9, 1.05, 1.25, 0.95, 0.7, 0.6]
# Opening patterns: (weekday → (opens, closes)). Most centres open on weekdays, some on Saturday.
PATTERNS = [
    dict.fromkeys(range(5), (10, 15)),
    {**dict.fromkeys(range(4), (11, 16)), 5: (12, 15)},
    {0: (9, 15), 1: (9, 15), 3: (9, 19), 4: (9, 15)},
    dict.fromkeys(range(6), (10, 16)),
]
CATEGORIES = [
    (Category.CRAFTS, "Strikkekafé", PlaceKind.CENTRE, 0),
    (Category.MEAL, "Felles middag", PlaceKind.CENTRE, 30),
    (Category.EXERCISE, "Gåtur", PlaceKind.COMMUNITY, 0),
    (Category.SOCIAL, "Samtalegruppe", PlaceKind.CENTRE, 0),
    (Category.CRAFTS, "Kunstgruppa", PlaceKind.CENTRE, 0),
    (Category.CULTURE, "Filmklubb", PlaceKind.CENTRE, 20),
]
TRIPS = [
    (Category.CULTURE, "Kino", 120),
    (Category.EXERCISE, "Bowling", 90),
    (Category.CULTURE, "Konsert", 0),
    (Category.MARKET, "Julemarked", 0),
]
REASONS = [
    ReasonCategory.COST,
    ReasonCategory.COST,
    ReasonCategory.COST,
    ReasonCategory.SAFETY,
    ReasonCategory.CAPACITY,
    ReasonCategory.PRACTICAL,
    ReasonCategory.HOUSE_RULES,
    ReasonCategory.OTHER,
]


class Command(BaseCommand):
    help = (
        "Fill an empty database with benchmark data for the reports: taps over several years "
        "and centres (bulk inserts), corrections, activities and proposals."
    )

    def add_arguments(self, parser):
        parser.add_argument("--taps", type=int, default=1_000_000, help="Taps (default 1e6).")
        parser.add_argument("--centres", type=int, default=20, help="Centres (default 20).")
        parser.add_argument("--years", type=int, default=3, help="Years back (default 3).")
        parser.add_argument("--seed", type=int, default=6, help="Random seed.")
        parser.add_argument(
            "--coordinator",
            default="bench-coordinator",
            help="Username of a coordinator account to create (default bench-coordinator).",
        )
        parser.add_argument("--password", default="", help="Its password (default: random).")
        parser.add_argument(
            "--force", action="store_true", help="Add the data even if the database has centres."
        )

    def handle(self, *args, **opts):
        if Centre.objects.exists() and not opts["force"]:
            raise CommandError(
                "The database already has centres; seed_bench fills an empty benchmark "
                "database. Use --force to add to it anyway."
            )
        if opts["taps"] < 0 or opts["centres"] < 1 or opts["years"] < 1:
            raise CommandError("--taps must be 0 or more, --centres and --years at least 1.")
        started = time.monotonic()
        rng = random.Random(opts["seed"])
        today = timezone.localdate()
        start = today - datetime.timedelta(days=365 * opts["years"])
        with transaction.atomic():
            user = self._coordinator(opts["coordinator"], opts["password"])
            centres = self._centres(opts["centres"], rng)
            spans = self._opening(centres)
        tapped = self._taps(centres, spans, start, today, opts["taps"], rng)
        with transaction.atomic():
            corrections = self._corrections(centres, spans, start, today, user, rng)
            occurrences = self._activities(centres, start, today, rng)
            proposals = self._proposals(centres, start, today, rng)
            meetings = self._meetings(centres, start, today, rng)
        self._analyze()
        self.stdout.write(
            f"Added {len(centres)} centres, {tapped} taps from {start} to {today}, "
            f"{corrections} corrections, {occurrences} activity sessions, {proposals} "
            f"proposals and {meetings} house meetings in {time.monotonic() - started:.1f} s."
        )

    # People and places --------------------------------------------------------------------

    def _coordinator(self, username: str, password: str):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=password or None)
            user.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
        return user

    def _centres(self, count: int, rng: random.Random) -> list[Centre]:
        taken = set(Centre.objects.values_list("slug", flat=True))
        centres: list[Centre] = []
        n = 0
        while len(centres) < count:
            n += 1
            slug = f"bench-{n:02d}"
            if slug not in taken:
                centres.append(Centre(name=f"Benkmerke {n:02d}", slug=slug, area="Bench"))
        return Centre.objects.bulk_create(centres)

    def _opening(self, centres: list[Centre]) -> dict[int, dict[int, tuple[int, int]]]:
        spans = {c.pk: PATTERNS[i % len(PATTERNS)] for i, c in enumerate(centres)}
        OpeningHours.objects.bulk_create(
            OpeningHours(
                centre_id=pk,
                weekday=day,
                opens=datetime.time(opens),
                closes=datetime.time(closes),
            )
            for pk, days in spans.items()
            for day, (opens, closes) in days.items()
        )
        return spans

    # Taps ---------------------------------------------------------------------------------

    def _taps(self, centres, spans, start, today, total, rng) -> int:
        """``total`` taps on the centres' opening days, busier around lunch; ~1 % undone."""
        days = [start + datetime.timedelta(days=n) for n in range((today - start).days)]
        base = {c.pk: 0.6 + 0.8 * rng.random() for c in centres}
        slots = [
            (day, c.pk, base[c.pk] * WEEKDAY_FACTOR[day.weekday()] * (0.8 + 0.4 * rng.random()))
            for day in days
            for c in centres
            if day.weekday() in spans[c.pk]
        ]
        weight_sum = sum(weight for _day, _pk, weight in slots) or 1
        counts = [int(total * weight / weight_sum) for _day, _pk, weight in slots]
        for i in rng.sample(range(len(slots)), min(len(slots), total - sum(counts))):
            counts[i] += 1

        def rows():
            for (day, pk, _weight), count in zip(slots, counts, strict=True):
                opens, closes = spans[pk][day.weekday()]
                hours = list(range(opens, closes))
                weights = [1.0 / (1.0 + 0.35 * abs(h + 0.5 - 12.5)) for h in hours]
                for hour in rng.choices(hours, weights, k=count):
                    r = rng.random()
                    yield (
                        f"{rng.getrandbits(128):032x}",
                        pk,
                        day,
                        hour,
                        r < 0.07,  # newcomer
                        r > 0.98,  # late
                        0.5 < r < 0.51,  # undone
                    )

        table = Visit._meta.db_table
        columns = "id, centre_id, local_date, hour, newcomer, late, undone"
        if connection.vendor == "postgresql":
            with (
                transaction.atomic(),
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
            ):
                for row in rows():
                    copy.write_row(row)
        else:
            with transaction.atomic(), connection.cursor() as cursor:
                batch = []
                sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)"  # nosec B608 -- only our own quoted table and column names are formatted in; values are parameters
                for tap_id, pk, day, hour, newcomer, late, undone in rows():
                    batch.append((tap_id, pk, day.isoformat(), hour, newcomer, late, undone))
                    if len(batch) == 50_000:
                        cursor.executemany(sql, batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
        return sum(counts)

    def _corrections(self, centres, spans, start, today, user, rng) -> int:
        """About two corrections a month per centre, on opening days."""
        rows = []
        day = start
        while day < today:
            for c in centres:
                if day.weekday() in spans[c.pk] and rng.random() < 0.09:
                    visits = rng.choice([rng.randint(1, 15), rng.randint(1, 15), -1, 0])
                    newcomers = rng.choice([0, 0, 1]) if visits >= 0 else 0
                    if visits == 0 and newcomers == 0:
                        newcomers = 1
                    rows.append(
                        VisitCorrection(
                            centre=c,
                            date=day,
                            visits_delta=visits,
                            newcomers_delta=newcomers,
                            reason="Talt på papir mens nettbrettet var av.",
                            created_by=user,
                        )
                    )
            day += datetime.timedelta(days=1)
        VisitCorrection.objects.bulk_create(rows, batch_size=2000)
        return len(rows)

    # Activities and proposals -------------------------------------------------------------

    def _activities(self, centres, start, today, rng) -> int:
        through = today + HORIZON + EXTEND_CHUNK
        activities: list[Activity] = []
        for c in centres:
            for n, (category, title, place, cost) in enumerate(CATEGORIES):
                activities.append(
                    Activity(
                        centre=c,
                        title=title,
                        category=category,
                        place_kind=place,
                        place_name="Byparken" if place == PlaceKind.COMMUNITY else "",
                        led_by=LedBy.USER if n % 3 == 0 else LedBy.STAFF,
                        cost=Decimal(cost),
                        recurrence=Recurrence.WEEKLY,
                        starts_on=start,
                        weekday=n % 5,
                        start_time=datetime.time(11 + n % 3),
                        end_time=datetime.time(13 + n % 3),
                        materialised_through=through,
                    )
                )
            month = start.replace(day=15)
            while month < through:
                category, title, cost = rng.choice(TRIPS)
                activities.append(
                    Activity(
                        centre=c,
                        title=title,
                        category=category,
                        place_kind=PlaceKind.COMMUNITY,
                        place_name="Sentrum",
                        led_by=LedBy.USER if rng.random() < 0.3 else LedBy.STAFF,
                        cost=Decimal(cost),
                        centre_covers_part=cost > 0 and rng.random() < 0.5,
                        recurrence=Recurrence.ONCE,
                        starts_on=month,
                        start_time=datetime.time(18),
                        end_time=datetime.time(21),
                    )
                )
                month = (month + datetime.timedelta(days=31)).replace(day=15)
        activities = Activity.objects.bulk_create(activities, batch_size=1000)
        occurrences = []
        for activity in activities:
            assert activity.starts_on is not None  # made just above, never a draft
            assert activity.start_time is not None
            assert activity.end_time is not None
            for day in activity.series_dates(activity.starts_on, through):
                cancelled = rng.random() < 0.04
                occurrences.append(
                    Occurrence(
                        activity=activity,
                        date=day,
                        start_time=activity.start_time,
                        end_time=activity.end_time,
                        is_cancelled=cancelled,
                        attendance=(
                            rng.randint(3, 14)
                            if day < today and not cancelled and rng.random() < 0.9
                            else None
                        ),
                    )
                )
        Occurrence.objects.bulk_create(occurrences, batch_size=2000)
        return len(occurrences)

    def _proposals(self, centres, start, today, rng) -> int:
        proposals = []
        n = 0
        for c in centres:
            day = start
            while day < today:
                day += datetime.timedelta(days=rng.randint(3, 18))
                if day >= today:
                    break
                n += 1
                age = (today - day).days
                status = rng.choices(
                    [
                        ProposalStatus.ACCEPTED,
                        ProposalStatus.DONE,
                        ProposalStatus.DECLINED,
                        ProposalStatus.POSTPONED,
                        ProposalStatus.WITHDRAWN,
                        ProposalStatus.NEW,
                    ],
                    [25, 15, 25, 10, 5, 20 if age < 60 else 0],
                )[0]
                decided = None
                if status not in (ProposalStatus.NEW, ProposalStatus.WITHDRAWN):
                    decided = min(today, day + datetime.timedelta(days=rng.randint(5, 60)))
                declined = status in (ProposalStatus.DECLINED, ProposalStatus.POSTPONED)
                proposals.append(
                    Proposal(
                        centre=c,
                        title=f"Forslag {n}",
                        description="Et forslag til en aktivitet.",
                        receipt_code=f"X{n:05d}",
                        status=status,
                        created_on=day,
                        status_changed_on=decided or day,
                        decided_on=decided,
                        reason_category=rng.choice(REASONS) if declined else "",
                        decision_reason="Det koster for mye." if declined else "",
                        join_count=rng.randint(0, 12),
                    )
                )
        Proposal.objects.bulk_create(proposals, batch_size=2000)
        return len(proposals)

    def _meetings(self, centres, start, today, rng) -> int:
        """A house meeting every other week per centre, with how many came."""
        meetings = []
        for c in centres:
            day = start + datetime.timedelta(days=rng.randint(0, 13))
            while day < today:
                meetings.append(
                    HouseMeeting(
                        centre=c,
                        date=day,
                        start_time=datetime.time(13),
                        status=MeetingStatus.PUBLISHED,
                        users_present=rng.randint(4, 16),
                        staff_present=rng.randint(1, 4),
                        chaired_by=rng.choice(Chair.values),
                        published_on=day + datetime.timedelta(days=7),
                    )
                )
                day += datetime.timedelta(weeks=2)
        HouseMeeting.objects.bulk_create(meetings, batch_size=2000)
        return len(meetings)

    def _analyze(self) -> None:
        """Fresh planner statistics, and on PostgreSQL a vacuumed table whose visibility map
        lets the reports read the covering index alone (index-only scans)."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                if connection.in_atomic_block:
                    cursor.execute("ANALYZE")
                else:
                    cursor.execute("VACUUM ANALYZE")
            else:
                cursor.execute("ANALYZE")
