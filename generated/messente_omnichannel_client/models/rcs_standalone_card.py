from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.rcs_card_orientation import RcsCardOrientation
from ..models.rcs_thumbnail_image_alignment import RcsThumbnailImageAlignment

if TYPE_CHECKING:
    from ..models.rcs_card_content import RcsCardContent


T = TypeVar("T", bound="RcsStandaloneCard")


@_attrs_define
class RcsStandaloneCard:
    """A single RCS rich card."""

    card_orientation: RcsCardOrientation
    """ Orientation of a standalone card. """
    thumbnail_image_alignment: RcsThumbnailImageAlignment
    """ Side of a horizontal card on which the image is shown. """
    card_content: RcsCardContent
    """ The content of an RCS rich card; at least one of its fields. """

    def to_dict(self) -> dict[str, Any]:
        card_orientation = self.card_orientation.value

        thumbnail_image_alignment = self.thumbnail_image_alignment.value

        card_content = self.card_content.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "card_orientation": card_orientation,
                "thumbnail_image_alignment": thumbnail_image_alignment,
                "card_content": card_content,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rcs_card_content import RcsCardContent

        d = dict(src_dict)
        card_orientation = RcsCardOrientation(d.pop("card_orientation"))

        thumbnail_image_alignment = RcsThumbnailImageAlignment(
            d.pop("thumbnail_image_alignment")
        )

        card_content = RcsCardContent.from_dict(d.pop("card_content"))

        rcs_standalone_card = cls(
            card_orientation=card_orientation,
            thumbnail_image_alignment=thumbnail_image_alignment,
            card_content=card_content,
        )

        return rcs_standalone_card
