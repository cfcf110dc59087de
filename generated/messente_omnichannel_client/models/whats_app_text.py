from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WhatsAppText")


@_attrs_define
class WhatsAppText:
    """A WhatsApp text message."""

    body: str
    """ The text of the message. """
    preview_url: bool | Unset = True
    """ Whether a URL in the body is rendered as a link preview. """

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        preview_url = self.preview_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "body": body,
            }
        )
        if preview_url is not UNSET:
            field_dict["preview_url"] = preview_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        body = d.pop("body")

        preview_url = d.pop("preview_url", UNSET)

        whats_app_text = cls(
            body=body,
            preview_url=preview_url,
        )

        return whats_app_text
