"""What every channel message shares: sender, validity, ttl, and its wire form."""

import copy
from datetime import UTC, datetime
from typing import Any, ClassVar


def compact(**fields: Any) -> dict[str, Any]:
    """Return the fields that were given (not ``None``), as the API spells them.

    Args:
        **fields: Field names and values; ``None`` means "not given".

    Returns:
        A dict without the ``None`` values.
    """
    return {name: value for name, value in fields.items() if value is not None}


def rfc3339(value: datetime | str) -> str:
    """Format a time as RFC 3339 with an offset.

    Args:
        value: An aware datetime, a naive one (read as UTC, as Messente does), or a string
            passed through unchanged (validation checks it).

    Returns:
        The time as RFC 3339, for example ``2030-06-22T09:05:07+00:00``.
    """
    if isinstance(value, str):
        return value
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


class ChannelMessage:
    """One channel attempt of an omnimessage, held in the API's JSON form.

    Subclasses build the fields in ``__init__`` and in factory class methods; the object is
    immutable once built.
    """

    channel: ClassVar[str]
    __slots__ = ("_fields",)
    _fields: dict[str, Any]

    def __init__(
        self,
        *,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
        **content: Any,
    ) -> None:
        """Store the fields.

        Args:
            sender: Phone number or alphanumeric sender name registered for the channel.
            validity: Minutes before this channel counts as failed and the next one is tried.
            ttl: Seconds before this channel counts as failed; only one of ``ttl`` and
                ``validity``.
            **content: The channel's content fields, already in JSON form.
        """
        fields = {"channel": self.channel}
        fields.update(compact(sender=sender, **content, validity=validity, ttl=ttl))
        object.__setattr__(self, "_fields", fields)

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse changes: a built message is immutable."""
        raise AttributeError(f"{type(self).__name__} is immutable")

    def to_dict(self) -> dict[str, Any]:
        """Return the message as the API's JSON.

        Returns:
            A new dict (changing it does not change the message).
        """
        return copy.deepcopy(self._fields)

    def _json(self) -> dict[str, Any]:
        """Return the message's own fields, not a copy: for encoding only, never to change."""
        return self._fields

    def __eq__(self, other: object) -> bool:
        """Compare by channel and fields."""
        if not isinstance(other, ChannelMessage):
            return NotImplemented
        return type(self) is type(other) and self._fields == other._fields

    def __hash__(self) -> int:
        """Hash by identity of content (messages are immutable)."""
        return hash((type(self), repr(self._fields)))

    def __repr__(self) -> str:
        """Return ``Kind(field=value, ...)`` without the channel."""
        args = ", ".join(f"{k}={v!r}" for k, v in self._fields.items() if k != "channel")
        return f"{type(self).__name__}({args})"
