from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.whats_app_currency import WhatsAppCurrency
    from ..models.whats_app_datetime import WhatsAppDatetime
    from ..models.whats_app_media import WhatsAppMedia


T = TypeVar("T", bound="WhatsAppParameter")


@_attrs_define
class WhatsAppParameter:
    """A parameter of a WhatsApp template component. `type` names the field that carries the value: `text`, `currency`,
    `date_time`, `image`, `document`, `video`, `coupon_code` or `payload`.

    """

    type_: str
    """ Type of the parameter. """
    text: str | Unset = UNSET
    """ A text value. """
    currency: WhatsAppCurrency | Unset = UNSET
    """ A currency amount in a WhatsApp template. """
    date_time: WhatsAppDatetime | Unset = UNSET
    """ A date and time in a WhatsApp template. """
    image: WhatsAppMedia | Unset = UNSET
    """ Media used as a WhatsApp template parameter. Exactly one of `id` and `link` is required. """
    document: WhatsAppMedia | Unset = UNSET
    """ Media used as a WhatsApp template parameter. Exactly one of `id` and `link` is required. """
    video: WhatsAppMedia | Unset = UNSET
    """ Media used as a WhatsApp template parameter. Exactly one of `id` and `link` is required. """
    coupon_code: str | Unset = UNSET
    """ A coupon code, for a copy-code button. """
    payload: str | Unset = UNSET
    """ Developer-defined payload returned when a quick-reply button is pressed. """

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        text = self.text

        currency: dict[str, Any] | Unset = UNSET
        if not isinstance(self.currency, Unset):
            currency = self.currency.to_dict()

        date_time: dict[str, Any] | Unset = UNSET
        if not isinstance(self.date_time, Unset):
            date_time = self.date_time.to_dict()

        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        document: dict[str, Any] | Unset = UNSET
        if not isinstance(self.document, Unset):
            document = self.document.to_dict()

        video: dict[str, Any] | Unset = UNSET
        if not isinstance(self.video, Unset):
            video = self.video.to_dict()

        coupon_code = self.coupon_code

        payload = self.payload

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text
        if currency is not UNSET:
            field_dict["currency"] = currency
        if date_time is not UNSET:
            field_dict["date_time"] = date_time
        if image is not UNSET:
            field_dict["image"] = image
        if document is not UNSET:
            field_dict["document"] = document
        if video is not UNSET:
            field_dict["video"] = video
        if coupon_code is not UNSET:
            field_dict["coupon_code"] = coupon_code
        if payload is not UNSET:
            field_dict["payload"] = payload

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.whats_app_currency import WhatsAppCurrency
        from ..models.whats_app_datetime import WhatsAppDatetime
        from ..models.whats_app_media import WhatsAppMedia

        d = dict(src_dict)
        type_ = d.pop("type")

        text = d.pop("text", UNSET)

        _currency = d.pop("currency", UNSET)
        currency: WhatsAppCurrency | Unset
        if isinstance(_currency, Unset):
            currency = UNSET
        else:
            currency = WhatsAppCurrency.from_dict(_currency)

        _date_time = d.pop("date_time", UNSET)
        date_time: WhatsAppDatetime | Unset
        if isinstance(_date_time, Unset):
            date_time = UNSET
        else:
            date_time = WhatsAppDatetime.from_dict(_date_time)

        _image = d.pop("image", UNSET)
        image: WhatsAppMedia | Unset
        if isinstance(_image, Unset):
            image = UNSET
        else:
            image = WhatsAppMedia.from_dict(_image)

        _document = d.pop("document", UNSET)
        document: WhatsAppMedia | Unset
        if isinstance(_document, Unset):
            document = UNSET
        else:
            document = WhatsAppMedia.from_dict(_document)

        _video = d.pop("video", UNSET)
        video: WhatsAppMedia | Unset
        if isinstance(_video, Unset):
            video = UNSET
        else:
            video = WhatsAppMedia.from_dict(_video)

        coupon_code = d.pop("coupon_code", UNSET)

        payload = d.pop("payload", UNSET)

        whats_app_parameter = cls(
            type_=type_,
            text=text,
            currency=currency,
            date_time=date_time,
            image=image,
            document=document,
            video=video,
            coupon_code=coupon_code,
            payload=payload,
        )

        return whats_app_parameter
