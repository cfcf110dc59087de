from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RcsLatLong")


@_attrs_define
class RcsLatLong:
    """A point on the map."""

    latitude: float
    """ Latitude in degrees. """
    longitude: float
    """ Longitude in degrees. """

    def to_dict(self) -> dict[str, Any]:
        latitude = self.latitude

        longitude = self.longitude

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "latitude": latitude,
                "longitude": longitude,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        latitude = d.pop("latitude")

        longitude = d.pop("longitude")

        rcs_lat_long = cls(
            latitude=latitude,
            longitude=longitude,
        )

        return rcs_lat_long
