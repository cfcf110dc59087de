"""`default_headers` and per-call `extra_headers`, sync and async; Authorization stays ours."""

import base64
from collections.abc import Callable

import httpx
import pytest

from messente_omnichannel import SMS, AsyncOmnichannel, Omnichannel, Omnimessage

from .conftest import OMNI_ID, PASSWORD, USERNAME, Script, created_body, report_body

MESSAGE = Omnimessage(to="+37251000000", messages=[SMS("Hi", sender="MyBrand")])
AUTHORIZATION = "Basic " + base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()


def created(request: httpx.Request) -> httpx.Response:
    return httpx.Response(201, json=created_body(request))


def test_default_headers_go_on_every_request(make_client: Callable[..., Omnichannel]) -> None:
    script = Script(created, httpx.Response(200, json=report_body(status="ACK")))
    client = make_client(script, default_headers={"X-Tenant": "shop-7", "User-Agent": "shop/1"})
    client.send(MESSAGE)
    client.status(OMNI_ID)
    for request in script.requests:
        assert request.headers["x-tenant"] == "shop-7"
        assert request.headers.get_list("user-agent") == ["shop/1"]  # replaced, not doubled
        assert request.headers["authorization"] == AUTHORIZATION
    assert script.requests[0].headers["content-type"] == "application/json"


def test_extra_headers_go_on_that_call_only(make_client: Callable[..., Omnichannel]) -> None:
    script = Script(created)
    client = make_client(script, default_headers={"X-Tenant": "shop-7"})
    client.send(MESSAGE, extra_headers={"X-Request-ID": "r-1", "X-Tenant": "shop-8"})
    client.send(MESSAGE)
    first, second = script.requests
    assert (first.headers["x-request-id"], first.headers["x-tenant"]) == ("r-1", "shop-8")
    assert "x-request-id" not in second.headers
    assert second.headers["x-tenant"] == "shop-7"


def test_every_call_takes_extra_headers(make_client: Callable[..., Omnichannel]) -> None:
    bulk = {"messages": [created_body(httpx.Request("POST", "/", json=MESSAGE.to_dict()))]}
    script = Script(
        httpx.Response(200, json=bulk),
        httpx.Response(200, json=report_body(status="ACK")),
        httpx.Response(202, json={}),
    )
    client = make_client(script)
    client.send_bulk([MESSAGE], extra_headers={"X-Call": "bulk"})
    client.status(OMNI_ID, extra_headers={"X-Call": "status"})
    client.cancel(OMNI_ID, extra_headers={"X-Call": "cancel"})
    assert [r.headers["x-call"] for r in script.requests] == ["bulk", "status", "cancel"]


def test_retries_carry_the_extra_headers(make_client: Callable[..., Omnichannel]) -> None:
    script = Script(httpx.Response(503), httpx.Response(200, json=report_body(status="ACK")))
    make_client(script).status(OMNI_ID, extra_headers={"X-Request-ID": "r-2"})
    assert [r.headers["x-request-id"] for r in script.requests] == ["r-2", "r-2"]


@pytest.mark.anyio
async def test_async_default_and_extra_headers(
    make_async_client: Callable[..., AsyncOmnichannel],
) -> None:
    script = Script(created)
    async with make_async_client(script, default_headers={"X-Tenant": "shop-7"}) as client:
        await client.send(MESSAGE, extra_headers={"X-Request-ID": "r-3"})
        raw = await client.with_raw_response.send(MESSAGE, extra_headers={"X-Request-ID": "r-4"})
    assert raw.status_code == 201
    assert [r.headers["x-request-id"] for r in script.requests] == ["r-3", "r-4"]
    assert {r.headers["x-tenant"] for r in script.requests} == {"shop-7"}


@pytest.mark.parametrize(
    "name", ["Authorization", "authorization", "Content-Type", "Content-Length", "Host"]
)
def test_headers_the_client_sets_are_refused_not_overridden(
    make_client: Callable[..., Omnichannel], name: str
) -> None:
    script = Script(created)
    with pytest.raises(ValueError, match=f"default_headers cannot set {name}"):
        make_client(script, default_headers={name: "Basic b3RoZXI6YWNjb3VudA=="})
    client = make_client(script)
    with pytest.raises(ValueError, match=f"extra_headers cannot set {name}"):
        client.send(MESSAGE, extra_headers={name: "Basic b3RoZXI6YWNjb3VudA=="})
    assert script.requests == []  # nothing was sent


@pytest.mark.parametrize(
    ("headers", "problem"),
    [
        ({"X-Evil": "a\r\nAuthorization: Basic eA=="}, "line break"),
        ({"X-Name": "Jüri"}, "ASCII"),
        ({"X-Count": 3}, "must be str"),
    ],
)
def test_malformed_headers_are_refused_before_sending(
    make_client: Callable[..., Omnichannel], headers: dict[str, object], problem: str
) -> None:
    script = Script(created)
    client = make_client(script)
    with pytest.raises(ValueError, match=problem):
        client.send(MESSAGE, extra_headers=headers)  # type: ignore[arg-type]
    assert script.requests == []
