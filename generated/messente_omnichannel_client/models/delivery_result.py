from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel
from ..models.delivery_error_code import DeliveryErrorCode
from ..models.delivery_status import DeliveryStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.price_info import PriceInfo


T = TypeVar("T", bound="DeliveryResult")


@_attrs_define
class DeliveryResult:
    """The state of one channel attempt. `status`, `err`, `error`, `timestamp` and `price_info` are null while the attempt
    is still being processed.

    """

    status: DeliveryStatus | None | str | Unset = UNSET
    """ Delivery status; `error` holds its human-readable equivalent. Null while the message is being processed.
    Values beyond `DeliveryStatus` may be added later and are passed through. """
    channel: Channel | str | Unset = UNSET
    """ The delivery channel. Channels beyond `Channel` may be added later and are passed through. """
    message_id: UUID | Unset = UNSET
    """ Unique identifier of the message. """
    error: None | str | Unset = UNSET
    """ Human-readable description of what went wrong; null on success or while the message has not been processed.
    """
    err: DeliveryErrorCode | int | None | Unset = UNSET
    """ Machine-readable error code; null while the message has not been processed. Codes beyond `DeliveryErrorCode`
    may be added later and are passed through. """
    timestamp: None | str | Unset = UNSET
    """ When this status was received by the Omnichannel API; null while the message is being processed. Messente
    sends it without a timezone (`2020-02-04T08:09:42.389630`): read such a value as UTC. """
    price_info: None | PriceInfo | Unset = UNSET
    """ The price of the message; null while it is being processed. """
    sender: str | Unset = UNSET
    """ The sender that was used for the message. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.price_info import PriceInfo

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, DeliveryStatus):
            status = self.status.value
        else:
            status = self.status

        channel: str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        elif isinstance(self.channel, Channel):
            channel = self.channel.value
        else:
            channel = self.channel

        message_id: str | Unset = UNSET
        if not isinstance(self.message_id, Unset):
            message_id = str(self.message_id)

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        err: int | None | Unset
        if isinstance(self.err, Unset):
            err = UNSET
        elif isinstance(self.err, DeliveryErrorCode):
            err = self.err.value
        else:
            err = self.err

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = self.timestamp

        price_info: dict[str, Any] | None | Unset
        if isinstance(self.price_info, Unset):
            price_info = UNSET
        elif isinstance(self.price_info, PriceInfo):
            price_info = self.price_info.to_dict()
        else:
            price_info = self.price_info

        sender = self.sender

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if channel is not UNSET:
            field_dict["channel"] = channel
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
        if error is not UNSET:
            field_dict["error"] = error
        if err is not UNSET:
            field_dict["err"] = err
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if price_info is not UNSET:
            field_dict["price_info"] = price_info
        if sender is not UNSET:
            field_dict["sender"] = sender

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.price_info import PriceInfo

        d = dict(src_dict)

        def _parse_status(data: object) -> DeliveryStatus | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = DeliveryStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeliveryStatus | None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_channel(data: object) -> Channel | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_channel_type_0 = Channel(data)

                return componentsschemas_open_channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Channel | str | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

        _message_id = d.pop("message_id", UNSET)
        message_id: UUID | Unset
        if isinstance(_message_id, Unset):
            message_id = UNSET
        else:
            message_id = UUID(_message_id)

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_err(data: object) -> DeliveryErrorCode | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, int):
                    raise TypeError()
                err_type_0 = DeliveryErrorCode(data)

                return err_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeliveryErrorCode | int | None | Unset, data)

        err = _parse_err(d.pop("err", UNSET))

        def _parse_timestamp(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timestamp = _parse_timestamp(d.pop("timestamp", UNSET))

        def _parse_price_info(data: object) -> None | PriceInfo | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                price_info_type_0 = PriceInfo.from_dict(data)

                return price_info_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PriceInfo | Unset, data)

        price_info = _parse_price_info(d.pop("price_info", UNSET))

        sender = d.pop("sender", UNSET)

        delivery_result = cls(
            status=status,
            channel=channel,
            message_id=message_id,
            error=error,
            err=err,
            timestamp=timestamp,
            price_info=price_info,
            sender=sender,
        )

        delivery_result.additional_properties = d
        return delivery_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
