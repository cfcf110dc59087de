from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.rcs_media_height import RcsMediaHeight

if TYPE_CHECKING:
    from ..models.rcs_content_info import RcsContentInfo


T = TypeVar("T", bound="RcsMedia")


@_attrs_define
class RcsMedia:
    """Media shown on an RCS rich card."""

    height: RcsMediaHeight
    """ Height of the media on a rich card. """
    content_info: RcsContentInfo
    """ A file sent over RCS. """

    def to_dict(self) -> dict[str, Any]:
        height = self.height.value

        content_info = self.content_info.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "height": height,
                "content_info": content_info,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rcs_content_info import RcsContentInfo

        d = dict(src_dict)
        height = RcsMediaHeight(d.pop("height"))

        content_info = RcsContentInfo.from_dict(d.pop("content_info"))

        rcs_media = cls(
            height=height,
            content_info=content_info,
        )

        return rcs_media
