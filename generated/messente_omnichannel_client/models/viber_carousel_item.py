from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.viber_carousel_button import ViberCarouselButton


T = TypeVar("T", bound="ViberCarouselItem")


@_attrs_define
class ViberCarouselItem:
    """One item of a Viber carousel."""

    title: str
    """ Item title, 2 to 38 characters. """
    image_url: str
    """ An absolute HTTP or HTTPS URL. """
    primary_button: ViberCarouselButton
    """ A button of a Viber carousel item. """
    secondary_button: ViberCarouselButton | Unset = UNSET
    """ A button of a Viber carousel item. """

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        image_url = self.image_url

        primary_button = self.primary_button.to_dict()

        secondary_button: dict[str, Any] | Unset = UNSET
        if not isinstance(self.secondary_button, Unset):
            secondary_button = self.secondary_button.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "image_url": image_url,
                "primary_button": primary_button,
            }
        )
        if secondary_button is not UNSET:
            field_dict["secondary_button"] = secondary_button

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.viber_carousel_button import ViberCarouselButton

        d = dict(src_dict)
        title = d.pop("title")

        image_url = d.pop("image_url")

        primary_button = ViberCarouselButton.from_dict(d.pop("primary_button"))

        _secondary_button = d.pop("secondary_button", UNSET)
        secondary_button: ViberCarouselButton | Unset
        if isinstance(_secondary_button, Unset):
            secondary_button = UNSET
        else:
            secondary_button = ViberCarouselButton.from_dict(_secondary_button)

        viber_carousel_item = cls(
            title=title,
            image_url=image_url,
            primary_button=primary_button,
            secondary_button=secondary_button,
        )

        return viber_carousel_item
