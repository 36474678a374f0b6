"""Demo data for house meetings: a meeting every two weeks at each centre over the demo months,
with agendas, decisions of every kind and their reasons (many a "no" for cost, as in real
centres), follow-ups, house rules with changed and retired versions, a decision corrected after
publishing, the latest meeting's minutes still a draft, and the next meeting planned.

Runs after ``activities.demo``. Every meeting is recorded the way staff record one, through
``house_meetings.services``: proposals go on the agenda with ``add_proposals``, the meeting
decides them with ``record_item``, and ``publish`` makes the decisions take effect on the
proposals and the rules register. The proposals that ``activities.demo`` made with an answer
already are put back to "waiting" first, so that the meeting after them gives that answer. Only
the occurrences of the activities that a "yes" led to are written with bulk_create.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User

from activities.models import (
    Activity,
    Category,
    Occurrence,
    PlaceKind,
    Proposal,
    ProposalStatus,
    ReasonCategory,
    Recurrence,
)
from activities.services import answer_between_meetings as services_answer
from centres.demo import DemoContext
from centres.models import Centre, Membership
from house_meetings import services
from house_meetings.models import (
    MAX_PEOPLE,
    AgendaItem,
    AgendaPolicy,
    Chair,
    HouseMeeting,
    HouseRule,
    ItemKind,
    Outcome,
    Who,
)

INTERVAL = datetime.timedelta(weeks=2)
# When the activities that a "yes" led to were held.
HELD_FROM, HELD_UNTIL = datetime.time(12), datetime.time(14)
# Weekday and time of each centre's house meeting, by the centre's place in the demo.
SLOTS = [(1, datetime.time(13)), (2, datetime.time(14)), (3, datetime.time(15))]

C = ReasonCategory

# (title, description, rough cost, wants to lead, nickname, outcome, category, reason)
IDEAS = [
    (
        "Kino for alle",
        "Se en ny film på kino sammen en ettermiddag.",
        120,
        False,
        "Tone",
        Outcome.NO,
        C.COST,
        "Vi har ikke penger til kinobilletter for alle denne høsten.",
    ),
    (
        "Teater på Nationaltheatret",
        "Se en forestilling på den store scenen.",
        420,
        False,
        "",
        Outcome.NO,
        C.COST,
        "Billettene koster over 400 kr; det har vi ikke råd til i budsjettet i år.",
    ),
    (
        "Hyttetur en helg",
        "To netter på en hytte i skogen, med bål og turer.",
        900,
        False,
        "Arne",
        Outcome.NO,
        C.COST,
        "En helg på hytte koster for mye for budsjettet; vi ser på en dagstur i stedet.",
    ),
    (
        "Gokart",
        "Kjøre gokart på banen i Lørenskog.",
        500,
        False,
        "Mats",
        Outcome.NO,
        C.COST,
        "Gokart koster rundt 500 kr per person; det har vi ikke budsjett til.",
    ),
    (
        "Ny sofa i fellesrommet",
        "Den gamle sofaen er slitt og ukomfortabel.",
        None,
        False,
        "",
        Outcome.NO,
        C.COST,
        "Vi har ikke penger til nye møbler i år; vi spør etter en brukt sofa.",
    ),
    (
        "Konsert i Spektrum",
        "Se en stor konsert sammen.",
        650,
        False,
        "",
        Outcome.NO,
        C.COST,
        "Billettene er for dyre; vi ser etter gratiskonserter i stedet.",
    ),
    (
        "Spa-dag",
        "En dag med basseng og badstue.",
        350,
        False,
        "Liv",
        Outcome.NO,
        C.COST,
        "For dyrt for budsjettet denne gangen; badstua i Sørenga er et billigere forslag.",
    ),
    (
        "Klatring i klatrehall",
        "Prøve buldring og klatring med tau.",
        150,
        True,
        "Sindre",
        Outcome.NO,
        C.SAFETY,
        "Ingen av oss har kurs i sikring, og det må vi ha for å klatre med tau.",
    ),
    (
        "Bål i bakgården",
        "Grille pølser på bål i bakgården.",
        30,
        False,
        "",
        Outcome.NO,
        C.SAFETY,
        "Brannvesenet tillater ikke bål så nær husveggen; vi griller i parken i stedet.",
    ),
    (
        "Øl på fredager",
        "En pils sammen på fredagsettermiddagen.",
        40,
        False,
        "",
        Outcome.NO,
        C.HOUSE_RULES,
        "Ingen rusmidler i huset er en av husreglene våre.",
    ),
    (
        "Hund på huset",
        "Ha en besøkshund på senteret en dag i uka.",
        0,
        True,
        "Bjørg",
        Outcome.NO,
        C.PRACTICAL,
        "Noen her er allergiske, og huseieren tillater ikke dyr.",
    ),
    (
        "Åpent på lørdager",
        "Holde senteret åpent på lørdager også.",
        None,
        False,
        "",
        Outcome.NOT_NOW,
        C.CAPACITY,
        "Vi har ikke nok ansatte til lørdagsåpent nå; vi tar det opp igjen etter sommeren.",
    ),
    (
        "Matkurs hver uke",
        "Lære å lage billig og sunn mat.",
        30,
        True,
        "Kokke-Kari",
        Outcome.NOT_NOW,
        C.CAPACITY,
        "Kjøkkenet er opptatt av middagsgruppa; vi ser på det igjen i januar.",
    ),
    (
        "Drivhus i bakgården",
        "Dyrke tomater og urter sammen.",
        100,
        True,
        "Grønne Gunnar",
        Outcome.NOT_NOW,
        C.PRACTICAL,
        "Vi må spørre gårdeieren om lov først; vi tar det opp igjen på neste møte.",
    ),
    (
        "Egen TV-krok",
        "En krok med TV og sofa for å se fotball.",
        None,
        False,
        "",
        Outcome.NO,
        C.OTHER,
        "Flertallet på husmøtet ville heller ha et stille rom.",
    ),
    (
        "Quizkveld",
        "Quiz med lag og små premier.",
        0,
        True,
        "Quiz-Per",
        Outcome.YES,
        "",
        "Per lager spørsmålene; vi prøver en gang i måneden.",
    ),
    (
        "Felles frokost på fredager",
        "Starte fredagen med frokost sammen. Senteret spanderer.",
        0,
        False,
        "",
        Outcome.YES,
        "",
        "",
    ),
    (
        "Tur til Vigelandsparken",
        "Gå en rolig tur blant skulpturene og ta med matpakke.",
        0,
        False,
        "Aud",
        Outcome.YES,
        "",
        "Gratis, og lett å komme til med trikken.",
    ),
    (
        "Vaffelfredag",
        "Steke vafler til kaffen på fredager.",
        0,
        True,
        "Vaffel-Vera",
        Outcome.YES,
        "",
        "",
    ),
    (
        "Loppemarked",
        "Selge ting vi ikke bruker og kjøpe noe nytt til huset.",
        0,
        True,
        "Rolf",
        Outcome.YES,
        "",
        "Inntektene går til turkassa.",
    ),
    (
        "Munchmuseet på onsdag",
        "Gratis inngang noen onsdager – la oss dra sammen.",
        0,
        False,
        "",
        Outcome.YES,
        "",
        "",
    ),
]

# Each centre's house rules; the last one is retired later in the demo.
RULES = [
    "Vi rydder etter oss.",
    "Ingen rusmidler i huset.",
    "Vi snakker pent til hverandre.",
    "Mobilen på lydløs under husmøtet.",
    "Ingen mobiltelefoner i fellesrommet.",
]
RULE_CHANGE = (0, "Vi rydder etter oss og tar oppvasken etter felles måltid.")
NEW_RULE = "Røyking bare ute, ved benken bak huset."

SOCIAL = [
    (
        "Tonen ved bordet",
        "Noen har opplevd at det blir mye bråk ved det store bordet. Vi ble enige om å si ifra på en vennlig måte.",
    ),
    (
        "Nye folk skal føle seg velkomne",
        "Vi snakket om hvordan vi tar imot nye. Den som ser en ny, sier hei og tilbyr kaffe.",
    ),
    (
        "Stille rom",
        "Noen savner et sted å trekke seg tilbake. Det lille rommet ved kjøkkenet blir stille rom på formiddagen.",
    ),
]
INFORMATION = [
    ("Sommerstengt", "Senteret holder stengt i tre uker i juli. Oppslag kommer på tavla."),
    ("Ny ansatt", "En ny miljøarbeider begynner neste måned og kommer på husmøtet for å hilse."),
    (
        "Budsjettet for høsten",
        "Vi har 15 000 kr til aktiviteter resten av året. De ansatte viste hvordan pengene er fordelt.",
    ),
    (
        "Åpningstider i julen",
        "Senteret har åpent som vanlig fram til lille julaften, så stengt til 2. januar.",
    ),
]
SUMMARIES: dict[str, str] = {
    Outcome.YES: "Mange ville være med. Vi sa ja.",
    Outcome.NO: "Vi snakket om forslaget og hva det ville koste.",
    Outcome.NOT_NOW: "Flere likte ideen, men det passer ikke akkurat nå.",
}
MEETING_NOTES = [
    "God stemning og mange nye fjes.",
    "Kort møte; mange var ute på tur.",
    "",
    "Vi feiret at strikkegruppa har holdt på i ett år.",
    "",
]
# A "no" for cost that money later turned into a "yes": a ticket the extra money can pay for.
CORRECTABLE_COST = 150
CORRECTION_NOTE = "Kommunen ga oss 3000 kr fra aktivitetsfondet, så vi kan dra likevel."


# What a meeting answers to a proposal that activities.demo left in each state.
ANSWERS: dict[str, str] = {
    ProposalStatus.ACCEPTED: Outcome.YES,
    ProposalStatus.DONE: Outcome.YES,
    ProposalStatus.DECLINED: Outcome.NO,
    ProposalStatus.POSTPONED: Outcome.NOT_NOW,
}


def seed(ctx: DemoContext) -> None:
    for index, centre in enumerate(ctx.centres):
        # The months of history come from before the centres set their agenda thresholds.
        policy = AgendaPolicy.objects.create(centre=centre, after_days=365, at_joins=MAX_PEOPLE)
        _CentreMeetings(ctx, centre, index).seed()
        _ideas_on_the_agenda_by_default(ctx, centre, policy, index)


def _ideas_on_the_agenda_by_default(ctx, centre: Centre, policy, index: int) -> None:
    """Now the thresholds apply: one idea is answered by staff between meetings (a budget
    "no"), one held back with a public reason, and every other idea that is due goes on the
    next meeting's agenda by the rule, as the daily command does."""
    policy.after_days, policy.at_joins = (21 if index % 2 else 28), 10
    policy.save(update_fields=["after_days", "at_joins"])
    meeting = centre.house_meetings.upcoming(ctx.today).oldest_first().first()
    if meeting is None:
        return
    due = list(services.due_ideas(meeting, on=ctx.today))
    if len(due) > 2:
        due[-1].hold_back(reason="Vi venter til vi vet hva vårbudsjettet blir.")
        services_answer(
            due[-2],
            status=ProposalStatus.DECLINED,
            category="cost",
            reason="Aktivitetsbudsjettet for i år er brukt opp.",
            today=ctx.today,
        )
    services.place_due_ideas(meeting, today=ctx.today)


@dataclass
class _Answer:
    """What activities.demo decided for a proposal, for the meeting to decide again."""

    proposal: Proposal
    status: str
    category: str
    reason: str


@dataclass
class _CentreMeetings:
    ctx: DemoContext
    centre: Centre
    index: int
    by: User | None = None
    held: list[tuple[Activity, datetime.date, int]] = field(default_factory=list)
    yes: list = field(default_factory=list)  # this meeting's "yes" to a new idea
    corrected: bool = False

    def seed(self) -> None:
        ctx = self.ctx
        staff = Membership.objects.filter(centre=self.centre).select_related("user").first()
        self.by = staff.user if staff else None
        dates = _meeting_dates(ctx, self.index)
        past = [day for day in dates if day < ctx.today]
        # The latest past meeting of the first centre is held, its minutes not published yet.
        unpublished = past[-1] if self.index == 0 and len(past) > 2 else None
        published = [day for day in past if day != unpublished]
        answers, waiting = self._reopen_answered(published)
        pool = IDEAS[self.index % len(IDEAS) :] + IDEAS[: self.index % len(IDEAS)]
        for n, day in enumerate(past):
            meeting = HouseMeeting.objects.create(
                centre=self.centre, date=day, start_time=_slot(self.index)
            )
            meeting.record(
                users_present=ctx.rng.randint(6, 18),
                staff_present=ctx.rng.randint(1, 3),
                chaired_by=Chair.SERVICE_USER if n % 2 else Chair.STAFF,
                summary=MEETING_NOTES[n % len(MEETING_NOTES)],
                today=day,
            )
            items = self._rules(meeting, published.index(day) if day in published else None)
            items += self._answer(meeting, answers.get(day, []))
            items += self._ideas(meeting, n, pool)
            items += self._talk(meeting, n)
            if n % 4 == 1:
                self._follow_up(
                    items[-1],
                    "Spørre kommunen om gratisbilletter til kultur og trening",
                    Who.STAFF,
                    day + datetime.timedelta(days=21),
                )
            if day == past[-1]:
                # Something still to do from the latest meeting.
                self._follow_up(
                    items[0],
                    "Sjekke pris på bowling for grupper",
                    Who.STAFF,
                    ctx.today + datetime.timedelta(days=10),
                )
                self._follow_up(items[0], "Lage oppslag til tavla", Who.EVERYONE, None)
            if day != unpublished:
                services.publish(meeting, by=self.by, today=day + datetime.timedelta(days=1))
                self._done(answers.get(day, []), day)
                self._correct(meeting)
                for decision in self.yes:
                    self._hold(decision.activity, meeting)
            self.yes = []
        for n, day in enumerate(day for day in dates if day >= ctx.today):
            meeting = HouseMeeting.objects.create(
                centre=self.centre, date=day, start_time=_slot(self.index)
            )
            if n == 0:
                self._plan(meeting, waiting)
        _held_occurrences(self.held)

    def _reopen_answered(self, published: list[datetime.date]):
        """The proposals activities.demo answered, grouped by the published meeting after
        them; they and the ones "on the agenda" wait for a meeting again."""
        mine = Proposal.objects.filter(
            centre=self.centre, merged_into__isnull=True, is_hidden=False
        ).order_by("pk")
        answers: dict[datetime.date, list[_Answer]] = {}
        for proposal in mine.filter(status__in=list(ANSWERS)):
            day = next(
                (d for d in published if d >= proposal.created_on + datetime.timedelta(days=3)),
                None,
            )
            if day is not None:
                answers.setdefault(day, []).append(
                    _Answer(
                        proposal,
                        proposal.status,
                        proposal.reason_category,
                        proposal.decision_reason,
                    )
                )
        waiting = list(mine.filter(status=ProposalStatus.ON_AGENDA))
        again = [a.proposal.pk for group in answers.values() for a in group]
        Proposal.objects.filter(pk__in=again + [p.pk for p in waiting]).update(
            status=ProposalStatus.NEW, decided_on=None, reason_category="", decision_reason=""
        )
        for proposal in waiting:
            proposal.refresh_from_db()
        return answers, waiting

    def _rules(self, meeting: HouseMeeting, published_n: int | None) -> list[AgendaItem]:
        """Rules adopted at the first meeting; later ones change rule 1, add a rule, retire
        rule 5 and keep rule 3 as it is."""
        if published_n == 0:
            items = []
            for text in RULES:
                item = self._item(
                    meeting,
                    ItemKind.RULE,
                    f"Ny husregel: {text}",
                    "Vi ble enige om regelen etter en god runde rundt bordet.",
                )
                self._decide(item, Outcome.ADOPT, rule_text=text)
                items.append(item)
            return items
        rules = list(HouseRule.objects.for_centre(self.centre).order_by("number"))
        if published_n is None or len(rules) < len(RULES):
            return []
        steps: dict[int, tuple[HouseRule | None, str, str, dict[str, str]]] = {
            3: (
                rules[RULE_CHANGE[0]],
                "Regel 1: oppvasken",
                "Oppvasken etter felles måltid blir ofte stående. Vi la det til i regelen.",
                {"outcome": Outcome.CHANGE, "rule_text": RULE_CHANGE[1]},
            ),
            5: (
                None,
                "Ny husregel om røyking",
                "Naboene har klaget på røyk ved inngangen.",
                {"outcome": Outcome.ADOPT, "rule_text": NEW_RULE},
            ),
            7: (
                rules[4],
                "Regel 5: mobil i fellesrommet",
                "Mange bruker mobilen til å lese nyheter og høre musikk.",
                {"outcome": Outcome.RETIRE, "reason": "Det holder at mobilen er på lydløs."},
            ),
            9: (
                rules[2],
                "Regel 3: tonen i huset",
                "Vi snakket om tonen i huset etter en krangel. Regelen står seg.",
                {"outcome": Outcome.KEEP},
            ),
        }
        if published_n not in steps:
            return []
        rule, title, summary, decision = steps[published_n]
        item = self._item(meeting, ItemKind.RULE, title, summary, rule=rule)
        self._decide(item, **decision)
        return [item]

    def _answer(self, meeting: HouseMeeting, answers: list[_Answer]) -> list[AgendaItem]:
        """The proposals activities.demo answered get that answer at this meeting."""
        if not answers:
            return []
        items = services.add_proposals(
            meeting, proposals=[a.proposal for a in answers], today=meeting.date
        )
        for item, answer in zip(items, answers, strict=True):
            outcome = ANSWERS[answer.status]
            self._decide(
                item,
                outcome,
                summary=SUMMARIES[outcome],
                reason_category=answer.category,
                reason=answer.reason,
            )
        return items

    def _ideas(self, meeting: HouseMeeting, n: int, pool: list) -> list[AgendaItem]:
        """More ideas over the months, so every meeting has proposals to decide."""
        ctx, items = self.ctx, []
        for k in range(1 + (n % 2)):
            title, description, cost, lead, nickname, outcome, category, reason = pool[
                (2 * n + k) % len(pool)
            ]
            proposal = Proposal(
                centre=self.centre,
                title=title,
                description=description,
                rough_cost=None if cost is None else Decimal(cost),
                wants_to_lead=lead,
                nickname=nickname,
                created_on=meeting.date - datetime.timedelta(days=ctx.rng.randint(4, 20)),
                join_count=ctx.rng.randint(0, 12),
            )
            proposal.save_new()
            [item] = services.add_proposals(meeting, proposals=[proposal], today=meeting.date)
            decision = self._decide(
                item,
                outcome,
                summary=SUMMARIES[outcome],
                reason_category=category,
                reason=reason,
            )
            if outcome == Outcome.YES and decision is not None:
                self.yes.append(decision)
            items.append(item)
        return items

    def _talk(self, meeting: HouseMeeting, n: int) -> list[AgendaItem]:
        """Something about the social environment or information, most meetings."""
        if n % 3 == 2:
            return []
        social = bool(n % 2)
        topics = SOCIAL if social else INFORMATION
        title, summary = topics[(n // 2) % len(topics)]
        kind = ItemKind.SOCIAL if social else ItemKind.INFORMATION
        item = self._item(meeting, kind, title, summary)
        if social:
            self._follow_up(
                item,
                "Henge opp en lapp om det vi ble enige om",
                Who.VOLUNTEER,
                meeting.date + datetime.timedelta(days=7),
                nickname="Randi",
            )
        return [item]

    def _plan(self, meeting: HouseMeeting, waiting: list[Proposal]) -> None:
        """The next meeting: the proposals waiting for it, a rule to discuss and a piece of
        information on the agenda."""
        if waiting:
            services.add_proposals(meeting, proposals=waiting, today=self.ctx.today)
        rule = HouseRule.objects.for_centre(self.centre).filter(number=3).first()
        services.add_item(
            meeting,
            kind=ItemKind.RULE,
            rule=rule,
            title="Regel 3: hvordan vi snakker til hverandre",
        )
        services.add_item(
            meeting, kind=ItemKind.INFORMATION, title="Julebordet – hvem vil hjelpe til?"
        )

    def _item(self, meeting, kind, title, summary, *, rule=None) -> AgendaItem:
        item = services.add_item(meeting, kind=kind, title=title, rule=rule)
        services.save_summary(item, summary=summary, today=meeting.date)
        return item

    def _decide(self, item: AgendaItem, outcome: str, *, summary: str = "", **fields):
        meeting = item.meeting
        if services.needs_follow_up(item, outcome):
            # A "yes" to how we have it here: who does what by when.
            fields.setdefault(
                "follow_up",
                {
                    "what": "Kjøpe inn frukt hver mandag",
                    "who": "staff",
                    "due_on": meeting.date + datetime.timedelta(days=7),
                },
            )
        return services.record_item(
            item,
            summary=summary or item.summary,
            outcome=outcome,
            by=self.by,
            today=meeting.date,
            **fields,
        )

    def _follow_up(self, item, what, who, due, *, nickname="") -> None:
        """Done a few days before it was due, once that is well past; otherwise still open."""
        follow_up = services.add_follow_up(
            item, what=what, who=who, volunteer_nickname=nickname, due_on=due
        )
        if due is not None and due + datetime.timedelta(days=10) < self.ctx.today:
            follow_up.mark_done(today=due - datetime.timedelta(days=2))

    def _done(self, answers: list[_Answer], day: datetime.date) -> None:
        """Proposals that were done after their "yes"."""
        for answer in answers:
            if answer.status == ProposalStatus.DONE:
                answer.proposal.refresh_from_db()
                on = min(day + datetime.timedelta(days=14), self.ctx.today)
                answer.proposal.mark_done(today=on)

    def _correct(self, meeting: HouseMeeting) -> None:
        """Money turned up: one "no" for cost became a "yes"; the "no" stays in the minutes."""
        on = meeting.date + datetime.timedelta(days=10)
        if self.corrected or on >= self.ctx.today:
            return
        item = next(
            (i for i in meeting.items.in_order() if i.kind == ItemKind.PROPOSAL and _cheap_no(i)),
            None,
        )
        if item is None:
            return
        self.corrected = True
        services.decide(
            item,
            outcome=Outcome.YES,
            reason="Vi drar en ettermiddag i vinterferien.",
            change_note=CORRECTION_NOTE,
            by=self.by,
            today=on,
        )

    def _hold(self, draft: Activity | None, meeting: HouseMeeting) -> None:
        """Most "yes" became a one-off activity some days after the meeting, held with a
        count; the newest stay drafts for staff to plan."""
        day = meeting.date + datetime.timedelta(days=9)
        if draft is None or day >= self.ctx.today or not draft.is_draft:
            return
        draft.category = Category.SOCIAL
        draft.place_kind = PlaceKind.CENTRE
        draft.is_draft = False
        draft.recurrence = Recurrence.ONCE
        draft.starts_on = day
        draft.start_time = HELD_FROM
        draft.end_time = HELD_UNTIL
        draft.save()
        self.held.append((draft, day, self.ctx.rng.randint(4, 14)))


def _cheap_no(item: AgendaItem) -> bool:
    """A "no" for cost to something cheap enough for the extra money."""
    decision = item.current_decision
    proposal = item.proposal
    return (
        decision is not None
        and decision.outcome == Outcome.NO
        and decision.reason_category == ReasonCategory.COST
        and proposal is not None
        and proposal.rough_cost is not None
        and proposal.rough_cost <= CORRECTABLE_COST
    )


def _slot(index: int) -> datetime.time:
    return SLOTS[index % len(SLOTS)][1]


def _meeting_dates(ctx: DemoContext, index: int) -> list[datetime.date]:
    """Every two weeks from the start of the demo to two weeks ahead."""
    weekday = SLOTS[index % len(SLOTS)][0]
    day = ctx.start + datetime.timedelta(days=(weekday - ctx.start.weekday()) % 7)
    dates = []
    while day <= ctx.today + INTERVAL:
        dates.append(day)
        day += INTERVAL
    return dates


def _held_occurrences(held: list[tuple[Activity, datetime.date, int]]) -> None:
    Occurrence.objects.bulk_create(
        Occurrence(
            activity=activity,
            date=day,
            start_time=HELD_FROM,
            end_time=HELD_UNTIL,
            attendance=count,
        )
        for activity, day, count in held
    )
