"""seed_demo's calendar: holidays, a summer closure last year, a special opening, and trips
with sign-ups (one full, with a waiting list); no taps and no sessions on closed days."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from activities.models import Occurrence, SignUp
from centres.models import Centre, Closure, SpecialOpening, Visit


@pytest.fixture
def demo(db, settings, tmp_path, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(
        "meetingplace.management.commands.seed_demo.LOGINS_FILE", tmp_path / "logins"
    )
    call_command("seed_demo")


def test_the_demo_calendar_is_real_and_the_data_follows_it(demo):
    today = timezone.localdate()
    last_year = today.year - 1
    christmas = datetime.date(last_year, 12, 25)
    for centre in Centre.objects.all():
        closures = Closure.objects.for_centre(centre)
        assert closures.covering(christmas).get().reason == "Første juledag"
        assert closures.covering(datetime.date(today.year + 1, 5, 17)).exists()
        summer = closures.filter(reason__startswith="Sommerstengt", starts_on__year=last_year).get()
        assert summer.days >= 14
        assert SpecialOpening.objects.for_centre(centre).filter(date__gt=today).exists()
        # Nobody tapped on a closed day, and every session on one was cancelled with its reason.
        assert not Visit.objects.for_centre(centre).filter(local_date=christmas).exists()
        assert (
            not Visit.objects.for_centre(centre).between(summer.starts_on, summer.ends_on).exists()
        )
        by_closure = Occurrence.objects.for_centre(centre).filter(closure__isnull=False)
        assert by_closure.exists()
        for closure in closures:
            covered = Occurrence.objects.for_centre(centre).between(
                closure.starts_on, closure.ends_on
            )
            assert not covered.filter(is_cancelled=False).exists(), closure
            assert not covered.filter(attendance__isnull=False).exists(), closure
        # One coming trip is full, with a waiting list.
        full = [
            o
            for o in Occurrence.objects.for_centre(centre)
            .filter(date__gt=today, activity__capacity__isnull=False)
            .select_related("activity")
            if o.signups.placed().count() == o.activity.capacity and o.signups.waiting().exists()
        ]
        assert len(full) == 1
    # Names of past sign-ups are gone; only the count stays.
    past = SignUp.objects.filter(occurrence__date__lt=today)
    assert past.exists()
    assert not past.exclude(nickname="").exists()
