"""The generated client parses every example of the spec and writes it back unchanged.

Also: each message kind parses to its own class (the required `channel` const decides the
union), and response enums stay open to values added later.
"""

from typing import Any

import pytest

from messente_omnichannel._spec import load_spec
from messente_omnichannel_client import models
from messente_omnichannel_client.models import (
    RCS,
    SMS,
    Channel,
    DeliveryErrorCode,
    DeliveryReport,
    DeliveryStatus,
    ErrorCode,
    ErrorResponse,
    ErrorTitle,
    Omnimessage,
    Viber,
    WhatsApp,
)

SPEC = load_spec()
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]

# Component schemas that are unions or plain strings/integers generate no model class.
MODEL_SCHEMAS = sorted(
    name for name, schema in SCHEMAS.items() if schema.get("type") == "object" or "allOf" in schema
)


def _body_examples() -> list[Any]:
    """(generated model, example) for every example body of every operation and callback."""
    found = []
    for item in SPEC["paths"].values():
        callbacks = [
            hook
            for operation in item.values()
            for callback in operation.get("callbacks", {}).values()
            for hook in callback.values()
        ]
        for hooks in (item, *callbacks):
            for operation in hooks.values():
                bodies = {"request": operation.get("requestBody", {})}
                bodies |= {code: _resolve(r) for code, r in operation["responses"].items()}
                for place, body in bodies.items():
                    media = body.get("content", {}).get("application/json", {})
                    if not media:
                        continue
                    model = getattr(models, media["schema"]["$ref"].rsplit("/", 1)[1])
                    for name, example in media["examples"].items():
                        label = f"{operation['operationId']}:{place}:{name}"
                        found.append(pytest.param(model, example["value"], id=label))
    return found


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" not in node:
        return node
    resolved: dict[str, Any] = SPEC["components"]["responses"][node["$ref"].rsplit("/", 1)[1]]
    return resolved


def test_every_component_object_generates_a_model() -> None:
    missing = [name for name in MODEL_SCHEMAS if not hasattr(models, name)]
    assert missing == []


@pytest.mark.parametrize(
    ("name", "example"),
    [
        pytest.param(name, example, id=f"{name}[{index}]")
        for name in MODEL_SCHEMAS
        for index, example in enumerate(SCHEMAS[name]["examples"])
    ],
)
def test_component_examples_round_trip(name: str, example: dict[str, Any]) -> None:
    model = getattr(models, name)
    assert model.from_dict(example).to_dict() == example


@pytest.mark.parametrize(("model", "example"), _body_examples())
def test_operation_examples_round_trip(model: Any, example: dict[str, Any]) -> None:
    assert model.from_dict(example).to_dict() == example


def test_each_message_kind_parses_to_its_own_class() -> None:
    omnimessage = Omnimessage.from_dict(
        {
            "to": "+37251000000",
            "messages": [
                {"channel": "whatsapp", "text": {"body": "Hi"}},
                {"channel": "viber", "text": "Hi"},
                {"channel": "rcs", "sender": "Brand", "text": "Hi"},
                {"channel": "sms", "text": "Hi"},
            ],
        }
    )
    assert [type(message) for message in omnimessage.messages] == [WhatsApp, Viber, RCS, SMS]


def test_known_response_values_parse_to_enums() -> None:
    report = DeliveryReport.from_dict(
        {
            "to": "+37251000000",
            "omnimessage_id": "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a",
            "statuses": [{"status": "SEEN", "channel": "viber", "err": 10}],
        }
    )
    (result,) = report.statuses
    assert result.status is DeliveryStatus.SEEN
    assert result.channel is Channel.VIBER
    assert result.err is DeliveryErrorCode.SEEN


def test_unknown_response_values_pass_through_as_plain_values() -> None:
    report = DeliveryReport.from_dict(
        {
            "to": "+37251000000",
            "omnimessage_id": "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a",
            "statuses": [
                {"status": "QUEUED_LATER", "channel": "carrier-pigeon", "err": 4242, "new": 1},
                {"status": None, "channel": "telegram", "err": None, "price_info": None},
            ],
        }
    )
    future, pending = report.statuses
    assert (future.status, future.channel, future.err) == ("QUEUED_LATER", "carrier-pigeon", 4242)
    assert not isinstance(future.status, DeliveryStatus)
    assert not isinstance(future.err, DeliveryErrorCode)
    assert future.additional_properties == {"new": 1}
    assert pending.status is None and pending.err is None and pending.price_info is None
    assert pending.channel is Channel.TELEGRAM


def test_error_enums_have_readable_names_and_stay_open() -> None:
    assert ErrorCode.MISSING_DATA.value == "106"
    assert ErrorTitle.MISSING_DATA.value == "Missing data"
    assert DeliveryErrorCode.GENERAL_TEMPORARY_ERROR.value == 999
    body = ErrorResponse.from_dict(
        {"errors": [{"title": "Too many requests", "code": "108", "detail": "x", "source": None}]}
    )
    (item,) = body.errors
    assert (item.title, item.code, item.source) == ("Too many requests", "108", None)
