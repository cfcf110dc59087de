from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.omnimessage import Omnimessage


T = TypeVar("T", bound="BulkOmnimessage")


@_attrs_define
class BulkOmnimessage:
    """Several omnimessages sent in one request."""

    messages: list[Omnimessage]
    """ The omnimessages to send, each as `sendOmnimessage` takes it. """

    def to_dict(self) -> dict[str, Any]:
        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "messages": messages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.omnimessage import Omnimessage

        d = dict(src_dict)
        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = Omnimessage.from_dict(messages_item_data)

            messages.append(messages_item)

        bulk_omnimessage = cls(
            messages=messages,
        )

        return bulk_omnimessage
