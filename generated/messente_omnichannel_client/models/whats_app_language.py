from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WhatsAppLanguage")


@_attrs_define
class WhatsAppLanguage:
    """The language of a WhatsApp template."""

    code: str
    """ Language code. """
    policy: str | Unset = UNSET
    """ Language policy. """

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        policy = self.policy

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
            }
        )
        if policy is not UNSET:
            field_dict["policy"] = policy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        policy = d.pop("policy", UNSET)

        whats_app_language = cls(
            code=code,
            policy=policy,
        )

        return whats_app_language
