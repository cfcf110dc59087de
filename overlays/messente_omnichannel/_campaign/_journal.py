"""The journal of a campaign: what became of each item, so that a run can be resumed.

A journal is a small interface (:class:`Journal`), so that a server database can back it for
many workers later; :class:`SqliteJournal` is the embedded one.
"""

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable


class JournalState(enum.Enum):
    """What a journal knows of one item."""

    IN_FLIGHT = "in_flight"
    """Its request was about to leave: found on resume, its outcome is unknown."""
    SENT = "sent"
    FAILED = "failed"
    INVALID = "invalid"
    UNKNOWN = "unknown"
    NOT_SENT = "not_sent"


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One item of a campaign, as its journal records it.

    Attributes:
        index: The item's position in the source, from 0.
        digest: A digest of the item's content, to refuse a changed source on resume.
        state: What became of it.
        created: The API's answer (``OmnimessageCreated`` as JSON) when it was sent.
        detail: Why it failed, or why its outcome is unknown.
    """

    index: int
    digest: bytes
    state: JournalState
    created: Mapping[str, Any] | None = None
    detail: str = ""


@runtime_checkable
class Journal(Protocol):
    """Where a campaign records each item's state as it goes.

    Implementations must make each :meth:`write` atomic and durable before it returns: a
    campaign marks an item in flight, writes that, and only then lets its request leave.
    """

    def read(self, start: int, stop: int) -> Mapping[int, JournalEntry]:
        """Return the recorded items with ``start <= index < stop``.

        Args:
            start: The first index.
            stop: One past the last index.

        Returns:
            The entries by index; an index never recorded is absent.
        """
        ...

    def write(self, entries: Sequence[JournalEntry]) -> None:
        """Record entries, replacing what was recorded for the same indexes, all at once.

        Args:
            entries: The entries; a later one for an index replaces an earlier one.
        """
        ...

    def close(self) -> None:
        """Release the journal's resources."""
        ...
