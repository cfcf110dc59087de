from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RcsCreateCalendarEventAction")


@_attrs_define
class RcsCreateCalendarEventAction:
    """Creates a calendar event; `end_time` must be after `start_time`."""

    start_time: datetime.datetime
    """ Start of the event. """
    end_time: datetime.datetime
    """ End of the event. """
    title: str
    """ Title of the event, at most 100 characters. """
    description: str
    """ Description of the event, at most 500 characters. """

    def to_dict(self) -> dict[str, Any]:
        start_time = self.start_time.isoformat()

        end_time = self.end_time.isoformat()

        title = self.title

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start_time": start_time,
                "end_time": end_time,
                "title": title,
                "description": description,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        end_time = datetime.datetime.fromisoformat(d.pop("end_time"))

        title = d.pop("title")

        description = d.pop("description")

        rcs_create_calendar_event_action = cls(
            start_time=start_time,
            end_time=end_time,
            title=title,
            description=description,
        )

        return rcs_create_calendar_event_action
