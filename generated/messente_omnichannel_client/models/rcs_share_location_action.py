from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RcsShareLocationAction")


@_attrs_define
class RcsShareLocationAction:
    """Asks the recipient to share their location. Has no fields."""

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        rcs_share_location_action = cls()

        return rcs_share_location_action
