"""Shared pieces of the delivery-report tests: a sandbox on a manual clock and a 3-channel chain."""

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from messente_omnichannel import SMS, Omnichannel, Omnimessage, Viber, WhatsApp
from messente_omnichannel.sandbox import ManualClock, Sandbox

PASSWORD = "dlr-Pa55word-for-tests"  # noqa: S105 - a test credential, checked never to leak
ACCOUNTS = {"demo": PASSWORD}
START = datetime(2030, 1, 1, tzinfo=UTC)
DLR_URL = "http://receiver.localhost/dlr"


def chain(to: str, dlr_url: str | None = DLR_URL) -> Omnimessage:
    """A WhatsApp -> Viber -> SMS fallback to ``to``."""
    return Omnimessage(
        to=to,
        messages=[
            WhatsApp.template("order_update", "en", body=["4242"], sender="MyBrand"),
            Viber(text="Your order has shipped.", sender="MyBrand"),
            SMS("Your order has shipped.", sender="MyBrand"),
        ],
        dlr_url=dlr_url,
    )


def client_for(sb: Sandbox[ManualClock]) -> Omnichannel:
    """A client of the sandbox, in-process."""
    return Omnichannel("demo", PASSWORD, transport=sb.transport(), sleep=lambda _: None)


def sandbox(dlr_transport: httpx.AsyncBaseTransport | None = None) -> Sandbox[ManualClock]:
    """A sandbox on a manual clock whose reports go to ``dlr_transport``."""
    return Sandbox(ACCOUNTS, clock=ManualClock(START), dlr_transport=dlr_transport)


class Captured:
    """A MockTransport handler keeping every delivery report POSTed to it; answers 200."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return httpx.Response(200)


@pytest.fixture
def captured() -> Captured:
    return Captured()


@pytest.fixture
def captured_sandbox(captured: Captured) -> Iterator[Sandbox[ManualClock]]:
    with sandbox(httpx.MockTransport(captured)) as sb:
        yield sb


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
