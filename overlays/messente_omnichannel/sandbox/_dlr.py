"""Delivery reports POSTed to ``dlr_url``: signed, retried with backoff, off the API's path.

Reports are sent by a few worker tasks on the sandbox's runtime loop, so the API never waits for
a receiver: at most :data:`MAX_IN_FLIGHT` at once however many URLs, and one at a time per URL.
A 307 or 308 redirect is followed with the same POST, body and signature (up to
:data:`MAX_REDIRECTS` hops). Any other answer outside 200-299 (another redirect too: following it
would turn the POST into a GET and lose the report), or no answer, is logged and retried after
1, 2, 4, ... seconds of sandbox time (at most an hour apart), up to
:attr:`RetryPolicy.max_attempts` attempts.
"""

import asyncio
import collections
import contextlib
import importlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx

from messente_omnichannel._reports._signature import SIGNATURE_HEADER, sign
from messente_omnichannel.sandbox._runtime import Runtime
from messente_omnichannel.sandbox._timers import Timers

logger = logging.getLogger("messente_omnichannel.sandbox")

MAX_REDIRECTS = 5
"""307/308 hops followed per attempt; more fail the attempt (a redirect loop)."""
_KEEP_METHOD = frozenset({307, 308})
MAX_IN_FLIGHT = 16
"""Reports being delivered at once, across all URLs (and the HTTP client's connection limit)."""
ATTEMPTS_KEPT = 1_000
"""Delivery attempts remembered for :attr:`Sandbox.report_attempts`: the most recent ones."""


def network_transport(max_connections: int) -> httpx.AsyncBaseTransport:
    """Return the transport reports go out through when none was given.

    Args:
        max_connections: Connections open at most, kept open between reports.

    Returns:
        The aiohttp-backed transport when ``httpx-aiohttp`` is installed (the ``aiohttp``
        extra), as for ``AsyncOmnichannel``: a quarter of the CPU per report of httpx's own,
        which under load shares the process with the API. Otherwise httpx's own.
    """
    try:
        from messente_omnichannel._client._aiohttp import aiohttp_transport
    except ImportError:
        limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        )
        return httpx.AsyncHTTPTransport(limits=limits)
    return aiohttp_transport(max_connections)


def preload_network_transport() -> None:
    """Import what :func:`network_transport` needs now, not with the first report.

    A server pays the import (about 9 MB and a tenth of a second with aiohttp) when it starts
    rather than on its report loop under load.
    """
    with contextlib.suppress(ImportError):
        importlib.import_module("messente_omnichannel._client._aiohttp")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How undelivered reports are retried, in sandbox seconds.

    Attributes:
        first_delay: Delay before the first retry.
        factor: Each further delay is this many times the previous one.
        max_delay: The longest delay.
        max_attempts: Attempts in all, the first one included.
        timeout: Real seconds to wait for a receiver's answer.
    """

    first_delay: float = 1.0
    factor: float = 2.0
    max_delay: float = 3600.0
    max_attempts: int = 10
    timeout: float = 5.0

    def delay(self, failures: int) -> float:
        """Return the delay after the given number of failed attempts (1 or more)."""
        return min(self.max_delay, self.first_delay * self.factor ** (failures - 1))


@dataclass(slots=True)
class Report:
    """One delivery report to deliver.

    Attributes:
        url: The omnimessage's ``dlr_url``.
        body: The exact JSON bytes to POST (what is signed).
        signature: The hex HMAC-SHA256 of ``body``.
        failures: Attempts that failed so far.
    """

    url: str
    body: bytes
    signature: str
    failures: int = 0

    @classmethod
    def build(cls, url: str, payload: dict[str, Any], password: str) -> "Report":
        """Serialize and sign a ``DeliveryReportCallback`` body.

        Args:
            url: Where to POST it.
            payload: The body.
            password: The API password of the account that sent the omnimessage.

        Returns:
            The report.
        """
        body = json.dumps(payload, separators=(",", ":")).encode()
        return cls(url, body, sign(body, password))

    @property
    def payload(self) -> dict[str, Any]:
        """The body, parsed."""
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


@dataclass(frozen=True, slots=True)
class ReportAttempt:
    """One attempt to deliver a report.

    Attributes:
        report: The report.
        attempt: 1 for the first attempt.
        status_code: The receiver's final answer (after any 307/308 redirects followed), or
            ``None`` when there was none.
        error: Why there was no answer, or why a redirect was not followed.
        url: Where the final answer came from: ``report.url`` unless redirected.
    """

    report: Report
    attempt: int
    status_code: int | None
    error: str | None = None
    url: str | None = None

    @property
    def delivered(self) -> bool:
        """Whether the receiver took the report (an answer in 200-299)."""
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass
class ReportDispatcher:
    """Sends reports from the runtime loop: in order per ``dlr_url``, a bounded number at once.

    URLs with reports waiting take turns on at most ``max_in_flight`` workers, one report of a
    URL at a time. A receiver that hangs or fails holds one worker for at most the timeout per
    attempt; the other URLs' reports go on through the rest.

    Attributes:
        runtime: The background loop.
        timers: Where retries are scheduled.
        now: The sandbox clock's ``now``.
        transport: The transport of the HTTP client; ``None`` uses the network.
        retry: The retry policy.
        max_in_flight: Reports being delivered at once, at most.
    """

    runtime: Runtime
    timers: Timers
    now: Callable[[], datetime]
    transport: httpx.AsyncBaseTransport | None = None
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    max_in_flight: int = MAX_IN_FLIGHT
    # Bounded: a sandbox left running for days must not grow without end. Each attempt keeps
    # its report (about 1 KB), so 10,000 grew the heap by 10 MB under load before the cap held.
    attempts: "collections.deque[ReportAttempt]" = field(
        default_factory=lambda: collections.deque(maxlen=ATTEMPTS_KEPT)
    )
    _pending: int = 0
    _idle: threading.Condition = field(default_factory=threading.Condition)
    # Only URLs with reports waiting have a queue: it goes when it drains, and the workers when
    # no URL is left, so a per-message query string in every dlr_url leaves nothing behind.
    _queues: "dict[str, collections.deque[Report]]" = field(default_factory=dict)
    # URLs with reports waiting and no worker on them; a URL is here or with one worker, never
    # both, which keeps its reports in order.
    _ready: "collections.deque[str]" = field(default_factory=collections.deque)
    _workers: int = 0
    # One client for every receiver (an httpx client per URL cost ~850 KB each, kept forever).
    _client: httpx.AsyncClient | None = None

    def submit(self, report: Report) -> None:
        """Queue a report for delivery; safe from any thread, never blocks.

        Args:
            report: The report.
        """
        with self._idle:
            self._pending += 1
        self.runtime.soon(lambda: self._enqueue(report))

    def _enqueue(self, report: Report) -> None:
        queue = self._queues.get(report.url)
        if queue is not None:
            queue.append(report)
            return
        self._queues[report.url] = collections.deque([report])
        self._ready.append(report.url)
        if self._workers >= self.max_in_flight:
            return  # a busy worker takes the URL when its turn comes
        if self._client is None:
            # Unbounded, a thousand reports at once cost the loop seconds in httpcore's pool
            # (work per request grows with the connections open) and their 5 s timeouts
            # expired before the loop got to them: 2,597 of 3,256 attempts a ConnectTimeout.
            transport = self.transport
            if transport is None:
                transport = network_transport(self.max_in_flight)
            self._client = httpx.AsyncClient(transport=transport, timeout=self.retry.timeout)
        self._workers += 1
        asyncio.get_running_loop().create_task(self._work(self._client))

    async def _work(self, client: httpx.AsyncClient) -> None:
        try:
            while self._ready:
                url = self._ready.popleft()
                queue = self._queues[url]
                report = queue.popleft()
                try:
                    await self._deliver(client, report)
                finally:
                    if queue:  # to the back: a URL with many reports does not starve the others
                        self._ready.append(url)
                    else:  # gone before the count drops, so an idle dispatcher holds nothing
                        del self._queues[url]
                    with self._idle:
                        self._pending -= 1
                        self._idle.notify_all()
        finally:
            self._workers -= 1

    async def aclose(self) -> None:
        """Close the HTTP client; called on the runtime loop when the sandbox closes."""
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    async def _deliver(self, client: httpx.AsyncClient, report: Report) -> None:
        headers = {"Content-Type": "application/json", SIGNATURE_HEADER: report.signature}
        attempt = report.failures + 1
        try:
            outcome = await self._post(client, report, headers, attempt)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # any failure to reach the receiver is retried
            outcome = ReportAttempt(report, attempt, None, f"{type(exc).__name__}: {exc}")
        self.attempts.append(outcome)
        if outcome.delivered:
            return
        report.failures += 1
        logger.warning(
            "delivery report to %s not taken (attempt %d): %s",
            report.url,
            attempt,
            outcome.error or f"HTTP {outcome.status_code}",
        )
        if report.failures >= self.retry.max_attempts:
            logger.warning(
                "gave up delivering a report to %s after %d attempts", report.url, attempt
            )
            return
        retry_at = self.now() + timedelta(seconds=self.retry.delay(report.failures))
        self.timers.schedule(retry_at, lambda: self.submit(report))

    async def _post(
        self, client: httpx.AsyncClient, report: Report, headers: dict[str, str], attempt: int
    ) -> ReportAttempt:
        url = httpx.URL(report.url)
        for _ in range(MAX_REDIRECTS + 1):
            response = await client.post(url, content=report.body, headers=headers)
            location = response.headers.get("Location")
            if not response.is_redirect or location is None:
                return ReportAttempt(report, attempt, response.status_code, url=str(url))
            target = url.join(location)
            if response.status_code not in _KEEP_METHOD:
                error = (
                    f"HTTP {response.status_code} redirect to {target} not followed: only 307 "
                    "and 308 keep the POST and its body"
                )
                return ReportAttempt(report, attempt, response.status_code, error, str(url))
            url = target
        error = f"more than {MAX_REDIRECTS} redirects"
        return ReportAttempt(report, attempt, response.status_code, error, str(url))

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every queued report was attempted.

        Args:
            timeout: Real seconds to wait at most.

        Returns:
            Whether the queue drained in time.
        """
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)
