from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ViberCarouselButton")


@_attrs_define
class ViberCarouselButton:
    """A button of a Viber carousel item."""

    label: str
    """ Button label. """
    action_url: str
    """ An absolute HTTP or HTTPS URL. """

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        action_url = self.action_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
                "action_url": action_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        label = d.pop("label")

        action_url = d.pop("action_url")

        viber_carousel_button = cls(
            label=label,
            action_url=action_url,
        )

        return viber_carousel_button
