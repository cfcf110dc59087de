"""Every public result type is built from plain values, or from the API's JSON, in a user's test."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from messente_omnichannel import (
    ChainOutcome,
    ChainState,
    Channel,
    DeliveryErrorCode,
    DeliveryReport,
    DeliveryResult,
    DeliveryStatus,
    DeliveryUpdate,
    MessageResult,
    OmnimessageCreated,
    Price,
    Tracker,
    parse_delivery_report,
    sign_report,
)
from messente_omnichannel._results import parse_report

OMNI_ID = "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"
MESSAGE_ID = "3c9a4d5e-7f8b-4c0d-9e1f-2a3b4c5d6e7f"
PRICE_JSON = {"part_price": "0.0420", "parts_count": 1, "total_price": "0.0420"}
RESULT_JSON: dict[str, Any] = {
    "channel": "sms",
    "message_id": MESSAGE_ID,
    "status": "DELIVRD",
    "err": 0,
    "error": None,
    "timestamp": "2020-02-04T08:09:42.389630",
    "sender": "MyBrand",
    "price_info": PRICE_JSON,
}
REPORT_JSON = {"omnimessage_id": OMNI_ID, "to": "+37251000000", "statuses": [RESULT_JSON]}
CALLBACK_JSON = {**RESULT_JSON, "omnimessage_id": OMNI_ID, "to": "+37251000000"}


def plain_result() -> DeliveryResult:
    return DeliveryResult(
        channel="sms",
        message_id=UUID(MESSAGE_ID),
        status="DELIVRD",
        err=0,
        timestamp=datetime(2020, 2, 4, 8, 9, 42, 389630),  # naive: UTC
        sender="MyBrand",
        price=Price(part_price=Decimal("0.0420"), parts_count=1, total_price=Decimal("0.0420")),
    )


def test_price_from_values_and_from_json() -> None:
    from_json = Price.from_dict(PRICE_JSON)
    assert from_json == Price(Decimal("0.0420"), 1, Decimal("0.0420"))
    assert Price(part_price="0.0420", total_price="0.0420", parts_count=1) == from_json  # type: ignore[arg-type]
    assert from_json.to_dict() == PRICE_JSON
    assert Price() == Price(None, None, None)


def test_delivery_result_from_values_and_from_json() -> None:
    built = plain_result()
    from_json = DeliveryResult.from_dict(RESULT_JSON)
    assert built == from_json
    assert built.channel is Channel.SMS and built.status is DeliveryStatus.DELIVRD
    assert built.err is DeliveryErrorCode.NO_ERROR
    assert built.timestamp == datetime(2020, 2, 4, 8, 9, 42, 389630, tzinfo=UTC)
    assert built.to_dict() == RESULT_JSON == from_json.to_dict()
    assert built.raw.to_dict() == RESULT_JSON


def test_a_delivery_result_needs_only_what_the_test_cares_about() -> None:
    result = DeliveryResult(channel="viber", status="UNDELIV", err=1, error="Delivery failure")
    assert (result.message_id, result.timestamp, result.price) == (None, None, None)
    assert result.err is DeliveryErrorCode.DELIVERY_FAILURE
    assert DeliveryResult.from_dict(result.to_dict()) == result
    # Values newer than this version stay plain.
    newer = DeliveryResult(channel="telepathy", status="THOUGHT", err=4242)
    assert (newer.channel, newer.status, newer.err) == ("telepathy", "THOUGHT", 4242)


def test_plain_text_is_read_as_the_api_types() -> None:
    result = DeliveryResult(
        message_id=MESSAGE_ID,  # type: ignore[arg-type]
        timestamp="2020-02-04T08:09:42.389630",  # type: ignore[arg-type]
    )
    assert result.message_id == UUID(MESSAGE_ID)
    assert result.timestamp == datetime(2020, 2, 4, 8, 9, 42, 389630, tzinfo=UTC)


def test_delivery_report_from_values_and_from_json() -> None:
    built = DeliveryReport(OMNI_ID, "+37251000000", [plain_result()])  # type: ignore[arg-type]
    from_json = DeliveryReport.from_dict(REPORT_JSON)
    assert built == from_json == parse_report(REPORT_JSON)
    assert built.omnimessage_id == UUID(OMNI_ID)
    assert built.statuses == (plain_result(),)
    assert built.delivered == plain_result()
    assert built.to_dict() == REPORT_JSON == from_json.to_dict()
    assert DeliveryReport(UUID(OMNI_ID), "+37251000000").statuses == ()


def test_delivery_update_from_values_and_from_json() -> None:
    built = DeliveryUpdate(OMNI_ID, "+37251000000", plain_result())  # type: ignore[arg-type]
    from_json = DeliveryUpdate.from_dict(CALLBACK_JSON)
    signed = sign_report(CALLBACK_JSON, password="pw")  # noqa: S106
    received = parse_delivery_report(signed.body, signed.headers, "pw")
    assert built == from_json == received
    assert built.key == received.key
    assert built.to_dict() == CALLBACK_JSON == received.raw.to_dict()
    tracker = Tracker()
    assert tracker.add(built)
    assert tracker.outcome(OMNI_ID).describe() == "delivered on sms"


def test_omnimessage_created_from_values_and_from_json() -> None:
    data = {
        "omnimessage_id": OMNI_ID,
        "to": "+37251000000",
        "messages": [{"channel": "sms", "message_id": MESSAGE_ID, "sender": "MyBrand"}],
    }
    built = OmnimessageCreated(
        omnimessage_id=UUID(OMNI_ID),
        to="+37251000000",
        messages=[
            MessageResult(channel=Channel.SMS, message_id=UUID(MESSAGE_ID), sender="MyBrand")
        ],
    )
    assert OmnimessageCreated.from_dict(data) == built
    assert built.to_dict() == data


def test_chain_outcome_from_values() -> None:
    outcome = ChainOutcome(UUID(OMNI_ID), ChainState.DELIVERED, "sms", (plain_result(),))
    assert outcome.delivered and outcome.describe() == "delivered on sms"
