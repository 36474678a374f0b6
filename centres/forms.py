import datetime
from typing import TYPE_CHECKING, cast

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import UsernameField
from django.utils.translation import gettext_lazy as _

from centres.dates import check_in_range
from centres.devices import DEVICE_NAME_MAX
from centres.forms_common import date_widget, form_helper, time_widget
from centres.models import CORRECTION_LIMIT, Centre, DeviceKind, Weekday

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

RESERVED_SLUGS = {"reports"}


class CentreForm(forms.ModelForm):
    class Meta:
        model = Centre
        fields = ["name", "slug", "description", "street_address", "area", "time_zone", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the centre a name."))
        return name

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        # /staff/reports/ is the staff's report; a centre of that name could not be reached.
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("“%(slug)s” is used by Meetingplace itself; choose another short name.")
                % {"slug": slug}
            )
        return slug


class OpeningDayForm(forms.Form):
    """One weekday's opening hours; unticked means closed that day."""

    weekday = forms.TypedChoiceField(choices=Weekday.choices, coerce=int, widget=forms.HiddenInput)
    is_open = forms.BooleanField(
        label=_("Open"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    opens = forms.TimeField(
        label=_("Opens"),
        required=False,
        widget=time_widget(**{"class": "form-control"}),
    )
    closes = forms.TimeField(
        label=_("Closes"),
        required=False,
        widget=time_widget(**{"class": "form-control"}),
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("is_open"):
            opens, closes = data.get("opens"), data.get("closes")
            if opens is None or closes is None:
                raise forms.ValidationError(_("Give both the opening and the closing time."))
            if closes <= opens:
                raise forms.ValidationError(_("Closing time must be after opening time."))
        return data

    @property
    def weekday_label(self) -> "StrOrPromise":
        value = self.initial.get("weekday", self.data.get(self.add_prefix("weekday")))
        try:
            return Weekday(int(value)).label
        except (TypeError, ValueError):
            return ""


class BaseOpeningDayFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        weekdays = [form.cleaned_data.get("weekday") for form in self.forms if form.cleaned_data]
        if sorted(weekdays) != list(range(7)):
            raise forms.ValidationError(_("Every weekday must appear exactly once."))

    def hours(self) -> dict[int, tuple[datetime.time, datetime.time] | None]:
        return {
            form.cleaned_data["weekday"]: (
                (form.cleaned_data["opens"], form.cleaned_data["closes"])
                if form.cleaned_data.get("is_open")
                else None
            )
            for form in self.forms
        }


OpeningDayFormSet = cast(
    type[BaseOpeningDayFormSet],
    forms.formset_factory(
        OpeningDayForm,
        formset=BaseOpeningDayFormSet,
        extra=0,
        min_num=7,
        max_num=7,
        validate_min=True,
        validate_max=True,
    ),
)


def opening_day_initial(centre: Centre | None) -> list[dict]:
    rows = {row.weekday: row for row in centre.opening_hours.all()} if centre else {}
    return [
        {
            "weekday": day,
            "is_open": day in rows,
            "opens": rows[day].opens if day in rows else None,
            "closes": rows[day].closes if day in rows else None,
        }
        for day in range(7)
    ]


class StaffUserForm(forms.ModelForm):
    """A staff account: the only kind of account that holds personal data."""

    centres = forms.ModelMultipleChoiceField(
        label=_("Works at"),
        queryset=Centre.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    password1 = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the current password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = get_user_model()
        fields = ["username", "first_name", "last_name", "email", "is_active"]
        field_classes = {"username": UsernameField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
        self.fields["is_active"].label = _("Can sign in")
        self.fields["is_active"].help_text = _(
            "Untick when someone leaves; the account is kept for the history of what they did."
        )
        if self.instance.pk:
            self.initial["centres"] = list(
                self.instance.memberships.values_list("centre_id", flat=True)
            )
        else:
            self.fields["password1"].required = True
            self.fields["password2"].required = True
            self.fields[
                "password1"
            ].help_text = password_validation.password_validators_help_text_html()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        password1, password2 = data.get("password1") or "", data.get("password2") or ""
        if password1 or password2:
            if password1 != password2:
                self.add_error("password2", _("The two passwords are not the same."))
            else:
                self.instance.username = data.get("username", self.instance.username)
                try:
                    password_validation.validate_password(password1, self.instance)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return data


# Front-table devices and the visit count ---------------------------------------------------


class PairingCodeForm(forms.Form):
    """Staff name the tablet they are about to pair."""

    device_name = forms.CharField(
        label=_("Name of the tablet"),
        widget=forms.TextInput(attrs={"maxlength": DEVICE_NAME_MAX}),
        help_text=_("So you can tell the tablets apart, e.g. “iPad at the front table”."),
    )
    kind = forms.ChoiceField(
        label=_("What it is for"),
        choices=DeviceKind.choices,
        initial=DeviceKind.DESK,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose a front-table tablet or a kiosk.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class RedeemCodeForm(forms.Form):
    """On the tablet: type the code staff were shown."""

    code = forms.CharField(
        label=_("Pairing code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "form-control form-control-lg desk-code-input",
            }
        ),
        help_text=_("Eight letters and digits, e.g. ABCD-2345."),
    )


class DayForm(forms.Form):
    """The date picker of the day view."""

    date = forms.DateField(
        label=_("Date"),
        widget=date_widget(**{"class": "form-control"}),
        validators=[check_in_range],
    )


def _delta_widget() -> forms.NumberInput:
    # The limit is a hint for the browser; centres.tally.add_correction enforces it.
    return forms.NumberInput(attrs={"min": -CORRECTION_LIMIT, "max": CORRECTION_LIMIT})


class CorrectionForm(forms.Form):
    """Parses a correction; ``centres.tally.add_correction`` holds its rules."""

    visits_delta = forms.IntegerField(
        label=_("Change in visits"),
        initial=0,
        widget=_delta_widget(),
        help_text=_("For example 12 to add twelve visits, or -2 to take two away."),
    )
    newcomers_delta = forms.IntegerField(
        label=_("Change in new visitors"),
        initial=0,
        widget=_delta_widget(),
        help_text=_(
            "New visitors are also visits: three visitors of whom one was new is +3 visits "
            "and +1 new visitor."
        ),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Say what happened, e.g. “The tablet was off from 10 to 12; counted on paper.” "
            "Do not name visitors."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
