from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RcsContentInfo")


@_attrs_define
class RcsContentInfo:
    """A file sent over RCS."""

    file_url: str
    """ An absolute HTTP or HTTPS URL. """
    force_refresh: bool
    """ Whether the RCS platform must fetch the file again instead of using a cached copy. """
    thumbnail_url: str | Unset = UNSET
    """ An absolute HTTP or HTTPS URL. """

    def to_dict(self) -> dict[str, Any]:
        file_url = self.file_url

        force_refresh = self.force_refresh

        thumbnail_url = self.thumbnail_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file_url": file_url,
                "force_refresh": force_refresh,
            }
        )
        if thumbnail_url is not UNSET:
            field_dict["thumbnail_url"] = thumbnail_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file_url = d.pop("file_url")

        force_refresh = d.pop("force_refresh")

        thumbnail_url = d.pop("thumbnail_url", UNSET)

        rcs_content_info = cls(
            file_url=file_url,
            force_refresh=force_refresh,
            thumbnail_url=thumbnail_url,
        )

        return rcs_content_info
