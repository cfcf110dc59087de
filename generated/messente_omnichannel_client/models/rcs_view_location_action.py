from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rcs_lat_long import RcsLatLong


T = TypeVar("T", bound="RcsViewLocationAction")


@_attrs_define
class RcsViewLocationAction:
    """Opens a map at a location, given by `lat_long` or `query`."""

    lat_long: RcsLatLong | Unset = UNSET
    """ A point on the map. """
    label: str | Unset = UNSET
    """ Label of the location. """
    query: str | Unset = UNSET
    """ A search query for the location. """

    def to_dict(self) -> dict[str, Any]:
        lat_long: dict[str, Any] | Unset = UNSET
        if not isinstance(self.lat_long, Unset):
            lat_long = self.lat_long.to_dict()

        label = self.label

        query = self.query

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if lat_long is not UNSET:
            field_dict["lat_long"] = lat_long
        if label is not UNSET:
            field_dict["label"] = label
        if query is not UNSET:
            field_dict["query"] = query

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rcs_lat_long import RcsLatLong

        d = dict(src_dict)
        _lat_long = d.pop("lat_long", UNSET)
        lat_long: RcsLatLong | Unset
        if isinstance(_lat_long, Unset):
            lat_long = UNSET
        else:
            lat_long = RcsLatLong.from_dict(_lat_long)

        label = d.pop("label", UNSET)

        query = d.pop("query", UNSET)

        rcs_view_location_action = cls(
            lat_long=lat_long,
            label=label,
            query=query,
        )

        return rcs_view_location_action
