"""Which delivery statuses end a channel attempt, and how: the one definition of each."""

from messente_omnichannel_client.models import DeliveryStatus

DELIVERED_STATUSES: frozenset[DeliveryStatus] = frozenset(
    {DeliveryStatus.DELIVRD, DeliveryStatus.SEEN}
)
"""Statuses that mean the recipient got the message."""

FAILED_STATUSES: frozenset[DeliveryStatus] = frozenset(
    {
        DeliveryStatus.UNDELIV,
        DeliveryStatus.FAILED,
        DeliveryStatus.EXPIRED,
        DeliveryStatus.REJECTD,
        DeliveryStatus.DELETED,
        DeliveryStatus.NACK,
    }
)
"""Statuses after which the attempt will not deliver (the next channel is tried)."""
