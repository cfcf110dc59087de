"""The SMS message."""

from typing import Literal

from messente_omnichannel._builders._base import ChannelMessage
from messente_omnichannel._sms_parts import SmsParts, sms_parts
from messente_omnichannel_client.models import Autoconvert


class SMS(ChannelMessage):
    """An SMS attempt, for example ``SMS("Your code is 1234", sender="MyBrand")``."""

    channel = "sms"
    __slots__ = ()

    def __init__(
        self,
        text: str,
        *,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
        autoconvert: Autoconvert | Literal["on", "full", "off"] | None = None,
        udh: str | None = None,
    ) -> None:
        """Build an SMS.

        Args:
            text: The text of the SMS.
            sender: Phone number or alphanumeric sender name.
            validity: Minutes before the SMS counts as failed (only one of this and ``ttl``).
            ttl: Seconds before the SMS counts as failed (only one of this and ``validity``).
            autoconvert: ``on`` (account settings, the default), ``full`` (replace every
                non-GSM character) or ``off`` (send as is).
            udh: Hex-encoded user data header.
        """
        super().__init__(
            sender=sender,
            validity=validity,
            ttl=ttl,
            text=text,
            autoconvert=None if autoconvert is None else str(autoconvert),
            udh=udh,
        )

    @property
    def parts(self) -> SmsParts:
        """The encoding and SMS parts of this text, with its ``udh`` and ``autoconvert``.

        Returns:
            What :func:`sms_parts` says of it.

        Raises:
            ValueError: ``udh`` is not hex octets or leaves no room for text.
        """
        return sms_parts(
            self._fields["text"],
            udh=self._fields.get("udh"),
            autoconvert=self._fields.get("autoconvert"),
        )
