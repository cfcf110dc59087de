"""`with_raw_response`: each call's HTTP status and headers beside its result; headers on errors."""

import base64
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from messente_omnichannel import (
    SMS,
    ApiError,
    AsyncOmnichannel,
    NotFoundError,
    Omnichannel,
    Omnimessage,
    RateLimitError,
    RawResponse,
    ServerError,
)

from .conftest import OMNI_ID, PASSWORD, USERNAME, Script, created_body, report_body

MESSAGE = Omnimessage(to="+37251000000", messages=[SMS("Hi", sender="MyBrand")])
RESULT = {"channel": "sms", "status": "DELIVRD", "err": 0, "timestamp": "2030-01-01T00:00:03"}


def created(request: httpx.Request) -> httpx.Response:
    return httpx.Response(201, json=created_body(request), headers={"X-Request-ID": "req-1"})


def test_a_send_gives_its_status_headers_and_result(
    make_client: Callable[..., Omnichannel],
) -> None:
    client = make_client(Script(created))
    raw = client.with_raw_response.send(MESSAGE)
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 201
    assert raw.headers["x-request-id"] == "req-1"
    assert str(raw.parse().omnimessage_id) == OMNI_ID
    assert raw.http_response.request.method == "POST"
    assert repr(raw) == "<RawResponse [201] POST /v1/omnimessage>"
    assert raw.retries_taken == 0


def test_status_bulk_and_cancel_too(make_client: Callable[..., Omnichannel]) -> None:
    bulk = {"messages": [created_body(httpx.Request("POST", "/", json=MESSAGE.to_dict()))]}
    script = Script(
        httpx.Response(200, json=report_body(**RESULT), headers={"X-Served-By": "a"}),
        httpx.Response(200, json=bulk),
        httpx.Response(202, json={}),
    )
    client = make_client(script)
    status = client.with_raw_response.status(OMNI_ID)
    assert (status.status_code, status.headers["x-served-by"]) == (200, "a")
    assert str(status.parse().statuses[0].status) == "DELIVRD"
    items = client.with_raw_response.send_bulk([MESSAGE])
    assert items.status_code == 200 and len(items.parse()) == 1
    cancelled = client.with_raw_response.cancel(OMNI_ID)
    assert (cancelled.status_code, cancelled.parse()) == (202, None)


def test_after_retries_the_answer_is_the_final_attempts(
    make_client: Callable[..., Omnichannel],
) -> None:
    script = Script(
        httpx.Response(503, headers={"Retry-After": "0"}),
        httpx.Response(200, json=report_body(**RESULT), headers={"X-Attempt": "2"}),
    )
    raw = make_client(script).with_raw_response.status(OMNI_ID)
    assert len(script.requests) == 2
    assert (raw.headers["x-attempt"], raw.retries_taken) == ("2", 1)


def test_the_view_leaves_the_client_as_it_was(make_client: Callable[..., Omnichannel]) -> None:
    client = make_client(Script(created))
    client.with_raw_response.send(MESSAGE)
    assert client._answers is None  # the plain client keeps no answers
    assert str(client.send(MESSAGE).omnimessage_id) == OMNI_ID


@pytest.mark.anyio
async def test_the_async_view(make_async_client: Callable[..., AsyncOmnichannel]) -> None:
    script = Script(created, httpx.Response(200, json=report_body(**RESULT)))
    async with make_async_client(script) as client:
        raw = await client.with_raw_response.send(MESSAGE)
        assert (raw.status_code, raw.headers["x-request-id"]) == (201, "req-1")
        assert str(raw.parse().omnimessage_id) == OMNI_ID
        status = await client.with_raw_response.status(OMNI_ID)
        assert status.status_code == 200


def test_every_api_error_carries_the_answers_headers(
    make_client: Callable[..., Omnichannel],
) -> None:
    client = make_client(
        Script(httpx.Response(404, json={"errors": []}, headers={"X-Request-ID": "req-404"})),
        max_retries=0,
    )
    with pytest.raises(NotFoundError) as caught:
        client.with_raw_response.status(OMNI_ID)
    assert caught.value.headers["x-request-id"] == "req-404"
    limited = make_client(
        Script(httpx.Response(429, headers={"Retry-After": "7", "X-RateLimit-Limit": "10"})),
        max_retries=0,
    )
    with pytest.raises(RateLimitError) as too_many:
        limited.status(OMNI_ID)
    assert too_many.value.headers["x-ratelimit-limit"] == "10"
    assert too_many.value.retry_after == 7
    broken = make_client(Script(httpx.Response(200, text="<html>", headers={"Via": "proxy"})))
    with pytest.raises(ApiError) as contract:
        broken.status(OMNI_ID)
    assert contract.value.headers["via"] == "proxy"


def test_error_headers_never_hold_the_credentials(make_client: Callable[..., Omnichannel]) -> None:
    token = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()

    def echo(request: httpx.Request) -> httpx.Response:
        auth = request.headers["Authorization"]
        headers = [("X-Echo", auth), ("X-Password", PASSWORD), ("Set-Cookie", "a=1")]
        return httpx.Response(500, headers=[*headers, ("Set-Cookie", "b=2")])

    client = make_client(Script(echo), max_retries=0)
    with pytest.raises(ServerError) as caught:
        client.status(OMNI_ID)
    shown: Any = caught.value.headers
    assert all(token not in v and PASSWORD not in v for v in shown.values())
    assert shown.get_list("set-cookie") == ["a=1", "b=2"]
