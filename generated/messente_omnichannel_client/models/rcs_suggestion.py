from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rcs_suggested_action import RcsSuggestedAction
    from ..models.rcs_suggested_reply import RcsSuggestedReply


T = TypeVar("T", bound="RcsSuggestion")


@_attrs_define
class RcsSuggestion:
    """An RCS suggestion; exactly one of `reply` and `action`."""

    reply: RcsSuggestedReply | Unset = UNSET
    """ A suggested reply. """
    action: RcsSuggestedAction | Unset = UNSET
    """ A suggested action. Exactly one of `dial_action`, `view_location_action`, `create_calendar_event_action`,
    `open_url_action` and `share_location_action` is required (encoded as `not: {not: {oneOf: ...}}`, because code
    generators read a top-level `oneOf` as a union of types). """

    def to_dict(self) -> dict[str, Any]:
        reply: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reply, Unset):
            reply = self.reply.to_dict()

        action: dict[str, Any] | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if reply is not UNSET:
            field_dict["reply"] = reply
        if action is not UNSET:
            field_dict["action"] = action

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rcs_suggested_action import RcsSuggestedAction
        from ..models.rcs_suggested_reply import RcsSuggestedReply

        d = dict(src_dict)
        _reply = d.pop("reply", UNSET)
        reply: RcsSuggestedReply | Unset
        if isinstance(_reply, Unset):
            reply = UNSET
        else:
            reply = RcsSuggestedReply.from_dict(_reply)

        _action = d.pop("action", UNSET)
        action: RcsSuggestedAction | Unset
        if isinstance(_action, Unset):
            action = UNSET
        else:
            action = RcsSuggestedAction.from_dict(_action)

        rcs_suggestion = cls(
            reply=reply,
            action=action,
        )

        return rcs_suggestion
