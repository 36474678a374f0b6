"""Every page state the accessibility tests visit, and the routes they deliberately leave out.

``test_every_named_route_is_checked_or_excluded_with_a_reason`` keeps this list complete against
the URL resolver: a new route must get a state here (or several: its empty state, its form
errors) or an entry in ``EXCLUDED`` that says why no page of its own needs checking.

A state is a route name, the person who opens it (``anon``, ``device`` for a paired desk tablet,
``kiosk`` for a paired kiosk, ``staff`` with one centre, ``staff2`` with two, ``coordinator``),
the route's arguments taken from the seeded demo data (``ids``), and optionally what to do on
the page before checking it: ``submit`` blanks the main form's text fields and sends it without
the browser's own validation, to show the form's error state; ``fill`` and ``click`` type into
fields and press a button first.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class State:
    name: str
    route: str
    role: str = "anon"
    args: Callable[[dict], list] = field(default=lambda ids: [])
    query: str = ""
    submit: str = ""  # CSS selector of the form to send empty, for an error state
    click: str = ""  # CSS selector of a button to press first (e.g. "pair a tablet")
    fill: tuple[tuple[str, str], ...] = ()  # (CSS selector, value) to type before the click


def _c(ids):
    return [ids["centre"]]


def _one(key):
    return lambda ids: [ids["centre"], ids[key]]


def _item(key):
    return lambda ids: [ids["centre"], ids["meeting"], ids[key]]


MAIN_FORM = "main form[method=post]:not(.language-switcher)"

STATES: list[State] = [
    # Public ------------------------------------------------------------------------------
    State("home", "centres:home"),
    State("centre page", "centres:public", args=_c),
    State("centre page, other centre", "centres:public", args=lambda ids: [ids["centre2"]]),
    State("centre page, empty centre", "centres:public", args=lambda ids: [ids["empty"]]),
    State("week plan", "activities:plan", args=_c),
    State("week plan, empty centre", "activities:plan", args=lambda ids: [ids["empty"]]),
    State("week plan, bad week", "activities:plan", args=_c, query="?week=2026-W99"),
    State("propose", "activities:propose", args=_c),
    State("propose, errors", "activities:propose", args=_c, submit=MAIN_FORM),
    State("poster", "activities:poster", args=_c),
    State("proposals", "activities:proposal-list", args=_c),
    State("proposals, empty", "activities:proposal-list", args=lambda ids: [ids["empty"]]),
    State("follow a proposal", "activities:proposal-follow", args=_c),
    State("follow, unknown code", "activities:proposal-follow", args=_c, query="?code=ZZZ-99"),
    State("proposal", "activities:proposal-detail", args=_one("code")),
    State("proposal decided", "activities:proposal-detail", args=_one("decided_code")),
    State("receipt", "activities:proposal-receipt", args=_one("code")),
    State("withdraw a proposal", "activities:proposal-withdraw", args=_c),
    State("withdraw a proposal, errors", "activities:proposal-withdraw", args=_c, submit=MAIN_FORM),
    State("meetings", "house_meetings:meeting-list", args=_c),
    State("meetings, empty", "house_meetings:meeting-list", args=lambda ids: [ids["empty"]]),
    State("minutes", "house_meetings:meeting-detail", args=_one("published_meeting")),
    State("rules", "house_meetings:rule-list", args=_c),
    State("rules, empty", "house_meetings:rule-list", args=lambda ids: [ids["empty"]]),
    State("rule", "house_meetings:rule-detail", args=_one("rule")),
    State("take the pen", "house_meetings:pen-take", args=_one("meeting")),
    State(
        "take the pen, errors", "house_meetings:pen-take", args=_one("meeting"), submit=MAIN_FORM
    ),
    State(
        "take the pen, wrong code",
        "house_meetings:pen-take",
        args=_one("meeting"),
        fill=((f"{MAIN_FORM} input[name=code]", "ZZZZZZ"),),
        click=f"{MAIN_FORM} button[type=submit]",
    ),
    State("login", "login"),
    State("login, errors", "login", submit=MAIN_FORM),
    # The desk and pairing -----------------------------------------------------------------
    State("desk, not paired", "centres:desk"),
    State("pair this tablet", "centres:desk-pair"),
    State("pair this tablet, wrong code", "centres:desk-pair", submit=MAIN_FORM),
    State("desk", "centres:desk", role="device"),
    State("desk, staff of two centres", "centres:desk", role="staff2"),
    State("kiosk, not paired", "kiosk"),
    State("kiosk", "kiosk", role="kiosk"),
    # Staff -------------------------------------------------------------------------------
    State("staff home", "centres:staff-home", role="staff2"),
    State("staff centre", "centres:staff-centre", role="staff", args=_c),
    State("visits", "centres:staff-visits", role="staff", args=_c),
    State("visit day", "centres:staff-visit-day", role="staff", args=_one("day")),
    State(
        "visit day, correction errors",
        "centres:staff-visit-day",
        role="staff",
        args=_one("day"),
        submit='form[action$="/corrections/add/"]',
    ),
    State("tablets", "centres:staff-devices", role="staff", args=_c),
    State(
        "tablets, pairing code shown",
        "centres:staff-devices",
        role="staff",
        args=_c,
        fill=(('form[action$="/devices/pair/"] input[name=device_name]', "Inngangen 2"),),
        click='form[action$="/devices/pair/"] button[type=submit]',
    ),
    State("staff report", "centres:staff-reports", role="staff"),
    State("staff report, print", "centres:staff-reports-print", role="staff"),
    State(
        "staff yearly report",
        "reports:staff-reports-year",
        role="staff",
        args=lambda ids: [ids["year"]],
    ),
    State(
        "yearly texts of a centre",
        "reports:staff-centre-year",
        role="staff",
        args=lambda ids: [ids["centre"], ids["year"]],
    ),
    State("activities", "activities:staff-activity-list", role="staff", args=_c),
    State("new activity", "activities:staff-activity-add", role="staff", args=_c),
    State(
        "new activity, errors",
        "activities:staff-activity-add",
        role="staff",
        args=_c,
        submit=MAIN_FORM,
    ),
    State("activity", "activities:staff-activity-detail", role="staff", args=_one("activity")),
    State("edit activity", "activities:staff-activity-edit", role="staff", args=_one("activity")),
    State("give a break", "activities:staff-activity-break", role="staff", args=_one("activity")),
    State(
        "give a break, errors",
        "activities:staff-activity-break",
        role="staff",
        args=_one("activity"),
        submit=MAIN_FORM,
    ),
    State(
        "cancel a session", "activities:staff-occurrence-cancel", role="staff", args=_one("session")
    ),
    State("move a session", "activities:staff-occurrence-move", role="staff", args=_one("session")),
    State(
        "move a session, errors",
        "activities:staff-occurrence-move",
        role="staff",
        args=_one("session"),
        submit=MAIN_FORM,
    ),
    State(
        "session attendance",
        "activities:staff-occurrence-attendance",
        role="staff",
        args=_one("past_session"),
    ),
    State("staff proposals", "activities:staff-proposal-list", role="staff", args=_c),
    State(
        "staff proposal", "activities:staff-proposal-detail", role="staff", args=_one("proposal")
    ),
    State(
        "answer a proposal",
        "activities:staff-proposal-answer",
        role="staff",
        args=_one("waiting_proposal"),
    ),
    State(
        "answer a proposal, errors",
        "activities:staff-proposal-answer",
        role="staff",
        args=_one("waiting_proposal"),
        submit=MAIN_FORM,
    ),
    State("hide a proposal", "activities:staff-proposal-hide", role="staff", args=_one("proposal")),
    State(
        "hide a proposal, errors",
        "activities:staff-proposal-hide",
        role="staff",
        args=_one("proposal"),
        submit=MAIN_FORM,
    ),
    State(
        "merge a proposal", "activities:staff-proposal-merge", role="staff", args=_one("proposal")
    ),
    State("calendar", "activities:staff-calendar", role="staff", args=_c),
    State(
        "calendar, closure errors",
        "activities:staff-calendar",
        role="staff",
        args=_c,
        submit='form[action$="/closures/add/"]',
    ),
    State(
        "calendar, special opening errors",
        "activities:staff-calendar",
        role="staff",
        args=_c,
        submit='form[action$="/openings/add/"]',
    ),
    State("public holidays", "activities:staff-holidays", role="staff", args=_c),
    State(
        "public holidays, bad year",
        "activities:staff-holidays",
        role="staff",
        args=_c,
        query="?year=abc",
    ),
    State("sign-up list", "activities:staff-signups", role="staff", args=_one("trip")),
    State(
        "sign-up list, paper errors",
        "activities:staff-signups",
        role="staff",
        args=_one("trip"),
        submit='form[action$="/signups/add/"]',
    ),
    State("staff meetings", "house_meetings:staff-meeting-list", role="staff", args=_c),
    State("new meeting", "house_meetings:staff-meeting-add", role="staff", args=_c),
    State(
        "new meeting, errors",
        "house_meetings:staff-meeting-add",
        role="staff",
        args=_c,
        submit=MAIN_FORM,
    ),
    State("meeting", "house_meetings:staff-meeting-detail", role="staff", args=_one("meeting")),
    State("edit meeting", "house_meetings:staff-meeting-edit", role="staff", args=_one("meeting")),
    State("add agenda item", "house_meetings:staff-agenda-add", role="staff", args=_one("meeting")),
    State(
        "add agenda item, errors",
        "house_meetings:staff-agenda-add",
        role="staff",
        args=_one("meeting"),
        submit=MAIN_FORM,
    ),
    State("decide an item", "house_meetings:staff-item-decide", role="staff", args=_item("item")),
    State(
        "decide an item, errors",
        "house_meetings:staff-item-decide",
        role="staff",
        args=_item("item"),
        submit=MAIN_FORM,
    ),
    State(
        "add a follow-up", "house_meetings:staff-follow-up-add", role="staff", args=_item("item")
    ),
    State(
        "add a follow-up, errors",
        "house_meetings:staff-follow-up-add",
        role="staff",
        args=_item("item"),
        submit=MAIN_FORM,
    ),
    State(
        "run the meeting", "house_meetings:staff-meeting-run", role="staff", args=_one("meeting")
    ),
    State(
        "record attendance",
        "house_meetings:staff-meeting-record",
        role="staff",
        args=_one("meeting"),
    ),
    State(
        "record attendance, errors",
        "house_meetings:staff-meeting-record",
        role="staff",
        args=_one("meeting"),
        submit=MAIN_FORM,
    ),
    State(
        "publish, refused",
        "house_meetings:staff-meeting-publish",
        role="staff",
        args=_one("meeting"),
    ),
    State("staff rules", "house_meetings:staff-rule-list", role="staff", args=_c),
    State("agenda rule", "house_meetings:staff-agenda-policy", role="staff", args=_c),
    State(
        "agenda rule, errors",
        "house_meetings:staff-agenda-policy",
        role="staff",
        args=_c,
        submit=MAIN_FORM,
    ),
    # Coordinator ---------------------------------------------------------------------------
    State("report", "centres:coordinator", role="coordinator"),
    State("report, bad period", "centres:coordinator", role="coordinator", query="?start=x&end=y"),
    State("report, print", "centres:coordinator-print", role="coordinator"),
    State("centres", "centres:coordinator-centres", role="coordinator"),
    State(
        "yearly report",
        "reports:coordinator-year",
        role="coordinator",
        args=lambda ids: [ids["year"]],
    ),
    State(
        "yearly report, a year with no data",
        "reports:coordinator-year",
        role="coordinator",
        args=lambda ids: [ids["year"] - 3],
    ),
    State(
        "yearly report, one centre",
        "reports:coordinator-year",
        role="coordinator",
        args=lambda ids: [ids["year"]],
        query="?centre=toyen",
    ),
    State(
        "yearly texts of the service",
        "reports:coordinator-year-texts",
        role="coordinator",
        args=lambda ids: [ids["year"]],
    ),
    State("new centre", "centres:coordinator-centre-add", role="coordinator"),
    State(
        "new centre, errors",
        "centres:coordinator-centre-add",
        role="coordinator",
        submit=MAIN_FORM,
    ),
    State("edit centre", "centres:coordinator-centre-edit", role="coordinator", args=_c),
    State("staff accounts", "centres:coordinator-staff", role="coordinator"),
    State("history", "centres:coordinator-history", role="coordinator"),
    State(
        "history of a centre",
        "centres:coordinator-history-object",
        role="coordinator",
        args=lambda ids: ["centres.centre", ids["centre_pk"]],
    ),
    State("new staff account", "centres:coordinator-staff-add", role="coordinator"),
    State(
        "new staff account, errors",
        "centres:coordinator-staff-add",
        role="coordinator",
        submit=MAIN_FORM,
    ),
    State(
        "edit staff account",
        "centres:coordinator-staff-edit",
        role="coordinator",
        args=lambda ids: [ids["staff_user"]],
    ),
]

# Routes with no page of their own to check, and why.
_JSON = "JSON API, no page"
_POST = "POST-only action: it redirects to a page checked above"
_FILE = "a file download (Word or Excel), not a page"
EXCLUDED: dict[str, str] = {
    "activities:forget-joined": "a POST that redirects; no page of its own",
    "activities:staff-activity-reviewed": "a POST that redirects; no page of its own",
    "house_meetings:staff-pen-hand-over": "a POST that redirects to the run view",
    "robots-txt": "plain text for crawlers, not a page",
    "reports:coordinator-year-index": "a redirect to last year's yearly report",
    "reports:staff-reports-year-index": "a redirect to last year's yearly report",
    "reports:coordinator-year-docx": _FILE,
    "reports:staff-reports-year-docx": _FILE,
    "reports:coordinator-attendance-xlsx": _FILE,
    "reports:staff-reports-attendance-xlsx": _FILE,
    "centres:healthz": _JSON,
    "centres:api-centres": _JSON,
    "centres:api-visits": _JSON,
    "centres:api-visit": _JSON,
    "centres:api-openapi": _JSON + " (the API's OpenAPI description)",
    "centres:coordinator-staff-unlock": _POST,
    "centres:desk-sw": "the desk's service worker script",
    "centres:bench-noop": "the benchmark's baseline, only routed for the benchmark",
    "activities:poster-qr": "an SVG image, shown on the poster (checked)",
    "centres:staff-reports-attendance-csv": "CSV download",
    "centres:staff-reports-activities-csv": "CSV download",
    "centres:coordinator-attendance-csv": "CSV download",
    "centres:coordinator-activities-csv": "CSV download",
    "centres:staff-device-pair": _POST + " (its result is 'tablets, pairing code shown')",
    "centres:staff-device-revoke": _POST,
    "centres:staff-visit-correction-add": _POST + " (its errors: 'visit day, correction errors')",
    "activities:proposal-join": _POST,
    "activities:proposal-unjoin": _POST,
    "activities:staff-occurrence-uncancel": _POST,
    "activities:staff-proposal-unhide": _POST,
    "activities:staff-proposal-withdraw": _POST,
    "activities:staff-proposal-done": _POST,
    "activities:signup": _POST + " (the sign-up button on the plan and the centre page)",
    "activities:signup-cancel": _POST + " (the give-back button on the same pages)",
    "activities:staff-closure-add": _POST + " (its errors: 'calendar, closure errors')",
    "activities:staff-closure-reopen": _POST,
    "activities:staff-opening-add": _POST + " (its errors: 'calendar, special opening errors')",
    "activities:staff-opening-delete": _POST,
    "activities:staff-signups-add": _POST + " (its errors: 'sign-up list, paper errors')",
    "activities:staff-signups-close": _POST,
    "activities:staff-signup-remove": _POST,
    "house_meetings:staff-meeting-cancel": _POST,
    "house_meetings:staff-agenda-proposals": _POST,
    "house_meetings:staff-agenda-move": _POST,
    "house_meetings:staff-agenda-remove": _POST,
    "house_meetings:staff-follow-up-done": _POST,
    "house_meetings:staff-follow-up-name": _POST + " (the consent box on the staff meeting page)",
    "activities:staff-proposal-name": _POST + " (the consent box on the staff proposal page)",
    "logout": _POST,
    "set_language": _POST + " (the switch is on every page)",
}
# Whole namespaces that are not ours to style.
EXCLUDED_NAMESPACES: dict[str, str] = {"admin": "Django's own admin, for the people who run it"}


def named_routes(resolver=None, prefix: str = "") -> set[str]:
    """Every route name the URL resolver knows, with its namespace (``centres:home``)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    resolver = resolver or get_resolver()
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            space = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= named_routes(entry, space)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names
