"""Property-based fuzzing with hypothesis (security review): hostile input to every API route,
every field of every public and staff form, and every query parameter the views read.

Each property: the answer is never a 500, and a refused request writes no row. Every request
runs in a savepoint that is rolled back, so examples do not depend on each other. The number of
requests per run is printed (and named in the README).
"""

import copy
import json
import re
from html.parser import HTMLParser

import hypothesis
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from tests.security.conftest import ROLES, client_for

# Examples per target (an API route, a form, a page's query string).
API_EXAMPLES = 150
FORM_EXAMPLES = 12
QUERY_EXAMPLES = 6

SETTINGS = {
    "deadline": None,
    "database": None,
    "derandomize": True,
    "suppress_health_check": list(HealthCheck),
}

# What people and programs type: plain, edge-of-calendar, huge, and hostile values.
EDGE_STRINGS = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "99999999999999999999",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "2026-W00",
    "2026-W53",
    "9999-W52",
    "0000-W01",
    "this-year",
    "custom",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\x00",
    "💥" * 50,
    "x" * 5000,
    "sentrum",
    "toyen",
    "K7Q-42",
    "00000000-0000-0000-0000-000000000000",
]
values = st.one_of(
    st.sampled_from(EDGE_STRINGS),
    st.text(max_size=300),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat()),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=60),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=30,
)
taps = st.fixed_dictionaries(
    {"id": values, "at": values},
    optional={"newcomer": json_values, "extra": json_values},
)
QUERY_NAMES = ["week", "period", "start", "end", "by", "centre", "date", "page", "code", "next"]


# Writes that any request may make without being "input that was accepted": rate-limit
# counters, sessions, login attempts (axes) and a device's "last seen" hour.
BOOKKEEPING = re.compile(
    r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(centres_ratecounter|django_session|axes_)'
    r'|^\s*UPDATE\s+"?centres_device"?\s+SET\s+"?last_seen_at',
    re.IGNORECASE,
)
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def writes(queries) -> list[str]:
    """The statements that wrote to the project's tables."""
    return [
        q["sql"][:120] for q in queries if WRITE.match(q["sql"]) and not BOOKKEEPING.match(q["sql"])
    ]


class Counter:
    def __init__(self):
        self.requests = 0


def _shows_form_errors(response) -> bool:
    """A form sent back with its errors (some views answer 200, most 400)."""
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return False
    html = response.content.decode()
    return "is-invalid" in html or "errorlist" in html or "alert-danger" in html


def request_in_savepoint(client, method, path, **kwargs):
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        response = client.generic(method, path, **kwargs)
        transaction.set_rollback(True)
    client.cookies = cookies
    assert response.status_code < 500, f"{method} {path} {kwargs!r}: {response.status_code}"
    if response.status_code >= 400 or _shows_form_errors(response):
        written = writes(queries.captured_queries)
        assert not written, f"{method} {path} was refused ({response.status_code}): {written}"
    return response


def test_hostile_bodies_to_every_api_route_never_give_500_nor_write(world, capsys):
    device = client_for("device", world)
    staff = client_for("staff_a", world)
    anonymous = client_for("anonymous", world)
    count = Counter()
    paths = [
        "/api/v1/centres/",
        "/api/v1/openapi.json",
        "/api/v1/centres/sentrum/visits/",
        f"/api/v1/centres/sentrum/visits/{world['tap_id']}/",
        "/api/v1/centres/toyen/visits/",
    ]

    bodies = st.one_of(
        taps.map(json.dumps),
        json_values.map(json.dumps),
        st.binary(max_size=3000),
        st.text(max_size=3000),
        st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n + "]" * n),
        st.sampled_from([b"", b"{", b"null", b"\xff\xfe", b'{"id": 1e999}', b"x" * 5000]),
    )

    @hypothesis.settings(max_examples=API_EXAMPLES, **SETTINGS)
    @given(
        path=st.sampled_from(paths),
        method=st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]),
        body=bodies,
        content_type=st.sampled_from(
            ["application/json", "text/plain", "application/x-www-form-urlencoded", "", "a/b"]
        ),
        who=st.sampled_from([device, staff, anonymous]),
    )
    def run(path, method, body, content_type, who):
        count.requests += 1
        request_in_savepoint(who, method, path, data=body, content_type=content_type)

    run()
    with capsys.disabled():
        print(f"\nfuzz: {count.requests} requests to the API")


class _Forms(HTMLParser):
    """The POST forms of a page: their action and field names."""

    def __init__(self, url):
        super().__init__()
        self.url, self.forms, self.current = url, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self.current = {"action": attrs.get("action") or self.url, "fields": set()}
            self.forms.append(self.current)
        elif (
            tag in {"input", "select", "textarea"}
            and self.current
            and attrs.get("name") not in {None, "csrfmiddlewaretoken"}
        ):
            self.current["fields"].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def pages(world, *, with_role=False) -> list:
    """Every page that answers GET, from the URL resolver; with the first role (in the
    order of ``ROLES``) that may read it."""
    from tests.security.test_permission_matrix import MATRIX, routes, url_for

    found = []
    for name, pattern in sorted(routes().items()):
        cells = MATRIX[name]["GET"]
        if name.startswith("admin:") or "200" not in cells:
            continue
        url = url_for(name, pattern, world)
        found.append((ROLES[cells.index("200")], url) if with_role else url)
    return found


# The form and page walks are cut into parts (every PARTS-th page), so that they run in
# parallel and none takes long. A form found on pages of two parts is fuzzed in both.
PARTS = 4
in_parts = pytest.mark.parametrize(
    "part", range(PARTS), ids=lambda part: f"part{part + 1}of{PARTS}"
)


@in_parts
def test_random_values_in_every_form_field_never_give_500_nor_write(world, capsys, part):
    count = Counter()
    forms = {}
    for role in ("anonymous", "staff_a"):
        client = client_for(role, world)
        for url in pages(world)[part::PARTS]:
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _Forms(url)
            parser.feed(response.content.decode())
            for form in parser.forms:
                if form["fields"] and form["action"].startswith("/"):
                    forms[(role, form["action"])] = sorted(form["fields"])
    assert len(forms) > 5

    def fuzz_form(client, action, fields):
        @hypothesis.settings(max_examples=FORM_EXAMPLES, **SETTINGS)
        @given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(fields, values)))
        def run(data):
            count.requests += 1
            request_in_savepoint(
                client,
                "POST",
                action,
                data=_urlencode(data),
                content_type="application/x-www-form-urlencoded",
            )

        run()

    for (role, action), fields in sorted(forms.items()):
        if action != reverse("logout"):
            fuzz_form(client_for(role, world), action, fields)
    with capsys.disabled():
        print(
            f"\nfuzz: {count.requests} form posts to {len(forms)} forms "
            f"(part {part + 1} of {PARTS})"
        )


def _urlencode(data: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(data)


@in_parts
def test_random_query_parameters_on_every_page_never_give_500_nor_write(world, capsys, part):
    count = Counter()
    targets = pages(world, with_role=True)[part::PARTS]

    def fuzz_query(client, url):
        @hypothesis.settings(max_examples=QUERY_EXAMPLES, **SETTINGS)
        @given(query=st.dictionaries(st.sampled_from(QUERY_NAMES), values, max_size=5))
        def run(query):
            count.requests += 1
            request_in_savepoint(client, "GET", url + "?" + _urlencode(query))

        run()

    clients = {role: client_for(role, world) for role in ROLES}
    for role, url in targets:
        fuzz_query(clients[role], url)
    with capsys.disabled():
        print(
            f"\nfuzz: {count.requests} page requests with random query strings "
            f"(part {part + 1} of {PARTS})"
        )
