import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import cast

from crispy_forms.layout import Div, Field, Fieldset
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import (
    Activity,
    IdeaKind,
    PlaceKind,
    Proposal,
    ProposalStatus,
    ReasonCategory,
    Recurrence,
)
from activities.weeks import FIRST_YEAR
from centres.forms_common import date_widget, form_helper, time_widget

MAX_COST = Decimal("100000")

EMAIL_RE = re.compile(r"[^\s@]+@[^\s@]+\.[a-z]{2,}", re.IGNORECASE)
# Eight digits, maybe with +47 and spaces: a Norwegian phone number.
PHONE_RE = re.compile(r"(?<!\d)(?:\+?\d{2}[\s.-]?)?(?:\d[\s-]?){7}\d(?!\d)")


def reject_contact_details(text: str) -> None:
    """Proposals are public: keep e-mail addresses and phone numbers out of them."""
    if EMAIL_RE.search(text) or PHONE_RE.search(text):
        raise ValidationError(
            _("Please leave out e-mail addresses and phone numbers: proposals are shown publicly.")
        )


class KronerField(forms.DecimalField):
    """An amount in kroner as people type it: "150", "49,50", "150 kr", "kr 150,-"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("max_value", MAX_COST)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": _("Write an amount in kroner, e.g. 150 or 49,50."),
                "min_value": _("The cost cannot be negative."),
                "max_value": _("That is more than 100 000 kr; please check the amount."),
                "max_decimal_places": _("Use at most two decimals (øre)."),
            },
        )
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            text = value.strip().lower()
            text = re.sub(r"^(kr\.?|nok)\s*", "", text)
            text = re.sub(r"\s*(kr\.?|nok|,-|\.-)$", "", text)
            text = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
            if text.count(".") > 1:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            value = text
        try:
            return super().to_python(value)
        except InvalidOperation:  # pragma: no cover - DecimalField already reports "invalid"
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # A text input: the browser's number-input rules (step, min, max) would reject "49,50".
        for name in ("min", "max", "step"):
            attrs.pop(name, None)
        return attrs


# Public: propose --------------------------------------------------------------------------


class ProposalForm(forms.ModelForm):
    """Exactly what the issue lists, nothing else. ``website`` is a honeypot for bots."""

    rough_cost = KronerField(
        label=_("Rough cost per person (optional)"),
        required=False,
        help_text=_("In kroner, a guess is fine. Leave empty if you don't know."),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Proposal
        fields = [
            "kind",
            "title",
            "description",
            "when_text",
            "rough_cost",
            "wants_to_lead",
            "nickname",
        ]
        labels = {
            "kind": _("What kind of idea is it?"),
            "title": _("Your idea, in a few words"),
            "description": _("What is it?"),
            "when_text": _("When? (optional)"),
            "wants_to_lead": _("I would like to lead it"),
            "nickname": _("Your first name or a nickname (optional)"),
        }
        help_texts = {
            "title": _("For example: “Bowling trip” or “Board game evening”."),
            "description": _("Tell us what it is and what it needs. A few sentences are enough."),
            "when_text": _("A day, a date or a time of year, e.g. “a Saturday in May”."),
            "nickname": _(
                "Shown to staff and on the screen in the centre; on the web only if you tell "
                "staff it may be. You can leave it empty."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "title": forms.TextInput(attrs={"class": "form-control-lg", "maxlength": 100}),
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
            "when_text": forms.TextInput(attrs={"maxlength": 100}),
            "nickname": forms.TextInput(attrs={"maxlength": 40, "autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = _("Write your idea in a few words.")
        self.fields["description"].error_messages["required"] = _(
            "Tell us a little about what it is."
        )
        # A form without the question (an old page still open on a phone) proposes an activity,
        # as every idea was one before.
        self.fields["kind"].required = False
        self.fields["kind"].error_messages["invalid_choice"] = _(
            "Choose one of the kinds of idea in the list."
        )
        self.helper = form_helper(
            Field("kind"),
            Field("title"),
            Field("description"),
            Field("when_text"),
            Field("rough_cost"),
            Field("wants_to_lead"),
            Field("nickname"),
            Div("website", css_class="hp-field", aria_hidden="true"),
        )

    def clean_kind(self) -> str:
        return self.cleaned_data["kind"] or IdeaKind.ACTIVITY

    def clean_title(self) -> str:
        title = self.cleaned_data["title"]
        reject_contact_details(title)
        return title

    def clean_description(self) -> str:
        description = self.cleaned_data["description"]
        reject_contact_details(description)
        return description

    def clean_when_text(self) -> str:
        when = self.cleaned_data["when_text"]
        reject_contact_details(when)
        return when

    def clean_nickname(self) -> str:
        nickname = " ".join(self.cleaned_data["nickname"].split())
        if nickname and (
            "@" in nickname or "://" in nickname or sum(c.isdigit() for c in nickname) > 4
        ):
            raise ValidationError(_("Only a first name or a nickname, please."))
        return nickname

    @property
    def is_bot(self) -> bool:
        """The honeypot was filled in: people never see that field."""
        return bool(self.data.get("website", "").strip())


class FollowForm(forms.Form):
    code = forms.CharField(
        label=_("Your receipt code"),
        max_length=20,
        help_text=_("For example K7Q-42."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class WithdrawForm(forms.Form):
    """The proposer takes a proposal back: its receipt code and the withdrawal key."""

    code = forms.CharField(
        label=_("Your receipt code"),
        max_length=20,
        help_text=_("For example K7Q-42."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    key = forms.CharField(
        label=_("Your withdrawal key"),
        max_length=20,
        help_text=_("It was shown with your receipt code, for example ABCD-EFGH."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


# Staff: activities --------------------------------------------------------------------------


def check_plan_date(value: datetime.date | None, *, today: datetime.date) -> None:
    if value is None:
        return
    if value.year < FIRST_YEAR or value > today + datetime.timedelta(days=5 * 366):
        raise ValidationError(_("Choose a date between the year 2000 and five years ahead."))


class ProposalChoiceField(forms.ModelChoiceField):
    """A proposal by its receipt code and title."""

    def label_from_instance(self, obj: Proposal) -> str:
        return f"{obj.receipt_code} · {obj.title}"


class ActivityForm(forms.ModelForm):
    cost = KronerField(
        label=_("Cost per person (kr)"),
        help_text=_("0 means free."),
        initial=0,
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "description",
            "category",
            "place_kind",
            "place_name",
            "led_by",
            "leader_display_name",
            "leader_name_public",
            "cost",
            "centre_covers_part",
            "centre_covers_note",
            "capacity",
            "recurrence",
            "starts_on",
            "weekday",
            "ends_on",
            "start_time",
            "end_time",
            "proposal",
            "is_draft",
        ]
        field_classes = {"proposal": ProposalChoiceField}
        labels = {
            "starts_on": _("Date (for a weekly activity: from)"),
            "weekday": _("Weekly on"),
            "ends_on": _("Until (optional, weekly only)"),
        }
        help_texts = {
            "starts_on": _("The day it happens, or the first day of a weekly series."),
            "weekday": _("Only for a weekly activity."),
            "ends_on": _("Leave empty to keep it on the plan until you end it."),
            "is_draft": _("A draft is not on the public plan yet."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "place_kind": forms.RadioSelect,
            "led_by": forms.RadioSelect,
            "recurrence": forms.RadioSelect,
            "starts_on": date_widget(),
            "ends_on": date_widget(),
            "start_time": time_widget(),
            "end_time": time_widget(),
        }

    def __init__(self, *args, centre, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.instance.centre = centre
        proposals = Proposal.objects.for_centre(centre).filter(is_hidden=False)
        cast(ProposalChoiceField, self.fields["proposal"]).queryset = proposals.newest_first()
        self.fields["proposal"].required = False
        self.fields["weekday"].required = False
        self.helper = form_helper(
            Fieldset(_("What"), "title", "description", "category", "proposal", "is_draft"),
            Fieldset(
                _("Where and who"),
                "place_kind",
                "place_name",
                "led_by",
                "leader_display_name",
                "leader_name_public",
            ),
            Fieldset(_("Cost"), "cost", "centre_covers_part", "centre_covers_note", "capacity"),
            Fieldset(
                _("When"),
                "recurrence",
                "starts_on",
                "weekday",
                "ends_on",
                Div(
                    Div("start_time", css_class="col-6"),
                    Div("end_time", css_class="col-6"),
                    css_class="row",
                ),
            ),
        )

    def clean_starts_on(self):
        value = self.cleaned_data["starts_on"]
        check_plan_date(value, today=self.today)
        return value

    def clean_ends_on(self):
        value = self.cleaned_data["ends_on"]
        check_plan_date(value, today=self.today)
        return value

    def clean(self):
        super().clean()
        data = self.cleaned_data
        errors = {}
        is_draft = data.get("is_draft")
        weekly = data.get("recurrence") == Recurrence.WEEKLY
        if not is_draft:
            for name, message in (
                ("starts_on", _("Choose the date.")),
                ("start_time", _("Choose when it starts.")),
                ("end_time", _("Choose when it ends.")),
            ):
                if not data.get(name) and name not in self.errors:
                    errors[name] = message
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            errors["end_time"] = _("The end must be after the start.")
        if weekly:
            if data.get("weekday") is None and not is_draft:
                errors["weekday"] = _("Choose the weekday it happens on.")
            first, last = data.get("starts_on"), data.get("ends_on")
            if first and last and last < first:
                errors["ends_on"] = _("The last date cannot be before the first.")
        else:
            data["weekday"] = None
            data["ends_on"] = None
        if data.get("place_kind") == PlaceKind.COMMUNITY and not data.get("place_name"):
            errors["place_name"] = _("Name the place out in the community.")
        if not data.get("centre_covers_part"):
            data["centre_covers_note"] = ""
        if errors:
            raise ValidationError(errors)
        return data


# Staff: occurrences -------------------------------------------------------------------------


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, shown publicly)"),
        max_length=200,
        required=False,
        help_text=_("E.g. “the leader is away” – never anyone's health details or names."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class BreakForm(forms.Form):
    """A pause, or "needs a stand-in", for one date or a range, in one action."""

    kind = forms.ChoiceField(
        label=_("What"),
        choices=[
            ("pause", _("Pause (the sessions are cancelled)")),
            ("stand_in", _("Needs a stand-in")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a pause or a stand-in."),
            "invalid_choice": _("Choose a pause or a stand-in."),
        },
    )
    start = forms.DateField(label=_("From"), widget=date_widget())
    end = forms.DateField(
        label=_("To (optional)"),
        required=False,
        widget=date_widget(),
        help_text=_("Leave empty for one date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("start") and not data.get("end"):
            data["end"] = data["start"]
        return data


class MoveForm(forms.Form):
    date = forms.DateField(label=_("New date"), widget=date_widget())
    start_time = forms.TimeField(label=_("Starts"), widget=time_widget())
    end_time = forms.TimeField(label=_("Ends"), widget=time_widget())

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.helper = form_helper(
            "date",
            Div(
                Div("start_time", css_class="col-6"),
                Div("end_time", css_class="col-6"),
                css_class="row",
            ),
        )

    def clean_date(self):
        value = self.cleaned_data["date"]
        check_plan_date(value, today=self.today)
        return value

    def clean(self):
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        return data


class AttendanceForm(forms.Form):
    attendance = forms.IntegerField(
        label=_("How many came"),
        min_value=0,
        max_value=1000,
        required=False,
        help_text=_("A number only, no names. Leave empty to clear a mistaken number."),
        error_messages={
            "min_value": _("The number cannot be negative."),
            "max_value": _("That is more than 1000; please check the number."),
            "invalid": _("Write a whole number, e.g. 7."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


# Staff: proposals ---------------------------------------------------------------------------


class StaffAnswerForm(forms.Form):
    """Staff answer a waiting idea between meetings, e.g. a budget answer."""

    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (ProposalStatus.ACCEPTED.value, _("Yes")),
            (ProposalStatus.DECLINED.value, _("No")),
            (ProposalStatus.POSTPONED.value, _("Not now")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose yes, no or not now."),
            "invalid_choice": _("Choose yes, no or not now."),
        },
    )
    category = forms.ChoiceField(
        label=_("Reason"),
        required=False,
        choices=[("", _("– Choose for “no” or “not now” –")), *ReasonCategory.choices],
        error_messages={"invalid_choice": _("Choose one of the reasons in the list.")},
    )
    reason = forms.CharField(
        label=_("Why, in one sentence (shown publicly)"),
        max_length=300,
        required=False,
        help_text=_("E.g. “The activity budget for this year is spent.”"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is hidden (shown publicly)"),
        max_length=200,
        help_text=_("E.g. “it named a person” or “it was not about the centre”."),
        error_messages={"required": _("Say why it is hidden; the reason is shown publicly.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class MergeForm(forms.Form):
    target = ProposalChoiceField(
        label=_("Merge into"),
        queryset=Proposal.objects.none(),
        help_text=_("The proposal that stays. Its “I'd join” count gets this one's."),
        error_messages={"invalid_choice": _("Choose one of the proposals in the list.")},
    )

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        cast(ProposalChoiceField, self.fields["target"]).queryset = (
            Proposal.objects.for_centre(proposal.centre)
            .visible()
            .exclude(pk=proposal.pk)
            .newest_first()
        )
        self.helper = form_helper()


# Staff: the centre's calendar ----------------------------------------------------------------


class ClosureForm(forms.Form):
    starts_on = forms.DateField(label=_("First closed day"), widget=date_widget())
    ends_on = forms.DateField(
        label=_("Last closed day"),
        required=False,
        widget=date_widget(),
        help_text=_("Leave empty to close one day."),
    )
    reason = forms.CharField(
        label=_("Reason (shown publicly)"),
        max_length=80,
        help_text=_("Short, e.g. “Julestengt”, “Personalmøte”, “Sommerstengt uke 28–31”."),
    )
    all_centres = forms.BooleanField(label=_("Close every centre"), required=False)

    def __init__(self, *args, coordinator: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not coordinator:
            del self.fields["all_centres"]
        self.helper = form_helper(
            Div(
                Div("starts_on", css_class="col-sm-6"),
                Div("ends_on", css_class="col-sm-6"),
                css_class="row",
            ),
            "reason",
            *(["all_centres"] if coordinator else []),
        )

    def clean_starts_on(self):
        value = self.cleaned_data["starts_on"]
        check_plan_date(value, today=timezone.localdate())
        return value

    def clean_ends_on(self):
        value = self.cleaned_data["ends_on"]
        check_plan_date(value, today=timezone.localdate())
        return value

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("starts_on") and not data.get("ends_on"):
            data["ends_on"] = data["starts_on"]
        return data


class HolidayYearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=FIRST_YEAR,
        max_value=2100,
        error_messages={"invalid": _("Write a year, e.g. 2027.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class HolidaysForm(forms.Form):
    """One tickbox per public holiday of the year; staff untick the days they stay open."""

    def __init__(self, *args, holidays: list[tuple[datetime.date, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.holidays = holidays
        choices = [(day.isoformat(), f"{day:%d.%m.%Y} {name}") for day, name in holidays]
        self.fields["days"] = forms.MultipleChoiceField(
            label=_("Close on these days"),
            choices=choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=[value for value, _label in choices],
        )
        self.helper = form_helper()

    def chosen(self) -> list[tuple[datetime.date, str]]:
        picked = set(self.cleaned_data["days"])
        return [(day, name) for day, name in self.holidays if day.isoformat() in picked]


class SpecialOpeningForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=date_widget())

    def clean_date(self):
        value = self.cleaned_data["date"]
        check_plan_date(value, today=timezone.localdate())
        return value

    opens = forms.TimeField(label=_("Opens"), widget=time_widget())
    closes = forms.TimeField(label=_("Closes"), widget=time_widget())
    note = forms.CharField(
        label=_("What is on (optional, shown publicly)"),
        max_length=80,
        required=False,
        help_text=_("E.g. “Åpent hus på julaften”, “Kveldsåpent”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "date",
            Div(
                Div("opens", css_class="col-6"),
                Div("closes", css_class="col-6"),
                css_class="row",
            ),
            "note",
        )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("opens") and data.get("closes") and data["closes"] <= data["opens"]:
            self.add_error("closes", _("Closing time must be after opening time."))
        return data


# Sign-up ------------------------------------------------------------------------------------


class SignUpForm(forms.Form):
    nickname = forms.CharField(
        label=_("Nickname or initials (optional)"),
        max_length=40,
        required=False,
        help_text=_("Only for the ticket list; erased the day after."),
    )

    def clean_nickname(self) -> str:
        value = self.cleaned_data["nickname"].strip()
        reject_contact_details(value)
        return value


class PaperSignUpForm(forms.Form):
    count = forms.IntegerField(
        label=_("How many signed up on paper"),
        min_value=1,
        max_value=50,
        initial=1,
        error_messages={"invalid": _("Write a whole number, e.g. 2.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    nicknames = forms.CharField(
        label=_("Nicknames or initials (optional)"),
        max_length=400,
        required=False,
        help_text=_("Separated by commas, for the ticket list; erased the day after."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        names = [n.strip() for n in (data.get("nicknames") or "").split(",") if n.strip()]
        count = data.get("count")
        if count is not None:
            if len(names) > count:
                self.add_error("nicknames", _("More names than people; check the number."))
            data["names"] = names + [""] * (count - len(names))
        return data
