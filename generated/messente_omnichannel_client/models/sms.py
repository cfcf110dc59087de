from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

from ..models.autoconvert import Autoconvert
from ..types import UNSET, Unset

T = TypeVar("T", bound="SMS")


@_attrs_define
class SMS:
    """An SMS attempt."""

    channel: Literal["sms"]
    """ The channel used to deliver the message; always `sms` for this kind. """
    text: str
    """ Text content of the SMS. """
    sender: str | Unset = UNSET
    """ Phone number or alphanumeric sender name. """
    validity: int | Unset = UNSET
    """ After how many minutes this channel is considered failed and the next channel is attempted. Only one of
    `ttl` and `validity` can be used. """
    ttl: int | Unset = UNSET
    """ After how many seconds this channel is considered failed and the next channel is attempted. Only one of
    `ttl` and `validity` can be used. """
    autoconvert: Autoconvert | Unset = UNSET
    """ How non-GSM characters are treated: `on` uses the account's API Auto Replace settings (default); `full`
    replaces every non GSM 03.38 character with a suitable alternative; `off` sends the content unmodified. """
    udh: str | Unset = UNSET
    """ Hex-encoded SMS user data header (UDH). """

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        text = self.text

        sender = self.sender

        validity = self.validity

        ttl = self.ttl

        autoconvert: str | Unset = UNSET
        if not isinstance(self.autoconvert, Unset):
            autoconvert = self.autoconvert.value

        udh = self.udh

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "text": text,
            }
        )
        if sender is not UNSET:
            field_dict["sender"] = sender
        if validity is not UNSET:
            field_dict["validity"] = validity
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        if autoconvert is not UNSET:
            field_dict["autoconvert"] = autoconvert
        if udh is not UNSET:
            field_dict["udh"] = udh

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        channel = cast(Literal["sms"], d.pop("channel"))
        if channel != "sms":
            raise ValueError(f"channel must match const 'sms', got '{channel}'")

        text = d.pop("text")

        sender = d.pop("sender", UNSET)

        validity = d.pop("validity", UNSET)

        ttl = d.pop("ttl", UNSET)

        _autoconvert = d.pop("autoconvert", UNSET)
        autoconvert: Autoconvert | Unset
        if isinstance(_autoconvert, Unset):
            autoconvert = UNSET
        else:
            autoconvert = Autoconvert(_autoconvert)

        udh = d.pop("udh", UNSET)

        sms = cls(
            channel=channel,
            text=text,
            sender=sender,
            validity=validity,
            ttl=ttl,
            autoconvert=autoconvert,
            udh=udh,
        )

        return sms
