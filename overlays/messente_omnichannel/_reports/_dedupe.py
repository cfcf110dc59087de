"""De-duplication of delivery reports, which Messente delivers at least once."""

import threading
from collections import OrderedDict

from messente_omnichannel._reports._parse import DeliveryUpdate


class Deduplicator:
    """Remembers which delivery reports were seen, by message ID + status + timestamp.

    Memory is bounded: past ``max_entries`` the oldest keys are forgotten, so a redelivery
    arriving much later would be seen as new. The memory is per process; when several
    processes receive reports, store :attr:`DeliveryUpdate.key` under a unique constraint
    instead. Safe to share between threads.

    Example:
        ``if dedupe.add(update): handle(update)``

    Args:
        max_entries: How many keys to remember.

    Raises:
        ValueError: ``max_entries`` is not positive.
    """

    def __init__(self, max_entries: int = 100_000) -> None:
        if max_entries < 1:
            raise ValueError(f"max_entries must be positive, not {max_entries!r}")
        self.max_entries = max_entries
        self._seen: OrderedDict[tuple[str, str, str], None] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, update: DeliveryUpdate) -> bool:
        """Record a report.

        Args:
            update: The report.

        Returns:
            Whether it is new: ``False`` for a redelivery of a report already recorded.
        """
        key = update.key
        with self._lock:
            if key in self._seen:
                self._seen.move_to_end(key)
                return False
            self._seen[key] = None
            if len(self._seen) > self.max_entries:
                self._seen.popitem(last=False)
            return True

    def discard(self, update: DeliveryUpdate) -> None:
        """Forget a report, so that its redelivery counts as new (when handling it failed).

        Args:
            update: The report.
        """
        with self._lock:
            self._seen.pop(update.key, None)

    def __contains__(self, update: object) -> bool:
        """Tell whether a report was recorded."""
        if not isinstance(update, DeliveryUpdate):
            return False
        with self._lock:
            return update.key in self._seen

    def __len__(self) -> int:
        """Return how many reports are remembered."""
        with self._lock:
            return len(self._seen)
