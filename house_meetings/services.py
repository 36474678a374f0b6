"""Writes that span meetings, agenda items, decisions, proposals, activities and rules.

Every function here runs in one transaction and locks the meeting (or the item) it changes, so
two tablets recording the same meeting cannot interleave half-way. Bad input raises
``ValidationError`` before anything is written, so a refused request changes nothing.

When a decision becomes public: the minutes are the official record, so a meeting's decisions
change the proposals' public state and the rules register when the minutes are **published**.
Before that a proposal shows "on the agenda of the meeting on <date>". A correction of
published minutes takes effect at once and keeps the earlier decision.
"""

import datetime
import hashlib
import hmac
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from activities.models import (
    Activity,
    IdeaKind,
    Proposal,
    ProposalStatus,
    reason_errors,
)
from activities.services import draft_activity_from_proposal
from centres.models import Centre
from house_meetings.models import (
    MEETING_LENGTH,
    NEEDS_REASON,
    NEEDS_RULE_TEXT,
    AgendaItem,
    AgendaPolicy,
    Decision,
    FollowUp,
    HouseMeeting,
    HouseRule,
    HouseRuleVersion,
    ItemKind,
    MeetingPen,
    MeetingStatus,
    Outcome,
    Who,
)


def _locked_meeting(meeting: HouseMeeting) -> HouseMeeting:
    return HouseMeeting.objects.select_for_update().select_related("centre").get(pk=meeting.pk)


def _check_agenda_open(meeting: HouseMeeting) -> None:
    if meeting.is_published:
        raise ValidationError(_("The minutes are published; the agenda can no longer change."))


def _next_position(meeting: HouseMeeting) -> int:
    top = meeting.items.aggregate(top=Max("position"))["top"]
    return 1 if top is None else top + 1


def _renumber(meeting: HouseMeeting, items: list[AgendaItem]) -> None:
    for position, item in enumerate(items, start=1):
        item.position = position
    bulk_update_with_history(items, AgendaItem, ["position"])


# The agenda -----------------------------------------------------------------------------------


@transaction.atomic
def add_proposals(
    meeting: HouseMeeting, *, proposals: Iterable[Proposal], today: datetime.date
) -> list[AgendaItem]:
    """Put proposals on the agenda, after the items already there, in the order given."""
    meeting = _locked_meeting(meeting)
    _check_agenda_open(meeting)
    wanted = [p.pk for p in proposals]
    if not wanted:
        raise ValidationError(_("Choose at least one proposal."))
    locked = {p.pk: p for p in Proposal.objects.select_for_update().filter(pk__in=wanted)}
    chosen = [locked[pk] for pk in wanted if pk in locked]
    if len(chosen) != len(set(wanted)):
        raise ValidationError(_("That proposal does not exist."))
    for proposal in chosen:
        if proposal.centre_id != meeting.centre_id:
            raise ValidationError(
                _("“%(title)s” was proposed at another meeting place; it cannot go on this agenda.")
                % {"title": proposal.title}
            )
        if proposal.created_on > meeting.date:
            raise ValidationError(
                _("“%(title)s” was proposed after this meeting; put it on a later one.")
                % {"title": proposal.title}
            )
        if not proposal.can_go_on_agenda:
            raise ValidationError(
                _("“%(title)s” is not waiting for a decision (it may be on an agenda already).")
                % {"title": proposal.title}
            )
    position = _next_position(meeting)
    items = bulk_create_with_history(
        [
            AgendaItem(meeting=meeting, kind=ItemKind.PROPOSAL, proposal=p, position=position + n)
            for n, p in enumerate(chosen)
        ],
        AgendaItem,
    )
    for proposal in chosen:
        proposal.put_on_agenda(today=today)
    return items


@transaction.atomic
def set_agenda_policy(centre: Centre, *, after_days: int, at_joins: int) -> AgendaPolicy:
    """Set a centre's two thresholds for putting ideas on the agenda by themselves. Checked
    against the model's limits; a bad value raises and changes nothing. The audit trail keeps
    each change."""
    policy = AgendaPolicy.objects.select_for_update().filter(centre=centre).first()
    policy = policy or AgendaPolicy(centre=centre)
    policy.after_days, policy.at_joins = after_days, at_joins
    policy.full_clean(exclude=["centre"])
    policy.save()
    return policy


def due_ideas(meeting: HouseMeeting, *, on: datetime.date):
    """Ideas that must be on this meeting's agenda unless staff hold them back with a public
    reason: the most-joined first."""
    policy = AgendaPolicy.for_centre(meeting.centre)
    return (
        policy.due(on=on)
        .filter(created_on__lte=meeting.date)
        .order_by("-join_count", "created_on", "pk")
    )


@transaction.atomic
def place_due_ideas(meeting: HouseMeeting, *, today: datetime.date) -> list[AgendaItem]:
    """Put every idea that is due on this (planned) meeting's agenda. Idempotent: an idea on
    an agenda is no longer waiting, so running it again, or from two processes, adds nothing
    twice (the meeting's row lock serialises them)."""
    meeting = _locked_meeting(meeting)
    if not meeting.is_planned:
        return []
    due = list(due_ideas(meeting, on=today).select_for_update())
    if not due:
        return []
    return add_proposals(meeting, proposals=due, today=today)


def place_due_ideas_on_next_meeting(centre: Centre, *, today: datetime.date) -> list[AgendaItem]:
    meeting = centre.house_meetings.upcoming(today).oldest_first().first()
    if meeting is None:
        return []
    return place_due_ideas(meeting, today=today)


@transaction.atomic
def add_item(
    meeting: HouseMeeting, *, kind: str, title: str, rule: HouseRule | None = None
) -> AgendaItem:
    """A free item: a rule to discuss (an existing one, or a new one), the social
    environment, information, or something else."""
    meeting = _locked_meeting(meeting)
    _check_agenda_open(meeting)
    if kind not in ItemKind.values or kind == ItemKind.PROPOSAL:
        raise ValidationError({"kind": _("Choose what kind of item it is.")})
    if rule is not None:
        if kind != ItemKind.RULE:
            raise ValidationError({"rule": _("Only a house-rule item can name a rule.")})
        if rule.centre_id != meeting.centre_id:
            raise ValidationError({"rule": _("That rule belongs to another meeting place.")})
        if rule.is_retired:
            raise ValidationError({"rule": _("That rule is retired already.")})
    title = title.strip()
    if not title and kind == ItemKind.RULE:
        title = _("Rule %(number)s") % {"number": rule.number} if rule else _("A new rule")
    if not title:
        raise ValidationError({"title": _("Give the item a short title.")})
    return AgendaItem.objects.create(
        meeting=meeting,
        kind=kind,
        title=title,
        rule=rule,
        position=_next_position(meeting),
    )


@transaction.atomic
def move_item(item: AgendaItem, *, up: bool) -> None:
    """One step up or down the agenda. At either end nothing happens."""
    meeting = _locked_meeting(item.meeting)
    _check_agenda_open(meeting)
    items = list(meeting.items.in_order())
    index = next(n for n, i in enumerate(items) if i.pk == item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    _renumber(meeting, items)


@transaction.atomic
def remove_item(item: AgendaItem, *, today: datetime.date, hold_back_reason: str = "") -> None:
    """Off the agenda (and any decision recorded for it, as the minutes are still a draft);
    a proposal goes back to waiting for a meeting. An idea that is due for the agenda comes off
    only held back with a public reason: it cannot be skipped silently."""
    meeting = _locked_meeting(item.meeting)
    _check_agenda_open(meeting)
    if item.proposal_id:
        proposal = Proposal.objects.select_for_update().get(pk=item.proposal_id)
        reason = " ".join(hold_back_reason.split())
        if reason:
            proposal.hold_back(reason=reason)
        elif proposal.decided_on is None and AgendaPolicy.for_centre(meeting.centre).is_due(
            proposal, on=today
        ):
            raise ValidationError(
                _(
                    "“%(title)s” has waited long or many joined it, so it goes on the agenda. "
                    "To keep it off, write a reason; it is shown publicly."
                )
                % {"title": proposal.title}
            )
        proposal.take_off_agenda(today=today)
    item.delete()
    _renumber(meeting, list(meeting.items.in_order()))


@transaction.atomic
def cancel_meeting(meeting: HouseMeeting, *, today: datetime.date) -> None:
    """A planned meeting that will not happen. Its proposals wait for the next one."""
    meeting = _locked_meeting(meeting)
    if not meeting.is_planned:
        raise ValidationError(_("Only a planned meeting can be cancelled."))
    if Decision.objects.filter(agenda_item__meeting=meeting).exists():
        raise ValidationError(
            _("Decisions are recorded for this meeting; remove them first or publish it.")
        )
    ids = list(meeting.items.exclude(proposal=None).values_list("proposal_id", flat=True))
    for proposal in Proposal.objects.select_for_update().filter(pk__in=ids):
        proposal.take_off_agenda(today=today)
    meeting.items.all().delete()
    meeting.delete()


# Recording and deciding -----------------------------------------------------------------------


@transaction.atomic
def save_summary(item: AgendaItem, *, summary: str, today: datetime.date) -> None:
    meeting = _locked_meeting(item.meeting)
    meeting.check_can_record(today)
    item.summary = summary.strip()
    item.save(update_fields=["summary"])


@transaction.atomic
def record_item(
    item: AgendaItem,
    *,
    summary: str,
    outcome: str = "",
    reason_category: str = "",
    reason: str = "",
    rule_text: str = "",
    follow_up: dict | None = None,
    by: User | None,
    today: datetime.date,
) -> Decision | None:
    """What staff save for one item during the meeting: its summary and, if chosen already,
    its decision. All or nothing: a refused decision keeps the summary unsaved too."""
    save_summary(item, summary=summary, today=today)
    if not outcome:
        return None
    return decide(
        item,
        outcome=outcome,
        reason_category=reason_category,
        reason=reason,
        rule_text=rule_text,
        follow_up=follow_up,
        by=by,
        today=today,
    )


def needs_rule_text(item: AgendaItem, outcome: str) -> bool:
    """A new or changed rule, or a "yes" to an idea for a house rule, says the rule's words."""
    if outcome in NEEDS_RULE_TEXT:
        return True
    return (
        outcome == Outcome.YES and item.proposal is not None and item.proposal.kind == IdeaKind.RULE
    )


def needs_follow_up(item: AgendaItem, outcome: str) -> bool:
    """A "yes" to an idea about how we have it here: who does what, by when."""
    return (
        outcome == Outcome.YES
        and item.proposal is not None
        and item.proposal.kind == IdeaKind.HOUSE
    )


def _clean_decision(
    item: AgendaItem,
    *,
    outcome: str,
    reason_category: str,
    reason: str,
    rule_text: str,
    change_note: str,
    correcting: bool,
) -> dict:
    errors: dict[str, str] = {}
    if outcome not in item.outcomes:
        errors["outcome"] = _("Choose one of the decisions offered for this item.")
    reason, rule_text, change_note = reason.strip(), rule_text.strip(), change_note.strip()
    if outcome in NEEDS_REASON:
        errors.update(reason_errors(reason_category, reason, category_field="reason_category"))
    else:
        reason_category = ""
    if needs_rule_text(item, outcome):
        if not rule_text:
            errors["rule_text"] = _("Write the rule as it will hang on the wall.")
    else:
        rule_text = ""
    if correcting and not change_note:
        errors["change_note"] = _("Say why the decision was changed; it is shown publicly.")
    if errors:
        raise ValidationError(errors)
    return {
        "outcome": outcome,
        "reason_category": reason_category,
        "reason": reason,
        "rule_text": rule_text,
        "change_note": change_note if correcting else "",
    }


@transaction.atomic
def decide(
    item: AgendaItem,
    *,
    outcome: str,
    reason_category: str = "",
    reason: str = "",
    rule_text: str = "",
    change_note: str = "",
    follow_up: dict | None = None,
    by: User | None,
    today: datetime.date,
) -> Decision:
    """Record the meeting's decision on an item.

    What a "yes" makes depends on the kind of idea: an activity or trip gets a draft activity;
    something about how we have it here gets a follow-up (``follow_up``: ``what``, ``who``,
    ``volunteer_nickname``, ``due_on``); an idea for a house rule carries the rule's words,
    which join the rules register when the minutes are published.

    While the minutes are a draft, deciding again replaces the decision (the meeting is still
    talking). Once published, it is a correction: a new version, with a public note on why,
    that takes effect at once; the earlier decision is kept and shown.

    "Yes" to a proposal makes a draft activity from it (or reuses the activity it already
    has), linked both ways. A later "no" leaves that activity as it is: a draft stays a draft
    and never reaches the public plan; staff decide about one that is already on the plan.
    """
    # The meeting's row lock serialises every write to its items (two tablets at once).
    meeting = _locked_meeting(item.meeting)
    item = AgendaItem.objects.select_related("proposal", "rule").get(pk=item.pk)
    item.meeting = meeting
    correcting = meeting.is_published
    if not correcting:
        meeting.check_can_record(today)
    fields = _clean_decision(
        item,
        outcome=outcome,
        reason_category=reason_category,
        reason=reason,
        rule_text=rule_text,
        change_note=change_note,
        correcting=correcting,
    )
    follow_up_fields = None
    if needs_follow_up(item, fields["outcome"]) and not item.follow_ups.exists():
        follow_up_fields = _clean_follow_up(follow_up or {})
    proposal = None
    if item.proposal_id:
        proposal = Proposal.objects.select_for_update().get(pk=item.proposal_id)
        if proposal.status in (ProposalStatus.WITHDRAWN, ProposalStatus.DONE):
            raise ValidationError(
                _("“%(title)s” was withdrawn or is done; take it off the agenda instead.")
                % {"title": proposal.title}
            )
    current = item.decisions.filter(is_current=True).first()
    decision = Decision(agenda_item=item, recorded_on=today, recorded_by=by, **fields)
    if correcting:
        if current is None:
            raise ValidationError(_("There is no decision to correct."))
        if current.same_as(decision):
            raise ValidationError(_("That is the decision already; nothing changed."))
        current.is_current = False
        current.save(update_fields=["is_current"])
        decision.version = current.version + 1
    elif current is not None:
        current.delete()
    if proposal is not None and decision.outcome == Outcome.YES and proposal.is_activity:
        decision.activity = _activity_for(proposal)
    elif current is not None:
        decision.activity = current.activity  # kept as it is, and shown to staff
    decision.save()
    if current is not None and current.outcome == Outcome.YES and decision.outcome != Outcome.YES:
        _undo_yes(item, meeting=meeting, correcting=correcting, on=today)
    if follow_up_fields is not None:
        FollowUp.objects.create(agenda_item=item, **follow_up_fields)
    if correcting:
        _apply(decision, on=today, today=today)
    return decision


def _undo_yes(
    item: AgendaItem, *, meeting: HouseMeeting, correcting: bool, on: datetime.date
) -> None:
    """A "yes" became "no" or "not now": what the "yes" made must not stand as if decided.

    A house matter's open follow-ups are withdrawn (deleted; the audit trail keeps them); one
    already done stays, as it happened. A rule idea's words, adopted when the minutes were
    published, are withdrawn from the register: the rule is retired at this meeting, with its
    wording kept in its history and the public correction note saying why. (Before publishing
    the words are only on the decision, which the new one replaces.) A draft activity stays a
    draft, as ``decide`` says.
    """
    if item.proposal is None:
        return
    if item.proposal.kind == IdeaKind.HOUSE:
        for follow_up in item.follow_ups.filter(is_done=False):
            follow_up.delete()
    elif item.proposal.kind == IdeaKind.RULE and correcting:
        adopted = (
            HouseRuleVersion.objects.filter(decision__agenda_item=item)
            .select_related("rule")
            .first()
        )
        if adopted is not None:
            rule = HouseRule.objects.select_for_update().get(pk=adopted.rule_id)
            _retire(rule, meeting=meeting, on=on)


def _clean_follow_up(data: dict) -> dict:
    what = (data.get("what") or "").strip()
    who = data.get("who") or ""
    errors = {}
    if not what:
        errors["follow_up_what"] = _("Say what happens next: a “yes” here makes a follow-up.")
    if who not in Who.values:
        errors["follow_up_who"] = _("Choose who does it.")
    if errors:
        raise ValidationError(errors)
    return {
        "what": what,
        "who": who,
        "volunteer_nickname": (data.get("volunteer_nickname") or "").strip()
        if who == Who.VOLUNTEER
        else "",
        "due_on": data.get("due_on"),
    }


def _activity_for(proposal: Proposal) -> Activity:
    existing = proposal.activities.order_by("pk").first()
    return existing or draft_activity_from_proposal(proposal)


def _apply(decision: Decision, *, on: datetime.date, today: datetime.date) -> None:
    """Make a public decision take effect: the proposal's state, or the rules register."""
    item = decision.agenda_item
    meeting = item.meeting
    if item.kind == ItemKind.PROPOSAL:
        assert item.proposal_id is not None, "a proposal item names its proposal"
        proposal = Proposal.objects.select_for_update().get(pk=item.proposal_id)
        latest = proposal.agenda_items.order_by(
            "-meeting__date", "-meeting__start_time", "-pk"
        ).first()
        if latest is None or latest.pk != item.pk:
            return  # a later meeting has it now; this correction only changes the record
        if decision.outcome == Outcome.YES:
            proposal.accept(decided_on=meeting.date, today=today)
            if proposal.kind == IdeaKind.RULE:
                _adopt_proposed_rule(decision, on=on)
        elif decision.outcome == Outcome.NO:
            proposal.decline(
                category=decision.reason_category,
                reason=decision.reason,
                decided_on=meeting.date,
                today=today,
            )
        else:
            proposal.postpone(
                category=decision.reason_category,
                reason=decision.reason,
                decided_on=meeting.date,
                today=today,
            )
    elif item.kind == ItemKind.RULE:
        _apply_rule(decision, on=on)


def _apply_rule(decision: Decision, *, on: datetime.date) -> None:
    item = decision.agenda_item
    meeting = item.meeting
    rule = HouseRule.objects.select_for_update().get(pk=item.rule_id) if item.rule_id else None
    if decision.outcome in NEEDS_RULE_TEXT:
        if rule is None:
            rule = _new_rule(meeting.centre)
            item.rule = rule
            item.save(update_fields=["rule"])
        _new_version(rule, text=decision.rule_text, decision=decision, on=on)
    elif decision.outcome == Outcome.RETIRE:
        _retire(rule, meeting=meeting, on=on)
    elif decision.outcome == Outcome.KEEP and decision.is_correction and rule is not None:
        # "No change" after all: the rule as it was before this item's decisions.
        before = rule.versions.exclude(decision__agenda_item=item).order_by("-version").first()
        if before is None:
            _retire(rule, meeting=meeting, on=on)  # it was new at this meeting
        else:
            current = rule.versions.current().first()
            if rule.is_retired or current is None or current.text != before.text:
                _new_version(rule, text=before.text, decision=decision, on=on)


def _adopt_proposed_rule(decision: Decision, *, on: datetime.date) -> None:
    """A "yes" to an idea for a house rule: its words become a rule (once; a correction
    rewords the same rule)."""
    earlier = (
        HouseRuleVersion.objects.filter(decision__agenda_item=decision.agenda_item)
        .select_related("rule")
        .first()
    )
    rule = earlier.rule if earlier else _new_rule(decision.agenda_item.meeting.centre)
    _new_version(rule, text=decision.rule_text, decision=decision, on=on)


def _new_rule(centre: Centre) -> HouseRule:
    Centre.objects.select_for_update().filter(pk=centre.pk).first()  # one new number at a time
    top = HouseRule.objects.filter(centre=centre).aggregate(top=Max("number"))["top"]
    return HouseRule.objects.create(centre=centre, number=(top or 0) + 1)


def _new_version(rule: HouseRule, *, text: str, decision: Decision, on: datetime.date) -> None:
    current = rule.versions.current().first()
    if current is not None:
        current.close(on=on)
    top = rule.versions.aggregate(top=Max("version"))["top"] or 0
    HouseRuleVersion.objects.create(
        rule=rule,
        version=top + 1,
        text=text,
        adopted_at=decision.agenda_item.meeting,
        decision=decision,
        valid_from=on,
    )
    if rule.is_retired:
        rule.retired_on = None
        rule.retired_at = None
        rule.save(update_fields=["retired_on", "retired_at"])


def _retire(rule: HouseRule | None, *, meeting: HouseMeeting, on: datetime.date) -> None:
    if rule is None or rule.is_retired:
        return
    current = rule.versions.current().first()
    if current is not None:
        current.close(on=on)
    rule.retired_on = on
    rule.retired_at = meeting
    rule.save(update_fields=["retired_on", "retired_at"])


# Publishing -----------------------------------------------------------------------------------


def publish_problems(meeting: HouseMeeting, *, today: datetime.date) -> list[str]:
    """Why the minutes cannot be published yet; empty when they can. Four queries."""
    problems = []
    if meeting.is_published:
        return [_("The minutes are published already.")]
    if meeting.date > today:
        problems.append(_("The meeting has not taken place yet."))
    elif meeting.is_planned:
        problems.append(_("Record how many were there and who chaired the meeting."))
    items = list(
        meeting.items.in_order()
        .select_related("proposal")
        .annotate(decided=Exists(Decision.objects.filter(agenda_item=OuterRef("pk"))))
    )
    if not items:
        problems.append(_("The agenda is empty: add what the meeting talked about."))
    unsummarised = [i.display_title for i in items if not i.summary.strip()]
    if unsummarised:
        problems.append(
            _("Write a short summary for: %(items)s.") % {"items": ", ".join(unsummarised)}
        )
    undecided = [i.display_title for i in items if i.needs_decision and not i.decided]
    if undecided:
        problems.append(_("Record the decision on: %(items)s.") % {"items": ", ".join(undecided)})
    skipped = list(
        due_ideas(meeting, on=meeting.date)
        .exclude(pk__in=[i.proposal_id for i in items if i.proposal_id])
        .values_list("title", flat=True)
    )
    if skipped:
        problems.append(
            _(
                "These ideas were due for this agenda: put them on it, or hold them back with "
                "a public reason: %(items)s."
            )
            % {"items": ", ".join(skipped)}
        )
    gone = [
        i.display_title
        for i in items
        if i.proposal_id and i.proposal.status != ProposalStatus.ON_AGENDA
    ]
    if gone:
        problems.append(
            _(
                "No longer waiting for a decision (withdrawn or done), take off the agenda: "
                "%(items)s."
            )
            % {"items": ", ".join(gone)}
        )
    return problems


@transaction.atomic
def publish(meeting: HouseMeeting, *, by: User | None, today: datetime.date) -> HouseMeeting:
    """Publish the minutes: they become public, and their decisions take effect on the
    proposals and the rules register. Refused, with the reasons, for an unfinished meeting."""
    meeting = _locked_meeting(meeting)
    problems = publish_problems(meeting, today=today)
    if problems:
        raise ValidationError(problems)
    decisions = (
        Decision.objects.current()
        .filter(agenda_item__meeting=meeting)
        .select_related("agenda_item")
        .order_by("agenda_item__position", "agenda_item__pk")
    )
    for decision in decisions:
        decision.agenda_item.meeting = meeting
        _apply(decision, on=meeting.date, today=today)
    meeting.status = MeetingStatus.PUBLISHED
    meeting.published_on = today
    meeting.published_by = by
    meeting.save(update_fields=["status", "published_on", "published_by"])
    return meeting


# Follow-ups -----------------------------------------------------------------------------------


@transaction.atomic
def add_follow_up(
    item: AgendaItem,
    *,
    what: str,
    who: str,
    volunteer_nickname: str = "",
    due_on: datetime.date | None = None,
) -> FollowUp:
    meeting = _locked_meeting(item.meeting)
    _check_agenda_open(meeting)
    if who not in Who.values:
        raise ValidationError({"who": _("Choose who does it.")})
    volunteer_nickname = volunteer_nickname.strip()
    if volunteer_nickname and who != Who.VOLUNTEER:
        raise ValidationError({"volunteer_nickname": _("A nickname goes only with “a volunteer”.")})
    return FollowUp.objects.create(
        agenda_item=item,
        what=what.strip(),
        who=who,
        volunteer_nickname=volunteer_nickname,
        due_on=due_on,
    )


# The pen --------------------------------------------------------------------------------------

PEN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PEN_CODE_LENGTH = 6


def _pen_hash(code: str) -> str:
    clean = "".join(ch for ch in code.upper() if ch.isalnum())
    return hmac.new(settings.SECRET_KEY.encode(), clean.encode(), hashlib.sha256).hexdigest()


def meeting_ends_at(meeting: HouseMeeting) -> datetime.datetime:
    start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=meeting.centre.tz)
    return start + MEETING_LENGTH


def hand_over_pen(meeting: HouseMeeting, *, by: User | None, now: datetime.datetime) -> str:
    """A fresh meeting code for the run view, valid until the meeting ends."""
    if meeting.is_published:
        raise ValidationError(_("The minutes are published; there is nothing left to write."))
    ends = meeting_ends_at(meeting)
    if now >= ends:
        raise ValidationError(_("The meeting has ended; the pen can no longer be handed over."))
    code = "".join(secrets.choice(PEN_ALPHABET) for _ in range(PEN_CODE_LENGTH))
    MeetingPen.objects.create(
        meeting=meeting, code_hash=_pen_hash(code), created_by=by, expires_at=ends
    )
    return code


def pen_for_code(meeting: HouseMeeting, code: str, *, now: datetime.datetime) -> MeetingPen | None:
    """The valid pen of this meeting with this code; ``None`` for a wrong or expired one."""
    if not code or len(code) > 20:
        return None
    pen = (
        MeetingPen.objects.select_related("meeting")
        .filter(meeting=meeting, code_hash=_pen_hash(code))
        .first()
    )
    return pen if pen is not None and pen.is_valid(now) else None
