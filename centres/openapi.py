"""The OpenAPI 3.1 description of the JSON API, served at ``/api/v1/openapi.json``.

Written by hand next to the views it describes (``centres/views/api.py``); a test compares its
paths and methods with the URL resolver and the views, and schemathesis checks the running
server against it in CI.
"""

from typing import Any

ERROR = {"$ref": "#/components/schemas/Error"}
TODAY = {"$ref": "#/components/schemas/Today"}


def _error(description: str, **headers: dict) -> dict:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": ERROR}},
    }
    if headers:
        response["headers"] = headers
    return response


_ALLOW = {"schema": {"type": "string"}, "description": "The methods this address accepts."}
_AUTHENTICATE = {"schema": {"type": "string"}, "description": "How to authenticate: Bearer."}

_COMMON = {
    "405": _error("This address does not accept the method.", Allow=_ALLOW),
}
_TALLY = {
    "401": _error("No valid device token or staff session.", **{"WWW-Authenticate": _AUTHENTICATE}),
    "403": _error("A credential of another centre, or a missing CSRF token with a cookie."),
    "404": _error("No active centre with this short name."),
    **_COMMON,
}
_SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "description": "The centre's short name, as in /c/<slug>/.",
    "schema": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$", "maxLength": 60},
}


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Meetingplace API",
            "version": "1",
            "description": (
                "The tally API of DESIGN.md: a front-table device (or a signed-in staff "
                "member of the centre) counts anonymous visits. Every answer is JSON, errors "
                "included."
            ),
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/centres/": {
                "get": {
                    "operationId": "listCentres",
                    "summary": "The active centres.",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "Active centres by name.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/Centre"},
                                    }
                                }
                            },
                        },
                        **_COMMON,
                    },
                }
            },
            "/api/v1/centres/{slug}/visits/": {
                "parameters": [_SLUG],
                "get": {
                    "operationId": "todaysTotals",
                    "summary": "Today's totals in the centre's time zone.",
                    "responses": {
                        "200": {
                            "description": "Today's visits and newcomers.",
                            "content": {"application/json": {"schema": TODAY}},
                        },
                        **_TALLY,
                    },
                },
                "post": {
                    "operationId": "recordTap",
                    "summary": "Record one tap; a retry with the same id counts once.",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Tap"}}
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "Recorded.",
                            "content": {"application/json": {"schema": _TAP_RESULT}},
                        },
                        "200": {
                            "description": "Already recorded (a retry): nothing counted twice.",
                            "content": {"application/json": {"schema": _TAP_RESULT}},
                        },
                        "400": _error(
                            "A malformed body, a bad id, or a time in the future or older than "
                            "the device may backfill."
                        ),
                        "413": _error("The body is larger than a tap (2 KB)."),
                        **_TALLY,
                    },
                },
            },
            "/api/v1/centres/{slug}/visits/{tap_id}/": {
                "parameters": [
                    _SLUG,
                    {
                        "name": "tap_id",
                        "in": "path",
                        "required": True,
                        "description": "The id the client gave the tap.",
                        "schema": {"type": "string", "format": "uuid"},
                    },
                ],
                "delete": {
                    "operationId": "undoTap",
                    "summary": "Undo a tap of today (idempotent).",
                    "responses": {
                        "200": {
                            "description": "Undone (or it already was).",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["id", "undone", "today"],
                                        "properties": {
                                            "id": {"type": "string", "format": "uuid"},
                                            "undone": {"const": True},
                                            "today": TODAY,
                                        },
                                    }
                                }
                            },
                        },
                        "400": _error("Not a tap id, or a tap too old to undo (correct it)."),
                        **_TALLY,
                    },
                },
            },
        },
        "components": {
            "securitySchemes": {
                "device": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The token printed by `manage.py pair_device`.",
                },
                "staffSession": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "sessionid",
                    "description": "A signed-in staff member; send X-CSRFToken as well.",
                },
            },
            "schemas": {
                "Centre": {
                    "type": "object",
                    "required": ["slug", "name"],
                    "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
                },
                "Tap": {
                    "type": "object",
                    "required": ["id", "at"],
                    "additionalProperties": False,
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "at": {
                            "type": "string",
                            "format": "date-time",
                            "description": "When the tap happened, with its UTC offset.",
                        },
                        "newcomer": {"type": "boolean", "default": False},
                    },
                },
                "Today": {
                    "type": "object",
                    "required": ["date", "visits", "newcomers"],
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "visits": {"type": "integer", "minimum": 0},
                        "newcomers": {"type": "integer", "minimum": 0},
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error", "message"],
                    "properties": {
                        "error": {"type": "string", "description": "A stable code."},
                        "message": {"type": "string", "description": "In the reader's language."},
                    },
                },
            },
        },
        "security": [{"device": []}, {"staffSession": []}],
    }


_TAP_RESULT = {
    "type": "object",
    "required": ["id", "today"],
    "properties": {"id": {"type": "string", "format": "uuid"}, "today": TODAY},
}
