"""Demo data for activities: weekly groups, trips, user-led groups and proposals in every state.

Runs after ``centres.demo`` (it needs ``ctx.centres``) and leaves the proposals in
``ctx.proposals`` for ``house_meetings.demo``. Everything is written with bulk_create.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from activities.models import (
    Activity,
    Category,
    DecidedBy,
    IdeaKind,
    LedBy,
    Occurrence,
    PlaceKind,
    Proposal,
    ProposalStatus,
    ReasonCategory,
    Recurrence,
    SignUp,
    new_receipt_code,
)
from activities.services import EXTEND_CHUNK, HORIZON
from activities.signups import new_token, token_hash
from centres import calendar


@dataclass
class Weekly:
    title: str
    description: str
    category: str
    weekday: int
    start: str
    end: str
    led_by: str = LedBy.STAFF
    leader: str = ""
    cost: int = 0
    covers: str = ""
    place: str = ""
    capacity: int | None = None
    attendance: tuple[int, int] = (4, 12)
    starts_weeks_ago: int = 30
    ends_in_weeks: int | None = None


@dataclass
class Trip:
    title: str
    description: str
    category: str
    days_from_today: int
    start: str
    end: str
    place: str
    cost: int = 0
    covers: str = ""
    led_by: str = LedBy.STAFF
    leader: str = ""
    capacity: int | None = None
    attendance: tuple[int, int] = (5, 12)


WEEKLY = {
    "sentrum": [
        Weekly(
            "Strikkekafé",
            "Vi strikker, hekler og drikker kaffe. Ta med eget prosjekt, eller lån garn og pinner.",
            Category.CRAFTS,
            1,
            "11:00",
            "13:00",
            LedBy.USER,
            "Randi",
            attendance=(5, 11),
        ),
        Weekly(
            "Kunstgruppa",
            "Maling, tegning og collage. Alt materiell er på plass, ingen forkunnskaper trengs.",
            Category.CRAFTS,
            2,
            "12:00",
            "14:30",
            LedBy.STAFF,
            "Ingrid",
            attendance=(4, 9),
        ),
        Weekly(
            "Styrke og tøying",
            "Rolig trening i eget tempo: styrke, balanse og tøying. Alle kan være med.",
            Category.EXERCISE,
            4,
            "10:30",
            "11:30",
            LedBy.STAFF,
            attendance=(3, 8),
        ),
        Weekly(
            "Felles lunsj",
            "Vi lager lunsj sammen og spiser ved det store bordet.",
            Category.MEAL,
            4,
            "12:00",
            "13:00",
            cost=30,
            covers="Møteplassen betaler resten av maten",
            attendance=(10, 19),
        ),
        Weekly(
            "Sjakkklubben",
            "Sjakk for nybegynnere og viderekomne. Per forklarer reglene gjerne.",
            Category.SOCIAL,
            0,
            "13:00",
            "14:30",
            LedBy.USER,
            "Per",
            attendance=(2, 6),
            starts_weeks_ago=14,
        ),
    ],
    "grunerlokka": [
        Weekly(
            "Silkemaling",
            "Vi maler silkeskjerf som selges på markedet. Materiell koster 20 kr.",
            Category.CRAFTS,
            0,
            "12:00",
            "14:30",
            LedBy.USER,
            "Mona",
            cost=20,
            capacity=8,
            attendance=(4, 8),
        ),
        Weekly(
            "Kreativt verksted",
            "Keramikk, tegning og gjenbruk – vi lager ting sammen.",
            Category.CRAFTS,
            1,
            "12:00",
            "15:00",
            LedBy.STAFF,
            attendance=(4, 10),
        ),
        Weekly(
            "Gitargruppa",
            "Vi spiller og synger kjente sanger. Lån en gitar om du ikke har.",
            Category.CULTURE,
            2,
            "13:00",
            "14:30",
            LedBy.USER,
            "Gitar-Geir",
            attendance=(3, 7),
        ),
        Weekly(
            "Felles torsdagsmiddag",
            "Middag laget av deltakerne. Meld deg på kjøkkenlaget ved inngangen.",
            Category.MEAL,
            3,
            "14:30",
            "16:00",
            cost=40,
            covers="Senteret dekker halve matprisen",
            attendance=(12, 24),
        ),
        Weekly(
            "Lørdagstur langs Akerselva",
            "En rolig tur på et par kilometer, med kaffe fra termos underveis.",
            Category.EXERCISE,
            5,
            "12:00",
            "14:00",
            LedBy.USER,
            "Turid",
            place="Oppmøte ved Schous plass",
            attendance=(3, 9),
        ),
    ],
    "toyen": [
        Weekly(
            "Trening i Tøyenparken",
            "Enkel utetrening i parken. Ta på klær etter været.",
            Category.EXERCISE,
            0,
            "10:00",
            "11:00",
            LedBy.STAFF,
            place="Tøyenparken, ved scenen",
            attendance=(3, 9),
        ),
        Weekly(
            "Strikkekafé",
            "Strikking og prat rundt bordet. Nybegynnere er hjertelig velkomne.",
            Category.CRAFTS,
            3,
            "12:00",
            "14:00",
            LedBy.USER,
            "Strikke-Stine",
            attendance=(4, 10),
        ),
        Weekly(
            "Felles middag",
            "Torsdagsmiddag – vi lager den sammen fra klokka 16.",
            Category.MEAL,
            3,
            "17:00",
            "18:30",
            cost=35,
            covers="Senteret betaler resten",
            attendance=(12, 22),
        ),
        Weekly(
            "Bordtennis",
            "Uformell bordtennis i kjelleren. Racketer finnes.",
            Category.EXERCISE,
            1,
            "13:00",
            "14:00",
            LedBy.USER,
            "Kim",
            attendance=(2, 6),
            starts_weeks_ago=20,
        ),
        Weekly(
            "Avisgruppa",
            "Vi leser dagens aviser og snakker om det som skjer.",
            Category.SOCIAL,
            4,
            "10:00",
            "11:00",
            LedBy.STAFF,
            attendance=(3, 8),
            ends_in_weeks=-6,
        ),
    ],
}

TRIPS = {
    "sentrum": [
        Trip(
            "Bowling",
            "Vi bowler to runder og tar en brus etterpå.",
            Category.CULTURE,
            -150,
            "13:00",
            "15:00",
            "Oslo Bowlingsenter, Torggata",
            80,
            "Senteret betaler skoleie",
            capacity=12,
        ),
        Trip(
            "Kino: ny norsk film",
            "Vi ser en film sammen. Senteret spanderer popkorn.",
            Category.CULTURE,
            -95,
            "18:00",
            "20:30",
            "Ringen kino",
            110,
            "Senteret betaler halve billetten",
            capacity=10,
        ),
        Trip(
            "Tur til Sognsvann",
            "Rundt vannet i rolig tempo, med bål og pølser.",
            Category.EXERCISE,
            -40,
            "11:00",
            "14:30",
            "Sognsvann, oppmøte ved T-banen",
            attendance=(6, 14),
        ),
        Trip(
            "Julemarked: salgsbod",
            "Vi selger strikkevarer og kort vi har laget.",
            Category.MARKET,
            -20,
            "10:00",
            "15:00",
            "Youngstorget",
            led_by=LedBy.USER,
            leader="Randi",
            attendance=(4, 7),
        ),
        Trip(
            "Bowling",
            "Ny runde bowling – mange ønsket det på husmøtet.",
            Category.CULTURE,
            9,
            "13:00",
            "15:00",
            "Oslo Bowlingsenter, Torggata",
            80,
            "Senteret betaler skoleie",
            capacity=12,
        ),
        Trip(
            "Konsert i Domkirken",
            "Gratis lunsjkonsert med orgel og sang.",
            Category.CULTURE,
            16,
            "12:00",
            "13:00",
            "Oslo domkirke",
        ),
    ],
    "grunerlokka": [
        Trip(
            "Teater: Folketeatret",
            "Vi ser en forestilling sammen.",
            Category.CULTURE,
            -120,
            "19:00",
            "21:30",
            "Folketeatret",
            150,
            "Senteret betaler to tredjedeler",
            capacity=8,
        ),
        Trip(
            "Salgsbod på Birkelunden-markedet",
            "Vi selger silkeskjerfene vi har malt.",
            Category.MARKET,
            -60,
            "11:00",
            "16:00",
            "Birkelunden",
            led_by=LedBy.USER,
            leader="Mona",
            attendance=(3, 6),
        ),
        Trip(
            "Konsert på Parkteatret",
            "Kveldskonsert med lokale band.",
            Category.CULTURE,
            -25,
            "19:30",
            "22:00",
            "Parkteatret",
            100,
            "Senteret betaler halvparten",
            capacity=10,
        ),
        Trip(
            "Kino",
            "Vi ser en familiefilm på ettermiddagen.",
            Category.CULTURE,
            12,
            "16:00",
            "18:00",
            "Vega Scene",
            90,
            "Senteret betaler halve billetten",
            capacity=10,
        ),
        Trip(
            "Tur til Bygdøy",
            "Båt over fjorden, tur og niste på stranda.",
            Category.EXERCISE,
            26,
            "11:00",
            "15:00",
            "Oppmøte ved Rådhusbrygga",
            50,
            "Senteret betaler båtbilletten",
            led_by=LedBy.USER,
            leader="Turid",
        ),
    ],
    "toyen": [
        Trip(
            "Munchmuseet",
            "Omvisning på museet. Gratis inngang med senteret.",
            Category.CULTURE,
            -130,
            "12:00",
            "14:00",
            "MUNCH, Bjørvika",
        ),
        Trip(
            "Fisketur til Akerselva",
            "Vi prøver fiskelykken. Stenger lånes ut.",
            Category.EXERCISE,
            -70,
            "11:00",
            "14:00",
            "Nedre Foss",
            led_by=LedBy.USER,
            leader="Kim",
        ),
        Trip(
            "Bowling",
            "Bowling og pizza.",
            Category.CULTURE,
            -33,
            "15:00",
            "17:30",
            "Oslo Bowlingsenter, Torggata",
            120,
            "Senteret betaler pizzaen",
            capacity=10,
        ),
        Trip(
            "Bowling",
            "Bowling igjen – flere ville være med.",
            Category.CULTURE,
            5,
            "15:00",
            "17:30",
            "Oslo Bowlingsenter, Torggata",
            120,
            "Senteret betaler pizzaen",
            capacity=10,
        ),
        Trip(
            "Tur i Botanisk hage",
            "Rolig tur blant blomstene, kaffe på kafeen etterpå.",
            Category.EXERCISE,
            19,
            "12:00",
            "13:30",
            "Botanisk hage, inngang Monrads gate",
        ),
    ],
}

CANCEL_REASONS = [
    "Lederen har forfall",
    "Stengt på grunn av personalmøte",
    "For få påmeldte",
    "Dårlig vær",
    "Helligdag",
]

# (title, description, when, cost, wants_to_lead, nickname, status, reason category, reason)
PROPOSALS = [
    (
        "Bowling en gang i måneden",
        "Bowling er gøy og sosialt. Kan vi gjøre det fast?",
        "første fredag i måneden",
        80,
        False,
        "Bjørn",
        ProposalStatus.ACCEPTED,
        "",
        "",
    ),
    (
        "Tur til Tusenfryd",
        "En dag i fornøyelsesparken i sommer.",
        "juli",
        450,
        False,
        "",
        ProposalStatus.DECLINED,
        ReasonCategory.COST,
        "Billettene koster for mye for budsjettet i år; vi ser på en billigere tur.",
    ),
    (
        "Yoga",
        "Rolig yoga for nybegynnere, gjerne med matter.",
        "tirsdag formiddag",
        0,
        True,
        "Lise",
        ProposalStatus.POSTPONED,
        ReasonCategory.CAPACITY,
        "Rommet er opptatt på tirsdager til over nyttår; vi tar det opp igjen da.",
    ),
    (
        "Grillfest i parken",
        "Grilling og spill i parken før sommerferien.",
        "juni",
        50,
        False,
        "",
        ProposalStatus.ON_AGENDA,
        "",
        "",
    ),
    (
        "Brettspillkveld",
        "Vi har mange spill i skapet – la oss bruke dem!",
        "en kveld i uka",
        None,
        True,
        "Spill-Ola",
        ProposalStatus.NEW,
        "",
        "",
    ),
    (
        "Hjemmelaget pizza",
        "Lage pizza fra bunnen av på kjøkkenet.",
        "",
        40,
        False,
        "Mari",
        ProposalStatus.NEW,
        "",
        "",
    ),
    (
        "Kanotur",
        "Padle på Akerselva eller Maridalsvannet.",
        "august",
        200,
        False,
        "",
        ProposalStatus.DECLINED,
        ReasonCategory.SAFETY,
        "Vi har ikke folk med sertifikat for å lede turer på vann.",
    ),
    (
        "Karaoke",
        "Syngekveld med karaoke-maskin.",
        "fredag",
        0,
        False,
        "",
        ProposalStatus.WITHDRAWN,
        "",
        "",
    ),
    (
        "Julebord",
        "Felles julemiddag med pynt og musikk.",
        "midten av desember",
        100,
        False,
        "Kari",
        ProposalStatus.DONE,
        "",
        "",
    ),
    (
        "Svømming på Tøyenbadet",
        "Svømme og bade i boblebadet.",
        "onsdag",
        70,
        False,
        "",
        ProposalStatus.DECLINED,
        ReasonCategory.COST,
        "Inngang for alle blir for dyrt; vi spør om gratisbilletter fra kommunen.",
    ),
    (
        "Fotokurs med mobilen",
        "Lære å ta bedre bilder med telefonen.",
        "",
        0,
        True,
        "Fotofrid",
        ProposalStatus.NEW,
        "",
        "",
    ),
    (
        "Mer frukt på bordet",
        "Kan det stå en fruktskål fremme hele dagen?",
        "",
        None,
        False,
        "",
        ProposalStatus.ACCEPTED,
        "",
        "",
    ),
    (
        "Mobilfri lunsj",
        "Kan vi legge bort mobilen når vi spiser sammen?",
        "",
        None,
        False,
        "",
        ProposalStatus.NEW,
        "",
        "",
    ),
]

# Not every idea is an activity: how we have it here, and house rules.
KINDS = {"Mer frukt på bordet": IdeaKind.HOUSE, "Mobilfri lunsj": IdeaKind.RULE}


# User leaders who agreed (staff ticked the box) to have their name on the public web; the
# others show as "one of us".
NAME_ON_THE_WEB = {"Randi", "Turid"}
REVIEW_DUE = "Randi"

NOT_EVERYWHERE = {("Hjemmelaget pizza", 1), ("Fotokurs med mobilen", 2)}


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def _schedule(activity: Activity) -> tuple[datetime.date, datetime.time, datetime.time]:
    """The first day and the times of an activity made here (never a draft)."""
    assert activity.starts_on is not None
    assert activity.start_time is not None
    assert activity.end_time is not None
    return activity.starts_on, activity.start_time, activity.end_time


def _attendance(ctx, low_high: tuple[int, int]) -> int:
    low, high = low_high
    return ctx.rng.randint(low, high)


def seed(ctx) -> None:
    through = ctx.today + HORIZON + EXTEND_CHUNK
    activities: list[Activity] = []
    specs: list[tuple[str, Weekly | Trip]] = []
    # The centres' closures (holidays, last summer): their sessions are cancelled with the
    # closure's reason, as ``activities.closures`` would have done; trips avoid them.
    earliest = ctx.today - datetime.timedelta(days=400)
    closed = {centre.pk: calendar.closed_dates(centre, earliest, through) for centre in ctx.centres}
    for centre in ctx.centres:
        key = centre.slug.split("-")[0] if centre.slug.split("-")[0] in WEEKLY else centre.slug
        for spec in WEEKLY.get(key, []):
            starts_on = ctx.today - datetime.timedelta(weeks=spec.starts_weeks_ago)
            ends_on = (
                ctx.today + datetime.timedelta(weeks=spec.ends_in_weeks)
                if spec.ends_in_weeks is not None
                else None
            )
            activities.append(
                Activity(
                    centre=centre,
                    title=spec.title,
                    description=spec.description,
                    category=spec.category,
                    place_kind=PlaceKind.COMMUNITY if spec.place else PlaceKind.CENTRE,
                    place_name=spec.place,
                    led_by=spec.led_by,
                    leader_display_name=spec.leader,
                    leader_name_public=spec.leader in NAME_ON_THE_WEB,
                    # Every user-led series is reviewed with its leader; one is due now.
                    review_on=(
                        ctx.today - datetime.timedelta(days=2)
                        if spec.leader == REVIEW_DUE
                        else ctx.today + datetime.timedelta(weeks=3)
                    )
                    if spec.led_by == LedBy.USER
                    else None,
                    cost=Decimal(spec.cost),
                    centre_covers_part=bool(spec.covers),
                    centre_covers_note=spec.covers,
                    capacity=spec.capacity,
                    recurrence=Recurrence.WEEKLY,
                    starts_on=starts_on,
                    weekday=spec.weekday,
                    ends_on=ends_on,
                    start_time=_time(spec.start),
                    end_time=_time(spec.end),
                    materialised_through=min(through, ends_on) if ends_on else through,
                )
            )
            specs.append(("weekly", spec))
        for trip in TRIPS.get(key, []):
            activities.append(
                Activity(
                    centre=centre,
                    title=trip.title,
                    description=trip.description,
                    category=trip.category,
                    place_kind=PlaceKind.COMMUNITY,
                    place_name=trip.place,
                    led_by=trip.led_by,
                    leader_display_name=trip.leader,
                    leader_name_public=trip.leader in NAME_ON_THE_WEB,
                    cost=Decimal(trip.cost),
                    centre_covers_part=bool(trip.covers),
                    centre_covers_note=trip.covers,
                    capacity=trip.capacity,
                    recurrence=Recurrence.ONCE,
                    starts_on=_open_day(
                        ctx.today + datetime.timedelta(days=trip.days_from_today),
                        closed[centre.pk],
                    ),
                    start_time=_time(trip.start),
                    end_time=_time(trip.end),
                )
            )
            specs.append(("trip", trip))
    activities = Activity.objects.bulk_create(activities)

    occurrences: list[Occurrence] = []
    recent = ctx.today - datetime.timedelta(days=10)
    for activity, (kind, made) in zip(activities, specs, strict=True):
        starts_on, start, end = _schedule(activity)
        for day in activity.series_dates(starts_on, through):
            occurrence = Occurrence(activity=activity, date=day, start_time=start, end_time=end)
            closure = closed[activity.centre_id].get(day)
            if closure is not None:
                occurrence.is_cancelled = True
                occurrence.cancel_reason = closure.reason
                occurrence.closure = closure
            elif kind == "weekly" and ctx.rng.random() < 0.04:
                occurrence.is_cancelled = True
                occurrence.cancel_reason = ctx.rng.choice(CANCEL_REASONS)
            elif day < ctx.today and (day < recent or ctx.rng.random() < 0.5):
                occurrence.attendance = _attendance(ctx, made.attendance)
            occurrences.append(occurrence)
    # One session moved a day, to show how it looks on the plan.
    movable = [
        o
        for o in occurrences
        if o.date > ctx.today + datetime.timedelta(days=2)
        and not o.is_cancelled
        and o.activity.is_weekly
        and o.date.weekday() < 3
        and o.date + datetime.timedelta(days=1) not in closed[o.activity.centre_id]
    ]
    if movable:
        moved = movable[0]
        moved.moved_from = moved.date
        moved.date = moved.date + datetime.timedelta(days=1)
    occurrences = Occurrence.objects.bulk_create(occurrences, batch_size=1000)
    _seed_signups(ctx, occurrences)

    _seed_proposals(ctx, activities)


def _open_day(day: datetime.date, closed: dict) -> datetime.date:
    while day in closed:
        day += datetime.timedelta(days=1)
    return day


NICKNAMES = ["KB", "Mona", "T.", "", "J.H.", "", "Sol", "Per", "", "A.L.", "Rune", ""]


def _seed_signups(ctx, occurrences: list[Occurrence]) -> None:
    """Sign-ups for the trips with limited places: the first coming one at each centre is full
    with a waiting list; past trips keep only the count (names erased the day after), and
    that count was taken as their attendance."""
    rows: list[SignUp] = []
    full_at: set[int] = set()
    trips = sorted(
        (o for o in occurrences if o.activity.capacity and not o.activity.is_weekly),
        key=lambda o: o.date,
    )
    for o in trips:
        capacity = o.activity.capacity
        assert capacity  # trips are filtered on capacity above
        if o.is_cancelled:
            continue
        if o.date < ctx.today:
            came = min(capacity, ctx.rng.randint(capacity // 2, capacity))
            rows += [SignUp(occurrence=o) for _ in range(came)]
            Occurrence.objects.filter(pk=o.pk).update(
                attendance=max(0, came - ctx.rng.randint(0, 2))
            )
            continue
        if o.activity.centre_id not in full_at:
            full_at.add(o.activity.centre_id)
            placed, waiting = capacity, 3
        else:
            placed, waiting = ctx.rng.randint(2, max(2, capacity - 3)), 0
        for n in range(placed + waiting):
            on_paper = n % 5 == 4
            rows.append(
                SignUp(
                    occurrence=o,
                    token_hash=None if on_paper else token_hash(new_token()),
                    nickname=NICKNAMES[n % len(NICKNAMES)],
                    on_paper=on_paper,
                    is_waiting=n >= placed,
                )
            )
    SignUp.objects.bulk_create(rows, batch_size=1000)


def _seed_proposals(ctx, activities: list[Activity]) -> None:
    proposals: list[Proposal] = []
    codes: set[str] = set(Proposal.objects.values_list("receipt_code", flat=True))
    span = (ctx.today - ctx.start).days
    for c_index, centre in enumerate(ctx.centres):
        for row in PROPOSALS:
            title, description, when, cost, lead, nickname, status, category, reason = row
            if (title, c_index) in NOT_EVERYWHERE:
                continue  # not every centre has every idea
            code = new_receipt_code()
            while code in codes:
                code = new_receipt_code()
            codes.add(code)
            open_status = status in (ProposalStatus.NEW, ProposalStatus.ON_AGENDA)
            age = ctx.rng.randint(3, 30) if open_status else ctx.rng.randint(30, span)
            created_on = ctx.today - datetime.timedelta(days=age)
            decided_on = None
            if status in (
                ProposalStatus.ACCEPTED,
                ProposalStatus.DECLINED,
                ProposalStatus.POSTPONED,
                ProposalStatus.DONE,
            ):
                decided_on = created_on + datetime.timedelta(days=ctx.rng.randint(7, 28))
                decided_on = min(decided_on, ctx.today)
            proposals.append(
                Proposal(
                    centre=centre,
                    kind=KINDS.get(title, IdeaKind.ACTIVITY),
                    title=title,
                    description=description,
                    when_text=when,
                    rough_cost=None if cost is None else Decimal(cost),
                    wants_to_lead=lead,
                    nickname=nickname,
                    receipt_code=code,
                    status=status,
                    created_on=created_on,
                    status_changed_on=decided_on or created_on,
                    decided_on=decided_on,
                    decided_by=DecidedBy.MEETING if decided_on else "",
                    reason_category=category,
                    decision_reason=reason,
                    join_count=ctx.rng.randint(0, 14),
                )
            )
        # A proposal hidden by staff, and a duplicate to be merged.
        proposals.append(
            Proposal(
                centre=centre,
                title="Om en av de ansatte",
                description="(skjult)",
                receipt_code=_fresh(codes),
                created_on=ctx.today - datetime.timedelta(days=ctx.rng.randint(2, 20)),
                is_hidden=True,
                hidden_reason="Forslaget nevnte en person ved navn.",
            )
        )
        proposals.append(
            Proposal(
                centre=centre,
                title="Spillkveld",
                description="Brettspill og kortspill en kveld.",
                receipt_code=_fresh(codes),
                created_on=ctx.today - datetime.timedelta(days=ctx.rng.randint(2, 20)),
                join_count=2,
            )
        )
    proposals = Proposal.objects.bulk_create(proposals)

    by_centre: dict[int, list[Proposal]] = {}
    for proposal in proposals:
        by_centre.setdefault(proposal.centre_id, []).append(proposal)
    merged = []
    for items in by_centre.values():
        games = next((p for p in items if p.title == "Brettspillkveld"), None)
        duplicate = next((p for p in items if p.title == "Spillkveld"), None)
        if games and duplicate:
            duplicate.merged_into = games
            games.join_count += duplicate.join_count
            duplicate.join_count = 0
            merged += [games, duplicate]
    Proposal.objects.bulk_update(merged, ["merged_into", "join_count"])

    # Accepted or done proposals became activities: link the bowling trips and the dinners.
    links = []
    for activity in activities:
        items = by_centre.get(activity.centre_id, [])
        if activity.title == "Bowling" and activity.starts_on > ctx.today:
            activity.proposal = next((p for p in items if p.title.startswith("Bowling")), None)
            links.append(activity)
    Activity.objects.bulk_update(links, ["proposal"])
    ctx.proposals = proposals


def _fresh(codes: set[str]) -> str:
    code = new_receipt_code()
    while code in codes:
        code = new_receipt_code()
    codes.add(code)
    return code
