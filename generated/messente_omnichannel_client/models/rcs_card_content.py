from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rcs_media import RcsMedia
    from ..models.rcs_suggestion import RcsSuggestion


T = TypeVar("T", bound="RcsCardContent")


@_attrs_define
class RcsCardContent:
    """The content of an RCS rich card; at least one of its fields."""

    title: str | Unset = UNSET
    """ Card title, at most 200 characters. """
    description: str | Unset = UNSET
    """ Card description, at most 2000 characters. """
    media: RcsMedia | Unset = UNSET
    """ Media shown on an RCS rich card. """
    suggestions: list[RcsSuggestion] | Unset = UNSET
    """ Suggestions shown on the card, at most 4. """

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        description = self.description

        media: dict[str, Any] | Unset = UNSET
        if not isinstance(self.media, Unset):
            media = self.media.to_dict()

        suggestions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.suggestions, Unset):
            suggestions = []
            for suggestions_item_data in self.suggestions:
                suggestions_item = suggestions_item_data.to_dict()
                suggestions.append(suggestions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if media is not UNSET:
            field_dict["media"] = media
        if suggestions is not UNSET:
            field_dict["suggestions"] = suggestions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rcs_media import RcsMedia
        from ..models.rcs_suggestion import RcsSuggestion

        d = dict(src_dict)
        title = d.pop("title", UNSET)

        description = d.pop("description", UNSET)

        _media = d.pop("media", UNSET)
        media: RcsMedia | Unset
        if isinstance(_media, Unset):
            media = UNSET
        else:
            media = RcsMedia.from_dict(_media)

        _suggestions = d.pop("suggestions", UNSET)
        suggestions: list[RcsSuggestion] | Unset = UNSET
        if _suggestions is not UNSET:
            suggestions = []
            for suggestions_item_data in _suggestions:
                suggestions_item = RcsSuggestion.from_dict(suggestions_item_data)

                suggestions.append(suggestions_item)

        rcs_card_content = cls(
            title=title,
            description=description,
            media=media,
            suggestions=suggestions,
        )

        return rcs_card_content
