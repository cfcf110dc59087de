from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.error_response import ErrorResponse
    from ..models.omnimessage_created import OmnimessageCreated


T = TypeVar("T", bound="BulkOmnimessageCreated")


@_attrs_define
class BulkOmnimessageCreated:
    """One result per omnimessage of a bulk request, in request order."""

    messages: list[ErrorResponse | OmnimessageCreated]
    """ For each omnimessage, either the accepted omnimessage or its errors. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.omnimessage_created import OmnimessageCreated

        messages = []
        for messages_item_data in self.messages:
            messages_item: dict[str, Any]
            if isinstance(messages_item_data, OmnimessageCreated):
                messages_item = messages_item_data.to_dict()
            else:
                messages_item = messages_item_data.to_dict()

            messages.append(messages_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "messages": messages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_response import ErrorResponse
        from ..models.omnimessage_created import OmnimessageCreated

        d = dict(src_dict)
        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:

            def _parse_messages_item(
                data: object,
            ) -> ErrorResponse | OmnimessageCreated:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_bulk_omnimessage_result_type_0 = (
                        OmnimessageCreated.from_dict(data)
                    )

                    return componentsschemas_bulk_omnimessage_result_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_bulk_omnimessage_result_type_1 = (
                    ErrorResponse.from_dict(data)
                )

                return componentsschemas_bulk_omnimessage_result_type_1

            messages_item = _parse_messages_item(messages_item_data)

            messages.append(messages_item)

        bulk_omnimessage_created = cls(
            messages=messages,
        )

        bulk_omnimessage_created.additional_properties = d
        return bulk_omnimessage_created

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
