from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rcs_carousel_card import RcsCarouselCard
    from ..models.rcs_standalone_card import RcsStandaloneCard


T = TypeVar("T", bound="RcsRichCard")


@_attrs_define
class RcsRichCard:
    """An RCS rich card; exactly one of `standalone_card` and `carousel_card`."""

    standalone_card: RcsStandaloneCard | Unset = UNSET
    """ A single RCS rich card. """
    carousel_card: RcsCarouselCard | Unset = UNSET
    """ A carousel of RCS rich cards. """

    def to_dict(self) -> dict[str, Any]:
        standalone_card: dict[str, Any] | Unset = UNSET
        if not isinstance(self.standalone_card, Unset):
            standalone_card = self.standalone_card.to_dict()

        carousel_card: dict[str, Any] | Unset = UNSET
        if not isinstance(self.carousel_card, Unset):
            carousel_card = self.carousel_card.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if standalone_card is not UNSET:
            field_dict["standalone_card"] = standalone_card
        if carousel_card is not UNSET:
            field_dict["carousel_card"] = carousel_card

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rcs_carousel_card import RcsCarouselCard
        from ..models.rcs_standalone_card import RcsStandaloneCard

        d = dict(src_dict)
        _standalone_card = d.pop("standalone_card", UNSET)
        standalone_card: RcsStandaloneCard | Unset
        if isinstance(_standalone_card, Unset):
            standalone_card = UNSET
        else:
            standalone_card = RcsStandaloneCard.from_dict(_standalone_card)

        _carousel_card = d.pop("carousel_card", UNSET)
        carousel_card: RcsCarouselCard | Unset
        if isinstance(_carousel_card, Unset):
            carousel_card = UNSET
        else:
            carousel_card = RcsCarouselCard.from_dict(_carousel_card)

        rcs_rich_card = cls(
            standalone_card=standalone_card,
            carousel_card=carousel_card,
        )

        return rcs_rich_card
