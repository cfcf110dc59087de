"""The :class:`Sandbox`: a stateful local Messente, in-process or on a port."""

import asyncio
import contextlib
import logging
import threading
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import Generic, Self, TypeVar, overload

import httpx

from messente_omnichannel._spec import load_spec
from messente_omnichannel.sandbox._app import SandboxApp
from messente_omnichannel.sandbox._clock import Clock, ManualClock, SystemClock
from messente_omnichannel.sandbox._dlr import ReportAttempt, ReportDispatcher, RetryPolicy
from messente_omnichannel.sandbox._faults import QUIET_DROPS, Faults
from messente_omnichannel.sandbox._ledger import Ledger
from messente_omnichannel.sandbox._runtime import Runtime
from messente_omnichannel.sandbox._service import Service
from messente_omnichannel.sandbox._state import DEFAULT_MAX_STORED, check_max_stored
from messente_omnichannel.sandbox._timers import Timers
from messente_omnichannel.sandbox._transports import AsyncSandboxTransport, SyncSandboxTransport

DEMO_USERNAME = "demo"
"""The username of the account a sandbox has when none is configured."""
DEMO_PASSWORD = "demo-password"  # noqa: S105 (a documented sandbox credential)
"""The password of the demo account."""


ClockT = TypeVar("ClockT", bound=Clock)


class Sandbox(Generic[ClockT]):
    """A local Messente Omnichannel API with state, fallback chains, delivery reports and faults.

    Args:
        accounts: API username to password; defaults to ``{"demo": "demo-password"}``.
        clock: The sandbox's time: a :class:`ManualClock` for deterministic tests (then
            ``sandbox.clock.advance(seconds)`` plays time forward), or ``None`` for real time
            sped up by ``speed``.
        speed: Sandbox seconds per real second when ``clock`` is ``None``.
        faults: Faults to inject into API requests; ``None`` injects none.
        dlr_transport: Transport of the client that POSTs delivery reports (for example
            ``httpx.MockTransport``, to capture them in-process); ``None`` uses the network.
        dlr_retry: How undelivered reports are retried.
        max_body_bytes: The largest request body accepted.
        max_stored: The most omnimessages kept in memory, of every account together (and
            entries in :attr:`ledger`); each new one beyond it forgets the oldest accepted,
            whose status is then ``404``. It bounds a long-running sandbox's memory.

    Raises:
        ValueError: No account, an account with an empty username or a ``:`` in it, or a
            ``max_stored`` below 1.
    """

    @overload
    def __init__(
        self: "Sandbox[SystemClock]",
        accounts: Mapping[str, str] | None = None,
        *,
        clock: None = None,
        speed: float = 1.0,
        faults: Faults | None = None,
        dlr_transport: httpx.AsyncBaseTransport | None = None,
        dlr_retry: RetryPolicy | None = None,
        max_body_bytes: int = 1024 * 1024,
        max_stored: int = DEFAULT_MAX_STORED,
    ) -> None: ...

    @overload
    def __init__(
        self: "Sandbox[ClockT]",
        accounts: Mapping[str, str] | None = None,
        *,
        clock: ClockT,
        speed: float = 1.0,
        faults: Faults | None = None,
        dlr_transport: httpx.AsyncBaseTransport | None = None,
        dlr_retry: RetryPolicy | None = None,
        max_body_bytes: int = 1024 * 1024,
        max_stored: int = DEFAULT_MAX_STORED,
    ) -> None: ...

    def __init__(
        self,
        accounts: Mapping[str, str] | None = None,
        *,
        clock: Clock | None = None,
        speed: float = 1.0,
        faults: Faults | None = None,
        dlr_transport: httpx.AsyncBaseTransport | None = None,
        dlr_retry: RetryPolicy | None = None,
        max_body_bytes: int = 1024 * 1024,
        max_stored: int = DEFAULT_MAX_STORED,
    ) -> None:
        accounts = dict(accounts) if accounts is not None else {DEMO_USERNAME: DEMO_PASSWORD}
        if not accounts or any(not user or ":" in user for user in accounts):
            raise ValueError("accounts need at least one username, without ':'")
        self.clock: ClockT = clock if clock is not None else SystemClock(speed)  # type: ignore[assignment]
        self._runtime = Runtime()
        # The sync transport has its own loop, so a receiver that blocks the report loop
        # cannot stall API calls.
        self._bridge = Runtime()
        self._wake: asyncio.Event | None = None
        self._ticking = False
        self._tick_lock = threading.Lock()
        self._pump_lock = threading.Lock()
        self._timers = Timers(on_schedule=self._on_schedule)
        self._dispatcher = ReportDispatcher(
            self._runtime, self._timers, self.clock.now, dlr_transport, dlr_retry or RetryPolicy()
        )
        self._service = Service(
            accounts, self.clock, self._timers, self._dispatcher, check_max_stored(max_stored)
        )
        spec = load_spec()
        spec["servers"] = [{"url": "/v1"}]
        self.app = SandboxApp(self._service, spec, faults, max_body_bytes)
        if isinstance(self.clock, ManualClock):
            self.clock.subscribe(self._on_time)

    # ------------------------------------------------------------------- public API

    @property
    def accounts(self) -> dict[str, str]:
        """API username to password."""
        return dict(self._service.accounts)

    @property
    def ledger(self) -> Ledger:
        """The omnimessages really accepted, in order (what a client's retries really did)."""
        return self._service.ledger

    @property
    def faults(self) -> Faults | None:
        """The faults injected into API requests; assign to change them while running."""
        return self.app.faults

    @faults.setter
    def faults(self, faults: Faults | None) -> None:
        self.app.faults = faults

    @property
    def report_attempts(self) -> list[ReportAttempt]:
        """The attempts to deliver a delivery report so far, in order: the last 1,000."""
        return list(self._dispatcher.attempts)

    def async_transport(self) -> httpx.AsyncBaseTransport:
        """Return a transport for ``httpx.AsyncClient`` that calls the app in-process.

        Returns:
            The transport; use any base URL ending in ``/v1``, e.g. ``http://sandbox/v1``.
        """
        return AsyncSandboxTransport(self.app)

    def transport(self) -> httpx.BaseTransport:
        """Return a transport for ``httpx.Client`` that calls the app in-process.

        Returns:
            The transport, safe to share between threads; use a base URL ending in ``/v1``.
        """
        return SyncSandboxTransport(self.app, self._bridge)

    @contextlib.contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve the sandbox with uvicorn in a background thread.

        Args:
            host: The address to listen on.
            port: The port; 0 picks a free one.

        Yields:
            The base URL of the API, for example ``http://127.0.0.1:54321/v1``.
        """
        from messente_omnichannel._serving import background_server, http_url

        served = background_server(
            self.app, host, port, log_filter=QUIET_DROPS, thread_name="messente-sandbox-server"
        )
        with served as (bound_host, bound_port):
            yield http_url(bound_host, bound_port, "/v1")

    def flush_reports(self, timeout: float = 5.0) -> None:
        """Wait until every delivery report due by now was attempted.

        Reports whose retry is due later in sandbox time are not waited for: with a
        :class:`ManualClock`, advance it to let them go.

        Args:
            timeout: Real seconds to wait at most.

        Raises:
            TimeoutError: Reports were still being sent after ``timeout``.
        """
        self._pump()
        if not self._dispatcher.wait_idle(timeout):
            raise TimeoutError(f"delivery reports still pending after {timeout} s")

    def close(self) -> None:
        """Stop the background thread; pending delivery reports are dropped."""
        if isinstance(self.clock, ManualClock):
            self.clock.unsubscribe(self._on_time)
        if self._runtime.started:
            with contextlib.suppress(Exception):
                self._runtime.call(self._dispatcher.aclose(), timeout=5)
        self._runtime.close()
        self._bridge.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------- time

    def _pump(self) -> None:
        """Run every timed action that is due, in time order."""
        with self._pump_lock:
            for action in self._timers.pop_due(self.clock.now()):
                try:
                    action()
                except Exception:
                    logging.getLogger(__name__).exception("a timed action failed")

    def _on_time(self, _now: object) -> None:
        self._pump()

    def _on_schedule(self) -> None:
        if isinstance(self.clock, ManualClock):
            return
        with self._tick_lock:
            start, self._ticking = not self._ticking, True
        if start:
            self._runtime.spawn(self._tick())
        elif self._wake is not None:
            self._runtime.soon(self._wake.set)

    async def _tick(self) -> None:
        """On a clock that moves by itself, run timed actions when they fall due."""
        self._wake = asyncio.Event()
        while True:
            due = self._timers.next_due()
            delay = self.clock.wall_seconds_until(due) if due is not None else None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), delay)
            self._wake.clear()
            self._pump()
