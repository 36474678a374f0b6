"""Demo data for house meetings: a meeting every two weeks at each centre over the demo months,
with agendas, decisions of every kind and their reasons (many a "no" for cost, as in real
centres), follow-ups, house rules with changed and retired versions, a decision corrected after
publishing, the latest meeting's minutes still a draft, and the next meeting planned.

Runs after ``activities.demo``: the proposals it made are put on the agendas of the meetings
that decided them (their decision dates moved to those meetings), and the ones waiting "on the
agenda" go on the next meeting. Everything is written with bulk_create.
"""

import datetime
from decimal import Decimal

from activities.models import (
    Activity,
    Category,
    DecidedBy,
    Occurrence,
    PlaceKind,
    Proposal,
    ProposalStatus,
    ReasonCategory,
    Recurrence,
    new_receipt_code,
)
from centres.models import Membership
from house_meetings import services
from house_meetings.models import (
    AgendaItem,
    AgendaPolicy,
    Chair,
    Decision,
    FollowUp,
    HouseMeeting,
    HouseRule,
    HouseRuleVersion,
    ItemKind,
    MeetingStatus,
    Outcome,
    Who,
)

INTERVAL = datetime.timedelta(weeks=2)
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
SUMMARIES = {
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


def seed(ctx) -> None:
    codes = set(Proposal.objects.values_list("receipt_code", flat=True))
    all_meetings, new_proposals = [], []
    plans = []
    for index, centre in enumerate(ctx.centres):
        meetings = _meetings(ctx, centre, index)
        all_meetings += meetings
        plans.append((centre, meetings))
    HouseMeeting.objects.bulk_create(all_meetings)

    items: list[AgendaItem] = []
    decisions: list[Decision] = []
    follow_ups: list[FollowUp] = []
    rules: list[HouseRule] = []
    versions: list[HouseRuleVersion] = []
    drafts: list[Activity] = []
    held_activities: list[tuple[Activity, int]] = []
    changed: list[Proposal] = []

    for index, (centre, meetings) in enumerate(plans):
        staff = Membership.objects.filter(centre=centre).select_related("user").first()
        by = staff.user if staff else None
        published = [m for m in meetings if m.status == MeetingStatus.PUBLISHED]
        held = [m for m in meetings if m.status == MeetingStatus.HELD]
        planned = [m for m in meetings if m.status == MeetingStatus.PLANNED]
        minutes = _Minutes(items, decisions, by)
        add_item, add_decision = minutes.add_item, minutes.add_decision

        # House rules: adopted at the first meeting, changed, added, retired, kept.
        first = published[0]
        centre_rules = []
        for number, text in enumerate(RULES, start=1):
            rule = HouseRule(centre=centre, number=number)
            rules.append(rule)
            centre_rules.append(rule)
            item = add_item(
                first,
                kind=ItemKind.RULE,
                rule=rule,
                title=f"Ny husregel: {text}",
                summary="Vi ble enige om regelen etter en god runde rundt bordet.",
            )
            decision = add_decision(item, first, outcome=Outcome.ADOPT, rule_text=text)
            versions.append(_version(rule, 1, text, first, decision, first.date))
        _rule_changes(ctx, published, centre_rules, versions, add_item, add_decision)
        rules += centre_rules[len(RULES) :]  # the rule adopted later

        # Proposals from activities.demo, decided at the first meeting after them.
        mine = Proposal.objects.filter(centre=centre, merged_into__isnull=True, is_hidden=False)
        for proposal in mine.order_by("pk"):
            if proposal.status in (
                ProposalStatus.ACCEPTED,
                ProposalStatus.DECLINED,
                ProposalStatus.POSTPONED,
                ProposalStatus.DONE,
            ):
                meeting = next(
                    (
                        m
                        for m in published
                        if m.date >= proposal.created_on + datetime.timedelta(days=3)
                    ),
                    published[-1],
                )
                outcome = {
                    ProposalStatus.DECLINED: Outcome.NO,
                    ProposalStatus.POSTPONED: Outcome.NOT_NOW,
                }.get(proposal.status, Outcome.YES)
                proposal.created_on = min(proposal.created_on, meeting.date)
                proposal.decided_on = meeting.date
                proposal.status_changed_on = meeting.date
                changed.append(proposal)
                item = add_item(
                    meeting, kind=ItemKind.PROPOSAL, proposal=proposal, summary=SUMMARIES[outcome]
                )
                decision = add_decision(
                    item,
                    meeting,
                    outcome=outcome,
                    reason_category=proposal.reason_category,
                    reason=proposal.decision_reason,
                )
                if outcome == Outcome.YES and proposal.is_activity:
                    decision.activity = _draft(proposal, drafts)
                elif outcome == Outcome.YES:
                    follow_ups.append(
                        _follow_up(
                            ctx,
                            item,
                            "Kjøpe inn frukt hver mandag",
                            Who.STAFF,
                            meeting.date + datetime.timedelta(days=7),
                        )
                    )
            elif proposal.status == ProposalStatus.ON_AGENDA and planned:
                add_item(planned[0], kind=ItemKind.PROPOSAL, proposal=proposal)

        # More ideas over the months, so every meeting has proposals to decide.
        pool = IDEAS[index % len(IDEAS) :] + IDEAS[: index % len(IDEAS)]
        corrected = False
        for n, meeting in enumerate(published + held):
            for k in range(1 + (n % 2)):
                spec = pool[(2 * n + k) % len(pool)]
                title, description, cost, lead, nickname, outcome, category, reason = spec
                proposal = Proposal(
                    centre=centre,
                    title=title,
                    description=description,
                    rough_cost=None if cost is None else Decimal(cost),
                    wants_to_lead=lead,
                    nickname=nickname,
                    receipt_code=_fresh(codes),
                    created_on=meeting.date - datetime.timedelta(days=ctx.rng.randint(4, 20)),
                    join_count=ctx.rng.randint(0, 12),
                )
                new_proposals.append(proposal)
                item = add_item(
                    meeting, kind=ItemKind.PROPOSAL, proposal=proposal, summary=SUMMARIES[outcome]
                )
                decision = add_decision(
                    item, meeting, outcome=outcome, reason_category=category, reason=reason
                )
                if meeting.status == MeetingStatus.HELD:
                    proposal.status = ProposalStatus.ON_AGENDA
                    proposal.status_changed_on = proposal.created_on
                else:
                    _set_decision(proposal, outcome, category, reason, meeting.date)
                if outcome == Outcome.YES:
                    decision.activity = _yes_activity(
                        ctx, proposal, meeting, drafts, held_activities
                    )
                elif (
                    outcome == Outcome.NO
                    and category == C.COST
                    and cost is not None
                    and cost <= CORRECTABLE_COST
                    and not corrected
                    and meeting.date + datetime.timedelta(days=10) < ctx.today
                    and meeting.status == MeetingStatus.PUBLISHED
                ):
                    # Money turned up: the "no" became a "yes"; the "no" stays in the minutes.
                    corrected = True
                    decision.is_current = False
                    on = meeting.date + datetime.timedelta(days=10)
                    correction = add_decision(
                        item,
                        meeting,
                        version=2,
                        outcome=Outcome.YES,
                        reason="Vi drar en ettermiddag i vinterferien.",
                        change_note=CORRECTION_NOTE,
                        recorded_on=on,
                    )
                    correction.activity = _draft(proposal, drafts)
                    _set_decision(proposal, Outcome.YES, "", "", meeting.date)
                    proposal.status_changed_on = on
            # Something about the social environment or information, most meetings.
            if n % 3 != 2:
                topics = SOCIAL if n % 2 else INFORMATION
                title, summary = topics[(n // 2) % len(topics)]
                item = add_item(
                    meeting,
                    kind=ItemKind.SOCIAL if n % 2 else ItemKind.INFORMATION,
                    title=title,
                    summary=summary,
                )
                if n % 2:
                    follow_ups.append(
                        _follow_up(
                            ctx,
                            item,
                            "Henge opp en lapp om det vi ble enige om",
                            Who.VOLUNTEER,
                            meeting.date + datetime.timedelta(days=7),
                            nickname="Randi",
                        )
                    )
            if n % 4 == 1:
                follow_ups.append(
                    _follow_up(
                        ctx,
                        items[-1],
                        "Spørre kommunen om gratisbilletter til kultur og trening",
                        Who.STAFF,
                        meeting.date + datetime.timedelta(days=21),
                    )
                )
        # Something still to do from the latest meeting.
        latest = (published + held)[-1]
        first_item = next(i for i in items if i.meeting is latest)
        follow_ups.append(
            _follow_up(
                ctx,
                first_item,
                "Sjekke pris på bowling for grupper",
                Who.STAFF,
                ctx.today + datetime.timedelta(days=10),
            )
        )
        follow_ups.append(_follow_up(ctx, first_item, "Lage oppslag til tavla", Who.EVERYONE, None))

        # The next meeting: a rule to discuss and a piece of information on the agenda.
        for meeting in planned[:1]:
            add_item(
                meeting,
                kind=ItemKind.RULE,
                rule=centre_rules[2],
                title="Regel 3: hvordan vi snakker til hverandre",
            )
            add_item(meeting, kind=ItemKind.INFORMATION, title="Julebordet – hvem vil hjelpe til?")

    Proposal.objects.bulk_create(new_proposals)
    Proposal.objects.bulk_update(
        changed, ["created_on", "decided_on", "status_changed_on", "decided_by"], batch_size=500
    )
    Activity.objects.bulk_create(drafts)
    Occurrence.objects.bulk_create(
        Occurrence(
            activity=a,
            date=a.starts_on,
            start_time=a.start_time,
            end_time=a.end_time,
            attendance=count,
        )
        for a, count in held_activities
    )
    HouseRule.objects.bulk_create(rules)
    AgendaItem.objects.bulk_create(items, batch_size=500)
    Decision.objects.bulk_create(decisions, batch_size=500)
    HouseRuleVersion.objects.bulk_create(versions)
    FollowUp.objects.bulk_create(follow_ups)
    _ideas_on_the_agenda_by_default(ctx, plans)


def _ideas_on_the_agenda_by_default(ctx, plans) -> None:
    """Each centre's thresholds; one idea held back with a public reason; every other idea
    that is due goes on the next meeting's agenda by the rule, as the daily command does."""
    AgendaPolicy.objects.bulk_create(
        AgendaPolicy(centre=centre, after_days=21 if n % 2 else 28, at_joins=10)
        for n, (centre, _meetings) in enumerate(plans)
    )
    for _centre, meetings in plans:
        planned = [m for m in meetings if m.status == MeetingStatus.PLANNED]
        if not planned:
            continue
        due = list(services.due_ideas(planned[0], on=ctx.today))
        if len(due) > 2:
            due[-1].hold_back(reason="Vi venter til vi vet hva vårbudsjettet blir.")
            # A budget answer from staff between meetings: the public page says so.
            due[-2].answer_between_meetings(
                status=ProposalStatus.DECLINED,
                category=ReasonCategory.COST,
                reason="Aktivitetsbudsjettet for i år er brukt opp.",
                today=ctx.today,
            )
        services.place_due_ideas(planned[0], today=ctx.today)


class _Minutes:
    """Collects agenda items (numbered per meeting) and decisions for bulk_create."""

    def __init__(self, items: list[AgendaItem], decisions: list[Decision], by) -> None:
        self.items, self.decisions, self.by = items, decisions, by
        self.positions: dict[int, int] = {}

    def add_item(self, meeting: HouseMeeting, **kw) -> AgendaItem:
        position = self.positions.get(id(meeting), 0) + 1
        self.positions[id(meeting)] = position
        item = AgendaItem(meeting=meeting, position=position, **kw)
        self.items.append(item)
        return item

    def add_decision(self, item: AgendaItem, meeting: HouseMeeting, **kw) -> Decision:
        kw.setdefault("recorded_on", meeting.date)
        decision = Decision(agenda_item=item, recorded_by=self.by, **kw)
        self.decisions.append(decision)
        return decision


def _meetings(ctx, centre, index: int) -> list[HouseMeeting]:
    """Every two weeks from the start of the demo to two weeks ahead. The latest past meeting
    of the first centre is held but its minutes are not published yet."""
    weekday, start_time = SLOTS[index % len(SLOTS)]
    day = ctx.start + datetime.timedelta(days=(weekday - ctx.start.weekday()) % 7)
    meetings = []
    while day <= ctx.today + INTERVAL:
        meeting = HouseMeeting(centre=centre, date=day, start_time=start_time)
        if day < ctx.today:
            meeting.status = MeetingStatus.PUBLISHED
            meeting.users_present = ctx.rng.randint(6, 18)
            meeting.staff_present = ctx.rng.randint(1, 3)
            meeting.chaired_by = Chair.SERVICE_USER if len(meetings) % 2 else Chair.STAFF
            meeting.summary = MEETING_NOTES[len(meetings) % len(MEETING_NOTES)]
            meeting.published_on = day + datetime.timedelta(days=1)
        meetings.append(meeting)
        day += INTERVAL
    past = [m for m in meetings if m.status == MeetingStatus.PUBLISHED]
    if index == 0 and len(past) > 2:
        past[-1].status = MeetingStatus.HELD
        past[-1].published_on = None
    return meetings


def _rule_changes(ctx, published, rules, versions, add_item, add_decision) -> None:
    """Later meetings change rule 1, add a rule, retire rule 5 and keep rule 3 as it is."""
    if len(published) < 10:
        return
    meeting = published[3]
    rule, text = rules[RULE_CHANGE[0]], RULE_CHANGE[1]
    item = add_item(
        meeting,
        kind=ItemKind.RULE,
        rule=rule,
        title="Regel 1: oppvasken",
        summary="Oppvasken etter felles måltid blir ofte stående. Vi la det til i regelen.",
    )
    decision = add_decision(item, meeting, outcome=Outcome.CHANGE, rule_text=text)
    _close(versions, rule, meeting.date)
    versions.append(_version(rule, 2, text, meeting, decision, meeting.date))

    meeting = published[5]
    new = HouseRule(centre=rule.centre, number=len(RULES) + 1)
    rules.append(new)
    item = add_item(
        meeting,
        kind=ItemKind.RULE,
        rule=new,
        title="Ny husregel om røyking",
        summary="Naboene har klaget på røyk ved inngangen.",
    )
    decision = add_decision(item, meeting, outcome=Outcome.ADOPT, rule_text=NEW_RULE)
    versions.append(_version(new, 1, NEW_RULE, meeting, decision, meeting.date))

    meeting = published[7]
    rule = rules[4]
    item = add_item(
        meeting,
        kind=ItemKind.RULE,
        rule=rule,
        title="Regel 5: mobil i fellesrommet",
        summary="Mange bruker mobilen til å lese nyheter og høre musikk.",
    )
    add_decision(
        item, meeting, outcome=Outcome.RETIRE, reason="Det holder at mobilen er på lydløs."
    )
    rule.retired_on = meeting.date
    rule.retired_at = meeting
    _close(versions, rule, meeting.date)

    meeting = published[9]
    item = add_item(
        meeting,
        kind=ItemKind.RULE,
        rule=rules[2],
        title="Regel 3: tonen i huset",
        summary="Vi snakket om tonen i huset etter en krangel. Regelen står seg.",
    )
    add_decision(item, meeting, outcome=Outcome.KEEP)


def _close(versions: list[HouseRuleVersion], rule: HouseRule, on: datetime.date) -> None:
    for version in versions:
        if version.rule is rule and version.is_current:
            version.is_current = False
            version.valid_until = on


def _follow_up(ctx, item, what, who, due, *, nickname="") -> FollowUp:
    """Done a few days before it was due, once that is well past; otherwise still open."""
    done = due is not None and due + datetime.timedelta(days=10) < ctx.today
    return FollowUp(
        agenda_item=item,
        what=what,
        who=who,
        volunteer_nickname=nickname,
        due_on=due,
        is_done=done,
        done_on=due - datetime.timedelta(days=2) if done else None,
    )


def _version(rule, number, text, meeting, decision, on) -> HouseRuleVersion:
    return HouseRuleVersion(
        rule=rule, version=number, text=text, adopted_at=meeting, decision=decision, valid_from=on
    )


def _set_decision(proposal, outcome, category, reason, on) -> None:
    proposal.status = {
        Outcome.YES: ProposalStatus.ACCEPTED,
        Outcome.NO: ProposalStatus.DECLINED,
        Outcome.NOT_NOW: ProposalStatus.POSTPONED,
    }[outcome]
    proposal.decided_on = on
    proposal.status_changed_on = on
    proposal.reason_category = "" if outcome == Outcome.YES else category
    proposal.decision_reason = "" if outcome == Outcome.YES else reason
    proposal.decided_by = DecidedBy.MEETING


def _draft(proposal, drafts) -> Activity:
    """The draft activity a "yes" makes (or the activity already linked to the proposal)."""
    existing = next((a for a in drafts if a.proposal is proposal), None)
    if existing is None and proposal.pk is not None:
        existing = proposal.activities.order_by("pk").first()
    if existing is not None:
        return existing
    activity = proposal.prefilled_activity()
    drafts.append(activity)
    return activity


def _yes_activity(ctx, proposal, meeting, drafts, held_activities) -> Activity:
    """Most "yes" became a one-off activity some days after the meeting, held with a count;
    the newest stay drafts for staff to plan."""
    day = meeting.date + datetime.timedelta(days=9)
    if day >= ctx.today:
        return _draft(proposal, drafts)
    activity = proposal.prefilled_activity(
        category=Category.SOCIAL,
        place_kind=PlaceKind.CENTRE,
        is_draft=False,
        recurrence=Recurrence.ONCE,
        starts_on=day,
        start_time=datetime.time(12),
        end_time=datetime.time(14),
    )
    drafts.append(activity)
    held_activities.append((activity, ctx.rng.randint(4, 14)))
    return activity


def _fresh(codes: set[str]) -> str:
    code = new_receipt_code()
    while code in codes:
        code = new_receipt_code()
    codes.add(code)
    return code
