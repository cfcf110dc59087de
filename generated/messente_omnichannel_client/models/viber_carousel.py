from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.viber_carousel_item import ViberCarouselItem


T = TypeVar("T", bound="ViberCarousel")


@_attrs_define
class ViberCarousel:
    """A Viber carousel of 2 to 5 items; sent together with `text`."""

    items: list[ViberCarouselItem]
    """ The carousel items, 2 to 5. """

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.viber_carousel_item import ViberCarouselItem

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ViberCarouselItem.from_dict(items_item_data)

            items.append(items_item)

        viber_carousel = cls(
            items=items,
        )

        return viber_carousel
