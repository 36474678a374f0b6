"""The smaller fixes of the accessibility work: where signing in lands, English day-month
dates, the language of user-written text, meta descriptions, the day total, the print views'
table headers, the staff home cards and the header."""

import datetime
import uuid
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.formats import date_format

from centres.models import Visit
from tests.activities.conftest import make_proposal
from tests.conftest import make_centre, make_user

EN = {"django_language": "en"}
ROOT = Path(__file__).resolve().parents[2]


def sign_in(client, user, **extra):
    return client.post("/accounts/login/", {"username": user.username, "password": "pw", **extra})


def test_the_coordinator_lands_on_the_report_after_signing_in(client, coordinator):
    assert sign_in(client, coordinator)["Location"] == "/coordinator/"


def test_staff_of_one_centre_land_on_their_centre(client, staff, centre):
    assert sign_in(client, staff)["Location"] == f"/staff/{centre.slug}/"


def test_staff_of_two_centres_land_on_the_chooser(client, centre, other_centre):
    user = make_user(centres=[centre, other_centre])
    assert sign_in(client, user)["Location"] == "/staff/"


def test_a_next_address_still_wins_after_signing_in(client, coordinator):
    response = sign_in(client, coordinator, next="/staff/")
    assert response["Location"] == "/staff/"


def test_english_dates_are_day_month_with_a_24_hour_clock():
    day = datetime.date(2026, 11, 30)
    with translation.override("en"):
        assert date_format(day) == "30 November 2026"
        assert date_format(day, "SHORT_DATE_FORMAT") == "30/11/2026"
        assert date_format(datetime.time(14, 32), "TIME_FORMAT") == "14:32"


def test_user_written_text_is_marked_norwegian_on_english_pages(client, centre):
    centre.description = "Et sted for alle."
    centre.save()
    make_proposal(centre, title="Bowling")
    client.cookies.load(EN)
    html = client.get(f"/c/{centre.slug}/").content.decode()
    assert '<html lang="en">' in html
    assert '<p class="centre-description" lang="nb">Et sted for alle.</p>' in html
    assert 'lang="nb">Bowling</a>' in html


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/desk/pair/"])
def test_every_page_has_a_meta_description(client, db, path):
    html = client.get(path).content.decode()
    assert '<meta name="description" content="Møteplasser som er åpne for alle' in html


def test_the_centre_page_has_a_meta_description_too(client, centre):
    assert '<meta name="description" content="' in client.get(f"/c/{centre.slug}/").content.decode()


def test_the_language_switch_is_in_the_header_without_a_collapsed_menu(client, db):
    html = client.get("/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert 'lang="en">English</button>' in header
    assert "navbar-toggler" not in header
    assert "collapse" not in header
    assert "bootstrap.bundle" not in html


def test_the_day_total_is_the_most_prominent_figure_on_the_day_view(staff_client, centre):
    day = centre.today() - datetime.timedelta(days=1)
    Visit.objects.create(id=uuid.uuid4(), centre=centre, local_date=day, hour=11)
    html = staff_client.get(f"/staff/{centre.slug}/visits/{day.isoformat()}/").content.decode()
    assert '<p class="day-total mb-1">' in html
    css = (ROOT / "static/css/site.css").read_text()
    rule = css[css.index(".day-total {") :]
    assert "font-size: 2.25rem" in rule[: rule.index("}")]


def test_staff_home_cards_look_like_links(client, centre, other_centre):
    client.force_login(make_user(centres=[centre, other_centre]))
    html = client.get("/staff/").content.decode()
    assert html.count('class="card card-body h-100 link-card"') == 2
    assert 'class="h4 mb-1 link-card-title"' in html


def test_the_centre_list_cards_are_clickable_as_a_whole(client, db):
    make_centre(name="Huset")
    assert 'class="stretched-link"' in client.get("/").content.decode()


def test_the_print_views_have_no_empty_table_header(coordinator_client, centre):
    Visit.objects.create(id=uuid.uuid4(), centre=centre, local_date=centre.today(), hour=11)
    html = coordinator_client.get("/coordinator/print/").content.decode()
    assert '<th scope="col"></th>' not in html
