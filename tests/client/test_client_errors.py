"""Every answer goes through one parser: typed results, one exception type per error."""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest

from messente_omnichannel import (
    SMS,
    ApiError,
    AuthenticationError,
    BadRequestError,
    Channel,
    DeliveryErrorCode,
    DeliveryStatus,
    ErrorCode,
    ErrorResponse,
    ErrorTitle,
    NotFoundError,
    Omnichannel,
    Omnimessage,
    OmnimessageCreated,
    RateLimitError,
    ServerError,
)

from .conftest import MSG_ID, OMNI_ID, Script, report_body

Build = Callable[..., Omnichannel]
MESSAGE = Omnimessage(to="+37251000000", messages=[SMS("Hello")])
ERROR = {"title": "Invalid data", "code": "105", "detail": "Bad ttl", "source": "messages[0].ttl"}


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (404, NotFoundError),
        (403, ApiError),
        (409, ApiError),
        (429, RateLimitError),
        (500, ServerError),
        (504, ServerError),
    ],
)
def test_status_maps_to_one_exception_type(
    make_client: Build, status: int, kind: type[ApiError]
) -> None:
    script = Script(httpx.Response(status, json={"errors": [ERROR]}))
    with pytest.raises(kind) as caught:
        make_client(script, max_retries=0).status(OMNI_ID)
    error = caught.value
    assert type(error) is kind
    assert error.status == status
    assert error.errors[0].code == ErrorCode.INVALID_DATA
    assert error.errors[0].title == ErrorTitle.INVALID_DATA
    assert error.errors[0].source == "messages[0].ttl"
    assert error.method == "GET"
    assert "Bad ttl" in str(error)


def test_bad_request_names_the_field(make_client: Build) -> None:
    script = Script(httpx.Response(400, json={"errors": [ERROR]}))
    with pytest.raises(BadRequestError, match=r"at messages\[0\]\.ttl: Bad ttl"):
        make_client(script).send(MESSAGE)


def test_non_json_502_gives_server_error_with_the_text(make_client: Build) -> None:
    script = Script(httpx.Response(502, text="<html><h1>502 Bad Gateway</h1></html>"))
    with pytest.raises(ServerError) as caught:
        make_client(script, max_retries=0).status(OMNI_ID)
    assert caught.value.errors == ()
    assert "502 Bad Gateway" in caught.value.body
    assert "502 Bad Gateway" in str(caught.value)


@pytest.mark.parametrize("status", [400, 401])
def test_non_json_body_on_a_documented_status(make_client: Build, status: int) -> None:
    # The generated parser calls response.json() for documented statuses; it must not leak out.
    script = Script(httpx.Response(status, text="not json"))
    with pytest.raises(ApiError, match="not json") as caught:
        make_client(script).send(MESSAGE)
    assert caught.value.status == status


def test_error_items_with_missing_or_odd_fields_are_kept(make_client: Build) -> None:
    body = {"errors": [{"code": 999, "detail": "new"}, "junk", {"title": "Teapot"}]}
    script = Script(httpx.Response(418, json=body))
    with pytest.raises(ApiError) as caught:
        make_client(script).status(OMNI_ID)
    first, second = caught.value.errors
    assert (first.code, first.detail, first.title, first.source) == ("999", "new", "", None)
    assert second.title == "Teapot"


def test_success_with_a_body_off_contract_is_an_api_error_saying_it_succeeded(
    make_client: Build,
) -> None:
    script = Script(httpx.Response(201, text="OK"))
    with pytest.raises(ApiError, match="succeeded, but its body does not match"):
        make_client(script).send(MESSAGE)
    assert len(script.requests) == 1


def test_unknown_status_channel_and_err_pass_through(make_client: Build) -> None:
    result = {
        "channel": "carrier_pigeon",
        "status": "FLEW_AWAY",
        "err": 4242,
        "message_id": MSG_ID,
        "timestamp": "2020-02-04T08:09:42.389630",
        "price_info": {"part_price": "0.0420", "parts_count": 1, "total_price": "0.0420"},
        "sender": "MyBrand",
        "added_later": True,
    }
    script = Script(httpx.Response(200, json=report_body(**result)))
    report = make_client(script).status(OMNI_ID)
    (attempt,) = report.statuses
    assert attempt.channel == "carrier_pigeon"
    assert attempt.status == "FLEW_AWAY"
    assert attempt.err == 4242
    assert attempt.timestamp == datetime(2020, 2, 4, 8, 9, 42, 389630, tzinfo=UTC)
    assert attempt.price is not None
    assert attempt.price.total_price == Decimal("0.0420")
    assert report.delivered is None


def test_known_values_become_enums_and_pending_attempts_are_none(make_client: Build) -> None:
    body = report_body(channel="viber", status="DELIVRD", err=0, timestamp="2026-01-01T10:00:00Z")
    body["statuses"].append(
        {"channel": "sms", "status": None, "err": None, "timestamp": None, "price_info": None}
    )
    script = Script(httpx.Response(200, json=body))
    report = make_client(script).status(OMNI_ID)
    done, pending = report.statuses
    assert done.status is DeliveryStatus.DELIVRD
    assert done.err is DeliveryErrorCode.NO_ERROR
    assert done.channel is Channel.VIBER
    assert done.timestamp == datetime(2026, 1, 1, 10, tzinfo=UTC)
    assert (pending.status, pending.err, pending.timestamp, pending.price) == (None,) * 4
    assert report.delivered is done


def test_send_returns_the_generated_model(make_client: Build) -> None:
    body = {
        "to": "+37251000000",
        "omnimessage_id": OMNI_ID,
        "messages": [{"channel": "rcs2", "message_id": MSG_ID, "sender": "X"}],
    }
    created = make_client(Script(httpx.Response(201, json=body))).send(MESSAGE)
    assert isinstance(created, OmnimessageCreated)
    assert created.messages[0].channel == "rcs2"


def test_bulk_returns_one_item_per_omnimessage(make_client: Build) -> None:
    body = {
        "messages": [
            {
                "to": "+37251000000",
                "omnimessage_id": OMNI_ID,
                "messages": [{"channel": "sms", "message_id": MSG_ID, "sender": "X"}],
            },
            {"errors": [ERROR]},
        ]
    }
    script = Script(httpx.Response(201, json=body))
    accepted, refused = make_client(script).send_bulk([MESSAGE, MESSAGE])
    assert isinstance(accepted, OmnimessageCreated)
    assert isinstance(refused, ErrorResponse)
    assert refused.errors[0].detail == "Bad ttl"
    sent = json.loads(script.requests[0].content)
    assert [m["to"] for m in sent["messages"]] == ["+37251000000"] * 2


def test_cancel_returns_none_on_202(make_client: Build) -> None:
    script = Script(httpx.Response(202, json={}))
    make_client(script).cancel(OMNI_ID)
    assert script.requests[0].url.path == f"/v1/omnimessage/{OMNI_ID}"
