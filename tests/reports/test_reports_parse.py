"""Parsing a verified report: typed values, open enums, UTC timestamps, distinct errors."""

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from messente_omnichannel import (
    Channel,
    DeliveryErrorCode,
    DeliveryStatus,
    DeliveryUpdate,
    InvalidReportError,
    ReportError,
    ReportNotJSONError,
    parse_delivery_report,
    sign_report,
)
from messente_omnichannel_client.models import DeliveryReportCallback

from .conftest import PASSWORD

OMNI_ID = UUID("632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a")
MSG_ID = UUID("3c9a4d5e-7f8b-4c0d-9e1f-2a3b4c5d6e7f")


def parse(report: dict[str, Any] | bytes | None = None, /, **fields: Any) -> DeliveryUpdate:
    signed = sign_report(report, password=PASSWORD, **fields)
    return parse_delivery_report(signed.body, signed.headers, PASSWORD)


def test_every_field_is_typed() -> None:
    update = parse()
    assert update.omnimessage_id == OMNI_ID
    assert update.to == "+37251000000"
    assert update.channel is Channel.SMS
    assert update.message_id == MSG_ID
    assert update.status is DeliveryStatus.DELIVRD
    assert update.err is DeliveryErrorCode.NO_ERROR
    assert update.error is None
    assert update.timestamp == datetime(2020, 2, 4, 8, 9, 42, 389630, tzinfo=UTC)
    assert update.sender == "MyBrand"
    assert update.price is not None
    assert update.price.total_price == Decimal("0.0420")
    assert update.price.parts_count == 1
    assert isinstance(update.raw, DeliveryReportCallback)
    assert update.result.raw is update.raw


def test_a_timestamp_without_offset_is_utc_and_one_with_an_offset_is_kept() -> None:
    assert parse(timestamp="2020-02-04T08:09:42").timestamp == datetime(
        2020, 2, 4, 8, 9, 42, tzinfo=UTC
    )
    east = parse(timestamp="2020-02-04T10:09:42+02:00").timestamp
    assert east == datetime(2020, 2, 4, 8, 9, 42, tzinfo=UTC)
    assert east is not None
    assert east.utcoffset() == timedelta(hours=2)
    assert parse(timestamp="2020-02-04T08:09:42Z").timestamp == east


@pytest.mark.parametrize(
    ("field", "value", "attribute"),
    [("status", "QUEUED", "status"), ("channel", "telepathy", "channel"), ("err", 4242, "err")],
)
def test_values_added_later_pass_through_as_plain_values(
    field: str, value: object, attribute: str
) -> None:
    parsed = getattr(parse(**{field: value}), attribute)
    assert parsed == value
    assert type(parsed) is type(value)


def test_a_report_of_an_attempt_still_processing_has_null_statuses() -> None:
    update = parse(status=None, err=None, error=None, timestamp=None, price_info=None)
    assert (update.status, update.err, update.timestamp, update.price) == (None, None, None, None)


def test_fields_not_in_the_spec_are_kept_not_refused() -> None:
    update = parse(new_field={"x": 1})
    assert update.raw.additional_properties == {"new_field": {"x": 1}}


def test_only_the_spec_required_fields_are_required() -> None:
    update = parse({"omnimessage_id": str(OMNI_ID), "to": "+37251000000"})
    assert update.status is None
    assert update.channel is None


@pytest.mark.parametrize("body", [b"", b"{", b"not json", b"\xff\xfe{}", "{}".encode("utf-16")])
def test_a_signed_body_that_is_not_json_is_its_own_error(body: bytes) -> None:
    with pytest.raises(ReportNotJSONError, match="not UTF-8 JSON"):
        parse(body)


@pytest.mark.parametrize("missing", ["omnimessage_id", "to"])
def test_a_missing_required_field_is_named(missing: str) -> None:
    data = json.loads(sign_report(password=PASSWORD).body)
    del data[missing]
    with pytest.raises(InvalidReportError) as caught:
        parse(data)
    assert [(p.path, p.message) for p in caught.value.problems] == [(missing, "is required")]
    assert missing in str(caught.value)


def test_every_problem_is_reported_at_once_with_its_path() -> None:
    with pytest.raises(InvalidReportError) as caught:
        parse(to=5, omnimessage_id="not-a-uuid", err="0", price_info={"parts_count": -1})
    paths = [p.path for p in caught.value.problems]
    assert paths == ["err", "omnimessage_id", "price_info", "to"]


@pytest.mark.parametrize("body", [[], "report", 42, None])
def test_json_that_is_not_an_object_is_invalid(body: object) -> None:
    with pytest.raises(InvalidReportError, match="object"):
        parse(json.dumps(body).encode())


def test_a_malformed_timestamp_is_invalid() -> None:
    with pytest.raises(InvalidReportError) as caught:
        parse(timestamp="yesterday")
    assert caught.value.problems[0].path == "timestamp"


def test_report_errors_are_distinct_and_share_a_base() -> None:
    kinds = {ReportNotJSONError, InvalidReportError}
    assert all(issubclass(kind, ReportError) for kind in kinds)
    assert not issubclass(ReportNotJSONError, InvalidReportError)
    assert not issubclass(InvalidReportError, ReportNotJSONError)


def test_sign_report_converts_python_values_to_json() -> None:
    moment = datetime(2030, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=3)))
    signed = sign_report(
        password=PASSWORD,
        omnimessage_id=OMNI_ID,
        status=DeliveryStatus.UNDELIV,
        err=DeliveryErrorCode.DELIVERY_FAILURE,
        timestamp=moment,
        price_info={"part_price": Decimal("0.05"), "parts_count": 2, "total_price": "0.10"},
    )
    data = json.loads(signed.body)
    assert data["omnimessage_id"] == str(OMNI_ID)
    assert (data["status"], data["err"]) == ("UNDELIV", 1)
    assert data["timestamp"] == "2030-01-01T12:00:00+03:00"
    assert data["price_info"]["part_price"] == "0.05"
    assert signed.headers["Content-Type"] == "application/json"


def test_sign_report_signs_a_given_body_exactly() -> None:
    body = {"omnimessage_id": str(OMNI_ID), "to": "+1"}
    assert json.loads(sign_report(body, password=PASSWORD).body) == body
    assert sign_report(b"raw", password=PASSWORD).body == b"raw"
    with pytest.raises(TypeError):
        sign_report(b"raw", password=PASSWORD, status="ACK")


def test_the_key_identifies_a_report_across_redeliveries() -> None:
    assert parse().key == (str(MSG_ID), "DELIVRD", "2020-02-04T08:09:42.389630+00:00")
    assert parse(timestamp="2020-02-04T08:09:42.389630Z").key == parse().key
    assert parse(status="ACK").key != parse().key
    assert parse(timestamp="2020-02-04T08:09:43").key != parse().key


def test_the_key_of_a_report_without_message_id_uses_the_omnimessage_and_channel() -> None:
    update = parse({"omnimessage_id": str(OMNI_ID), "to": "+1", "channel": "sms"})
    assert update.key == (f"{OMNI_ID}/sms", "", "")
