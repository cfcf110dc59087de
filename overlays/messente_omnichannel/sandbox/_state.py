"""The omnimessages of every account: thread- and task-safe, isolated per account."""

import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from messente_omnichannel.sandbox._scenarios import Attempt


@dataclass(slots=True)
class StoredOmnimessage:
    """An accepted omnimessage and its planned future.

    Attributes:
        omnimessage_id: Its id.
        account: The API username that sent it.
        to: The recipient.
        send_at: When its first attempt starts (``time_to_send``, or acceptance).
        attempts: Its channel attempts, planned in advance.
        dlr_url: Where its delivery reports go.
        cancelled: Whether a ``DELETE`` cancelled it before it started.
    """

    omnimessage_id: uuid.UUID
    account: str
    to: str
    send_at: datetime
    attempts: tuple[Attempt, ...]
    dlr_url: str | None
    cancelled: bool = False

    def report(self, now: datetime) -> dict[str, Any]:
        """Return the spec's ``DeliveryReport`` at ``now``.

        Args:
            now: The sandbox time.

        Returns:
            One result per attempt that has started, in send order.
        """
        statuses = [attempt.result(now) for attempt in self.attempts if attempt.start <= now]
        return {"statuses": statuses, "to": self.to, "omnimessage_id": str(self.omnimessage_id)}


DEFAULT_MAX_STORED = 50_000
"""How many omnimessages a sandbox keeps by default before it forgets the oldest."""


def check_max_stored(max_stored: int) -> int:
    """Check a cap on stored omnimessages.

    Args:
        max_stored: The cap.

    Returns:
        The cap.

    Raises:
        ValueError: It is not a positive integer.
    """
    if isinstance(max_stored, bool) or not isinstance(max_stored, int) or max_stored < 1:
        raise ValueError("max_stored must be a positive number of omnimessages")
    return max_stored


class Store:
    """The omnimessages, by account; one lock guards them all (every critical section is short).

    Args:
        max_stored: The most omnimessages kept, of all accounts together; adding one more
            forgets the oldest accepted, whose status is then ``404``.
    """

    def __init__(self, max_stored: int = DEFAULT_MAX_STORED) -> None:
        self._lock = threading.Lock()
        self._max_stored = check_max_stored(max_stored)
        self._by_account: dict[str, dict[uuid.UUID, StoredOmnimessage]] = {}
        # Acceptance order across accounts, so the oldest is found in O(1) when the cap is hit.
        self._order: OrderedDict[uuid.UUID, str] = OrderedDict()

    @property
    def max_stored(self) -> int:
        """The most omnimessages kept before the oldest is forgotten."""
        return self._max_stored

    def add(self, omnimessage: StoredOmnimessage) -> None:
        """Keep an accepted omnimessage, forgetting the oldest ones beyond the cap.

        Args:
            omnimessage: The omnimessage.
        """
        with self._lock:
            self._by_account.setdefault(omnimessage.account, {})[omnimessage.omnimessage_id] = (
                omnimessage
            )
            self._order[omnimessage.omnimessage_id] = omnimessage.account
            while len(self._order) > self._max_stored:
                oldest, account = self._order.popitem(last=False)
                messages = self._by_account[account]
                del messages[oldest]
                if not messages:
                    del self._by_account[account]

    def get(self, account: str, omnimessage_id: uuid.UUID) -> StoredOmnimessage | None:
        """Find an omnimessage of one account.

        Args:
            account: The API username asking.
            omnimessage_id: The omnimessage.

        Returns:
            The omnimessage, or ``None`` if it does not exist or belongs to another account.
        """
        with self._lock:
            return self._by_account.get(account, {}).get(omnimessage_id)

    def cancel(self, account: str, omnimessage_id: uuid.UUID, now: datetime) -> bool:
        """Cancel an omnimessage that has not started sending.

        Args:
            account: The API username asking.
            omnimessage_id: The omnimessage.
            now: The sandbox time.

        Returns:
            Whether it was cancelled; ``False`` if it does not exist for this account, was
            already cancelled, or has started sending.
        """
        with self._lock:
            omnimessage = self._by_account.get(account, {}).get(omnimessage_id)
            if omnimessage is None or omnimessage.cancelled or omnimessage.send_at <= now:
                return False
            omnimessage.cancelled = True
            return True

    def is_cancelled(self, account: str, omnimessage_id: uuid.UUID) -> bool:
        """Tell whether an omnimessage was cancelled.

        Args:
            account: The API username that sent it.
            omnimessage_id: The omnimessage.

        Returns:
            Whether it was cancelled.
        """
        with self._lock:
            omnimessage = self._by_account.get(account, {}).get(omnimessage_id)
            return omnimessage is not None and omnimessage.cancelled

    def __len__(self) -> int:
        with self._lock:
            return len(self._order)
