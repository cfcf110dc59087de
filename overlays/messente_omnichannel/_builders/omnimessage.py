"""The omnimessage: one recipient, an ordered fallback chain of channel messages."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from messente_omnichannel._builders._base import ChannelMessage, compact, rfc3339
from messente_omnichannel._builders.rcs import RCS
from messente_omnichannel._builders.sms import SMS
from messente_omnichannel._builders.viber import Viber
from messente_omnichannel._builders.whatsapp import WhatsApp
from messente_omnichannel._numbers import check_number
from messente_omnichannel_client.models import Priority, TextStore

Message = SMS | Viber | WhatsApp | RCS
"""One channel attempt of an omnimessage."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Omnimessage:
    """One message to one recipient, tried over ``messages`` in list order.

    Example:
        ``Omnimessage(to="+37251234567", messages=[WhatsApp.template(...), Viber(text=...),
        SMS("...", sender="MyBrand")])``

    Attributes:
        to: The recipient's phone number, E.164 with the leading ``+``; with ``region``, any
            way of writing it, normalized to E.164 when the omnimessage is built.
        messages: The channels to try, in order; the next is tried when one fails or expires.
            A plain mapping is taken as the API's JSON for that message.
        dlr_url: URL that receives delivery reports.
        text_store: ``plaintext``, ``sha256`` or ``nostore``.
        time_to_send: When to send; a naive datetime is read as UTC. Until then it can be
            cancelled.
        priority: ``low``, ``regular`` or ``high``.
        region: Check ``to`` by libphonenumber's rules and read a national number in this
            country (two-letter code, for example ``"EE"``). A number that cannot receive the
            chain (too short or long for its country, unknown country code, a fixed line when
            every channel needs a mobile) raises :class:`InvalidNumberError` here. Needs the
            ``phonenumbers`` extra for national numbers; without it an international number
            is only checked against E.164. Not sent: the API takes E.164 only.

    Raises:
        InvalidNumberError: With ``region``, ``to`` cannot be a recipient of the chain.
    """

    to: str
    messages: Sequence[Message | Mapping[str, Any]] = field(default_factory=tuple)
    dlr_url: str | None = None
    text_store: TextStore | Literal["nostore", "plaintext", "sha256"] | None = None
    time_to_send: datetime | str | None = None
    priority: Priority | Literal["low", "regular", "high"] | None = None
    region: str | None = None

    def __post_init__(self) -> None:
        """Normalize ``to`` when a region is given."""
        if self.region is not None:
            channels = [
                m.channel if isinstance(m, ChannelMessage) else m.get("channel")
                for m in self.messages
            ]
            number = check_number(self.to, self.region, channels, path="to")
            object.__setattr__(self, "to", number)  # frozen: set once, while it is built

    def to_dict(self) -> dict[str, Any]:
        """Return the omnimessage as the API's JSON; ``time_to_send`` as RFC 3339 with offset.

        Returns:
            A new dict.
        """
        return self._json(copy=True)

    def _json(self, *, copy: bool = False) -> dict[str, Any]:
        """Return the API's JSON; without ``copy``, sharing the messages' fields (to encode)."""
        return compact(
            to=self.to,
            messages=[
                (m.to_dict() if copy else m._json()) if isinstance(m, ChannelMessage) else dict(m)
                for m in self.messages
            ],
            dlr_url=self.dlr_url,
            text_store=None if self.text_store is None else str(self.text_store),
            time_to_send=None if self.time_to_send is None else rfc3339(self.time_to_send),
            priority=None if self.priority is None else str(self.priority),
        )
