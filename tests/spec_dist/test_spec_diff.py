"""tools/spec_diff.py: each difference is judged by who writes the values it touches."""

import copy
from collections.abc import Callable
from typing import Any

import pytest

from spec_diff import Change, Effect, Role, compare_documents, is_breaking

Doc = dict[str, Any]


def base_doc() -> Doc:
    """A small document with a request body, a response, an open enum and a webhook."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1.0.0"},
        "paths": {
            "/things": {
                "post": {
                    "operationId": "createThing",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/New"}}
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "created",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"}
                                }
                            },
                        },
                        "400": {"description": "invalid"},
                    },
                }
            }
        },
        "webhooks": {
            "thingChanged": {
                "post": {
                    "operationId": "thingChanged",
                    "parameters": [
                        {
                            "name": "X-Sig",
                            "in": "header",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Event"}}
                        }
                    },
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
        "components": {
            "schemas": {
                "New": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "maxLength": 50},
                        "size": {"$ref": "#/components/schemas/Size"},
                        "note": {"type": "string"},
                    },
                    "not": {"required": ["size", "note"]},
                },
                "Size": {"type": "string", "enum": ["s", "m", "l"]},
                "Thing": {
                    "type": "object",
                    "required": ["id", "name"],
                    "properties": {
                        "id": {"type": "string"},
                        "name": {"type": "string"},
                        "state": {"$ref": "#/components/schemas/OpenState"},
                        "kind": {"$ref": "#/components/schemas/Kind"},
                        "parent": {"$ref": "#/components/schemas/Thing"},
                    },
                },
                "State": {"type": "string", "enum": ["new", "done"]},
                "OpenState": {
                    "anyOf": [{"$ref": "#/components/schemas/State"}, {"type": "string"}]
                },
                "Kind": {"type": "string", "enum": ["a", "b"]},
                "Legacy": {"type": "string", "description": "Referenced by nothing."},
                "Event": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {"id": {"type": "string"}, "at": {"type": "string"}},
                },
            }
        },
    }


def changes_after(mutate: Callable[[Doc], object]) -> list[Change]:
    old = base_doc()
    new = copy.deepcopy(old)
    mutate(new)
    return compare_documents(old, new)


def schemas(doc: Doc) -> dict[str, Any]:
    result: dict[str, Any] = doc["components"]["schemas"]
    return result


def test_identical_documents_have_no_changes() -> None:
    assert changes_after(lambda doc: None) == []


def test_descriptions_and_examples_are_not_contract() -> None:
    def edit(doc: Doc) -> None:
        schemas(doc)["New"]["description"] = "now documented"
        schemas(doc)["Thing"]["properties"]["id"]["examples"] = ["x"]
        doc["paths"]["/things"]["post"]["summary"] = "Create"

    assert changes_after(edit) == []


# Each case: what is done to the document, and whether it must count as breaking.
CASES: dict[str, tuple[Callable[[Doc], object], bool]] = {
    "request: new required field": (
        lambda d: schemas(d)["New"]["required"].append("note"),
        True,
    ),
    "request: field no longer required": (
        lambda d: schemas(d)["New"]["required"].remove("name"),
        False,
    ),
    "request: new optional field of a closed object": (
        lambda d: schemas(d)["New"]["properties"].update(color={"type": "string"}),
        False,
    ),
    "request: field removed": (
        lambda d: schemas(d)["New"]["properties"].pop("note"),
        True,
    ),
    "request: enum value removed": (
        lambda d: schemas(d)["Size"]["enum"].remove("l"),
        True,
    ),
    "request: enum value added": (
        lambda d: schemas(d)["Size"]["enum"].append("xl"),
        False,
    ),
    "request: shorter maxLength": (
        lambda d: schemas(d)["New"]["properties"]["name"].update(maxLength=10),
        True,
    ),
    "request: longer maxLength": (
        lambda d: schemas(d)["New"]["properties"]["name"].update(maxLength=100),
        False,
    ),
    "request: pattern added": (
        lambda d: schemas(d)["New"]["properties"]["name"].update(pattern="^[a-z]+$"),
        True,
    ),
    "request: `not` dropped (accepts more)": (
        lambda d: schemas(d)["New"].pop("not"),
        False,
    ),
    "request: `not` loosened (accepts less)": (
        lambda d: schemas(d)["New"]["not"].update(required=["size"]),
        True,
    ),
    "request body becomes optional": (
        lambda d: d["paths"]["/things"]["post"]["requestBody"].update(required=False),
        False,
    ),
    "response: required field no longer required": (
        lambda d: schemas(d)["Thing"]["required"].remove("name"),
        True,
    ),
    "response: new required field": (
        lambda d: schemas(d)["Thing"]["required"].append("state"),
        False,
    ),
    "response: new optional field of an open object": (
        lambda d: schemas(d)["Thing"]["properties"].update(color={"type": "string"}),
        False,
    ),
    "response: field removed": (
        lambda d: schemas(d)["Thing"]["properties"].pop("kind"),
        True,
    ),
    "response: value added to a closed enum": (
        lambda d: schemas(d)["Kind"]["enum"].append("c"),
        True,
    ),
    "response: value removed from a closed enum": (
        lambda d: schemas(d)["Kind"]["enum"].remove("b"),
        False,
    ),
    "response: value added to an open enum": (
        lambda d: schemas(d)["State"]["enum"].append("failed"),
        False,
    ),
    "response: open enum closed": (
        lambda d: schemas(d)["OpenState"]["anyOf"].pop(),
        False,
    ),
    "response: type changed": (
        lambda d: schemas(d)["Thing"]["properties"]["id"].update(type="integer"),
        True,
    ),
    "response: nullable": (
        lambda d: schemas(d)["Thing"]["properties"]["id"].update(type=["string", "null"]),
        True,
    ),
    "response: status removed": (
        lambda d: d["paths"]["/things"]["post"]["responses"].pop("400"),
        True,
    ),
    "response: status added": (
        lambda d: d["paths"]["/things"]["post"]["responses"].update({"409": {"description": "x"}}),
        False,
    ),
    "operation removed": (lambda d: d["paths"].pop("/things"), True),
    "operation added": (
        lambda d: d["paths"].update(
            {"/other": {"get": {"operationId": "getOther", "responses": {}}}}
        ),
        False,
    ),
    "operationId renamed": (
        lambda d: d["paths"]["/things"]["post"].update(operationId="makeThing"),
        True,
    ),
    "required query parameter added": (
        lambda d: d["paths"]["/things"]["post"].update(
            parameters=[{"name": "dry", "in": "query", "required": True, "schema": {}}]
        ),
        True,
    ),
    "optional query parameter added": (
        lambda d: d["paths"]["/things"]["post"].update(
            parameters=[{"name": "dry", "in": "query", "schema": {"type": "boolean"}}]
        ),
        False,
    ),
    "named schema removed": (lambda d: schemas(d).pop("Legacy"), True),
    "named schema added": (lambda d: schemas(d).update(Extra={"type": "string"}), False),
    "webhook payload: new required field": (
        lambda d: schemas(d)["Event"]["required"].append("at"),
        False,
    ),
    "webhook payload: field removed": (
        lambda d: schemas(d)["Event"]["properties"].pop("at"),
        True,
    ),
    "webhook header removed": (
        lambda d: d["webhooks"]["thingChanged"]["post"].pop("parameters"),
        True,
    ),
    "webhook removed": (lambda d: d.pop("webhooks"), True),
}


@pytest.mark.parametrize("name", CASES)
def test_direction_decides_what_breaks(name: str) -> None:
    mutate, breaking = CASES[name]
    changes = changes_after(mutate)
    assert changes, f"{name}: no change found"
    assert any(c.breaking for c in changes) is breaking, [str(c) for c in changes]


def test_changes_name_the_schema_where_they_are() -> None:
    changes = changes_after(lambda d: schemas(d)["New"]["required"].append("note"))
    assert [str(c) for c in changes] == [
        "#/components/schemas/New/required: 'note' is now required (via POST /things)"
    ]


def test_recursive_schemas_terminate() -> None:
    changes = changes_after(lambda d: schemas(d)["Thing"]["properties"]["id"].update(minLength=1))
    assert len(changes) == 1


@pytest.mark.parametrize(
    ("effect", "role", "expected"),
    [
        (Effect.NARROWS, Role.INPUT, True),
        (Effect.NARROWS, Role.OUTPUT, False),
        (Effect.WIDENS, Role.INPUT, False),
        (Effect.WIDENS, Role.OUTPUT, True),
        (Effect.ALTERS, Role.INPUT, True),
        (Effect.NEUTRAL, Role.OUTPUT, False),
    ],
)
def test_is_breaking(effect: Effect, role: Role, expected: bool) -> None:
    assert is_breaking(effect, role) is expected


def test_a_dangling_ref_is_reported() -> None:
    with pytest.raises(ValueError, match="points at nothing"):
        changes_after(lambda d: schemas(d).pop("Kind"))


def test_not_flips_the_effect() -> None:
    assert Effect.NARROWS.flipped() is Effect.WIDENS
    assert Effect.ALTERS.flipped() is Effect.ALTERS


def _webhook_to_callback(doc: Doc) -> None:
    hook = doc.pop("webhooks")["thingChanged"]
    doc["paths"]["/things"]["post"]["callbacks"] = {"thingChanged": {"{$request.body#/url}": hook}}


def test_a_webhook_moved_into_a_callback_of_its_name_is_the_same_webhook() -> None:
    assert changes_after(_webhook_to_callback) == []


def test_a_callback_is_compared_as_a_webhook() -> None:
    def drop_header(doc: Doc) -> None:
        _webhook_to_callback(doc)
        callback = doc["paths"]["/things"]["post"]["callbacks"]["thingChanged"]
        callback["{$request.body#/url}"]["post"].pop("parameters")

    changes = changes_after(drop_header)
    assert [c.breaking for c in changes] == [True]
    assert "webhook POST thingChanged" in changes[0].context


def test_a_callback_under_another_name_is_a_removal() -> None:
    def rename(doc: Doc) -> None:
        hook = doc.pop("webhooks")["thingChanged"]
        doc["paths"]["/things"]["post"]["callbacks"] = {"other": {"{$request.body#/url}": hook}}

    assert any(c.breaking and "removed" in c.message for c in changes_after(rename))
