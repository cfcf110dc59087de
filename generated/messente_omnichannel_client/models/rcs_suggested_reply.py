from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RcsSuggestedReply")


@_attrs_define
class RcsSuggestedReply:
    """A suggested reply."""

    text: str
    """ Text of the reply, at most 25 characters. """
    postback_data: str
    """ Data sent back when the reply is chosen, at most 2048 characters. """

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        postback_data = self.postback_data

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "text": text,
                "postback_data": postback_data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        text = d.pop("text")

        postback_data = d.pop("postback_data")

        rcs_suggested_reply = cls(
            text=text,
            postback_data=postback_data,
        )

        return rcs_suggested_reply
