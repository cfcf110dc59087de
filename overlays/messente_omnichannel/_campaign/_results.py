"""What a campaign reports: one :class:`ItemResult` per input, and a :class:`CampaignSummary`."""

import enum
from collections import Counter
from dataclasses import dataclass, field
from uuid import UUID

from messente_omnichannel._errors import MessenteError
from messente_omnichannel_client.models import OmnimessageCreated


class ItemStatus(enum.Enum):
    """How one omnimessage of a campaign ended."""

    SENT = "sent"
    """Accepted by the API in this run; ``created`` holds its ids."""
    ALREADY_SENT = "already_sent"
    """Accepted in an earlier run of the campaign, as its journal records; not sent again."""
    INVALID = "invalid"
    """Refused by the client's checks (:class:`InvalidMessageError`); nothing was sent."""
    FAILED = "failed"
    """Not accepted: the API refused it, or it provably never reached the API. Safe to send
    again: running the campaign again with its journal does."""
    UNKNOWN = "unknown"
    """It may or may not have been accepted (:class:`SendOutcomeUnknownError`). Never sent
    again unless the caller asks (``resend_unknown=True``)."""
    NOT_SENT = "not_sent"
    """The run stopped before sending it."""


@dataclass(frozen=True, slots=True)
class ItemResult:
    """How one input of :meth:`Omnichannel.send_many` ended.

    Attributes:
        index: The position of the input in the source, from 0.
        status: How it ended.
        created: The accepted omnimessage with its ids (``SENT`` and ``ALREADY_SENT``).
        error: Why it was not sent, or why its outcome is unknown (every other status but
            ``NOT_SENT``): an :class:`InvalidMessageError`, an :class:`ApiError`, an
            :class:`ApiConnectionError` or a :class:`SendOutcomeUnknownError`.
    """

    index: int
    status: ItemStatus
    created: OmnimessageCreated | None = None
    error: MessenteError | None = None

    @property
    def omnimessage_id(self) -> UUID | None:
        """The id of the accepted omnimessage, if it was accepted."""
        return self.created.omnimessage_id if self.created is not None else None

    @property
    def ok(self) -> bool:
        """Whether it is accepted, in this run or an earlier one."""
        return self.status in (ItemStatus.SENT, ItemStatus.ALREADY_SENT)


@dataclass(slots=True)
class CampaignSummary:
    """The tally of a campaign, kept up to date while it runs.

    Attributes:
        counts: Items per status.
        unknown: The indexes of the items whose outcome is unknown, in the order they ended.
        not_sent: The indexes of the items taken from the source but not sent when the run
            stopped early.
        stopped: Whether the run stopped before the end of its source (cancelled, interrupted,
            or an error in the caller's loop).
    """

    counts: Counter[ItemStatus] = field(default_factory=Counter)
    unknown: list[int] = field(default_factory=list)
    not_sent: list[int] = field(default_factory=list)
    stopped: bool = False

    def add(self, result: ItemResult) -> None:
        """Count one item's result.

        Args:
            result: The result.
        """
        self.counts[result.status] += 1
        if result.status is ItemStatus.UNKNOWN:
            self.unknown.append(result.index)
        elif result.status is ItemStatus.NOT_SENT:
            self.not_sent.append(result.index)

    @property
    def total(self) -> int:
        """Items taken from the source so far."""
        return sum(self.counts.values())

    @property
    def accepted(self) -> int:
        """Items accepted by the API, in this run or an earlier one."""
        return self.counts[ItemStatus.SENT] + self.counts[ItemStatus.ALREADY_SENT]

    @property
    def complete(self) -> bool:
        """Whether the whole source was read and every item is accepted."""
        return not self.stopped and self.accepted == self.total

    def __str__(self) -> str:
        """Describe the tally in one line, for example ``"10 items: 9 sent, 1 failed"``."""
        parts = ", ".join(
            f"{self.counts[status]} {status.value.replace('_', ' ')}"
            for status in ItemStatus
            if self.counts[status]
        )
        stopped = " (stopped early)" if self.stopped else ""
        total = self.total
        return f"{total} item{'s' if total != 1 else ''}: {parts or 'nothing sent'}{stopped}"
