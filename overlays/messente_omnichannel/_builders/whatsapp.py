"""The WhatsApp message: a template, text, or one media kind; and template parts."""

from collections.abc import Sequence
from typing import Self

from messente_omnichannel._builders._base import ChannelMessage
from messente_omnichannel_client.models import (
    WhatsAppAudio,
    WhatsAppComponent,
    WhatsAppCurrency,
    WhatsAppDatetime,
    WhatsAppDocument,
    WhatsAppImage,
    WhatsAppLanguage,
    WhatsAppMedia,
    WhatsAppParameter,
    WhatsAppSticker,
    WhatsAppTemplate,
    WhatsAppText,
    WhatsAppVideo,
)
from messente_omnichannel_client.types import UNSET

ParamLike = str | WhatsAppParameter
"""A template parameter: a plain string is a text parameter."""


class TemplateParam:
    """Parameters of WhatsApp template components; a plain ``str`` is a text parameter."""

    @staticmethod
    def text(text: str) -> WhatsAppParameter:
        """A text parameter.

        Args:
            text: The value.

        Returns:
            The parameter.
        """
        return WhatsAppParameter(type_="text", text=text)

    @staticmethod
    def currency(fallback_value: str, code: str, amount_1000: int | str) -> WhatsAppParameter:
        """A currency amount.

        Args:
            fallback_value: Text shown if localization fails, for example ``EUR 12.50``.
            code: ISO 4217 currency code, for example ``EUR``.
            amount_1000: The amount times 1000, for example ``12500`` for 12.50.

        Returns:
            The parameter.
        """
        currency = WhatsAppCurrency(
            fallback_value=fallback_value, code=code, amount_1000=str(amount_1000)
        )
        return WhatsAppParameter(type_="currency", currency=currency)

    @staticmethod
    def date_time(fallback_value: str) -> WhatsAppParameter:
        """A date and time, shown as ``fallback_value``.

        Args:
            fallback_value: The text to show, for example ``February 25, 2026``.

        Returns:
            The parameter.
        """
        return WhatsAppParameter(
            type_="date_time", date_time=WhatsAppDatetime(fallback_value=fallback_value)
        )

    @staticmethod
    def _media(
        kind: str, link: str | None, id: str | None, caption: str | None, filename: str | None
    ) -> WhatsAppParameter:
        media = WhatsAppMedia()
        for name, value in (("link", link), ("id", id), ("caption", caption)):
            if value is not None:
                setattr(media, name, value)
        if filename is not None:
            media.filename = filename
        parameter = WhatsAppParameter(type_=kind)
        setattr(parameter, kind, media)
        return parameter

    @staticmethod
    def image(
        *, link: str | None = None, id: str | None = None, caption: str | None = None
    ) -> WhatsAppParameter:
        """An image, by ``link`` or media ``id`` (exactly one).

        Args:
            link: HTTP(S) URL of the image.
            id: WhatsApp media object ID.
            caption: Caption.

        Returns:
            The parameter.
        """
        return TemplateParam._media("image", link, id, caption, None)

    @staticmethod
    def video(
        *, link: str | None = None, id: str | None = None, caption: str | None = None
    ) -> WhatsAppParameter:
        """A video, by ``link`` or media ``id`` (exactly one).

        Args:
            link: HTTP(S) URL of the video.
            id: WhatsApp media object ID.
            caption: Caption.

        Returns:
            The parameter.
        """
        return TemplateParam._media("video", link, id, caption, None)

    @staticmethod
    def document(
        *,
        link: str | None = None,
        id: str | None = None,
        caption: str | None = None,
        filename: str | None = None,
    ) -> WhatsAppParameter:
        """A document, by ``link`` or media ``id`` (exactly one).

        Args:
            link: HTTP(S) URL of the document.
            id: WhatsApp media object ID.
            caption: Caption.
            filename: File name shown to the recipient.

        Returns:
            The parameter.
        """
        return TemplateParam._media("document", link, id, caption, filename)

    @staticmethod
    def coupon_code(code: str) -> WhatsAppParameter:
        """A coupon code, for a copy-code button.

        Args:
            code: The coupon code.

        Returns:
            The parameter.
        """
        return WhatsAppParameter(type_="coupon_code", coupon_code=code)

    @staticmethod
    def payload(payload: str) -> WhatsAppParameter:
        """A payload returned when a quick-reply button is pressed.

        Args:
            payload: The developer-defined payload.

        Returns:
            The parameter.
        """
        return WhatsAppParameter(type_="payload", payload=payload)


def _params(values: Sequence[ParamLike]) -> list[WhatsAppParameter]:
    return [TemplateParam.text(v) if isinstance(v, str) else v for v in values]


class TemplateComponent:
    """Components of a WhatsApp template: header, body and buttons."""

    @staticmethod
    def header(*parameters: ParamLike) -> WhatsAppComponent:
        """A header component.

        Args:
            *parameters: Its parameters, in order (a ``str`` is a text parameter).

        Returns:
            The component.
        """
        return WhatsAppComponent(type_="header", parameters=_params(parameters))

    @staticmethod
    def body(*parameters: ParamLike) -> WhatsAppComponent:
        """A body component.

        Args:
            *parameters: Its parameters, in order (a ``str`` is a text parameter).

        Returns:
            The component.
        """
        return WhatsAppComponent(type_="body", parameters=_params(parameters))

    @staticmethod
    def button(sub_type: str, index: int, *parameters: ParamLike) -> WhatsAppComponent:
        """A button component.

        Args:
            sub_type: The button kind, for example ``quick_reply`` or ``url``.
            index: Position of the button in the template, from 0.
            *parameters: Its parameters (for example :meth:`TemplateParam.payload`).

        Returns:
            The component.
        """
        return WhatsAppComponent(
            type_="button", sub_type=sub_type, index=index, parameters=_params(parameters)
        )


class WhatsApp(ChannelMessage):
    """A WhatsApp attempt; build it with one of the class methods, e.g. ``WhatsApp.template(...)``.

    Exactly one content kind is allowed: template, text, image, video, audio, document or sticker.
    """

    channel = "whatsapp"
    __slots__ = ()

    def __init__(
        self,
        *,
        template: WhatsAppTemplate | None = None,
        text: WhatsAppText | None = None,
        image: WhatsAppImage | None = None,
        video: WhatsAppVideo | None = None,
        audio: WhatsAppAudio | None = None,
        document: WhatsAppDocument | None = None,
        sticker: WhatsAppSticker | None = None,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
    ) -> None:
        """Build a WhatsApp message from a content model (the class methods are shorter).

        Args:
            template: A template message.
            text: A text message.
            image: An image.
            video: A video.
            audio: An audio message.
            document: A document.
            sticker: A sticker.
            sender: Sender registered for WhatsApp.
            validity: Minutes before WhatsApp counts as failed (only one of this and ``ttl``).
            ttl: Seconds before WhatsApp counts as failed (only one of this and ``validity``).
        """
        contents = {
            "template": template,
            "text": text,
            "image": image,
            "video": video,
            "audio": audio,
            "document": document,
            "sticker": sticker,
        }
        super().__init__(
            sender=sender,
            validity=validity,
            ttl=ttl,
            **{k: v.to_dict() for k, v in contents.items() if v is not None},
        )

    @classmethod
    def template(
        cls,
        name: str,
        language: str,
        *,
        body: Sequence[ParamLike] = (),
        header: Sequence[ParamLike] = (),
        components: Sequence[WhatsAppComponent] = (),
        language_policy: str | None = None,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build a template message; the template must be approved by WhatsApp.

        Args:
            name: Template name.
            language: Language code, for example ``en`` or ``en_US``.
            body: Parameters of the body component (a ``str`` is a text parameter).
            header: Parameters of the header component.
            components: Further components, for example :meth:`TemplateComponent.button`.
            language_policy: Language policy, for example ``deterministic``.
            sender: Sender registered for WhatsApp.
            validity: Minutes before WhatsApp counts as failed.
            ttl: Seconds before WhatsApp counts as failed.

        Returns:
            The message.
        """
        parts: list[WhatsAppComponent] = []
        if header:
            parts.append(TemplateComponent.header(*header))
        if body:
            parts.append(TemplateComponent.body(*body))
        parts.extend(components)
        lang = WhatsAppLanguage(code=language)
        if language_policy is not None:
            lang.policy = language_policy
        template = WhatsAppTemplate(name=name, language=lang)
        if parts:
            template.components = parts
        return cls(template=template, sender=sender, validity=validity, ttl=ttl)

    @classmethod
    def text(
        cls,
        body: str,
        *,
        preview_url: bool | None = None,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build a text message (only inside WhatsApp's customer-service window).

        Args:
            body: The text.
            preview_url: Whether a URL in the text gets a link preview (WhatsApp default: yes).
            sender: Sender registered for WhatsApp.
            validity: Minutes before WhatsApp counts as failed.
            ttl: Seconds before WhatsApp counts as failed.

        Returns:
            The message.
        """
        text = WhatsAppText(body=body)
        text.preview_url = UNSET if preview_url is None else preview_url
        return cls(text=text, sender=sender, validity=validity, ttl=ttl)

    @classmethod
    def image(
        cls,
        *,
        link: str | None = None,
        id: str | None = None,
        caption: str | None = None,
        mime_type: str | None = None,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build an image message, by ``link`` or media ``id`` (exactly one).

        Args:
            link: HTTP(S) URL of the image.
            id: WhatsApp media object ID.
            caption: Caption.
            mime_type: MIME type, for example ``image/png``.
            sender: Sender registered for WhatsApp.
            validity: Minutes before WhatsApp counts as failed.
            ttl: Seconds before WhatsApp counts as failed.

        Returns:
            The message.
        """
        image = WhatsAppImage()
        _fill(image, link=link, id=id, caption=caption, mime_type=mime_type)
        return cls(image=image, sender=sender, validity=validity, ttl=ttl)

    @classmethod
    def video(
        cls,
        *,
        link: str | None = None,
        id: str | None = None,
        caption: str | None = None,
        mime_type: str | None = None,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build a video message, by ``link`` or media ``id`` (exactly one).

        Args:
            link: HTTP(S) URL of the video.
            id: WhatsApp media object ID.
            caption: Caption.
            mime_type: MIME type, for example ``video/mp4``.
            sender: Sender registered for WhatsApp.
            validity: Minutes before WhatsApp counts as failed.
            ttl: Seconds before WhatsApp counts as failed.

        Returns:
            The message.
        """
        video = WhatsAppVideo()
        _fill(video, link=link, id=id, caption=caption, mime_type=mime_type)
        return cls(video=video, sender=sender, validity=validity, ttl=ttl)

    @classmethod
    def audio(
        cls,
        *,
        link: str | None = None,
        id: str | None = None,
        mime_type: str | None = None,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build an audio message, by ``link`` or media ``id`` (exactly one).

        Args:
            link: HTTP(S) URL of the audio.
            id: WhatsApp media object ID.
            mime_type: MIME type, for example ``audio/ogg``.
            sender: Sender registered for WhatsApp.
            validity: Minutes before WhatsApp counts as failed.
            ttl: Seconds before WhatsApp counts as failed.

        Returns:
            The message.
        """
        audio = WhatsAppAudio()
        _fill(audio, link=link, id=id, mime_type=mime_type)
        return cls(audio=audio, sender=sender, validity=validity, ttl=ttl)

    @classmethod
    def document(
        cls,
        *,
        link: str | None = None,
        id: str | None = None,
        caption: str | None = None,
        mime_type: str | None = None,
        file_name: str | None = None,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build a document message, by ``link`` or media ``id`` (exactly one).

        Args:
            link: HTTP(S) URL of the document.
            id: WhatsApp media object ID.
            caption: Caption.
            mime_type: MIME type, for example ``application/pdf``.
            file_name: File name shown to the recipient.
            sender: Sender registered for WhatsApp.
            validity: Minutes before WhatsApp counts as failed.
            ttl: Seconds before WhatsApp counts as failed.

        Returns:
            The message.
        """
        document = WhatsAppDocument()
        _fill(document, link=link, id=id, caption=caption, mime_type=mime_type, file_name=file_name)
        return cls(document=document, sender=sender, validity=validity, ttl=ttl)

    @classmethod
    def sticker(
        cls,
        *,
        link: str | None = None,
        id: str | None = None,
        mime_type: str | None = None,
        animated: bool | None = None,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build a sticker message, by ``link`` or media ``id`` (exactly one).

        Args:
            link: HTTP(S) URL of the sticker.
            id: WhatsApp media object ID.
            mime_type: MIME type, for example ``image/webp``.
            animated: Whether the sticker is animated.
            sender: Sender registered for WhatsApp.
            validity: Minutes before WhatsApp counts as failed.
            ttl: Seconds before WhatsApp counts as failed.

        Returns:
            The message.
        """
        sticker = WhatsAppSticker()
        _fill(sticker, link=link, id=id, mime_type=mime_type, animated=animated)
        return cls(sticker=sticker, sender=sender, validity=validity, ttl=ttl)


def _fill(model: object, **fields: object) -> None:
    for name, value in fields.items():
        if value is not None:
            setattr(model, name, value)
