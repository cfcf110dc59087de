from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rcs_content_info import RcsContentInfo
    from ..models.rcs_rich_card import RcsRichCard
    from ..models.rcs_suggestion import RcsSuggestion


T = TypeVar("T", bound="RCS")


@_attrs_define
class RCS:
    """An RCS attempt. Exactly one of `text`, `rich_card` and `content_info` is required (encoded under
    `dependentSchemas.channel`).

    """

    channel: Literal["rcs"]
    """ The channel used to deliver the message; always `rcs` for this kind. """
    sender: str
    """ Phone number or alphanumeric sender name. """
    validity: int | Unset = UNSET
    """ After how many minutes this channel is considered failed and the next channel is attempted. Only one of
    `ttl` and `validity` can be used. """
    ttl: int | Unset = UNSET
    """ After how many seconds this channel is considered failed and the next channel is attempted. Only one of
    `ttl` and `validity` can be used. """
    text: str | Unset = UNSET
    """ Text content, at most 3072 characters. """
    rich_card: RcsRichCard | Unset = UNSET
    """ An RCS rich card; exactly one of `standalone_card` and `carousel_card`. """
    content_info: RcsContentInfo | Unset = UNSET
    """ A file sent over RCS. """
    suggestions: list[RcsSuggestion] | Unset = UNSET
    """ Suggested replies and actions shown with the message, at most 11. """

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        sender = self.sender

        validity = self.validity

        ttl = self.ttl

        text = self.text

        rich_card: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rich_card, Unset):
            rich_card = self.rich_card.to_dict()

        content_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.content_info, Unset):
            content_info = self.content_info.to_dict()

        suggestions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.suggestions, Unset):
            suggestions = []
            for suggestions_item_data in self.suggestions:
                suggestions_item = suggestions_item_data.to_dict()
                suggestions.append(suggestions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "sender": sender,
            }
        )
        if validity is not UNSET:
            field_dict["validity"] = validity
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        if text is not UNSET:
            field_dict["text"] = text
        if rich_card is not UNSET:
            field_dict["rich_card"] = rich_card
        if content_info is not UNSET:
            field_dict["content_info"] = content_info
        if suggestions is not UNSET:
            field_dict["suggestions"] = suggestions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rcs_content_info import RcsContentInfo
        from ..models.rcs_rich_card import RcsRichCard
        from ..models.rcs_suggestion import RcsSuggestion

        d = dict(src_dict)
        channel = cast(Literal["rcs"], d.pop("channel"))
        if channel != "rcs":
            raise ValueError(f"channel must match const 'rcs', got '{channel}'")

        sender = d.pop("sender")

        validity = d.pop("validity", UNSET)

        ttl = d.pop("ttl", UNSET)

        text = d.pop("text", UNSET)

        _rich_card = d.pop("rich_card", UNSET)
        rich_card: RcsRichCard | Unset
        if isinstance(_rich_card, Unset):
            rich_card = UNSET
        else:
            rich_card = RcsRichCard.from_dict(_rich_card)

        _content_info = d.pop("content_info", UNSET)
        content_info: RcsContentInfo | Unset
        if isinstance(_content_info, Unset):
            content_info = UNSET
        else:
            content_info = RcsContentInfo.from_dict(_content_info)

        _suggestions = d.pop("suggestions", UNSET)
        suggestions: list[RcsSuggestion] | Unset = UNSET
        if _suggestions is not UNSET:
            suggestions = []
            for suggestions_item_data in _suggestions:
                suggestions_item = RcsSuggestion.from_dict(suggestions_item_data)

                suggestions.append(suggestions_item)

        rcs = cls(
            channel=channel,
            sender=sender,
            validity=validity,
            ttl=ttl,
            text=text,
            rich_card=rich_card,
            content_info=content_info,
            suggestions=suggestions,
        )

        return rcs
