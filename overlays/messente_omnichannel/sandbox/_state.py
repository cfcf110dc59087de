"""The omnimessages of every account: thread- and task-safe, isolated per account."""

import threading
import uuid
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


class Store:
    """The omnimessages, by account; one lock guards them all (every critical section is short)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_account: dict[str, dict[uuid.UUID, StoredOmnimessage]] = {}

    def add(self, omnimessage: StoredOmnimessage) -> None:
        """Keep an accepted omnimessage.

        Args:
            omnimessage: The omnimessage.
        """
        with self._lock:
            self._by_account.setdefault(omnimessage.account, {})[omnimessage.omnimessage_id] = (
                omnimessage
            )

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
            return sum(len(messages) for messages in self._by_account.values())
