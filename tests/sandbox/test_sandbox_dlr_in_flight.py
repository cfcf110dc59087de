"""Delivery reports to many distinct dlr_urls at once: a bounded number in flight, all delivered.

Unbounded, the sandbox once started one delivery per URL at once (1,200 under the chaos load):
the report loop stalled for seconds in httpcore's pool, the timeouts expired before it got to
the answers, and most reports were never delivered. Concurrency is counted here, not timed.
"""

import asyncio
import collections
import json
import sys

import httpx
import pytest

from messente_omnichannel._asgi import Receive, Scope, Send
from messente_omnichannel._client._aiohttp import CorrectedAiohttpTransport
from messente_omnichannel._reports._signature import SIGNATURE_HEADER, verify
from messente_omnichannel._serving import background_server
from messente_omnichannel.sandbox import ManualClock, Sandbox, _server
from messente_omnichannel.sandbox._dlr import ATTEMPTS_KEPT, MAX_IN_FLIGHT, network_transport

AUTH = ("demo", "demo-password")
URLS = 200
CHAIN_STATUSES = ["ACK", "UNDELIV", "ACCEPTD", "DELIVRD"]


class CountingReceiver:
    """Answers 200 after yielding to the loop a few times, counting the requests in flight."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.most = 0
        self.per_url: collections.Counter[str] = collections.Counter()
        self.most_per_url = 0
        self.statuses: dict[str, list[str]] = collections.defaultdict(list)
        self.reports: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
        self.unsigned: list[str] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        self.in_flight += 1
        self.per_url[url] += 1
        self.most = max(self.most, self.in_flight)
        self.most_per_url = max(self.most_per_url, self.per_url[url])
        try:
            # Every other delivery ready to start gets its turn before this one answers.
            for _ in range(3):
                await asyncio.sleep(0)
            if not verify(request.content, request.headers[SIGNATURE_HEADER], AUTH[1]):
                self.unsigned.append(url)
            report = json.loads(request.content)
            self.statuses[url].append(report["status"])
            self.reports[url].append((report["omnimessage_id"], report["status"]))
            return httpx.Response(200)
        finally:
            self.in_flight -= 1
            self.per_url[url] -= 1


def _send(
    sb: Sandbox[ManualClock], dlr_urls: list[str], messages: list[dict[str, str]], to: str
) -> None:
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c:
        for dlr_url in dlr_urls:
            body = {"to": to, "messages": messages, "dlr_url": dlr_url}
            assert c.post("/omnimessage", json=body).status_code == 201


def test_reports_to_many_urls_are_bounded_in_flight_and_all_delivered() -> None:
    receiver = CountingReceiver()
    with Sandbox(clock=ManualClock(), dlr_transport=httpx.MockTransport(receiver)) as sb:
        urls = [f"https://receiver.example/dlr?message={n}" for n in range(URLS)]
        _send(sb, urls, [{"channel": "sms", "text": "Hi"}], "+37251000000")
        sb.clock.advance(10)  # ACCEPTD and DELIVRD of every omnimessage fall due together
        sb.flush_reports()
        assert 1 < receiver.most <= MAX_IN_FLIGHT
        assert sb._dispatcher.max_in_flight == MAX_IN_FLIGHT
        assert receiver.most_per_url == 1
        assert receiver.statuses == {url: ["ACCEPTD", "DELIVRD"] for url in urls}
        assert receiver.unsigned == []
        assert all(attempt.delivered for attempt in sb.report_attempts)
        assert len(sb._dispatcher._queues) == 0
        assert sb._dispatcher._workers == 0


def test_a_url_with_many_reports_keeps_its_order_while_sharing_the_workers() -> None:
    receiver = CountingReceiver()
    chain = [{"channel": "viber", "text": "Hi"}, {"channel": "sms", "text": "Hi"}]
    with Sandbox(clock=ManualClock(), dlr_transport=httpx.MockTransport(receiver)) as sb:
        busy = "https://busy.example/dlr"
        others = [f"https://receiver.example/dlr?message={n}" for n in range(3 * MAX_IN_FLIGHT)]
        # Viber undelivered, then SMS delivered: four reports per omnimessage.
        _send(sb, [busy] * 5 + others, chain, "+37251000001")
        sb.clock.advance(10)
        sb.flush_reports()
        assert receiver.most <= MAX_IN_FLIGHT
        assert receiver.most_per_url == 1
        by_omnimessage = collections.defaultdict(list)
        for omnimessage_id, status in receiver.reports[busy]:
            by_omnimessage[omnimessage_id].append(status)
        assert len(by_omnimessage) == 5
        assert all(statuses == CHAIN_STATUSES for statuses in by_omnimessage.values())
        assert all(receiver.statuses[url] == CHAIN_STATUSES for url in others)


def test_the_bound_is_the_dispatchers_and_a_smaller_one_holds() -> None:
    receiver = CountingReceiver()
    with Sandbox(clock=ManualClock(), dlr_transport=httpx.MockTransport(receiver)) as sb:
        sb._dispatcher.max_in_flight = 3
        urls = [f"https://receiver.example/dlr?message={n}" for n in range(30)]
        _send(sb, urls, [{"channel": "sms", "text": "Hi"}], "+37251000000")
        sb.clock.advance(10)
        sb.flush_reports()
        assert receiver.most == 3
        assert sum(len(statuses) for statuses in receiver.statuses.values()) == 60


class CountingApp:
    """A real receiver (ASGI, served on loopback) counting the reports in flight."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.most = 0
        self.statuses: dict[str, list[str]] = collections.defaultdict(list)
        self.unsigned = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        try:
            body, more = b"", True
            while more:
                message = await receive()
                body += message.get("body", b"")
                more = message.get("more_body", False)
            headers = dict(scope["headers"])
            if not verify(body, headers[SIGNATURE_HEADER.lower().encode()].decode(), AUTH[1]):
                self.unsigned += 1
            self.statuses[scope["query_string"].decode()].append(json.loads(body)["status"])
            for _ in range(3):
                await asyncio.sleep(0)
        finally:
            self.in_flight -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def test_reports_over_the_network_are_bounded_by_the_transports_connections() -> None:
    app = CountingApp()
    with (
        background_server(app, "127.0.0.1", 0, thread_name="test-dlr-receiver") as (host, port),
        Sandbox(clock=ManualClock()) as sb,
    ):
        queries = [f"message={n}" for n in range(100)]
        urls = [f"http://{host}:{port}/dlr?{query}" for query in queries]
        _send(sb, urls, [{"channel": "sms", "text": "Hi"}], "+37251000000")
        sb.clock.advance(10)
        sb.flush_reports(timeout=30)
        assert app.most <= MAX_IN_FLIGHT
        assert app.statuses == {query: ["ACCEPTD", "DELIVRD"] for query in queries}
        assert app.unsigned == 0
        assert [a.status_code for a in sb.report_attempts] == [200] * 200


def test_the_network_transport_is_aiohttps_with_the_bound_as_its_connections() -> None:
    transport = network_transport(7)
    assert isinstance(transport, CorrectedAiohttpTransport)
    assert transport.limits.max_connections == 7


def test_only_the_latest_attempts_are_kept() -> None:
    receiver = CountingReceiver()
    chain = [{"channel": "viber", "text": "Hi"}, {"channel": "sms", "text": "Hi"}]
    count = ATTEMPTS_KEPT // 4 + 10  # four reports each: 40 more attempts than are kept
    with Sandbox(clock=ManualClock(), dlr_transport=httpx.MockTransport(receiver)) as sb:
        _send(
            sb,
            [f"https://receiver.example/dlr?message={n}" for n in range(count)],
            chain,
            "+37251000001",
        )
        sb.clock.advance(10)
        sb.flush_reports()
        attempts = sb.report_attempts
        assert sum(len(statuses) for statuses in receiver.statuses.values()) == 4 * count
        assert len(attempts) == ATTEMPTS_KEPT == 1_000
        assert attempts[-1].report.payload["status"] == "DELIVRD"


def test_without_aiohttp_the_network_transport_is_httpxs_with_the_same_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "messente_omnichannel._client._aiohttp", None)
    transport = network_transport(7)
    assert type(transport) is httpx.AsyncHTTPTransport
    assert transport._pool._max_connections == 7


def test_the_served_sandbox_loads_the_report_transport_before_it_serves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded: list[bool] = []

    class Server:
        def run(self, sockets: object) -> None:
            loaded.append("messente_omnichannel._client._aiohttp" in sys.modules)

    monkeypatch.delitem(sys.modules, "messente_omnichannel._client._aiohttp")
    monkeypatch.setattr(_server, "make_server", lambda *args, **kwargs: Server())
    assert _server.serve(["--port", "0"]) == 0
    assert loaded == [True]
