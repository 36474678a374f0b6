import datetime
from typing import TYPE_CHECKING, cast

from crispy_forms.layout import Div, Field
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from activities.forms import reject_contact_details
from activities.models import IdeaKind, Proposal, ReasonCategory
from activities.weeks import FIRST_YEAR
from centres.forms_common import date_widget, form_helper, time_widget
from house_meetings.models import (
    MAX_PEOPLE,
    AgendaItem,
    Chair,
    HouseMeeting,
    HouseRule,
    ItemKind,
    Outcome,
    Who,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PLAN_AHEAD = datetime.timedelta(days=2 * 366)


def check_meeting_date(value: datetime.date, *, today: datetime.date) -> None:
    if value.year < FIRST_YEAR or value > today + PLAN_AHEAD:
        raise ValidationError(_("Choose a date between the year 2000 and two years ahead."))


# Meetings -------------------------------------------------------------------------------------


class MeetingForm(forms.ModelForm):
    class Meta:
        model = HouseMeeting
        fields = ["date", "start_time"]
        widgets = {"date": date_widget(), "start_time": time_widget()}
        help_texts = {"date": _("A past date is fine for recording a meeting afterwards.")}

    def __init__(self, *args, centre, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.centre = centre
        self.today = today
        self.helper = form_helper(
            Div(
                Div("date", css_class="col-sm-6"),
                Div("start_time", css_class="col-sm-6"),
                css_class="row",
            )
        )

    def clean_date(self):
        value = self.cleaned_data["date"]
        check_meeting_date(value, today=self.today)
        return value

    def clean(self):
        super().clean()
        data = self.cleaned_data
        date, start = data.get("date"), data.get("start_time")
        if date and start:
            clash = HouseMeeting.objects.filter(
                centre=self.instance.centre, date=date, start_time=start
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                raise ValidationError(_("There is a house meeting at that time already."))
        return data


def _count_field(label: "StrOrPromise", help_text: "StrOrPromise" = "") -> forms.IntegerField:
    # The limits are a hint for the browser; HouseMeeting.record enforces them.
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        error_messages={
            "required": _("Write how many, as a number (0 is fine)."),
            "invalid": _("Write a whole number, e.g. 7."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": MAX_PEOPLE}),
    )


class AttendanceForm(forms.Form):
    """How many came (numbers only) and who chaired (a role, not a name)."""

    users_present = _count_field(_("Service users there"), _("A number, no names."))
    staff_present = _count_field(_("Staff there"))
    chaired_by = forms.ChoiceField(
        label=_("Who chaired the meeting?"),
        choices=Chair.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who chaired the meeting.")},
    )
    minutes_by = forms.ChoiceField(
        label=_("Who wrote the minutes? (the pen)"),
        choices=Chair.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose who wrote the minutes.")},
    )
    summary = forms.CharField(
        label=_("About the meeting in general (optional, public)"),
        max_length=2000,
        required=False,
        help_text=_("E.g. “Good atmosphere; we welcomed two newcomers.” No names."),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Div(
                Div("users_present", css_class="col-6"),
                Div("staff_present", css_class="col-6"),
                css_class="row",
            ),
            Field("chaired_by"),
            Field("minutes_by"),
            Field("summary"),
        )

    def clean_summary(self) -> str:
        summary = self.cleaned_data["summary"].strip()
        reject_contact_details(summary)
        return summary


# The agenda -----------------------------------------------------------------------------------


class ProposalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, proposal: Proposal) -> str:
        return f"{proposal.receipt_code} · {proposal.title}"


class AgendaProposalsForm(forms.Form):
    proposals = ProposalChoiceField(
        label=_("Proposals waiting for a decision"),
        queryset=Proposal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one proposal."),
            "invalid_choice": _(
                "Choose proposals of this meeting place that are waiting for a decision."
            ),
            "invalid_pk_value": _(
                "Choose proposals of this meeting place that are waiting for a decision."
            ),
        },
    )

    def __init__(self, *args, meeting: HouseMeeting, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["proposals"]).queryset = agenda_candidates(
            meeting
        )


def agenda_candidates(meeting: HouseMeeting):
    """The centre's proposals that can go on an agenda: new, or "not now" earlier."""
    return (
        Proposal.objects.for_centre(meeting.centre)
        .can_go_on_agenda()
        .order_by("-join_count", "created_on", "pk")
    )


class RuleChoiceField(forms.ModelChoiceField):
    """A rule by its number and the text in force."""

    def label_from_instance(self, obj: HouseRule) -> str:
        current = next((v for v in obj.versions.all() if v.is_current), None)
        return f"{obj.number}. {current.text if current else ''}"


class AgendaItemForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it about?"),
        choices=[c for c in ItemKind.choices if c[0] != ItemKind.PROPOSAL],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of item it is.")},
    )
    rule = RuleChoiceField(
        label=_("The house rule (to change or retire)"),
        queryset=HouseRule.objects.none(),
        required=False,
        empty_label=_("– A new rule –"),
        help_text=_("Leave it at “a new rule” to propose one."),
        error_messages={"invalid_choice": _("Choose one of this meeting place's rules.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        required=False,
        help_text=_("A few words, e.g. “Tidying the kitchen”. For a rule, it can be left empty."),
    )

    def __init__(self, *args, meeting: HouseMeeting, **kwargs):
        super().__init__(*args, **kwargs)
        cast(RuleChoiceField, self.fields["rule"]).queryset = (
            HouseRule.objects.for_centre(meeting.centre)
            .in_force()
            .prefetch_related("versions")
            .order_by("number")
        )
        self.helper = form_helper(Field("kind"), Field("rule"), Field("title"))


# Recording an item ----------------------------------------------------------------------------


class DecisionForm(forms.Form):
    """The summary and the decision of one agenda item, as staff record them at the meeting.

    While the minutes are a draft the decision may be left open (save the summary first). Once
    they are published only the decision can change, as a correction that says why.
    """

    summary = forms.CharField(
        label=_("What was said, in short"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        help_text=_("Plain language, public once the minutes are published. No names."),
    )
    outcome = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
        error_messages={"invalid_choice": _("Choose one of the decisions offered for this item.")},
    )
    reason_category = forms.ChoiceField(
        label=_("Reason"),
        required=False,
        choices=[("", _("– Choose for “no” or “not now” –")), *ReasonCategory.choices],
        error_messages={"invalid_choice": _("Choose one of the reasons in the list.")},
    )
    reason = forms.CharField(
        label=_("Why, in one sentence"),
        max_length=300,
        required=False,
        help_text=_("Needed for “no” and “not now”; shown publicly. Optional for “yes”."),
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    rule_text = forms.CharField(
        label=_("The rule's wording"),
        max_length=300,
        required=False,
        help_text=_("As it will hang on the wall, e.g. “We tidy up after ourselves.”"),
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    follow_up_what = forms.CharField(
        label=_("If yes: what happens next"),
        max_length=200,
        required=False,
        help_text=_(
            "A “yes” to how we have it here becomes a follow-up, e.g. “Buy fruit on Mondays”."
        ),
        widget=forms.TextInput(attrs={"maxlength": 200}),
    )
    follow_up_who = forms.ChoiceField(
        label=_("Who does it"),
        required=False,
        choices=[("", _("– Choose for “yes” –")), *Who.choices],
        error_messages={"invalid_choice": _("Choose who does it.")},
    )
    follow_up_due = forms.DateField(
        label=_("By when (optional)"), required=False, widget=date_widget()
    )
    change_note = forms.CharField(
        label=_("Why is the decision changed? (shown publicly)"),
        max_length=300,
        required=False,
        help_text=_("E.g. “The municipality gave us money for tickets.”"),
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )

    def __init__(self, *args, item: AgendaItem, **kwargs):
        self.item = item
        self.correcting = item.meeting.is_published
        current = getattr(item, "current_decision", None)
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("summary", item.summary)
        if current is not None:
            initial.setdefault("outcome", current.outcome)
            initial.setdefault("reason_category", current.reason_category)
            initial.setdefault("reason", current.reason)
            initial.setdefault("rule_text", current.rule_text)
        elif item.rule_id and item.kind == "rule":
            version = getattr(item.rule, "current_version", None)
            if version is not None:
                initial.setdefault("rule_text", version.text)
        super().__init__(*args, **kwargs)
        outcomes = item.outcomes
        cast(forms.ChoiceField, self.fields["outcome"]).choices = [
            (o.value, _outcome_label(o)) for o in outcomes
        ]
        self.fields["outcome"].required = self.correcting
        self.fields["outcome"].error_messages["required"] = _("Choose the corrected decision.")
        if not outcomes:
            del self.fields["outcome"]
        if item.kind != "proposal":
            del self.fields["reason_category"]
            self.fields["reason"].label = _("Comment (optional)")
            self.fields["reason"].help_text = _("Shown with the decision.")
        kind = item.proposal.kind if item.proposal is not None else ""
        if item.kind != "rule" and kind != IdeaKind.RULE:
            del self.fields["rule_text"]
        elif kind == IdeaKind.RULE:
            self.fields["rule_text"].label = _("If yes: the rule's wording")
        # Also when correcting: a "no" corrected to "yes" needs its follow-up (a "yes"
        # corrected to "no" withdrew the open ones).
        self.asks_follow_up = kind == IdeaKind.HOUSE and not item.follow_ups.all()
        if not self.asks_follow_up:
            for name in ("follow_up_what", "follow_up_who", "follow_up_due"):
                del self.fields[name]
        if not item.needs_decision:
            del self.fields["reason"]
        if self.correcting:
            del self.fields["summary"]
        else:
            del self.fields["change_note"]
        self.helper = form_helper()

    def clean_summary(self) -> str:
        summary = self.cleaned_data["summary"].strip()
        reject_contact_details(summary)
        return summary

    def follow_up(self) -> dict | None:
        if not self.asks_follow_up:
            return None
        return {
            "what": self.cleaned_data.get("follow_up_what", ""),
            "who": self.cleaned_data.get("follow_up_who", ""),
            "due_on": self.cleaned_data.get("follow_up_due"),
        }


def _outcome_label(outcome: str) -> "StrOrPromise":
    labels: dict[str, StrOrPromise] = {
        Outcome.YES: _("Yes"),
        Outcome.NO: _("No"),
        Outcome.NOT_NOW: _("Not now"),
        Outcome.ADOPT: _("Adopt the rule"),
        Outcome.CHANGE: _("Change the rule"),
        Outcome.RETIRE: _("Retire the rule"),
        Outcome.KEEP: _("No change"),
    }
    return labels[outcome]


# Follow-ups -----------------------------------------------------------------------------------


class FollowUpForm(forms.Form):
    what = forms.CharField(
        label=_("What happens next"),
        max_length=200,
        help_text=_("E.g. “Ask the municipality for free cinema tickets”."),
        error_messages={"required": _("Write what happens next.")},
    )
    who = forms.ChoiceField(
        label=_("Who does it"),
        choices=Who.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who does it.")},
    )
    volunteer_nickname = forms.CharField(
        label=_("The volunteer's first name or nickname (optional)"),
        max_length=40,
        required=False,
        help_text=_("Only a name they chose to give – never a full name."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": 40}),
    )
    due_on = forms.DateField(label=_("By when (optional)"), required=False, widget=date_widget())

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.helper = form_helper()

    def clean_what(self) -> str:
        what = self.cleaned_data["what"].strip()
        reject_contact_details(what)
        return what

    def clean_volunteer_nickname(self) -> str:
        nickname = " ".join(self.cleaned_data["volunteer_nickname"].split())
        if nickname and (
            "@" in nickname or "://" in nickname or sum(c.isdigit() for c in nickname) > 4
        ):
            raise ValidationError(_("Only a first name or a nickname, please."))
        return nickname

    def clean_due_on(self):
        value = self.cleaned_data["due_on"]
        if value is not None:
            check_meeting_date(value, today=self.today)
        return value


class AgendaPolicyForm(forms.Form):
    """A centre's two thresholds; the limits are the model's (``services.set_agenda_policy``
    checks them again)."""

    after_days = forms.IntegerField(
        label=_("Days an idea may wait"),
        min_value=1,
        max_value=365,
        help_text=_("An idea that has waited longer goes on the next meeting's agenda."),
        error_messages={"required": _("Give the number of days.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    at_joins = forms.IntegerField(
        label=_("Joins that put an idea on the agenda"),
        min_value=1,
        max_value=MAX_PEOPLE,
        help_text=_("An idea with at least this many joins goes on the next meeting's agenda."),
        error_messages={"required": _("Give the number of joins.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class PublishForm(forms.Form):
    read_back = forms.BooleanField(
        label=_("The minutes were read back at the meeting, and they are right"),
        error_messages={"required": _("Read the minutes back at the meeting before publishing.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class HoldBackForm(forms.Form):
    """Taking an idea off the agenda: the optional public reason for holding it back (the
    service decides whether the idea may come off without one)."""

    hold_back_reason = forms.CharField(
        label=_("Hold back: why? (shown publicly)"), max_length=200, required=False
    )


class PenForm(forms.Form):
    code = forms.CharField(
        label=_("Meeting code"),
        max_length=20,
        error_messages={"required": _("Type the code staff read out.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
