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
    from ..models.viber_carousel import ViberCarousel
    from ..models.viber_template import ViberTemplate
    from ..models.viber_video import ViberVideo


T = TypeVar("T", bound="Viber")


@_attrs_define
class Viber:
    """A Viber attempt. The content fields form one of these combinations: `image_url`; `text`; `text` + `button_text` +
    `button_url`; `text` + `image_url` + `button_text` + `button_url`; `video`; `video` + `text`; `video` + `text` +
    `button_text` (the button opens the video); `video` + `text` + `button_text` + `button_url` (the button opens
    `button_url`); `carousel` + `text`; `template`. The combinations are encoded under `dependentSchemas.channel`
    (channel is always present, so they always apply), because code generators read a top-level `oneOf` as a union of
    types.

    """

    channel: Literal["viber"]
    """ The channel used to deliver the message; always `viber` for this kind. """
    sender: str | Unset = UNSET
    """ Phone number or alphanumeric sender name. """
    validity: int | Unset = UNSET
    """ After how many minutes this channel is considered failed and the next channel is attempted. Only one of
    `ttl` and `validity` can be used. """
    ttl: int | Unset = UNSET
    """ After how many seconds this channel is considered failed and the next channel is attempted. Only one of
    `ttl` and `validity` can be used. """
    text: str | Unset = UNSET
    """ Plain-text content. """
    image_url: str | Unset = UNSET
    """ An absolute HTTP or HTTPS URL. """
    button_url: str | Unset = UNSET
    """ An absolute HTTP or HTTPS URL. """
    button_text: str | Unset = UNSET
    """ Label of the button; only with `text` (see the combinations). """
    video: ViberVideo | Unset = UNSET
    """ A Viber video. """
    template: ViberTemplate | Unset = UNSET
    """ A Viber template message. """
    carousel: ViberCarousel | Unset = UNSET
    """ A Viber carousel of 2 to 5 items; sent together with `text`. """

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        sender = self.sender

        validity = self.validity

        ttl = self.ttl

        text = self.text

        image_url = self.image_url

        button_url = self.button_url

        button_text = self.button_text

        video: dict[str, Any] | Unset = UNSET
        if not isinstance(self.video, Unset):
            video = self.video.to_dict()

        template: dict[str, Any] | Unset = UNSET
        if not isinstance(self.template, Unset):
            template = self.template.to_dict()

        carousel: dict[str, Any] | Unset = UNSET
        if not isinstance(self.carousel, Unset):
            carousel = self.carousel.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
            }
        )
        if sender is not UNSET:
            field_dict["sender"] = sender
        if validity is not UNSET:
            field_dict["validity"] = validity
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        if text is not UNSET:
            field_dict["text"] = text
        if image_url is not UNSET:
            field_dict["image_url"] = image_url
        if button_url is not UNSET:
            field_dict["button_url"] = button_url
        if button_text is not UNSET:
            field_dict["button_text"] = button_text
        if video is not UNSET:
            field_dict["video"] = video
        if template is not UNSET:
            field_dict["template"] = template
        if carousel is not UNSET:
            field_dict["carousel"] = carousel

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.viber_carousel import ViberCarousel
        from ..models.viber_template import ViberTemplate
        from ..models.viber_video import ViberVideo

        d = dict(src_dict)
        channel = cast(Literal["viber"], d.pop("channel"))
        if channel != "viber":
            raise ValueError(f"channel must match const 'viber', got '{channel}'")

        sender = d.pop("sender", UNSET)

        validity = d.pop("validity", UNSET)

        ttl = d.pop("ttl", UNSET)

        text = d.pop("text", UNSET)

        image_url = d.pop("image_url", UNSET)

        button_url = d.pop("button_url", UNSET)

        button_text = d.pop("button_text", UNSET)

        _video = d.pop("video", UNSET)
        video: ViberVideo | Unset
        if isinstance(_video, Unset):
            video = UNSET
        else:
            video = ViberVideo.from_dict(_video)

        _template = d.pop("template", UNSET)
        template: ViberTemplate | Unset
        if isinstance(_template, Unset):
            template = UNSET
        else:
            template = ViberTemplate.from_dict(_template)

        _carousel = d.pop("carousel", UNSET)
        carousel: ViberCarousel | Unset
        if isinstance(_carousel, Unset):
            carousel = UNSET
        else:
            carousel = ViberCarousel.from_dict(_carousel)

        viber = cls(
            channel=channel,
            sender=sender,
            validity=validity,
            ttl=ttl,
            text=text,
            image_url=image_url,
            button_url=button_url,
            button_text=button_text,
            video=video,
            template=template,
            carousel=carousel,
        )

        return viber
