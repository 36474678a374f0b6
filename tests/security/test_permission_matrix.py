"""Every route × role × method, generated from the URL resolver (security review).

``MATRIX`` has one line per route name. A route the resolver knows and the table does not (a
new view) fails the test, and so does a line for a route that no longer exists. Each cell is
the status code that role gets with that method, without any form data; ``login`` is a
redirect to the sign-in page. Every request runs in a savepoint that is rolled back, so the
cells do not depend on each other.

The same walk checks that no GET form on any page carries a CSRF token (gap 7): a token in a
GET form ends up in the address, the history and proxy logs.
"""

import copy
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import ROLES, client_for

METHODS = ["GET", "POST", "DELETE"]


def row(GET="405", POST="405", DELETE="405"):
    """Per method either one code for every role or seven, in the order of ``ROLES``."""
    cells = {}
    for method, codes in (("GET", GET), ("POST", POST), ("DELETE", DELETE)):
        parts = str(codes).split()
        cells[method] = parts * len(ROLES) if len(parts) == 1 else parts
        assert len(cells[method]) == len(ROLES), (method, codes)
    return cells


# Shorthands for the common shapes: which roles get in, and what the others get.
STAFF = "login login {a} 403 403 {a} {a}"  # a centre's staff page: its staff, coordinators
STAFF_AREA = "login login {a} {a} 403 {a} {a}"  # the staff area without a centre
COORD = "login login 403 403 403 {a} {a}"  # the coordinator's pages
ADMIN = "login login login login login login 200"  # Django admin: superusers only


def staff(code):
    return STAFF.format(a=code)


def area(code):
    return STAFF_AREA.format(a=code)


def coord(code):
    return COORD.format(a=code)


# fmt: off
MATRIX = {
    # Public pages and the API ------------------------------------------------------------------
    "centres:home": row(GET=200),
    "centres:healthz": row(GET=200),
    "centres:public": row(GET=200),
    "centres:api-centres": row(GET=200),
    "centres:api-openapi": row(GET=200),
    #                                  anon dev staff_a staff_b no_centre coord super
    "centres:api-visits": row(GET="401 200 200 403 403 200 200",
                              POST="401 400 400 403 403 400 400"),
    "centres:api-visit": row(DELETE="401 200 200 403 403 200 200"),
    "centres:desk": row(GET="200 200 200 200 200 200 200"),
    "centres:desk-pair": row(GET=200, POST=200),
    "centres:desk-sw": row(GET=200),
    "activities:plan": row(GET=200),
    "activities:propose": row(GET=200, POST=200),
    "activities:poster": row(GET=200),
    "activities:poster-qr": row(GET=200),
    "activities:proposal-list": row(GET=200),
    "activities:proposal-follow": row(GET=200),
    "activities:proposal-detail": row(GET=200),
    "activities:proposal-receipt": row(GET=200),
    "activities:proposal-join": row(POST=302),
    "activities:proposal-unjoin": row(POST=302),
    "activities:proposal-withdraw": row(GET=200, POST=400),
    "activities:forget-joined": row(POST=302),
    "activities:signup": row(POST=302),
    "activities:signup-cancel": row(POST=302),
    "kiosk": row(GET=403),  # only a paired kiosk (a desk tablet is not one)
    "robots-txt": row(GET=200),
    "house_meetings:pen-take": row(GET=200, POST=200),
    "house_meetings:meeting-list": row(GET=200),
    "house_meetings:meeting-detail": row(GET=200),  # a date: its agenda is public
    "house_meetings:rule-list": row(GET=200),
    "house_meetings:rule-detail": row(GET=200),
    "login": row(GET=200, POST=200),
    "logout": row(POST=302),
    "set_language": row(GET=302, POST=302, DELETE=302),  # Django's view: any method
    # Staff of a centre ---------------------------------------------------------------------------
    "centres:staff-home": row(GET=area(200)),
    "centres:staff-reports": row(GET=area(200)),
    "centres:staff-reports-print": row(GET=area(200)),
    "centres:staff-reports-attendance-csv": row(GET=area(400)),
    "centres:staff-reports-activities-csv": row(GET=area(400)),
    "centres:staff-centre": row(GET=staff(200)),
    "reports:staff-reports-year-index": row(GET=area(302)),
    "reports:staff-reports-year": row(GET=area(200)),
    "reports:staff-reports-year-docx": row(GET=area(200)),
    "reports:staff-reports-attendance-xlsx": row(GET=area(400)),
    "reports:staff-centre-year": row(GET=staff(200), POST=staff(302)),
    "centres:staff-visits": row(GET=staff(200)),
    "centres:staff-visit-day": row(GET=staff(200)),
    "centres:staff-visit-correction-add": row(POST=staff(400)),
    "centres:staff-devices": row(GET=staff(200)),
    "centres:staff-device-pair": row(POST=staff(400)),
    "centres:staff-device-revoke": row(POST=staff(302)),
    "activities:staff-activity-list": row(GET=staff(200)),
    "activities:staff-activity-add": row(GET=staff(200), POST=staff(200)),
    "activities:staff-activity-detail": row(GET=staff(200)),
    "activities:staff-activity-edit": row(GET=staff(200), POST=staff(200)),
    "activities:staff-occurrence-cancel": row(GET=staff(200), POST=staff(200)),
    "activities:staff-occurrence-uncancel": row(POST=staff(302)),
    "activities:staff-occurrence-move": row(GET=staff(200), POST=staff(200)),
    "activities:staff-occurrence-attendance": row(GET=staff(200), POST=staff(200)),
    "activities:staff-proposal-list": row(GET=staff(200)),
    "activities:staff-proposal-detail": row(GET=staff(200)),
    "activities:staff-proposal-hide": row(GET=staff(200), POST=staff(200)),
    "activities:staff-proposal-unhide": row(POST=staff(302)),
    "activities:staff-proposal-name": row(POST=staff(302)),
    "activities:staff-proposal-merge": row(GET=staff(200), POST=staff(200)),
    "activities:staff-proposal-withdraw": row(POST=staff(302)),
    "activities:staff-proposal-done": row(POST=staff(302)),
    "activities:staff-proposal-answer": row(GET=staff(200), POST=staff(200)),
    "activities:staff-activity-break": row(GET=staff(200), POST=staff(200)),
    "activities:staff-activity-reviewed": row(POST=staff(302)),
    "activities:staff-calendar": row(GET=staff(200)),
    "activities:staff-closure-add": row(POST=staff(400)),
    "activities:staff-closure-reopen": row(POST=staff(302)),
    "activities:staff-holidays": row(GET=staff(200), POST=staff(200)),
    "activities:staff-opening-add": row(POST=staff(400)),
    "activities:staff-opening-delete": row(POST=staff(302)),
    "activities:staff-signups": row(GET=staff(200)),
    "activities:staff-signups-close": row(POST=staff(302)),
    "activities:staff-signups-add": row(POST=staff(400)),
    "activities:staff-signup-remove": row(POST=staff(302)),
    "house_meetings:staff-meeting-list": row(GET=staff(200)),
    "house_meetings:staff-meeting-add": row(GET=staff(200), POST=staff(400)),
    "house_meetings:staff-agenda-policy": row(GET=staff(200), POST=staff(400)),
    "house_meetings:staff-meeting-detail": row(GET=staff(200)),
    "house_meetings:staff-meeting-edit": row(GET=staff(200), POST=staff(400)),
    "house_meetings:staff-meeting-cancel": row(POST=staff(302)),
    "house_meetings:staff-agenda-proposals": row(POST=staff(400)),
    "house_meetings:staff-agenda-add": row(GET=staff(200), POST=staff(400)),
    "house_meetings:staff-agenda-move": row(POST=staff(302)),
    "house_meetings:staff-agenda-remove": row(POST=staff(302)),
    "house_meetings:staff-item-decide": row(GET=staff(200), POST=staff(302)),
    "house_meetings:staff-follow-up-add": row(GET=staff(200), POST=staff(400)),
    "house_meetings:staff-follow-up-done": row(POST=staff(302)),
    "house_meetings:staff-follow-up-name": row(POST=staff(302)),
    "house_meetings:staff-meeting-run": row(GET=staff(200)),
    "house_meetings:staff-pen-hand-over": row(POST=staff(302)),
    "house_meetings:staff-meeting-record": row(GET=staff(200), POST=staff(400)),
    "house_meetings:staff-meeting-publish": row(GET=staff(200), POST=staff(400)),
    "house_meetings:staff-rule-list": row(GET=staff(200)),
    # The coordinator -----------------------------------------------------------------------------
    "centres:coordinator": row(GET=coord(200)),
    "centres:coordinator-print": row(GET=coord(200)),
    "centres:coordinator-attendance-csv": row(GET=coord(400)),
    "centres:coordinator-activities-csv": row(GET=coord(400)),
    "centres:coordinator-centres": row(GET=coord(200)),
    "centres:coordinator-centre-add": row(GET=coord(200), POST=coord(200)),
    "centres:coordinator-centre-edit": row(GET=coord(200), POST=coord(200)),
    "centres:coordinator-staff": row(GET=coord(200)),
    "centres:coordinator-staff-add": row(GET=coord(200), POST=coord(200)),
    "centres:coordinator-staff-edit": row(GET=coord(200), POST=coord(200)),
    "centres:coordinator-staff-unlock": row(POST=coord(302)),
    "centres:coordinator-history": row(GET=coord(200)),
    "centres:coordinator-history-object": row(GET=coord(200)),
    "reports:coordinator-year-index": row(GET=coord(302)),
    "reports:coordinator-year": row(GET=coord(200)),
    "reports:coordinator-year-docx": row(GET=coord(200)),
    "reports:coordinator-year-texts": row(GET=coord(200), POST=coord(302)),
    "reports:coordinator-attendance-xlsx": row(GET=coord(400)),
    # Django admin: every admin route is behind the same admin_view; these stand for all of them.
    "admin:index": row(GET=ADMIN, POST=ADMIN, DELETE=ADMIN),
    "admin:auth_user_changelist": row(GET=ADMIN, POST=ADMIN, DELETE=ADMIN),
    "admin:auth_user_change": row(GET=ADMIN, POST=ADMIN, DELETE=ADMIN),
}
# fmt: on

# Admin routes other than the three above are covered by the same admin_view; listing them all
# would be Django's own URL list (over a hundred, one per model and action).
ADMIN_REPRESENTATIVES = {"admin:index", "admin:auth_user_changelist", "admin:auth_user_change"}


def routes() -> dict[str, URLPattern]:
    found = {}

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(n for n in (namespace, pattern.namespace) if n)
                walk(pattern.url_patterns, inner or None)
            elif pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found.setdefault(name, pattern)

    walk(get_resolver().url_patterns, None)
    return {
        name: pattern
        for name, pattern in found.items()
        if not name.startswith("admin:") or name in ADMIN_REPRESENTATIVES
    }


class _GetForms(HTMLParser):
    """Collects CSRF tokens inside GET forms (a nested form counts as its outermost one)."""

    def __init__(self):
        super().__init__()
        self.forms: list[str] = []
        self.leaks = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append((attrs.get("method") or "get").lower())
        elif (
            tag == "input"
            and attrs.get("name") == "csrfmiddlewaretoken"
            and self.forms
            and self.forms[0] == "get"
        ):
            self.leaks += 1

    def handle_endtag(self, tag):
        if tag == "form" and self.forms:
            self.forms.pop()


def csrf_in_get_forms(html: str) -> int:
    parser = _GetForms()
    parser.feed(html)
    return parser.leaks


def url_for(name: str, pattern: URLPattern, world) -> str:
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "pk":
            kwargs[key] = next(v for prefix, v in world["pk"].items() if name.startswith(prefix))
        elif key == "object_id":
            kwargs[key] = world["users"]["staff_a"].pk
        else:
            kwargs[key] = world[key]
    return reverse(name, kwargs=kwargs)


def outcome(response) -> str:
    if response.status_code == 302 and response["Location"].startswith(
        ("/accounts/login/", "/admin/login/")
    ):
        return "login"
    return str(response.status_code)


# The walk is cut into parts (every PARTS-th route), so that the parts run in parallel and
# none takes long; together they check every cell.
PARTS = 10


def test_the_matrix_has_one_line_per_route_and_names_its_size(capsys):
    known = routes()
    missing = sorted(set(known) - set(MATRIX))
    assert not missing, f"add a line to MATRIX for each new route: {missing}"
    stale = sorted(set(MATRIX) - set(known))
    assert not stale, f"these routes no longer exist: {stale}"
    cells = sum(len(MATRIX[name][method]) for name in known for method in METHODS)
    assert cells == len(known) * len(ROLES) * len(METHODS)
    with capsys.disabled():
        print(
            f"\npermission matrix: {len(known)} routes × {len(ROLES)} roles × "
            f"{len(METHODS)} methods = {cells} cells, checked in {PARTS} parts"
        )


@pytest.mark.parametrize("part", range(PARTS), ids=lambda part: f"part{part + 1}of{PARTS}")
def test_every_route_answers_every_role_and_method_as_the_matrix_says(world, part):
    known = sorted(routes().items())[part::PARTS]
    assert known
    clients = {role: client_for(role, world) for role in ROLES}
    wrong, checked, leaks = [], 0, []
    for name, pattern in known:
        url = url_for(name, pattern, world)
        for method in METHODS:
            for role, expected in zip(ROLES, MATRIX[name][method], strict=True):
                client = clients[role]
                cookies = copy.deepcopy(client.cookies)
                with transaction.atomic():
                    response = client.generic(method, url)
                    transaction.set_rollback(True)
                client.cookies = cookies
                checked += 1
                got = outcome(response)
                if got != expected:
                    wrong.append(f"{method} {url} as {role}: {got}, expected {expected}")
                if (
                    method == "GET"
                    and response.status_code == 200
                    and response.get("Content-Type", "").startswith("text/html")
                    and csrf_in_get_forms(response.content.decode())
                ):
                    leaks.append(f"{url} as {role}")
    assert checked == len(known) * len(ROLES) * len(METHODS)
    assert not wrong, "\n".join(wrong)
    assert not leaks, f"GET forms with a CSRF token: {leaks}"
