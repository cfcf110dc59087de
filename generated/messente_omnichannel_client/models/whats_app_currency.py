from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="WhatsAppCurrency")


@_attrs_define
class WhatsAppCurrency:
    """A currency amount in a WhatsApp template."""

    fallback_value: str
    """ Default text if localization fails. """
    code: str
    """ Currency code as defined in ISO 4217. """
    amount_1000: str
    """ The amount multiplied by 1000, as a string of digits. """

    def to_dict(self) -> dict[str, Any]:
        fallback_value = self.fallback_value

        code = self.code

        amount_1000 = self.amount_1000

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fallback_value": fallback_value,
                "code": code,
                "amount_1000": amount_1000,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        fallback_value = d.pop("fallback_value")

        code = d.pop("code")

        amount_1000 = d.pop("amount_1000")

        whats_app_currency = cls(
            fallback_value=fallback_value,
            code=code,
            amount_1000=amount_1000,
        )

        return whats_app_currency
