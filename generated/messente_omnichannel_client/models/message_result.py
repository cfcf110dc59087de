from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel

T = TypeVar("T", bound="MessageResult")


@_attrs_define
class MessageResult:
    """One channel message of an accepted omnimessage."""

    message_id: UUID
    """ Unique identifier of the message. """
    channel: Channel | str
    """ The delivery channel. Channels beyond `Channel` may be added later and are passed through. """
    sender: str
    """ The sender that was used for the message. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message_id = str(self.message_id)

        channel: str
        if isinstance(self.channel, Channel):
            channel = self.channel.value
        else:
            channel = self.channel

        sender = self.sender

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message_id": message_id,
                "channel": channel,
                "sender": sender,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        message_id = UUID(d.pop("message_id"))

        def _parse_channel(data: object) -> Channel | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_channel_type_0 = Channel(data)

                return componentsschemas_open_channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Channel | str, data)

        channel = _parse_channel(d.pop("channel"))

        sender = d.pop("sender")

        message_result = cls(
            message_id=message_id,
            channel=channel,
            sender=sender,
        )

        message_result.additional_properties = d
        return message_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
