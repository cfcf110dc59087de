"""Delivery reports to many distinct dlr_urls: one shared client, no queue or task left behind."""

import asyncio
import collections
from typing import Any

import httpx
import pytest

from messente_omnichannel.sandbox import ManualClock, Sandbox

URLS = 60


class Receiver:
    def __init__(self) -> None:
        self.urls: collections.Counter[str] = collections.Counter()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.urls[str(request.url)] += 1
        return httpx.Response(200)


class CountingClient(httpx.AsyncClient):
    made = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        type(self).made += 1
        super().__init__(*args, **kwargs)


def _tasks(sb: Sandbox[ManualClock]) -> int:
    async def count() -> int:
        return len(asyncio.all_tasks()) - 1  # not this one

    return sb._runtime.call(count())


def test_reports_to_many_distinct_urls_leave_nothing_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(httpx, "AsyncClient", CountingClient)
    CountingClient.made = 0
    receiver = Receiver()
    with Sandbox(clock=ManualClock(), dlr_transport=httpx.MockTransport(receiver)) as sb:
        auth = ("demo", "demo-password")
        with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=auth) as c:
            for index in range(URLS):
                body = {
                    "to": "+37251000000",
                    "messages": [{"channel": "sms", "text": "Hi"}],
                    # A per-message correlation query string, as many users write it.
                    "dlr_url": f"https://receiver.example/dlr?message={index}",
                }
                assert c.post("/omnimessage", json=body).status_code == 201
        sb.clock.advance(10)
        sb.flush_reports()
        # ACCEPTD and DELIVRD for every omnimessage, each at its own URL.
        assert len(receiver.urls) == URLS
        assert set(receiver.urls.values()) == {2}
        dispatcher = sb._dispatcher
        assert len(dispatcher._queues) == 0
        assert CountingClient.made <= 1
        assert _tasks(sb) <= 1  # at most the clock's ticker, never one per URL

        # And a second wave to new URLs is delivered as well, still through one client.
        with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=auth) as c:
            for index in range(URLS, 2 * URLS):
                body = {
                    "to": "+37251000000",
                    "messages": [{"channel": "sms", "text": "Hi"}],
                    "dlr_url": f"https://receiver.example/dlr?message={index}",
                }
                assert c.post("/omnimessage", json=body).status_code == 201
        sb.clock.advance(10)
        sb.flush_reports()
        assert len(receiver.urls) == 2 * URLS
        assert len(dispatcher._queues) == 0
        assert CountingClient.made <= 1
        assert _tasks(sb) <= 1


def test_reports_to_one_url_stay_in_order_across_idle_periods() -> None:
    receiver_statuses: list[str] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        receiver_statuses.append(httpx.Response(200, content=request.content).json()["status"])
        return httpx.Response(200)

    with Sandbox(clock=ManualClock(), dlr_transport=httpx.MockTransport(receiver)) as sb:
        auth = ("demo", "demo-password")
        body = {
            "to": "+37251000001",
            "messages": [{"channel": "viber", "text": "Hi"}, {"channel": "sms", "text": "Hi"}],
            "dlr_url": "https://receiver.example/dlr",
        }
        with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=auth) as c:
            assert c.post("/omnimessage", json=body).status_code == 201
        for _ in range(10):
            sb.clock.advance(1)
            sb.flush_reports()
        assert receiver_statuses == ["ACK", "UNDELIV", "ACCEPTD", "DELIVRD"]
        assert len(sb._dispatcher._queues) == 0
