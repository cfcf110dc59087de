"""Magic recipient numbers, and how a fallback chain plays out for each.

Like test card numbers, the last three digits of ``to`` choose what happens:

=========  ================================================================================
Ending     What happens
=========  ================================================================================
``...001`` The first channel fails (``UNDELIV``, err 1); the next one is delivered.
``...002`` Every channel fails (``FAILED``, err 9 "Unroutable").
``...003`` Every channel expires (``EXPIRED``, err 2) when its ``ttl``/``validity`` runs out.
``...004`` The first channel is delivered, then seen (``SEEN``, err 10; WhatsApp and Viber).
``...005`` Every channel is rejected (``REJECTD``, err 3 "Invalid number").
other      The first channel is delivered (``DELIVRD``, err 0).
=========  ================================================================================

Each attempt starts in processing (every status field null), is accepted one second later
(``ACCEPTD`` for SMS, ``ACK`` for the other channels), and reaches its outcome three seconds after
it started (seen after ten). An attempt whose ``ttl``/``validity`` runs out first expires then
instead, and the next channel takes its place (so "delivered on the first channel" means the
first one that does not expire). The next channel starts when the previous one fails or expires.
"""

import enum
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from messente_omnichannel._sms_parts import sms_parts
from messente_omnichannel._statuses import DELIVERED_STATUSES
from messente_omnichannel_client.models import Channel, DeliveryErrorCode, DeliveryStatus

ACCEPT_AFTER = 1.0
"""Seconds from the start of an attempt to its ``ACCEPTD``/``ACK``."""
OUTCOME_AFTER = 3.0
"""Seconds from the start of an attempt to its delivery or failure."""
SEEN_AFTER = 10.0
"""Seconds from the start of an attempt to ``SEEN``, in the seen scenario."""
DEFAULT_EXPIRY = 300.0
"""Seconds after which an attempt without ``ttl`` or ``validity`` expires, in the sandbox."""
DEFAULT_SENDER = "Messente"
"""The sender used when a message names none."""

_CENTURY = 100 * 365.25 * 86400
_PART_PRICES: dict[str, str] = {
    Channel.SMS: "0.0420",
    Channel.VIBER: "0.0250",
    Channel.WHATSAPP: "0.0380",
    Channel.RCS: "0.0300",
}
_SEEN_CHANNELS = frozenset({Channel.WHATSAPP, Channel.VIBER})
# The status, error code and error text of each outcome other than delivery.
_REJECTED = (DeliveryStatus.REJECTD, DeliveryErrorCode.INVALID_NUMBER, "Invalid number")
_EXPIRED = (DeliveryStatus.EXPIRED, DeliveryErrorCode.MESSAGE_EXPIRED, "Sending message expired")
_FAILED = (DeliveryStatus.FAILED, DeliveryErrorCode.UNROUTABLE, "Unroutable")
_UNDELIVERED = (DeliveryStatus.UNDELIV, DeliveryErrorCode.DELIVERY_FAILURE, "Delivery failure")
_SEEN = (DeliveryStatus.SEEN, DeliveryErrorCode.SEEN, "Seen")


class Scenario(enum.Enum):
    """What happens to an omnimessage, chosen by the ending of its recipient number."""

    DELIVERED = "delivered on the first channel"
    FALLBACK = "first channel fails, second delivered"
    ALL_FAIL = "every channel fails"
    EXPIRES = "every channel expires"
    SEEN = "delivered on the first channel, then seen"
    REJECTED = "every channel rejected"


MAGIC_ENDINGS: dict[str, Scenario] = {
    "001": Scenario.FALLBACK,
    "002": Scenario.ALL_FAIL,
    "003": Scenario.EXPIRES,
    "004": Scenario.SEEN,
    "005": Scenario.REJECTED,
}
"""Recipient endings with a scenario other than :attr:`Scenario.DELIVERED`."""


def scenario_for(to: str) -> Scenario:
    """Return the scenario of a recipient number.

    Args:
        to: The recipient, in E.164 format.

    Returns:
        The scenario chosen by its last three digits.
    """
    return MAGIC_ENDINGS.get(to[-3:], Scenario.DELIVERED)


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """One status change of a channel attempt.

    Attributes:
        at: When the status was reached, in sandbox time.
        status: The delivery status, for example ``DELIVRD``.
        err: The machine-readable error code.
        error: The human-readable error, ``None`` on success.
        price_info: The price, known once the message is delivered.
    """

    at: datetime
    status: DeliveryStatus
    err: DeliveryErrorCode
    error: str | None
    price_info: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Attempt:
    """One channel attempt of an omnimessage, with its whole future.

    Attributes:
        message_id: The id of the channel message.
        channel: The channel, for example ``sms``.
        sender: The sender used.
        start: When the attempt starts, in sandbox time.
        events: Its status changes, in time order.
    """

    message_id: uuid.UUID
    channel: str
    sender: str
    start: datetime
    events: tuple[StatusEvent, ...] = field(default=())

    @property
    def end(self) -> datetime:
        """When the attempt reached its last status."""
        return self.events[-1].at if self.events else self.start

    def result(self, now: datetime) -> dict[str, Any]:
        """Return the spec's ``DeliveryResult`` of this attempt at ``now``.

        Args:
            now: The sandbox time; at or after :attr:`start`.

        Returns:
            The delivery result; every status field is null while the attempt is processing.
        """
        current: StatusEvent | None = None
        for event in self.events:
            if event.at > now:
                break
            current = event
        return self.report(current)

    def report(self, event: StatusEvent | None) -> dict[str, Any]:
        """Return the spec's ``DeliveryResult`` of this attempt in one of its states.

        Args:
            event: The status reached, or ``None`` for processing.

        Returns:
            The delivery result.
        """
        return {
            "channel": self.channel,
            "message_id": str(self.message_id),
            "sender": self.sender,
            "status": event.status.value if event else None,
            "err": event.err.value if event else None,
            "error": event.error if event else None,
            # Messente's own form: UTC with microseconds and no offset (read as UTC).
            "timestamp": (
                event.at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
                if event
                else None
            ),
            "price_info": event.price_info if event else None,
        }


END_OF_TIME = datetime.max.replace(tzinfo=UTC)
"""The latest moment Python represents: a status due after it is due then, that is never."""


def later(moment: datetime, seconds: float) -> datetime:
    """Return ``seconds`` after ``moment``, or :data:`END_OF_TIME` past year 9999.

    A chain of long ``ttl``s (the schema sets no maximum) may run past what ``datetime`` holds.

    Args:
        moment: The start.
        seconds: How long after, 0 or more.

    Returns:
        The moment.
    """
    try:
        return moment + timedelta(seconds=seconds)
    except OverflowError:
        return END_OF_TIME


def _parts(channel: str, message: dict[str, Any]) -> int:
    text = message.get("text")
    if channel != Channel.SMS or not isinstance(text, str):
        return 1
    try:
        counted = sms_parts(text, udh=message.get("udh"), autoconvert=message.get("autoconvert"))
    except ValueError:
        # The spec lets a udh be too long to leave room for text; what Messente bills for one
        # is not documented, so the sandbox bills one part.
        return 1
    return counted.parts


def _price(channel: str, message: dict[str, Any]) -> dict[str, Any]:
    part = Decimal(_PART_PRICES.get(channel, "0.0300"))
    parts = _parts(channel, message)
    return {"part_price": str(part), "parts_count": parts, "total_price": str(part * parts)}


def _expiry(message: dict[str, Any]) -> float:
    # Validated already: JSON Schema's integer admits 5.0 as well as 5.
    seconds = DEFAULT_EXPIRY
    if message.get("ttl") is not None:
        seconds = float(message["ttl"])
    elif message.get("validity") is not None:
        seconds = float(message["validity"]) * 60
    # The schema sets no maximum; a century keeps the dates representable.
    return min(seconds, _CENTURY)


def _events(
    scenario: Scenario, index: int, message: dict[str, Any], start: datetime
) -> tuple[StatusEvent, ...]:
    channel = message["channel"]
    expiry = _expiry(message)

    def at(
        seconds: float,
        status: DeliveryStatus,
        err: DeliveryErrorCode = DeliveryErrorCode.NO_ERROR,
        error: str | None = None,
        price_info: dict[str, Any] | None = None,
    ) -> StatusEvent:
        return StatusEvent(later(start, seconds), status, err, error, price_info)

    if scenario is Scenario.REJECTED:
        return (at(ACCEPT_AFTER, *_REJECTED),)
    first = DeliveryStatus.ACCEPTD if channel == Channel.SMS else DeliveryStatus.ACK
    events = [at(ACCEPT_AFTER, first)] if expiry > ACCEPT_AFTER else []
    # A chain stops at its first delivery, so "delivers" means the first attempt that does not
    # expire first.
    delivered = scenario in (Scenario.DELIVERED, Scenario.SEEN) or (
        scenario is Scenario.FALLBACK and index > 0
    )
    if scenario is Scenario.EXPIRES or expiry <= OUTCOME_AFTER:
        events.append(at(expiry, *_EXPIRED))
    elif delivered:
        price = _price(channel, message)
        events.append(at(OUTCOME_AFTER, DeliveryStatus.DELIVRD, price_info=price))
        if scenario is Scenario.SEEN and channel in _SEEN_CHANNELS:
            events.append(at(SEEN_AFTER, *_SEEN, price_info=price))
    elif scenario is Scenario.ALL_FAIL:
        events.append(at(OUTCOME_AFTER, *_FAILED))
    else:
        events.append(at(OUTCOME_AFTER, *_UNDELIVERED))
    return tuple(events)


def _succeeded(attempt: Attempt) -> bool:
    return any(event.status in DELIVERED_STATUSES for event in attempt.events)


def plan(
    scenario: Scenario, messages: list[dict[str, Any]], start: datetime, ids: list[uuid.UUID]
) -> tuple[Attempt, ...]:
    """Play a fallback chain out in advance.

    Args:
        scenario: What happens, from :func:`scenario_for`.
        messages: The validated channel messages, in order.
        start: When the first attempt starts (now, or ``time_to_send``).
        ids: One message id per message.

    Returns:
        The attempts that will be made, each with all its status changes; a channel after a
        delivered one is never attempted.
    """
    attempts: list[Attempt] = []
    at = start
    for index, (message, message_id) in enumerate(zip(messages, ids, strict=True)):
        attempt = Attempt(
            message_id=message_id,
            channel=message["channel"],
            sender=message.get("sender", DEFAULT_SENDER),
            start=at,
            events=_events(scenario, index, message, at),
        )
        attempts.append(attempt)
        if _succeeded(attempt):
            break
        at = attempt.end
    return tuple(attempts)
