"""The OpenAPI 3.1 document of the JSON API: served, in step with the code, and checked by
schemathesis (a client we did not write) against a live server."""

import re

import hypothesis
import pytest
import schemathesis
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from pytest_django.live_server_helper import LiveServer
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from centres import openapi
from tests.centres.conftest import make_device
from tests.conftest import make_centre

# Every check runs. One is told more: a tap's time must lie between the device's backfill limit
# and now, which JSON Schema cannot say, so a schema-valid tap at a random time is a 400.
CONFIG = """
[[operations]]
include-operation-id = "recordTap"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404"]
"""

# Examples per operation and generation mode (valid and invalid data), one test each.
EXAMPLES = 60


def api_routes() -> dict[str, URLPattern]:
    found = {}

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                found["/" + prefix + str(pattern.pattern)] = pattern

    walk(get_resolver().url_patterns, "")
    return {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path): pattern
        for path, pattern in found.items()
        if path.startswith("/api/v1/") and not path.endswith("openapi.json")
    }


def test_the_document_describes_every_api_route_with_its_methods():
    document = openapi.document()
    routes = api_routes()
    assert set(document["paths"]) == set(routes)
    for path, pattern in routes.items():
        described = {m.upper() for m in document["paths"][path] if m != "parameters"}
        assert described == set(pattern.callback.allowed_methods) - {"HEAD"}, path


def test_the_document_is_served_and_is_valid_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == openapi.document()
    assert response.json()["openapi"] == "3.1.0"
    schemathesis.openapi.from_dict(response.json()).validate()


@pytest.fixture
def server(transactional_db, settings):
    """A live server on 127.0.0.1 in the port range this project's tests may use (8200-8249)."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    for port in range(8200, 8250):
        try:
            live = LiveServer(f"127.0.0.1:{port}")
        except OSError:  # taken by another process meanwhile
            continue
        yield live
        live.stop()
        return
    raise RuntimeError("no free port in 8200-8249")


@pytest.fixture
def api(server):
    centre = make_centre(name="Sentrum", slug="sentrum")
    device = make_device(centre)
    other = make_device(make_centre(name="Tøyen", slug="toyen"))
    schema = schemathesis.openapi.from_url(
        f"{server.url}/api/v1/openapi.json", config=SchemathesisConfig.from_str(CONFIG)
    )
    return schema, {"right": device.token, "other": other.token}


def _operations() -> dict[str, bool]:
    """Each operation's id, and whether it takes any input (a parameter or a body)."""
    found = {}
    for path_item in openapi.document()["paths"].values():
        for method, operation in path_item.items():
            if method != "parameters":
                found[operation["operationId"]] = bool(
                    path_item.get("parameters")
                    or operation.get("parameters")
                    or operation.get("requestBody")
                )
    return found


OPERATIONS = _operations()


@pytest.mark.parametrize(
    "mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"]
)
@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_schemathesis_finds_nothing_against_a_live_server(api, operation_id, mode):
    """One test per operation and kind of data (valid, invalid), so that they run in parallel."""
    schema, tokens = api
    operations = {
        op.definition.raw["operationId"]: op
        for op in (result.ok() for result in schema.get_all_operations())
    }
    assert set(operations) == set(OPERATIONS)
    operation = operations[operation_id]
    positive = mode == GenerationMode.POSITIVE
    ran = 0

    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        case=operation.as_strategy(generation_mode=mode),
        real_centre=st.booleans(),
        token=st.sampled_from(["right", "other", None]),
    )
    def run(case, real_centre, token):
        nonlocal ran
        headers = {}
        # Only a valid case is steered to the real centre and given a credential: an invalid
        # one must stay exactly as generated, or a repaired part (a real slug, a well-formed
        # Authorization header) would make schemathesis expect a refusal for data that is no
        # longer invalid.
        if positive:
            if real_centre and "slug" in (case.path_parameters or {}):
                case.path_parameters["slug"] = "sentrum"
            if token:
                headers = {"Authorization": f"Bearer {tokens[token]}"}
        case.call_and_validate(headers=headers)
        ran += 1

    try:
        run()
    except hypothesis.errors.Unsatisfiable:
        # No invalid request exists for an operation without any input.
        assert not positive, "no valid case could be made"
        assert not OPERATIONS[operation_id], "no invalid case could be made for an input"
        return
    print(f"schemathesis: {ran} {mode.value} cases for {operation_id}")
    assert ran > 0
