from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority
from ..models.text_store import TextStore
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rcs import RCS
    from ..models.sms import SMS
    from ..models.viber import Viber
    from ..models.whats_app import WhatsApp


T = TypeVar("T", bound="Omnimessage")


@_attrs_define
class Omnimessage:
    """An omnimessage to send to one recipient over an ordered fallback chain of channels."""

    to: str
    """ Phone number in E.164 format, with the leading `+`. """
    messages: list[RCS | SMS | Viber | WhatsApp]
    """ The channels to try, in order. The next one is tried only when the previous one fails. """
    dlr_url: str | Unset = UNSET
    """ An absolute HTTP or HTTPS URL. """
    text_store: TextStore | Unset = UNSET
    """ How message content is stored: as is (`plaintext`), as a SHA-256 hash (`sha256`) or not at all (`nostore`).
    """
    time_to_send: datetime.datetime | str | Unset = UNSET
    """ When to send the omnimessage: an RFC 3339 date and time (`2030-06-22T09:05:07+00:00`), or one without a
    timezone (`2030-06-22T09:05:07`, `2030-06-22T09:05`), which Messente reads as UTC; its date must exist (no 30
    February). Until this time the omnimessage can be cancelled. """
    priority: Priority | Unset = UNSET
    """ Queue priority. Messages are processed from the highest priority queue first, which for example lets one-
    time passwords overtake marketing traffic. """

    def to_dict(self) -> dict[str, Any]:
        from ..models.sms import SMS
        from ..models.viber import Viber
        from ..models.whats_app import WhatsApp

        to = self.to

        messages = []
        for messages_item_data in self.messages:
            messages_item: dict[str, Any]
            if (
                isinstance(messages_item_data, WhatsApp)
                or isinstance(messages_item_data, Viber)
                or isinstance(messages_item_data, SMS)
            ):
                messages_item = messages_item_data.to_dict()
            else:
                messages_item = messages_item_data.to_dict()

            messages.append(messages_item)

        dlr_url = self.dlr_url

        text_store: str | Unset = UNSET
        if not isinstance(self.text_store, Unset):
            text_store = self.text_store.value

        time_to_send: str | Unset
        if isinstance(self.time_to_send, Unset):
            time_to_send = UNSET
        elif isinstance(self.time_to_send, datetime.datetime):
            time_to_send = self.time_to_send.isoformat()
        else:
            time_to_send = self.time_to_send

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to": to,
                "messages": messages,
            }
        )
        if dlr_url is not UNSET:
            field_dict["dlr_url"] = dlr_url
        if text_store is not UNSET:
            field_dict["text_store"] = text_store
        if time_to_send is not UNSET:
            field_dict["time_to_send"] = time_to_send
        if priority is not UNSET:
            field_dict["priority"] = priority

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rcs import RCS
        from ..models.sms import SMS
        from ..models.viber import Viber
        from ..models.whats_app import WhatsApp

        d = dict(src_dict)
        to = d.pop("to")

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:

            def _parse_messages_item(data: object) -> RCS | SMS | Viber | WhatsApp:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_type_0 = WhatsApp.from_dict(data)

                    return componentsschemas_message_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_type_1 = Viber.from_dict(data)

                    return componentsschemas_message_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_message_type_2 = SMS.from_dict(data)

                    return componentsschemas_message_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_message_type_3 = RCS.from_dict(data)

                return componentsschemas_message_type_3

            messages_item = _parse_messages_item(messages_item_data)

            messages.append(messages_item)

        dlr_url = d.pop("dlr_url", UNSET)

        _text_store = d.pop("text_store", UNSET)
        text_store: TextStore | Unset
        if isinstance(_text_store, Unset):
            text_store = UNSET
        else:
            text_store = TextStore(_text_store)

        def _parse_time_to_send(data: object) -> datetime.datetime | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_send_time_type_0 = datetime.datetime.fromisoformat(
                    data
                )

                return componentsschemas_send_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | str | Unset, data)

        time_to_send = _parse_time_to_send(d.pop("time_to_send", UNSET))

        _priority = d.pop("priority", UNSET)
        priority: Priority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = Priority(_priority)

        omnimessage = cls(
            to=to,
            messages=messages,
            dlr_url=dlr_url,
            text_store=text_store,
            time_to_send=time_to_send,
            priority=priority,
        )

        return omnimessage
