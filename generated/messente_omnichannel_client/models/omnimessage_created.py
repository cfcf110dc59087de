from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.message_result import MessageResult


T = TypeVar("T", bound="OmnimessageCreated")


@_attrs_define
class OmnimessageCreated:
    """The accepted omnimessage, with one message per channel in the chain."""

    messages: list[MessageResult]
    """ The messages that make up the omnimessage, in attempt order. """
    to: str
    """ The recipient's phone number in E.164 format. """
    omnimessage_id: UUID
    """ Unique identifier of the omnimessage. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        to = self.to

        omnimessage_id = str(self.omnimessage_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "messages": messages,
                "to": to,
                "omnimessage_id": omnimessage_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.message_result import MessageResult

        d = dict(src_dict)
        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = MessageResult.from_dict(messages_item_data)

            messages.append(messages_item)

        to = d.pop("to")

        omnimessage_id = UUID(d.pop("omnimessage_id"))

        omnimessage_created = cls(
            messages=messages,
            to=to,
            omnimessage_id=omnimessage_id,
        )

        omnimessage_created.additional_properties = d
        return omnimessage_created

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
