from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WhatsAppMedia")


@_attrs_define
class WhatsAppMedia:
    """Media used as a WhatsApp template parameter. Exactly one of `id` and `link` is required."""

    id: str | Unset = UNSET
    """ The media object ID. """
    link: str | Unset = UNSET
    """ An absolute HTTP or HTTPS URL. """
    caption: str | Unset = UNSET
    """ Media caption; not for audio or sticker media. """
    filename: str | Unset = UNSET
    """ File name of a document; only for document media. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        link = self.link

        caption = self.caption

        filename = self.filename

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if link is not UNSET:
            field_dict["link"] = link
        if caption is not UNSET:
            field_dict["caption"] = caption
        if filename is not UNSET:
            field_dict["filename"] = filename

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        link = d.pop("link", UNSET)

        caption = d.pop("caption", UNSET)

        filename = d.pop("filename", UNSET)

        whats_app_media = cls(
            id=id,
            link=link,
            caption=caption,
            filename=filename,
        )

        return whats_app_media
