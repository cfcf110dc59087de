from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WhatsAppDocument")


@_attrs_define
class WhatsAppDocument:
    """A WhatsApp document. Exactly one of `id` and `link` is required. Note `file_name` here and `filename` in template
    media, as in Messente's API.

    """

    id: str | Unset = UNSET
    """ The media object ID. """
    link: str | Unset = UNSET
    """ An absolute HTTP or HTTPS URL. """
    caption: str | Unset = UNSET
    """ Document caption. """
    mime_type: str | Unset = UNSET
    """ MIME type of the document. """
    file_name: str | Unset = UNSET
    """ File name shown to the recipient. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        link = self.link

        caption = self.caption

        mime_type = self.mime_type

        file_name = self.file_name

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
        if file_name is not UNSET:
            field_dict["file_name"] = file_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        link = d.pop("link", UNSET)

        caption = d.pop("caption", UNSET)

        mime_type = d.pop("mime_type", UNSET)

        file_name = d.pop("file_name", UNSET)

        whats_app_document = cls(
            id=id,
            link=link,
            caption=caption,
            mime_type=mime_type,
            file_name=file_name,
        )

        return whats_app_document
