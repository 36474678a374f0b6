"""What every app's forms share: the crispy helper, the date and time widgets, applying a
service's ``ValidationError`` to a form, and how a day is written in a sentence.

It sits in ``centres``, the lowest layer, so that every app can use it. Forms parse; the rules
live in the services, which raise ``ValidationError`` keyed by field, and ``apply_errors`` puts
such an error on the form that collected the input.
"""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def form_helper(*layout) -> FormHelper:
    """Crispy lays out the fields only: the template writes the <form> tag and the CSRF token."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


def date_widget(**attrs) -> forms.DateInput:
    """``<input type="date">``, which needs the value as YYYY-MM-DD whatever the language."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", **attrs})


def time_widget(**attrs) -> forms.TimeInput:
    return forms.TimeInput(format="%H:%M", attrs={"type": "time", **attrs})


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: an error keyed by a field the form has goes to
    that field, anything else (a dict key the form lacks, or a plain message) to the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def day_phrase(value: datetime.date | None) -> str:
    """ "tirsdag 3. mars", "Tuesday 3 March": a day in a sentence, without the year."""
    if not value:
        return ""
    return f"{date_format(value, 'l')} {date_format(value, 'MONTH_DAY_FORMAT')}"


def long_day(value: datetime.date | None) -> str:
    """ "tirsdag 3. mars 2026", "Tuesday 3 March 2026": a day in a sentence, with the year."""
    if not value:
        return ""
    return _("%(day)s %(year)s") % {"day": day_phrase(value), "year": value.year}


class NameConsentForm(forms.Form):
    """Staff record whether a user agreed to have their name on the public web (a box that is
    not sent means "no"). Only staff tick it: the person asked them, in the centre."""

    public = forms.BooleanField(
        label=gettext_lazy("They agreed to have this name on the public web"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
