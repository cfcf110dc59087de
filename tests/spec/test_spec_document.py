"""openapi.yaml is valid, complete and documented: every schema, field and operation."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from messente_omnichannel._spec import load_spec

SPEC = load_spec()
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
METHODS = ("get", "put", "post", "delete", "patch")

SchemaValidatorFactory = Callable[[str], Draft202012Validator]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _api_operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(JSON pointer of the path item, method, operation) for every path."""
    for key, item in SPEC["paths"].items():
        for method in METHODS:
            if method in item:
                yield f"/paths/{_escape(key)}", method, item[method]


def _callbacks() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The same for every callback of those operations (the requests Messente sends)."""
    for where, method, operation in _api_operations():
        for name, callback in operation.get("callbacks", {}).items():
            for expression, item in callback.items():
                at = f"{where}/{method}/callbacks/{_escape(name)}/{_escape(expression)}"
                for hook_method in METHODS:
                    if hook_method in item:
                        yield at, hook_method, item[hook_method]


API_OPERATIONS = list(_api_operations())
OPERATIONS = [*API_OPERATIONS, *_callbacks()]


def _media_examples() -> Iterator[tuple[str, str, Any]]:
    """(JSON pointer of the media schema, example id, example value) for every media example."""
    for where, method, operation in OPERATIONS:
        base = f"{where}/{method}"
        bodies = [(f"{base}/requestBody", operation.get("requestBody", {}))]
        for code, response in operation["responses"].items():
            at = response["$ref"][1:] if "$ref" in response else f"{base}/responses/{code}"
            bodies.append((at, _resolve(response)))
        for at, body in bodies:
            for media_type, media in body.get("content", {}).items():
                pointer = f"{at}/content/{_escape(media_type)}/schema"
                for name, example in media.get("examples", {}).items():
                    yield pointer, f"{operation['operationId']}:{name}", example["value"]


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" not in node:
        return node
    target: Any = SPEC
    for part in node["$ref"][2:].split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    assert isinstance(target, dict)
    return target


def _fields(
    label: str, schema: dict[str, Any], at: str
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(dotted field name, JSON pointer, schema) of every property under a schema."""
    for field, sub in schema.get("properties", {}).items():
        yield f"{label}.{field}", f"{at}/properties/{field}", sub
        yield from _fields(f"{label}.{field}", sub, f"{at}/properties/{field}")
    for keyword in ("allOf", "anyOf", "oneOf"):
        for index, sub in enumerate(schema.get(keyword, [])):
            yield from _fields(label, sub, f"{at}/{keyword}/{index}")
    if isinstance(schema.get("items"), dict):
        yield from _fields(f"{label}[]", schema["items"], f"{at}/items")


FIELDS = [
    pytest.param(pointer, sub, id=label)
    for name in sorted(SCHEMAS)
    for label, pointer, sub in _fields(name, SCHEMAS[name], f"/components/schemas/{name}")
]


def test_spec_is_valid_openapi_3_1() -> None:
    assert SPEC["openapi"].startswith("3.1.")
    validate(SPEC)


def test_server_and_security() -> None:
    assert [s["url"] for s in SPEC["servers"]] == ["https://api.messente.com/v1"]
    assert SPEC["components"]["securitySchemes"]["basicAuth"] == {
        **SPEC["components"]["securitySchemes"]["basicAuth"],
        "type": "http",
        "scheme": "basic",
    }
    for _, _, operation in API_OPERATIONS:
        assert operation["security"] == [{"basicAuth": []}], operation["operationId"]


def test_operation_ids_and_one_tag_each() -> None:
    ids = {op["operationId"]: len(op["tags"]) for _, _, op in API_OPERATIONS}
    assert ids == {
        "sendOmnimessage": 1,
        "retrieveDeliveryReport": 1,
        "cancelScheduledMessage": 1,
        "sendBulkOmnimessage": 1,
    }


@pytest.mark.parametrize(("where", "method", "operation"), API_OPERATIONS)
def test_every_operation_documents_401_with_the_error_body(
    where: str, method: str, operation: dict[str, Any]
) -> None:
    unauthorized = _resolve(operation["responses"]["401"])
    schema = unauthorized["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/ErrorResponse"}


@pytest.mark.parametrize(("where", "method", "operation"), OPERATIONS)
def test_every_operation_is_described_with_examples(
    where: str, method: str, operation: dict[str, Any]
) -> None:
    assert operation.get("summary") and operation.get("description")
    bodies = [operation.get("requestBody", {})]
    bodies += [_resolve(r) for r in operation["responses"].values()]
    for body in bodies:
        for media in body.get("content", {}).values():
            assert media.get("examples"), f"{operation['operationId']}: a body has no examples"


def test_links_from_created_lead_to_status_and_cancel() -> None:
    links = SPEC["paths"]["/omnimessage"]["post"]["responses"]["201"]["links"]
    assert {link["operationId"] for link in links.values()} == {
        "retrieveDeliveryReport",
        "cancelScheduledMessage",
    }
    for link in links.values():
        assert link["parameters"] == {"omnimessageId": "$response.body#/omnimessage_id"}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_component_schema_has_a_description_and_examples(name: str) -> None:
    assert SCHEMAS[name].get("description"), name
    assert SCHEMAS[name].get("examples"), name


@pytest.mark.parametrize(("pointer", "schema"), FIELDS)
def test_every_field_has_a_description(pointer: str, schema: dict[str, Any]) -> None:
    described = schema.get("description") or _resolve(schema).get("description")
    assert described, f"{pointer} has no description (it becomes the generated docstring)"


@pytest.mark.parametrize(
    ("name", "index"),
    [(name, i) for name in sorted(SCHEMAS) for i in range(len(SCHEMAS[name].get("examples", [])))],
)
def test_component_examples_validate_against_their_schema(
    schema_validator: SchemaValidatorFactory, name: str, index: int
) -> None:
    example = SCHEMAS[name]["examples"][index]
    schema_validator(f"/components/schemas/{name}").validate(example)


@pytest.mark.parametrize(
    ("pointer", "example"),
    [pytest.param(pointer, value, id=label) for pointer, label, value in _media_examples()],
)
def test_operation_examples_validate_against_their_schema(
    schema_validator: SchemaValidatorFactory, pointer: str, example: Any
) -> None:
    schema_validator(pointer).validate(example)


@pytest.mark.parametrize(("pointer", "schema"), FIELDS)
def test_field_examples_validate_against_their_schema(
    schema_validator: SchemaValidatorFactory, pointer: str, schema: dict[str, Any]
) -> None:
    for example in schema.get("examples", []):
        schema_validator(pointer).validate(example)
