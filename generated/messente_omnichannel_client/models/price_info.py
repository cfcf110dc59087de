from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PriceInfo")


@_attrs_define
class PriceInfo:
    """The price of a message."""

    part_price: str | Unset = UNSET
    """ Price of one message part, as a decimal string. """
    parts_count: int | Unset = UNSET
    """ Number of parts the message was split into. """
    total_price: str | Unset = UNSET
    """ Total price of the message, as a decimal string. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        part_price = self.part_price

        parts_count = self.parts_count

        total_price = self.total_price

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if part_price is not UNSET:
            field_dict["part_price"] = part_price
        if parts_count is not UNSET:
            field_dict["parts_count"] = parts_count
        if total_price is not UNSET:
            field_dict["total_price"] = total_price

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        part_price = d.pop("part_price", UNSET)

        parts_count = d.pop("parts_count", UNSET)

        total_price = d.pop("total_price", UNSET)

        price_info = cls(
            part_price=part_price,
            parts_count=parts_count,
            total_price=total_price,
        )

        price_info.additional_properties = d
        return price_info

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
