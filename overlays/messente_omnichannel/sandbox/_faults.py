"""Faults injected on request, for testing how clients cope with a misbehaving API.

Each request to the API draws once: with the configured probabilities it is answered ``503``,
``500`` or ``429`` (the last two kinds with ``Retry-After``) without being processed, or its
connection is dropped before it is processed, or it is processed and its connection is dropped
before the answer is sent. Added latency applies to every request. The sandbox's ledger records
what was really accepted, so a test can count duplicates and losses.
"""

import enum
import logging
import random
import threading
from dataclasses import dataclass, field


class Fault(enum.Enum):
    """What happens to one request."""

    NONE = "none"
    UNAVAILABLE = "503"
    SERVER_ERROR = "500"
    TOO_MANY_REQUESTS = "429"
    DROP_BEFORE = "drop_before"
    DROP_AFTER = "drop_after"


class ConnectionDropped(Exception):  # noqa: N818 (an injected fault, not an error of the sandbox)
    """Raised by the app after a fault started a response it will never finish.

    A server closes the connection (the client sees it dropped); the sandbox's in-process
    transports turn it into :class:`httpx.RemoteProtocolError`.
    """


class QuietDrops(logging.Filter):
    """Drops uvicorn's traceback of a connection that a fault dropped on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Tell whether a log record is kept.

        Args:
            record: A record of uvicorn's error log.

        Returns:
            ``False`` for the traceback of :class:`ConnectionDropped`.
        """
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, ConnectionDropped)


QUIET_DROPS = QuietDrops()
"""The one filter every served sandbox adds: adding it again changes nothing."""


_KEYS = {
    "503": "unavailable",
    "500": "server_error",
    "429": "too_many_requests",
    "drop_before": "drop_before",
    "drop_after": "drop_after",
    "latency": "latency",
    "retry_after": "retry_after",
    "seed": "seed",
}


@dataclass
class Faults:
    """Rates of injected faults; each rate is a probability per request, from 0 to 1.

    Attributes:
        unavailable: Rate of ``503 Service Unavailable`` (with ``Retry-After``).
        server_error: Rate of ``500`` (code 104, Internal Server Error).
        too_many_requests: Rate of ``429 Too Many Requests`` (with ``Retry-After``).
        drop_before: Rate of connections dropped before the request is processed.
        drop_after: Rate of connections dropped after the request was processed.
        latency: Seconds of real time added to every request.
        retry_after: The ``Retry-After`` value, in seconds.
        seed: Seed of the random draws, for repeatable runs; ``None`` draws differently each run.
    """

    unavailable: float = 0.0
    server_error: float = 0.0
    too_many_requests: float = 0.0
    drop_before: float = 0.0
    drop_after: float = 0.0
    latency: float = 0.0
    retry_after: int = 1
    seed: int | None = None
    _random: random.Random = field(init=False, repr=False, compare=False)
    _lock: threading.Lock = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rates = self._rates()
        if any(not 0.0 <= rate <= 1.0 for _, rate in rates) or sum(r for _, r in rates) > 1.0:
            raise ValueError("fault rates must be between 0 and 1 and add up to at most 1")
        if self.latency < 0 or self.retry_after < 0:
            raise ValueError("latency and retry_after must not be negative")
        self._random = random.Random(self.seed)  # noqa: S311 (fault injection, not security)
        self._lock = threading.Lock()

    def _rates(self) -> list[tuple[Fault, float]]:
        return [
            (Fault.UNAVAILABLE, self.unavailable),
            (Fault.SERVER_ERROR, self.server_error),
            (Fault.TOO_MANY_REQUESTS, self.too_many_requests),
            (Fault.DROP_BEFORE, self.drop_before),
            (Fault.DROP_AFTER, self.drop_after),
        ]

    @classmethod
    def parse(cls, text: str) -> "Faults":
        """Parse the ``--faults`` option.

        Args:
            text: Comma-separated ``key=value`` pairs; keys ``503``, ``500``, ``429``,
                ``drop_before``, ``drop_after`` (rates), ``latency`` (seconds), ``retry_after``
                (seconds) and ``seed``. For example ``503=0.1,429=0.05,latency=0.02,seed=7``.

        Returns:
            The faults.

        Raises:
            ValueError: A key is unknown or a value is not a number in range.
        """
        values: dict[str, float | int] = {}
        for pair in filter(None, (part.strip() for part in text.split(","))):
            key, sep, raw = pair.partition("=")
            name = _KEYS.get(key.strip())
            if not sep or name is None:
                known = ", ".join(_KEYS)
                raise ValueError(f"unknown fault {pair!r}: use key=value with a key of {known}")
            try:
                number = float(raw)
            except ValueError:
                raise ValueError(f"fault {key!r} needs a number, not {raw!r}") from None
            values[name] = int(number) if name in ("seed", "retry_after") else number
        return cls(**values)  # type: ignore[arg-type]

    def draw(self) -> Fault:
        """Choose the fault of one request.

        Returns:
            The fault; :attr:`Fault.NONE` for most requests.
        """
        with self._lock:
            roll = self._random.random()
        for fault, rate in self._rates():
            if roll < rate:
                return fault
            roll -= rate
        return Fault.NONE
