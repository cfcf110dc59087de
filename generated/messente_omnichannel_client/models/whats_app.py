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
    from ..models.whats_app_audio import WhatsAppAudio
    from ..models.whats_app_document import WhatsAppDocument
    from ..models.whats_app_image import WhatsAppImage
    from ..models.whats_app_sticker import WhatsAppSticker
    from ..models.whats_app_template import WhatsAppTemplate
    from ..models.whats_app_text import WhatsAppText
    from ..models.whats_app_video import WhatsAppVideo


T = TypeVar("T", bound="WhatsApp")


@_attrs_define
class WhatsApp:
    """A WhatsApp attempt. Exactly one content kind is required: `template`, `text`, `image`, `video`, `audio`, `document`
    or `sticker` (encoded under `dependentSchemas.channel`). The reference calls `template` "required for WhatsApp
    messages"; Messente's own description makes text and media alternatives to it, which this document follows.

    """

    channel: Literal["whatsapp"]
    """ The channel used to deliver the message; always `whatsapp` for this kind. """
    sender: str | Unset = UNSET
    """ Phone number or alphanumeric sender name. """
    validity: int | Unset = UNSET
    """ After how many minutes this channel is considered failed and the next channel is attempted. Only one of
    `ttl` and `validity` can be used. """
    ttl: int | Unset = UNSET
    """ After how many seconds this channel is considered failed and the next channel is attempted. Only one of
    `ttl` and `validity` can be used. """
    template: WhatsAppTemplate | Unset = UNSET
    """ A WhatsApp template message. The template must be approved by WhatsApp before use. """
    text: WhatsAppText | Unset = UNSET
    """ A WhatsApp text message. """
    image: WhatsAppImage | Unset = UNSET
    """ A WhatsApp image. Exactly one of `id` and `link` is required. """
    video: WhatsAppVideo | Unset = UNSET
    """ A WhatsApp video. Exactly one of `id` and `link` is required. """
    audio: WhatsAppAudio | Unset = UNSET
    """ A WhatsApp audio message. Exactly one of `id` and `link` is required. """
    document: WhatsAppDocument | Unset = UNSET
    """ A WhatsApp document. Exactly one of `id` and `link` is required. Note `file_name` here and `filename` in
    template media, as in Messente's API. """
    sticker: WhatsAppSticker | Unset = UNSET
    """ A WhatsApp sticker. Exactly one of `id` and `link` is required. """

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        sender = self.sender

        validity = self.validity

        ttl = self.ttl

        template: dict[str, Any] | Unset = UNSET
        if not isinstance(self.template, Unset):
            template = self.template.to_dict()

        text: dict[str, Any] | Unset = UNSET
        if not isinstance(self.text, Unset):
            text = self.text.to_dict()

        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        video: dict[str, Any] | Unset = UNSET
        if not isinstance(self.video, Unset):
            video = self.video.to_dict()

        audio: dict[str, Any] | Unset = UNSET
        if not isinstance(self.audio, Unset):
            audio = self.audio.to_dict()

        document: dict[str, Any] | Unset = UNSET
        if not isinstance(self.document, Unset):
            document = self.document.to_dict()

        sticker: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sticker, Unset):
            sticker = self.sticker.to_dict()

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
        if template is not UNSET:
            field_dict["template"] = template
        if text is not UNSET:
            field_dict["text"] = text
        if image is not UNSET:
            field_dict["image"] = image
        if video is not UNSET:
            field_dict["video"] = video
        if audio is not UNSET:
            field_dict["audio"] = audio
        if document is not UNSET:
            field_dict["document"] = document
        if sticker is not UNSET:
            field_dict["sticker"] = sticker

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.whats_app_audio import WhatsAppAudio
        from ..models.whats_app_document import WhatsAppDocument
        from ..models.whats_app_image import WhatsAppImage
        from ..models.whats_app_sticker import WhatsAppSticker
        from ..models.whats_app_template import WhatsAppTemplate
        from ..models.whats_app_text import WhatsAppText
        from ..models.whats_app_video import WhatsAppVideo

        d = dict(src_dict)
        channel = cast(Literal["whatsapp"], d.pop("channel"))
        if channel != "whatsapp":
            raise ValueError(f"channel must match const 'whatsapp', got '{channel}'")

        sender = d.pop("sender", UNSET)

        validity = d.pop("validity", UNSET)

        ttl = d.pop("ttl", UNSET)

        _template = d.pop("template", UNSET)
        template: WhatsAppTemplate | Unset
        if isinstance(_template, Unset):
            template = UNSET
        else:
            template = WhatsAppTemplate.from_dict(_template)

        _text = d.pop("text", UNSET)
        text: WhatsAppText | Unset
        if isinstance(_text, Unset):
            text = UNSET
        else:
            text = WhatsAppText.from_dict(_text)

        _image = d.pop("image", UNSET)
        image: WhatsAppImage | Unset
        if isinstance(_image, Unset):
            image = UNSET
        else:
            image = WhatsAppImage.from_dict(_image)

        _video = d.pop("video", UNSET)
        video: WhatsAppVideo | Unset
        if isinstance(_video, Unset):
            video = UNSET
        else:
            video = WhatsAppVideo.from_dict(_video)

        _audio = d.pop("audio", UNSET)
        audio: WhatsAppAudio | Unset
        if isinstance(_audio, Unset):
            audio = UNSET
        else:
            audio = WhatsAppAudio.from_dict(_audio)

        _document = d.pop("document", UNSET)
        document: WhatsAppDocument | Unset
        if isinstance(_document, Unset):
            document = UNSET
        else:
            document = WhatsAppDocument.from_dict(_document)

        _sticker = d.pop("sticker", UNSET)
        sticker: WhatsAppSticker | Unset
        if isinstance(_sticker, Unset):
            sticker = UNSET
        else:
            sticker = WhatsAppSticker.from_dict(_sticker)

        whats_app = cls(
            channel=channel,
            sender=sender,
            validity=validity,
            ttl=ttl,
            template=template,
            text=text,
            image=image,
            video=video,
            audio=audio,
            document=document,
            sticker=sticker,
        )

        return whats_app
