from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ViberVideo")


@_attrs_define
class ViberVideo:
    """A Viber video."""

    url: str
    """ An absolute HTTP or HTTPS URL. """
    thumbnail: str
    """ An absolute HTTP or HTTPS URL. """
    file_size: int
    """ Size of the video file in bytes; at most 200 MB (200 x 1024 x 1024 bytes). """
    duration: int
    """ Duration of the video in seconds; at most 600. """

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        thumbnail = self.thumbnail

        file_size = self.file_size

        duration = self.duration

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
                "thumbnail": thumbnail,
                "file_size": file_size,
                "duration": duration,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        thumbnail = d.pop("thumbnail")

        file_size = d.pop("file_size")

        duration = d.pop("duration")

        viber_video = cls(
            url=url,
            thumbnail=thumbnail,
            file_size=file_size,
            duration=duration,
        )

        return viber_video
