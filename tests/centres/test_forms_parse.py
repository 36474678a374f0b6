"""Services validate, forms only parse: each rule is written once, in the service, and its
error reaches the form through one helper, ``centres.forms_common.apply_errors``."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from centres.forms_common import apply_errors
from centres.models import Device, PairingCode, VisitCorrection
from tests.centres.test_visits_day import TUESDAY, day_url


class NameForm(forms.Form):
    name = forms.CharField(required=False)


def test_a_services_error_goes_to_the_field_it_names_and_the_rest_to_the_top():
    form = NameForm({"name": "x"})
    assert form.is_valid()
    apply_errors(form, ValidationError({"name": "Too short.", "elsewhere": "Not here."}))
    apply_errors(form, ValidationError("Something else."))
    assert form.errors["name"] == ["Too short."]
    assert form.non_field_errors() == ["Not here.", "Something else."]


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def test_a_correction_beyond_the_limit_is_refused_with_the_services_message(
    staff_client, centre, clock, english
):
    response = staff_client.post(
        f"{day_url(centre, TUESDAY)}corrections/add/",
        {"visits_delta": "501", "newcomers_delta": "0", "reason": "On paper"},
    )
    assert response.status_code == 400
    assert "A correction can change a count by at most 500." in response.content.decode()
    assert not VisitCorrection.objects.exists()


def test_the_tablets_page_and_pair_device_refuse_a_long_name_with_the_same_message(
    staff_client, centre, english
):
    response = staff_client.post(f"/staff/{centre.slug}/devices/pair/", {"device_name": "x" * 81})
    assert response.status_code == 400
    assert "The name can be at most 80 characters." in response.content.decode()
    with translation.override("en"):
        with pytest.raises(CommandError, match=r"The name can be at most 80 characters\."):
            call_command("pair_device", centre.slug, "x" * 81)
        with pytest.raises(CommandError, match=r"Give the tablet a name\."):
            call_command("pair_device", centre.slug, "   ")
    assert not Device.objects.exists()
    assert not PairingCode.objects.exists()
