from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.delivery_result import DeliveryResult


T = TypeVar("T", bound="DeliveryReport")


@_attrs_define
class DeliveryReport:
    """What happened to each channel attempt of an omnimessage."""

    statuses: list[DeliveryResult]
    """ One delivery result per channel attempt, in send order. """
    to: str
    """ The recipient's phone number in E.164 format. """
    omnimessage_id: UUID
    """ Unique identifier of the omnimessage. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        statuses = []
        for statuses_item_data in self.statuses:
            statuses_item = statuses_item_data.to_dict()
            statuses.append(statuses_item)

        to = self.to

        omnimessage_id = str(self.omnimessage_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "statuses": statuses,
                "to": to,
                "omnimessage_id": omnimessage_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.delivery_result import DeliveryResult

        d = dict(src_dict)
        statuses = []
        _statuses = d.pop("statuses")
        for statuses_item_data in _statuses:
            statuses_item = DeliveryResult.from_dict(statuses_item_data)

            statuses.append(statuses_item)

        to = d.pop("to")

        omnimessage_id = UUID(d.pop("omnimessage_id"))

        delivery_report = cls(
            statuses=statuses,
            to=to,
            omnimessage_id=omnimessage_id,
        )

        delivery_report.additional_properties = d
        return delivery_report

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
