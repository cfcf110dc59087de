from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rcs_create_calendar_event_action import RcsCreateCalendarEventAction
    from ..models.rcs_dial_action import RcsDialAction
    from ..models.rcs_open_url_action import RcsOpenUrlAction
    from ..models.rcs_share_location_action import RcsShareLocationAction
    from ..models.rcs_view_location_action import RcsViewLocationAction


T = TypeVar("T", bound="RcsSuggestedAction")


@_attrs_define
class RcsSuggestedAction:
    """A suggested action. Exactly one of `dial_action`, `view_location_action`, `create_calendar_event_action`,
    `open_url_action` and `share_location_action` is required (encoded as `not: {not: {oneOf: ...}}`, because code
    generators read a top-level `oneOf` as a union of types).

    """

    text: str | Unset = UNSET
    """ Text of the action, at most 25 characters. """
    postback_data: str | Unset = UNSET
    """ Data sent back when the action is chosen, at most 2048 characters. """
    fallback_url: str | Unset = UNSET
    """ An absolute HTTP or HTTPS URL. """
    dial_action: RcsDialAction | Unset = UNSET
    """ Opens the dialer with a phone number. """
    view_location_action: RcsViewLocationAction | Unset = UNSET
    """ Opens a map at a location, given by `lat_long` or `query`. """
    create_calendar_event_action: RcsCreateCalendarEventAction | Unset = UNSET
    """ Creates a calendar event; `end_time` must be after `start_time`. """
    open_url_action: RcsOpenUrlAction | Unset = UNSET
    """ Opens a URL. """
    share_location_action: RcsShareLocationAction | Unset = UNSET
    """ Asks the recipient to share their location. Has no fields. """

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        postback_data = self.postback_data

        fallback_url = self.fallback_url

        dial_action: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dial_action, Unset):
            dial_action = self.dial_action.to_dict()

        view_location_action: dict[str, Any] | Unset = UNSET
        if not isinstance(self.view_location_action, Unset):
            view_location_action = self.view_location_action.to_dict()

        create_calendar_event_action: dict[str, Any] | Unset = UNSET
        if not isinstance(self.create_calendar_event_action, Unset):
            create_calendar_event_action = self.create_calendar_event_action.to_dict()

        open_url_action: dict[str, Any] | Unset = UNSET
        if not isinstance(self.open_url_action, Unset):
            open_url_action = self.open_url_action.to_dict()

        share_location_action: dict[str, Any] | Unset = UNSET
        if not isinstance(self.share_location_action, Unset):
            share_location_action = self.share_location_action.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if text is not UNSET:
            field_dict["text"] = text
        if postback_data is not UNSET:
            field_dict["postback_data"] = postback_data
        if fallback_url is not UNSET:
            field_dict["fallback_url"] = fallback_url
        if dial_action is not UNSET:
            field_dict["dial_action"] = dial_action
        if view_location_action is not UNSET:
            field_dict["view_location_action"] = view_location_action
        if create_calendar_event_action is not UNSET:
            field_dict["create_calendar_event_action"] = create_calendar_event_action
        if open_url_action is not UNSET:
            field_dict["open_url_action"] = open_url_action
        if share_location_action is not UNSET:
            field_dict["share_location_action"] = share_location_action

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rcs_create_calendar_event_action import (
            RcsCreateCalendarEventAction,
        )
        from ..models.rcs_dial_action import RcsDialAction
        from ..models.rcs_open_url_action import RcsOpenUrlAction
        from ..models.rcs_share_location_action import RcsShareLocationAction
        from ..models.rcs_view_location_action import RcsViewLocationAction

        d = dict(src_dict)
        text = d.pop("text", UNSET)

        postback_data = d.pop("postback_data", UNSET)

        fallback_url = d.pop("fallback_url", UNSET)

        _dial_action = d.pop("dial_action", UNSET)
        dial_action: RcsDialAction | Unset
        if isinstance(_dial_action, Unset):
            dial_action = UNSET
        else:
            dial_action = RcsDialAction.from_dict(_dial_action)

        _view_location_action = d.pop("view_location_action", UNSET)
        view_location_action: RcsViewLocationAction | Unset
        if isinstance(_view_location_action, Unset):
            view_location_action = UNSET
        else:
            view_location_action = RcsViewLocationAction.from_dict(
                _view_location_action
            )

        _create_calendar_event_action = d.pop("create_calendar_event_action", UNSET)
        create_calendar_event_action: RcsCreateCalendarEventAction | Unset
        if isinstance(_create_calendar_event_action, Unset):
            create_calendar_event_action = UNSET
        else:
            create_calendar_event_action = RcsCreateCalendarEventAction.from_dict(
                _create_calendar_event_action
            )

        _open_url_action = d.pop("open_url_action", UNSET)
        open_url_action: RcsOpenUrlAction | Unset
        if isinstance(_open_url_action, Unset):
            open_url_action = UNSET
        else:
            open_url_action = RcsOpenUrlAction.from_dict(_open_url_action)

        _share_location_action = d.pop("share_location_action", UNSET)
        share_location_action: RcsShareLocationAction | Unset
        if isinstance(_share_location_action, Unset):
            share_location_action = UNSET
        else:
            share_location_action = RcsShareLocationAction.from_dict(
                _share_location_action
            )

        rcs_suggested_action = cls(
            text=text,
            postback_data=postback_data,
            fallback_url=fallback_url,
            dial_action=dial_action,
            view_location_action=view_location_action,
            create_calendar_event_action=create_calendar_event_action,
            open_url_action=open_url_action,
            share_location_action=share_location_action,
        )

        return rcs_suggested_action
