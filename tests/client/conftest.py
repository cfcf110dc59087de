"""Fixtures for the client's unit tests: a scripted ``httpx.MockTransport`` and fake time."""

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from messente_omnichannel import AsyncOmnichannel, Omnichannel

USERNAME = "unit-user"
PASSWORD = "s3cr3t-Pa55word"  # noqa: S105 - a test credential, checked never to leak
OMNI_ID = "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"
MSG_ID = "3c9a4d5e-7f8b-4c0d-9e1f-2a3b4c5d6e7f"

Step = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def created_body(request: httpx.Request) -> dict[str, Any]:
    """A 201 body for a send, echoing the request's channels."""
    body = json.loads(request.content)
    return {
        "to": body["to"],
        "omnimessage_id": OMNI_ID,
        "messages": [
            {"channel": m["channel"], "message_id": MSG_ID, "sender": m.get("sender", "X")}
            for m in body["messages"]
        ],
    }


def report_body(**result: Any) -> dict[str, Any]:
    """A 200 body for a status request with one result."""
    return {"to": "+37251000000", "omnimessage_id": OMNI_ID, "statuses": [result]}


class Script:
    """A MockTransport handler answering from a list of steps, recording every request.

    A step is a response, an exception to raise, or a function of the request. The last step
    repeats. ``processed`` counts requests that reached the "server" (every request whose step
    is not a connect-level exception).
    """

    def __init__(self, *steps: Step) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []
        self.processed = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        index = min(len(self.requests) - 1, len(self.steps) - 1)
        step = self.steps[index]
        if isinstance(step, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
            raise step
        self.processed += 1
        if isinstance(step, Exception):
            raise step
        if isinstance(step, httpx.Response):
            # A fresh copy each time: a response object belongs to one request.
            return httpx.Response(step.status_code, headers=step.headers, content=step.read())
        return step(request)

    async def handle_async(self, request: httpx.Request) -> httpx.Response:
        return self(request)


class FakeTime:
    """A clock that only moves when slept on; records the sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def make_client(fake_time: FakeTime) -> Iterator[Callable[..., Omnichannel]]:
    """Build a sync client on a script; jitter is fixed at its maximum (random() == 1.0)."""
    clients: list[Omnichannel] = []

    def build(script: Script, **kwargs: Any) -> Omnichannel:
        kwargs.setdefault("username", USERNAME)
        kwargs.setdefault("password", PASSWORD)
        client = Omnichannel(
            transport=httpx.MockTransport(script),
            sleep=fake_time.sleep,
            clock=fake_time.clock,
            random=lambda: 1.0,
            **kwargs,
        )
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()


@pytest.fixture
def make_async_client(fake_time: FakeTime) -> Callable[..., AsyncOmnichannel]:
    """Build an async client on a script (closed by the test's ``async with``)."""

    def build(script: Script, **kwargs: Any) -> AsyncOmnichannel:
        kwargs.setdefault("username", USERNAME)
        kwargs.setdefault("password", PASSWORD)
        return AsyncOmnichannel(
            transport=httpx.MockTransport(script.handle_async),
            sleep=fake_time.async_sleep,
            clock=fake_time.clock,
            random=lambda: 1.0,
            **kwargs,
        )

    return build


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
