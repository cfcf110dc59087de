"""What the sandbox really accepted, for counting duplicates and losses under faults."""

import dataclasses
import hashlib
import threading
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """One channel message as kept under the omnimessage's ``text_store``.

    Attributes:
        message_id: The id of the channel message.
        channel: The channel.
        sender: The sender used.
        text: The text content, kept only with ``text_store`` ``plaintext`` (the default).
        text_sha256: The hex SHA-256 of the text content, kept only with ``sha256``.
    """

    message_id: uuid.UUID
    channel: str
    sender: str
    text: str | None
    text_sha256: str | None


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One accepted omnimessage.

    Attributes:
        omnimessage_id: Its id.
        account: The API username that sent it.
        to: The recipient.
        accepted_at: When it was accepted, in sandbox time.
        text_store: How its text content is kept.
        messages: Its channel messages, with content kept as ``text_store`` says.
        answered: Whether the answer was sent; ``False`` when a fault dropped the connection
            after the omnimessage was accepted.
    """

    omnimessage_id: uuid.UUID
    account: str
    to: str
    accepted_at: datetime
    text_store: str
    messages: tuple[StoredMessage, ...]
    answered: bool = True


def message_text(message: dict[str, Any]) -> str | None:
    """Return the text content of a channel message, if it has one.

    Args:
        message: A validated channel message.

    Returns:
        ``text`` (SMS, Viber, RCS) or ``text.body`` (WhatsApp), or ``None``.
    """
    text = message.get("text")
    if isinstance(text, dict):
        text = text.get("body")
    return text if isinstance(text, str) else None


def store_message(
    message: dict[str, Any], message_id: uuid.UUID, sender: str, text_store: str
) -> StoredMessage:
    """Keep a channel message as ``text_store`` says.

    Args:
        message: The validated channel message.
        message_id: Its id.
        sender: The sender used.
        text_store: ``plaintext``, ``sha256`` or ``nostore``.

    Returns:
        What is kept of it.
    """
    text = message_text(message)
    kept = text if text_store == "plaintext" else None
    digest = (
        hashlib.sha256(text.encode()).hexdigest()
        if text is not None and text_store == "sha256"
        else None
    )
    return StoredMessage(message_id, message["channel"], sender, kept, digest)


class Ledger:
    """The omnimessages the sandbox accepted, in order; safe to read from any thread.

    Args:
        max_entries: The most entries kept; beyond it the oldest are forgotten, as the
            sandbox forgets the omnimessages themselves. ``None`` keeps every entry.
    """

    def __init__(self, max_entries: int | None = None) -> None:
        self._lock = threading.Lock()
        self._entries: deque[LedgerEntry] = deque(maxlen=max_entries)

    def append(self, entry: LedgerEntry) -> None:
        """Record an accepted omnimessage.

        Args:
            entry: The omnimessage.
        """
        with self._lock:
            self._entries.append(entry)

    def mark_unanswered(self, omnimessage_id: uuid.UUID) -> None:
        """Record that the answer to an accepted omnimessage never reached the client.

        Args:
            omnimessage_id: The omnimessage.
        """
        with self._lock:
            for index, entry in enumerate(self._entries):
                if entry.omnimessage_id == omnimessage_id:
                    self._entries[index] = dataclasses.replace(entry, answered=False)

    @property
    def entries(self) -> tuple[LedgerEntry, ...]:
        """A snapshot of the accepted omnimessages, in acceptance order."""
        with self._lock:
            return tuple(self._entries)

    def count(self, *, to: str | None = None, account: str | None = None) -> int:
        """Count accepted omnimessages.

        Args:
            to: Only those to this recipient.
            account: Only those sent by this API username.

        Returns:
            The number.
        """
        return sum(
            1
            for entry in self.entries
            if (to is None or entry.to == to) and (account is None or entry.account == account)
        )

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def __iter__(self) -> Iterator[LedgerEntry]:
        return iter(self.entries)
