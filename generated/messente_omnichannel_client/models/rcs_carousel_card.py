from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.rcs_card_width import RcsCardWidth

if TYPE_CHECKING:
    from ..models.rcs_card_content import RcsCardContent


T = TypeVar("T", bound="RcsCarouselCard")


@_attrs_define
class RcsCarouselCard:
    """A carousel of RCS rich cards."""

    card_width: RcsCardWidth
    """ Width of the cards in a carousel. """
    card_contents: list[RcsCardContent]
    """ The cards of the carousel, at most 10. """

    def to_dict(self) -> dict[str, Any]:
        card_width = self.card_width.value

        card_contents = []
        for card_contents_item_data in self.card_contents:
            card_contents_item = card_contents_item_data.to_dict()
            card_contents.append(card_contents_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "card_width": card_width,
                "card_contents": card_contents,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rcs_card_content import RcsCardContent

        d = dict(src_dict)
        card_width = RcsCardWidth(d.pop("card_width"))

        card_contents = []
        _card_contents = d.pop("card_contents")
        for card_contents_item_data in _card_contents:
            card_contents_item = RcsCardContent.from_dict(card_contents_item_data)

            card_contents.append(card_contents_item)

        rcs_carousel_card = cls(
            card_width=card_width,
            card_contents=card_contents,
        )

        return rcs_carousel_card
