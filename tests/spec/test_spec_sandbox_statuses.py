"""Every answer the sandbox can give is declared by the operation it answers for, headers too.

Prism, as a validating proxy in front of the sandbox, flagged its 429 and 503 as undeclared:
the sandbox's fault kinds are walked here, so a new kind must be declared in openapi.yaml.
"""

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from messente_omnichannel._spec import load_spec
from messente_omnichannel.sandbox import Faults, Sandbox
from messente_omnichannel.sandbox._faults import Fault

SPEC = load_spec()
UNKNOWN_ID = "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"
SMS = {"to": "+37251000000", "messages": [{"channel": "sms", "text": "Hi"}]}
# One valid request per operation, filled from the path template.
REQUESTS: dict[str, dict[str, Any]] = {
    "sendOmnimessage": {"json": SMS},
    "sendBulkOmnimessage": {"json": {"messages": [SMS]}},
    "retrieveDeliveryReport": {},
    "cancelScheduledMessage": {},
}
STATUS_FAULTS = [fault for fault in Fault if fault.value.isdigit()]


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "delete", "put", "patch"):
                yield method.upper(), path.replace("{omnimessageId}", UNKNOWN_ID), operation


OPERATIONS = list(_operations())


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator({**schema, "components": SPEC["components"]})


def _check_declared(operation: dict[str, Any], response: httpx.Response) -> None:
    declared = operation["responses"].get(str(response.status_code))
    assert declared is not None, f"{operation['operationId']} answers an undeclared {response}"
    declared = _resolve(declared)
    media = declared.get("content", {}).get("application/json")
    if media is not None:
        _validator(media["schema"]).validate(response.json())
    for name, header in declared.get("headers", {}).items():
        header = _resolve(header)
        value = response.headers.get(name)
        if header.get("required"):
            assert value is not None, f"{name} is declared required on {response.status_code}"
        if value is not None and header["schema"].get("type") == "integer":
            _validator(header["schema"]).validate(json.loads(value))


def test_the_walk_covers_every_operation_and_status_fault() -> None:
    assert {op["operationId"] for _, _, op in OPERATIONS} == set(REQUESTS)
    assert {fault.value for fault in STATUS_FAULTS} == {"429", "500", "503"}


@pytest.mark.parametrize("fault", STATUS_FAULTS, ids=lambda fault: fault.value)
@pytest.mark.parametrize(
    ("method", "path", "operation"), OPERATIONS, ids=[op["operationId"] for *_, op in OPERATIONS]
)
def test_every_injected_status_is_declared_with_its_headers(
    fault: Fault, method: str, path: str, operation: dict[str, Any]
) -> None:
    faults = Faults.parse(f"{fault.value}=1,retry_after=7")
    with (
        Sandbox(faults=faults) as sandbox,
        httpx.Client(
            base_url="http://sandbox/v1",
            transport=sandbox.transport(),
            auth=("demo", "demo-password"),
        ) as client,
    ):
        response = client.request(method, path, **REQUESTS[operation["operationId"]])
    assert response.status_code == int(fault.value)
    _check_declared(operation, response)
    if fault is not Fault.SERVER_ERROR:
        assert response.headers["Retry-After"] == "7"


@pytest.mark.parametrize(
    ("method", "path", "operation"), OPERATIONS, ids=[op["operationId"] for *_, op in OPERATIONS]
)
def test_answers_without_faults_are_declared(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    with Sandbox() as sandbox:
        transport = sandbox.transport()
        with httpx.Client(base_url="http://sandbox/v1", transport=transport) as anonymous:
            _check_declared(
                operation, anonymous.request(method, path, **REQUESTS[operation["operationId"]])
            )
        with httpx.Client(
            base_url="http://sandbox/v1", transport=transport, auth=("demo", "demo-password")
        ) as client:
            request = REQUESTS[operation["operationId"]]
            _check_declared(operation, client.request(method, path, **request))
            if "json" in request:
                _check_declared(operation, client.request(method, path, json={"to": 1}))
