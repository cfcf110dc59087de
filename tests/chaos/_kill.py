"""Sends while the sandbox server process is killed (SIGKILL) and started again on its port.

The killed process's ledger dies with it, so what is checked is what a caller can rely on:
every call ends as a success or a documented exception, within its deadline and one timeout; a
call in flight at a kill ends as ``SendOutcomeUnknownError``, as ``ApiUnreachableError`` (not
sent), or, retried only because its connection was refused, as a success whose id the restarted
server knows; and no attempt follows one that may have reached the server (counted by a
transport that sees every attempt).
"""

import asyncio
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx

from messente_omnichannel import (
    SMS,
    ApiUnreachableError,
    AsyncOmnichannel,
    Omnichannel,
    Omnimessage,
    OmnimessageCreated,
    SendOutcomeUnknownError,
)
from messente_omnichannel._client._retry import Failure, classify
from messente_omnichannel.sandbox import Ledger

from ._calls import CallRecord, check_calls, kinds
from ._tally import Tally

AUTH = ("demo", "demo-password")
DEADLINE = 3.0
TIMEOUT = 1.0


def free_port() -> int:
    """Return a port that was free a moment ago on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """A ``python -m messente_omnichannel.sandbox`` subprocess on one port.

    Args:
        port: The port.
        args: More arguments of the sandbox command.
    """

    def __init__(self, port: int, *args: str) -> None:
        self.port = port
        self.args = args
        self.url = f"http://127.0.0.1:{port}/v1"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> None:
        """Start it and wait until it answers.

        Args:
            timeout: Seconds it has to come up.

        Raises:
            RuntimeError: It did not answer in time.
        """
        command = [
            sys.executable,
            "-m",
            "messente_omnichannel.sandbox",
            "--port",
            str(self.port),
            "--log-level",
            "warning",
            *self.args,
        ]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        limit = time.monotonic() + timeout
        while time.monotonic() < limit:
            try:
                httpx.get(self.url + "/omnimessage", timeout=0.5)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the sandbox on port {self.port} did not start in {timeout} s")

    @property
    def pid(self) -> int:
        """The server process id."""
        assert self.process is not None
        return self.process.pid

    def kill(self) -> None:
        """Kill it at once (SIGKILL: no cleanup, connections cut)."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
            self.process = None

    def stop(self) -> None:
        """Stop it gently."""
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            self.process = None


@contextmanager
def served(*args: str) -> Iterator[Server]:
    """Run a sandbox subprocess on a free port for the block.

    Args:
        *args: More arguments of the sandbox command.

    Yields:
        The server, started.
    """
    server = Server(free_port(), *args)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Attempts:
    """Every attempt that left the client, by recipient, with how it ended."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    by_to: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def record(self, request: httpx.Request, outcome: str) -> None:
        """Note one attempt.

        Args:
            request: The request.
            outcome: ``uncertain``, ``not sent`` or the status code.
        """
        try:
            body = json.loads(request.content)
        except ValueError:
            return
        items = body["messages"] if "to" not in body else [body]
        with self.lock:
            for item in items:
                self.by_to[item["to"]].append(outcome)


def _outcome(exc: httpx.RequestError) -> str:
    return "not sent" if classify(exc) is Failure.NOT_SENT else "uncertain"


class CountingTransport(httpx.BaseTransport):
    """httpx's own transport, noting each attempt in :class:`Attempts`."""

    def __init__(self, attempts: Attempts) -> None:
        self._inner = httpx.HTTPTransport()
        self._attempts = attempts

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send one attempt and note how it ended."""
        try:
            response = self._inner.handle_request(request)
        except httpx.RequestError as exc:
            self._attempts.record(request, _outcome(exc))
            raise
        self._attempts.record(request, str(response.status_code))
        return response

    def close(self) -> None:
        """Close the connections."""
        self._inner.close()


class AsyncCountingTransport(httpx.AsyncBaseTransport):
    """httpx's own async transport, noting each attempt in :class:`Attempts`."""

    def __init__(self, attempts: Attempts) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._attempts = attempts

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send one attempt and note how it ended."""
        try:
            response = await self._inner.handle_async_request(request)
        except httpx.RequestError as exc:
            self._attempts.record(request, _outcome(exc))
            raise
        self._attempts.record(request, str(response.status_code))
        return response

    async def aclose(self) -> None:
        """Close the connections."""
        await self._inner.aclose()


@dataclass
class Timed:
    """A call with its wall-clock span."""

    record: CallRecord
    started: float
    ended: float


class _Run:
    def __init__(self, url: str, attempts: Attempts) -> None:
        self.url = url
        self.attempts = attempts
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.calls: list[Timed] = []
        self.number = 0

    def take(self) -> Omnimessage:
        with self.lock:
            self.number += 1
            number = self.number
        return Omnimessage(to=f"+3727{number:08d}", messages=[SMS("Hi", sender="MyBrand")])

    def keep(self, kind: str, message: Omnimessage, result: object, started: float) -> None:
        ended = time.monotonic()
        record = CallRecord(kind, (message.to,), result, ended - started, DEADLINE, TIMEOUT)
        with self.lock:
            self.calls.append(Timed(record, started, ended))

    def sync_worker(self) -> None:
        with Omnichannel(
            *AUTH,
            base_url=self.url,
            deadline=DEADLINE,
            timeout=TIMEOUT,
            max_retries=3,
            transport=CountingTransport(self.attempts),
        ) as client:
            while not self.stop.is_set():
                message = self.take()
                started = time.monotonic()
                result: object
                try:
                    result = client.send(message)
                except Exception as exc:
                    result = exc
                self.keep("sync send", message, result, started)

    def async_worker(self, tasks: int) -> None:
        async def task(client: AsyncOmnichannel) -> None:
            while not self.stop.is_set():
                message = self.take()
                started = time.monotonic()
                result: object
                try:
                    result = await client.send(message)
                except Exception as exc:
                    result = exc
                self.keep("async send", message, result, started)

        async def main() -> None:
            async with AsyncOmnichannel(
                *AUTH,
                base_url=self.url,
                deadline=DEADLINE,
                timeout=TIMEOUT,
                max_retries=3,
                transport=AsyncCountingTransport(self.attempts),
            ) as client:
                await asyncio.gather(*(task(client) for _ in range(tasks)))

        asyncio.run(main())


def kill_campaign(kills: int = 1, up_seconds: float = 1.0) -> Tally:
    """Send from 3 threads and 3 tasks while the server is killed ``kills`` times.

    Args:
        kills: How many times the server is killed and started again.
        up_seconds: Seconds the server runs between kills.

    Returns:
        The tally.
    """
    tally = Tally(f"Server killed (SIGKILL) and restarted {kills} time(s) during sends")
    attempts = Attempts()
    server = Server(free_port(), "--speed", "60")
    server.start()
    run = _Run(server.url, attempts)
    workers = [threading.Thread(target=run.sync_worker) for _ in range(3)]
    workers.append(threading.Thread(target=run.async_worker, args=(3,)))
    killed_at: list[float] = []
    restarted_at = 0.0
    try:
        for worker in workers:
            worker.start()
        for _ in range(kills):
            time.sleep(up_seconds)
            killed_at.append(time.monotonic())
            server.kill()
            time.sleep(0.2)
            server.start()
            restarted_at = time.monotonic()
        time.sleep(up_seconds)
    finally:
        run.stop.set()
        for worker in workers:
            worker.join(30)
    try:
        last_kill = killed_at[-1] if killed_at else 0.0

        def on_new_server(t: Timed) -> bool:
            # Started once it was up, or in flight at the kill and retried after a refused
            # connection: either way answered by the restarted server, which must know the id.
            retried = len(attempts.by_to[t.record.recipients[0]]) > 1
            return t.started > restarted_at or (t.started < last_kill < t.ended and retried)

        after = [t for t in run.calls if _ok(t.record) and on_new_server(t)]
        with httpx.Client(base_url=server.url, auth=AUTH, timeout=5) as check:
            unknown_ids = [
                f"{t.record.recipients[0]}: {t.record.result.omnimessage_id} unknown"  # type: ignore[attr-defined]
                for t in after
                if check.get(f"/omnimessage/{t.record.result.omnimessage_id}/status").status_code  # type: ignore[attr-defined]
                != 200
            ]
    finally:
        server.stop()
    records = [t.record for t in run.calls]
    tally.note("how the calls ended", len(records), kinds(records))
    # The killed process's ledger is lost: an empty one, and the checks that need it skipped.
    check_calls(tally, records, Ledger(), killed=True)

    in_flight = [t for t in run.calls if any(t.started < k < t.ended for k in killed_at)]
    wrong = [
        f"{t.record.recipients[0]}: {type(t.record.result).__name__}"
        for t in in_flight
        if not isinstance(t.record.result, SendOutcomeUnknownError | ApiUnreachableError)
        and not _ok(t.record)
    ]
    honest = sum(isinstance(t.record.result, SendOutcomeUnknownError) for t in in_flight)
    row = tally.check(
        "in flight at a kill: unknown, not sent, or a known success",
        len(in_flight),
        "SendOutcomeUnknownError / ApiUnreachableError / id",
        wrong,
    )
    row.figure = f"{honest} SendOutcomeUnknownError"
    tally.check(
        "success after the restart: the new server knows its id",
        len(after),
        "status 200",
        unknown_ids,
    )

    blind = [
        f"{to}: attempts {' -> '.join(outcomes)}"
        for to, outcomes in attempts.by_to.items()
        if any(_uncertain(o) for o in outcomes[:-1])
    ]
    tally.check(
        "no attempt after one that may have reached the server",
        sum(len(o) for o in attempts.by_to.values()),
        "0 blind retries",
        blind,
    )
    return tally


def _ok(record: CallRecord) -> bool:
    return isinstance(record.result, OmnimessageCreated)


def _uncertain(outcome: str) -> bool:
    return outcome == "uncertain" or (outcome.isdigit() and int(outcome) >= 500)
