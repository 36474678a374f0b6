"""Demo data for centres: three meeting places, a coordinator and two staff members.

``seed_demo`` calls ``seed(ctx)`` of each app's ``demo`` module in order (centres, activities,
house_meetings), passing one ``DemoContext`` that carries what later apps build on.
"""

import datetime
import random
import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from centres.access import COORDINATORS_GROUP
from centres.models import Centre
from centres.services import set_memberships, set_opening_hours

DEMO_DAYS = 180  # about six months of history


@dataclass
class DemoContext:
    today: datetime.date
    rng: random.Random
    centres: list[Centre] = field(default_factory=list)
    staff: dict[str, object] = field(default_factory=dict)  # username -> user
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, username, password)

    @property
    def start(self) -> datetime.date:
        return self.today - datetime.timedelta(days=DEMO_DAYS)


CENTRES = [
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
