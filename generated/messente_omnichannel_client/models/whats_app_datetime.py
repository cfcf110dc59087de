from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="WhatsAppDatetime")


@_attrs_define
class WhatsAppDatetime:
    """A date and time in a WhatsApp template."""

    fallback_value: str
    """ Default text. """

    def to_dict(self) -> dict[str, Any]:
        fallback_value = self.fallback_value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fallback_value": fallback_value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        fallback_value = d.pop("fallback_value")

        whats_app_datetime = cls(
            fallback_value=fallback_value,
        )

        return whats_app_datetime
