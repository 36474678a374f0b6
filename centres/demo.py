"""Demo data for centres: three meeting places, a coordinator and two staff members.

``seed_demo`` calls ``seed(ctx)`` of each app's ``demo`` module in order (centres, activities,
house_meetings), passing one ``DemoContext`` that carries what later apps build on.
"""

import datetime
import random
import secrets
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from centres import calendar
from centres.access import COORDINATORS_GROUP
from centres.devices import create_device
from centres.models import Centre, Closure, DeviceKind, SpecialOpening, Visit, VisitCorrection
from centres.services import set_memberships, set_opening_hours

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEMO_DAYS = 180  # about six months of history


@dataclass
class DemoContext:
    today: datetime.date
    rng: random.Random
    centres: list[Centre] = field(default_factory=list)
    staff: dict[str, "User"] = field(default_factory=dict)  # username -> user
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, username, password)

    @property
    def start(self) -> datetime.date:
        return self.today - datetime.timedelta(days=DEMO_DAYS)


CENTRES: list[dict[str, Any]] = [
    {
        "name": "Møteplassen Sentrum",
        "slug": "sentrum",
        "description": "Et åpent og uformelt sted midt i byen. Kom innom for kaffe, en prat eller en aktivitet.",
        "street_address": "Storgata 12",
        "area": "Sentrum",
        "hours": dict.fromkeys(range(5), ("10:00", "15:00")),
    },
    {
        "name": "Frivillighetshuset Grünerløkka",
        "slug": "grunerlokka",
        "description": "Kreativt verksted, felles middag på torsdager og turer ut i byen.",
        "street_address": "Thorvald Meyers gate 40",
        "area": "Grünerløkka",
        "hours": {**dict.fromkeys(range(4), ("11:00", "16:00")), 5: ("12:00", "15:00")},
    },
    {
        "name": "Treffpunktet Tøyen",
        "slug": "toyen",
        "description": "Et lavterskeltilbud med trening, strikkekafé og husmøte hver fjortende dag.",
        "street_address": "Hagegata 23",
        "area": "Tøyen",
        "hours": {
            0: ("09:30", "14:30"),
            1: ("09:30", "14:30"),
            3: ("09:30", "19:00"),
            4: ("09:30", "14:30"),
        },
    },
]


def _free(model, field: str, value: str) -> str:
    """``value``, or ``value-2``, ``value-3``… when --force seeds a database that has it."""
    candidate, n = value, 1
    while model.objects.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{value}-{n}"
    return candidate


def _password() -> str:
    return secrets.token_urlsafe(9)


def _user(ctx: DemoContext, role: str, username: str, first: str, last: str, **extra):
    password = _password()
    User = get_user_model()
    username = _free(User, "username", username)
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=first,
        last_name=last,
        email=f"{username}@example.org",
        **extra,
    )
    ctx.staff[username] = user
    ctx.logins.append((role, username, password))
    return user


def seed(ctx: DemoContext) -> None:
    for spec in CENTRES:
        centre = Centre.objects.create(
            name=spec["name"],
            slug=_free(Centre, "slug", spec["slug"]),
            description=spec["description"],
            street_address=spec["street_address"],
            area=spec["area"],
        )
        set_opening_hours(
            centre,
            hours={
                day: (datetime.time.fromisoformat(opens), datetime.time.fromisoformat(closes))
                for day, (opens, closes) in spec["hours"].items()
            },
        )
        ctx.centres.append(centre)

    coordinator = _user(ctx, "coordinator", "koordinator", "Kari", "Nordmann")
    coordinator.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    sentrum, grunerlokka, toyen = ctx.centres
    ingrid = _user(ctx, "staff", "ingrid", "Ingrid", "Hansen")
    set_memberships(ingrid, centres=[sentrum, grunerlokka])
    ola = _user(ctx, "staff", "ola", "Ola", "Berg")
    set_memberships(ola, centres=[toyen])
    seed_calendar(ctx)
    seed_visits(ctx, staff_of={sentrum: ingrid, grunerlokka: ingrid, toyen: ola})


# The calendar: holidays, a summer closure, a special opening ----------------------------------

# Summer closure last year, in ISO weeks (first, last), and the text on the door.
SUMMER = {
    "sentrum": (28, 31, "Sommerstengt uke 28–31"),
    "grunerlokka": (29, 30, "Sommerstengt uke 29–30"),
    "toyen": (28, 30, "Sommerstengt uke 28–30"),
}
# One special opening a little ahead: days from today (moved on past closed days), hours, note.
SPECIAL = {
    "sentrum": (12, "16:00", "20:00", "Kveldsåpent med quiz"),
    "grunerlokka": (19, "11:00", "15:00", "Julemarked: vi selger det vi har laget"),
    "toyen": (9, "12:00", "16:00", "Åpent hus"),
}


def seed_calendar(ctx: DemoContext) -> None:
    """Every centre closes on Norway's public holidays (last year, this year and next), had a
    summer closure last year, and has one special opening coming up. The activities' demo
    cancels the sessions these closures cover; ``seed_visits`` has no taps on closed days."""
    rows = []
    for centre in ctx.centres:
        key = centre.slug.split("-")[0]
        first_week, last_week, reason = SUMMER.get(key, SUMMER["sentrum"])
        year = ctx.today.year - 1
        summer = (
            datetime.date.fromisocalendar(year, first_week, 1),
            datetime.date.fromisocalendar(year, last_week, 7),
        )
        rows.append(Closure(centre=centre, starts_on=summer[0], ends_on=summer[1], reason=reason))
        for year in range(ctx.today.year - 1, ctx.today.year + 2):
            for day, name in calendar.public_holidays(year):
                if not summer[0] <= day <= summer[1]:
                    rows.append(Closure(centre=centre, starts_on=day, ends_on=day, reason=name))
    Closure.objects.bulk_create(rows)
    for centre in ctx.centres:
        days, opens, closes, note = SPECIAL.get(centre.slug.split("-")[0], SPECIAL["sentrum"])
        day = ctx.today + datetime.timedelta(days=days)
        closed = calendar.closed_dates(centre, day, day + datetime.timedelta(days=30))
        while day in closed:
            day += datetime.timedelta(days=1)
        SpecialOpening.objects.create(
            centre=centre,
            date=day,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
            note=note,
        )


# Visits --------------------------------------------------------------------------------------

# How busy each weekday is, relative to the centre's usual day (Monday … Sunday).
WEEKDAY_FACTOR = [1.0, 0.9, 1.05, 1.25, 0.95, 0.7, 0.6]
# Typical daily visits per centre (about 66 a day across three centres, as in the study).
CENTRE_BASE = {"sentrum": 27, "grunerlokka": 22, "toyen": 19}
CORRECTION_REASONS = [
    (8, 0, "Nettbrettet var tomt for strøm fra 10 til 12; telt på papir."),
    (5, 1, "Nettverket var nede og siden ble lastet på nytt uten kø; telt på papir."),
    (-1, 0, "Trykket to ganger ved en feil."),
    (0, 1, "En ny besøkende ble registrert som vanlig besøk."),
    (12, 0, "Felles middag: tellingen ble glemt i travelheten, talt i etterkant."),
]


def _hour_weights(opens: datetime.time, closes: datetime.time) -> list[tuple[int, float]]:
    """Open hours with a calm start, a lunchtime peak and a slow afternoon."""
    last = closes.hour if closes.minute == 0 else closes.hour + 1
    hours = list(range(opens.hour, last))
    peak = 12.5
    return [(hour, 1.0 / (1.0 + 0.35 * abs(hour + 0.5 - peak))) for hour in hours]


def _season(day: datetime.date, first: datetime.date, today: datetime.date) -> float:
    """Slowly more visitors over the year (word gets around), fewer in July (holidays)."""
    growth = 0.85 + 0.15 * (day - first).days / max(1, (today - first).days)
    return growth * (0.8 if day.month == 7 else 1.0)


def seed_visits(ctx: DemoContext, *, staff_of: dict) -> None:
    """A year and a bit of taps on opening days (15–35 a day), a few corrections, a paired
    tablet."""
    rng = ctx.rng
    now = timezone.now()
    # Taps go further back than the rest: from New Year last year, so that every period of
    # the coordinator's report this year has "the same period last year" to compare with.
    first = datetime.date(ctx.today.year - 1, 1, 1)
    visits: list[Visit] = []
    corrections: list[tuple[VisitCorrection, datetime.datetime]] = []
    for centre in ctx.centres:
        device, _token = create_device(centre, name="iPad i resepsjonen", by=staff_of[centre])
        # A kiosk by the sofa, paired the same way; pair a real screen with a code to use it.
        create_device(centre, name="Kiosk i stua", by=staff_of[centre], kind=DeviceKind.KIOSK)
        # The real calendar: no taps on closed days, taps on special openings.
        plans = {plan.date: plan for plan in calendar.day_plans(centre, first, ctx.today)}
        base = CENTRE_BASE.get(centre.slug.split("-")[0], 22)
        local_now = now.astimezone(centre.tz)
        day = first
        while day <= ctx.today:
            plan = plans[day]
            if plan.is_open:
                # an open day has both hours (a closed day has no opening time)
                assert plan.opens is not None
                assert plan.closes is not None
                all_weights = _hour_weights(plan.opens, plan.closes)
                weights = all_weights
                if day == ctx.today:  # today: only the hours that have passed
                    weights = [(h, w) for h, w in weights if h < local_now.hour]
                mean = base * WEEKDAY_FACTOR[day.weekday()] * _season(day, first, ctx.today)
                total = max(15, min(35, round(rng.gauss(mean, 4))))
                if day == ctx.today:
                    total = round(total * len(weights) / max(1, len(all_weights)))
                for _ in range(total if weights else 0):
                    hour = rng.choices([h for h, _w in weights], [w for _h, w in weights])[0]
                    visits.append(
                        Visit(
                            id=uuid.uuid4(),
                            centre=centre,
                            local_date=day,
                            hour=hour,
                            newcomer=rng.random() < 0.07,
                            late=rng.random() < 0.02,
                            device=device,
                        )
                    )
            day += datetime.timedelta(days=1)
        open_days = [day for day, plan in plans.items() if plan.is_open and day < ctx.today]
        for (delta, new_delta, reason), day in zip(
            CORRECTION_REASONS * 2,
            sorted(rng.sample(open_days, 2 * len(CORRECTION_REASONS))),
            strict=True,
        ):
            made = datetime.datetime.combine(
                day + datetime.timedelta(days=1), datetime.time(9, 15), tzinfo=centre.tz
            )
            corrections.append(
                (
                    VisitCorrection(
                        centre=centre,
                        date=day,
                        visits_delta=delta,
                        newcomers_delta=new_delta,
                        reason=reason,
                        created_by=staff_of[centre],
                    ),
                    made,
                )
            )
    Visit.objects.bulk_create(visits, batch_size=2000)
    VisitCorrection.objects.bulk_create([correction for correction, _made in corrections])
    for correction, made in corrections:
        # auto_now_add stamps "now"; a demo correction was made the morning after its day.
        VisitCorrection.objects.filter(pk=correction.pk).update(created_at=made)
