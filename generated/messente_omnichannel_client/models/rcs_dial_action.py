from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RcsDialAction")


@_attrs_define
class RcsDialAction:
    """Opens the dialer with a phone number."""

    phone_number: str
    """ Phone number in E.164 format, with the leading `+`. """

    def to_dict(self) -> dict[str, Any]:
        phone_number = self.phone_number

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "phone_number": phone_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        phone_number = d.pop("phone_number")

        rcs_dial_action = cls(
            phone_number=phone_number,
        )

        return rcs_dial_action
