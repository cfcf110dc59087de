from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WhatsAppImage")


@_attrs_define
class WhatsAppImage:
    """A WhatsApp image. Exactly one of `id` and `link` is required."""

    id: str | Unset = UNSET
    """ The media object ID. """
    link: str | Unset = UNSET
    """ An absolute HTTP or HTTPS URL. """
    caption: str | Unset = UNSET
    """ Image caption. """
    mime_type: str | Unset = UNSET
    """ MIME type of the image. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        link = self.link

        caption = self.caption

        mime_type = self.mime_type

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if link is not UNSET:
            field_dict["link"] = link
        if caption is not UNSET:
            field_dict["caption"] = caption
        if mime_type is not UNSET:
            field_dict["mime_type"] = mime_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        link = d.pop("link", UNSET)

        caption = d.pop("caption", UNSET)

        mime_type = d.pop("mime_type", UNSET)

        whats_app_image = cls(
            id=id,
            link=link,
            caption=caption,
            mime_type=mime_type,
        )

        return whats_app_image
