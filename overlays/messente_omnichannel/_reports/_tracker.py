"""Where a fallback chain stands: delivered on which channel, still in progress, or failed.

Delivery reports arrive at least once and in any order, and a status response may be older than
the reports already received. The :class:`Tracker` keeps, per channel attempt, its latest
status by timestamp, so a late or repeated report never moves an attempt backwards.
"""

import enum
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID

from messente_omnichannel._reports._parse import DeliveryUpdate
from messente_omnichannel._results import DeliveryReport, DeliveryResult
from messente_omnichannel._statuses import DELIVERED_STATUSES, FAILED_STATUSES
from messente_omnichannel_client.models import Channel, DeliveryStatus, OmnimessageCreated

_EARLIEST = datetime.min.replace(tzinfo=UTC)


class ChainState(enum.StrEnum):
    """The overall state of an omnimessage's fallback chain."""

    IN_PROGRESS = "in_progress"
    """No channel has delivered, and some channel may still deliver (as far as is known)."""
    DELIVERED = "delivered"
    """A channel delivered the message (``DELIVRD`` or ``SEEN``)."""
    FAILED = "failed"
    """Every channel failed, expired or was rejected."""


def _status(result: DeliveryResult) -> str:
    return "" if result.status is None else str(result.status)


def _failed(result: DeliveryResult) -> bool:
    return _status(result) in FAILED_STATUSES


def _rank(result: DeliveryResult) -> int:
    # Orders statuses with the same timestamp: processing < in flight < outcome < seen.
    status = _status(result)
    if not status:
        return 0
    if status == DeliveryStatus.SEEN:
        return 3
    return 2 if status in DELIVERED_STATUSES | FAILED_STATUSES else 1


def _newer(candidate: DeliveryResult, current: DeliveryResult | None) -> bool:
    if current is None:
        return True
    return (candidate.timestamp or _EARLIEST, _rank(candidate)) > (
        current.timestamp or _EARLIEST,
        _rank(current),
    )


@dataclass(frozen=True, slots=True)
class ChainOutcome:
    """The outcome of one omnimessage's fallback chain, as far as it is known.

    Attributes:
        omnimessage_id: The omnimessage.
        state: Delivered, in progress or failed.
        channel: The channel that delivered, when one did.
        attempts: The latest known status of each channel attempt, in chain order.
        planned: The channels of the chain in order, when known (from :meth:`Tracker.expect`).
        listed: Whether a status response listed the attempts started so far; without it or
            ``planned``, the tracker knows only the attempts that delivery reports named.
    """

    omnimessage_id: UUID
    state: ChainState
    channel: Channel | str | None
    attempts: tuple[DeliveryResult, ...]
    planned: tuple[Channel | str, ...] | None = None
    listed: bool = False

    @property
    def delivered(self) -> bool:
        """Whether a channel delivered the message."""
        return self.state is ChainState.DELIVERED

    @property
    def failed(self) -> bool:
        """Whether every channel failed."""
        return self.state is ChainState.FAILED

    @property
    def in_progress(self) -> bool:
        """Whether the outcome is still open."""
        return self.state is ChainState.IN_PROGRESS

    def describe(self) -> str:
        """Say where the chain stands, in a few words.

        Returns:
            For example ``delivered on viber``, ``in progress (whatsapp UNDELIV, viber ACK)``,
            or, when only delivery reports are known and each attempt they name failed,
            ``not delivered so far (viber UNDELIV); a later channel may still deliver``.
        """
        steps = ", ".join(f"{a.channel} {_status(a) or 'processing'}" for a in self.attempts)
        if self.state is ChainState.DELIVERED:
            return f"delivered on {self.channel}"
        if self.state is ChainState.FAILED:
            return f"failed on every channel ({steps})"
        unknown_chain = self.planned is None and not self.listed
        if unknown_chain and self.attempts and all(_failed(a) for a in self.attempts):
            return f"not delivered so far ({steps}); a later channel may still deliver"
        return f"in progress ({steps or 'nothing reported yet'})"


@dataclass(slots=True)
class _Attempt:
    channel: Channel | str | None
    plan_index: int | None
    arrival: int
    latest: DeliveryResult | None = None
    first_seen: datetime | None = None
    delivered: bool = False

    def fold(self, result: DeliveryResult) -> bool:
        changed = False
        if result.channel is not None and self.channel is None:
            self.channel = result.channel
        if _status(result) in DELIVERED_STATUSES and not self.delivered:
            self.delivered = changed = True
        if result.timestamp is not None and (
            self.first_seen is None or result.timestamp < self.first_seen
        ):
            self.first_seen = result.timestamp
        if _newer(result, self.latest):
            self.latest = result
            changed = True
        return changed

    def order(self) -> tuple[float, datetime, int]:
        planned = float("inf") if self.plan_index is None else float(self.plan_index)
        return planned, self.first_seen or datetime.max.replace(tzinfo=UTC), self.arrival


@dataclass(slots=True)
class _Chain:
    omnimessage_id: UUID
    plan: tuple[Channel | str, ...] | None = None
    listed: bool = False
    attempts: dict[str, _Attempt] = field(default_factory=dict)

    def attempt(self, result: DeliveryResult) -> _Attempt:
        if result.message_id is not None and str(result.message_id) in self.attempts:
            return self.attempts[str(result.message_id)]
        channel_key = f"channel:{result.channel}"
        if result.message_id is None and channel_key in self.attempts:
            return self.attempts[channel_key]
        if result.message_id is None and self.plan is not None:
            # Without a message ID, the planned attempt on the same channel is the best match.
            for attempt in self.attempts.values():
                if attempt.plan_index is not None and attempt.channel == result.channel:
                    return attempt
        key = str(result.message_id) if result.message_id is not None else channel_key
        created = _Attempt(result.channel, None, len(self.attempts))
        self.attempts[key] = created
        return created

    def outcome(self) -> ChainOutcome:
        ordered = sorted(self.attempts.values(), key=_Attempt.order)
        seen = [a.latest for a in ordered if a.latest is not None]
        delivered = next((a for a in ordered if a.delivered), None)
        if delivered is not None:
            return ChainOutcome(
                self.omnimessage_id,
                ChainState.DELIVERED,
                delivered.channel,
                tuple(seen),
                self.plan,
                self.listed,
            )
        # Without a plan, the chain is what has been reported. A status response lists the next
        # attempt as soon as it starts; delivery reports alone cannot say whether another
        # channel follows (its reports may still be on their way), so they never make a chain
        # failed (see Tracker.expect).
        everyone = ordered if self.plan is not None else [a for a in ordered if a.latest]
        failed = (
            (self.plan is not None or self.listed)
            and bool(everyone)
            and all(a.latest is not None and _failed(a.latest) for a in everyone)
        )
        state = ChainState.FAILED if failed else ChainState.IN_PROGRESS
        return ChainOutcome(self.omnimessage_id, state, None, tuple(seen), self.plan, self.listed)


def _uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))


class Tracker:
    """Folds delivery reports and status responses into each fallback chain's outcome.

    Per channel attempt it keeps the latest status by timestamp (a repeated or late report
    changes nothing); overall, a chain is delivered on the first channel that delivered, failed
    when every channel failed, and in progress otherwise. Safe to share between threads.

    Example:
        ``tracker.expect(client.send(message))``, then ``tracker.add(update)`` for each delivery
        report, and ``tracker.outcome(omnimessage_id).describe()``.
    """

    def __init__(self) -> None:
        self._chains: dict[UUID, _Chain] = {}
        self._lock = threading.Lock()

    def _chain(self, omnimessage_id: UUID) -> _Chain:
        chain = self._chains.get(omnimessage_id)
        if chain is None:
            chain = self._chains[omnimessage_id] = _Chain(omnimessage_id)
        return chain

    def expect(self, created: OmnimessageCreated) -> None:
        """Tell the tracker which channels the chain has, in order, from the send's answer.

        Without it (or a status response, see :meth:`add_status`), the tracker knows only the
        attempts that delivery reports named, so it never calls the chain failed: reports of a
        next channel may still be on their way.

        Args:
            created: What :meth:`Omnichannel.send` returned.
        """
        with self._lock:
            chain = self._chain(created.omnimessage_id)
            plan: list[Channel | str] = []
            for index, message in enumerate(created.messages):
                key = str(message.message_id)
                attempt = chain.attempts.get(key)
                if attempt is None:
                    attempt = chain.attempts[key] = _Attempt(
                        message.channel, index, len(chain.attempts)
                    )
                attempt.plan_index = index
                plan.append(message.channel)
            chain.plan = tuple(plan)

    def add(self, update: DeliveryUpdate) -> bool:
        """Fold in one delivery report.

        Args:
            update: A verified report (from :func:`parse_delivery_report`).

        Returns:
            Whether it changed what is known: ``False`` for a duplicate or a report older than
            one already folded in.
        """
        with self._lock:
            chain = self._chain(update.omnimessage_id)
            return chain.attempt(update.result).fold(update.result)

    def add_status(self, report: DeliveryReport) -> bool:
        """Fold in a status response (what :meth:`Omnichannel.status` returned).

        Args:
            report: The status of every attempt made so far.

        Returns:
            Whether it changed what is known.
        """
        with self._lock:
            chain = self._chain(report.omnimessage_id)
            chain.listed = True
            changed = False
            for result in report.statuses:
                changed = chain.attempt(result).fold(result) or changed
            return changed

    def outcome(self, omnimessage_id: UUID | str) -> ChainOutcome:
        """Return where a chain stands.

        Args:
            omnimessage_id: The omnimessage.

        Returns:
            Its outcome; in progress with no attempts when nothing is known of it.
        """
        uuid = _uuid(omnimessage_id)
        with self._lock:
            chain = self._chains.get(uuid)
            return chain.outcome() if chain is not None else _Chain(uuid).outcome()

    def __iter__(self) -> Iterator[UUID]:
        """Iterate over the omnimessages tracked."""
        with self._lock:
            return iter(list(self._chains))

    def __len__(self) -> int:
        """Return how many omnimessages are tracked."""
        with self._lock:
            return len(self._chains)
