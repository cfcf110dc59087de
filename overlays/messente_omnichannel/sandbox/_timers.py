"""Actions due at moments of sandbox time, run in time order."""

import heapq
import itertools
import threading
from collections.abc import Callable
from datetime import datetime


class Timers:
    """A thread-safe queue of actions by due time; equal times keep their scheduling order.

    Args:
        on_schedule: Called (outside the lock) after an action was scheduled, so a sleeper can
            wake up earlier.
    """

    def __init__(self, on_schedule: Callable[[], None] | None = None) -> None:
        self._lock = threading.Lock()
        self._heap: list[tuple[datetime, int, Callable[[], None]]] = []
        self._seq = itertools.count()
        self._on_schedule = on_schedule

    def schedule(self, at: datetime, action: Callable[[], None]) -> None:
        """Run ``action`` once the sandbox time reaches ``at``.

        Args:
            at: The due time.
            action: The action; it must be quick and must not raise.
        """
        with self._lock:
            heapq.heappush(self._heap, (at, next(self._seq), action))
        if self._on_schedule is not None:
            self._on_schedule()

    def pop_due(self, now: datetime) -> list[Callable[[], None]]:
        """Remove and return the actions due at ``now``, in time order.

        Args:
            now: The sandbox time.

        Returns:
            The actions to run.
        """
        due: list[Callable[[], None]] = []
        with self._lock:
            while self._heap and self._heap[0][0] <= now:
                due.append(heapq.heappop(self._heap)[2])
        return due

    def next_due(self) -> datetime | None:
        """Return the due time of the earliest action, if any."""
        with self._lock:
            return self._heap[0][0] if self._heap else None

    def __len__(self) -> int:
        with self._lock:
            return len(self._heap)
