from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WhatsAppSticker")


@_attrs_define
class WhatsAppSticker:
    """A WhatsApp sticker. Exactly one of `id` and `link` is required."""

    id: str | Unset = UNSET
    """ The media object ID. """
    link: str | Unset = UNSET
    """ An absolute HTTP or HTTPS URL. """
    mime_type: str | Unset = UNSET
    """ MIME type of the sticker. """
    animated: bool | Unset = UNSET
    """ Whether the sticker is animated. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        link = self.link

        mime_type = self.mime_type

        animated = self.animated

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if link is not UNSET:
            field_dict["link"] = link
        if mime_type is not UNSET:
            field_dict["mime_type"] = mime_type
        if animated is not UNSET:
            field_dict["animated"] = animated

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        link = d.pop("link", UNSET)

        mime_type = d.pop("mime_type", UNSET)

        animated = d.pop("animated", UNSET)

        whats_app_sticker = cls(
            id=id,
            link=link,
            mime_type=mime_type,
            animated=animated,
        )

        return whats_app_sticker
