"""The sandbox's time: real, accelerated, or stepped by hand.

Every delay of the sandbox (status changes of a fallback chain, scheduled sends, retries of
delivery reports) is measured on its clock, so a test that steps a :class:`ManualClock` plays a
whole fallback chain in milliseconds, and ``--speed 60`` plays a minute of it per second.
"""

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable


@runtime_checkable
class Clock(Protocol):
    """What the sandbox needs from a clock."""

    def now(self) -> datetime:
        """Return the current sandbox time, timezone-aware."""
        ...

    def wall_seconds_until(self, moment: datetime) -> float | None:
        """Return how many real seconds remain until ``moment``.

        Returns:
            The real seconds to wait (0 or more), or ``None`` when time does not pass by itself
            (a manual clock: someone else moves it).
        """
        ...


def _aware(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, for example datetime(..., tzinfo=UTC)")
    return moment.astimezone(UTC)


class SystemClock:
    """Real time, optionally accelerated.

    Args:
        speed: Sandbox seconds per real second; ``60`` plays a minute per second.
        start: The sandbox time at creation; defaults to the real current time.

    Raises:
        ValueError: ``speed`` is not positive or ``start`` is naive.
    """

    def __init__(self, speed: float = 1.0, start: datetime | None = None) -> None:
        if not speed > 0:
            raise ValueError(f"speed must be positive, not {speed!r}")
        self.speed = float(speed)
        self._origin = _aware(start, "start") if start is not None else datetime.now(UTC)
        self._mono = time.monotonic()

    def now(self) -> datetime:
        """Return the current sandbox time."""
        return self._origin + timedelta(seconds=(time.monotonic() - self._mono) * self.speed)

    def wall_seconds_until(self, moment: datetime) -> float | None:
        """Return the real seconds until ``moment``, at this clock's speed."""
        return max(0.0, (moment - self.now()).total_seconds() / self.speed)


class ManualClock:
    """A clock that moves only when told to: deterministic tests.

    Args:
        start: The initial time; defaults to 2030-01-01T00:00:00+00:00, so runs are repeatable.

    Raises:
        ValueError: ``start`` is naive.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._now = (
            _aware(start, "start") if start is not None else datetime(2030, 1, 1, tzinfo=UTC)
        )
        self._lock = threading.Lock()
        self._listeners: list[Callable[[datetime], None]] = []

    def now(self) -> datetime:
        """Return the current time."""
        with self._lock:
            return self._now

    def wall_seconds_until(self, moment: datetime) -> float | None:
        """Return ``None``: a manual clock never moves by itself."""
        return None

    def advance(self, seconds: float) -> datetime:
        """Move time forward and play out everything that falls due on the way, in order.

        Args:
            seconds: How far to move; 0 or more.

        Returns:
            The new time.

        Raises:
            ValueError: ``seconds`` is negative.
        """
        if seconds < 0:
            raise ValueError("a ManualClock only moves forward")
        with self._lock:
            self._now += timedelta(seconds=seconds)
            now = self._now
        for listener in list(self._listeners):
            listener(now)
        return now

    def set(self, moment: datetime) -> datetime:
        """Move time forward to ``moment``.

        Args:
            moment: The new time, timezone-aware and not before the current time.

        Returns:
            The new time.

        Raises:
            ValueError: ``moment`` is naive or in the past of this clock.
        """
        delta = (_aware(moment, "moment") - self.now()).total_seconds()
        return self.advance(delta)

    def subscribe(self, listener: Callable[[datetime], None]) -> None:
        """Call ``listener`` with the new time after every move.

        Args:
            listener: Called synchronously, in the thread that moved the clock.
        """
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[datetime], None]) -> None:
        """Stop calling ``listener``.

        Args:
            listener: A listener given to :meth:`subscribe`.
        """
        if listener in self._listeners:
            self._listeners.remove(listener)
