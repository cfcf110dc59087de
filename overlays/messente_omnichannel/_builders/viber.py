"""The Viber message: text, image, button, video, carousel or template."""

from collections.abc import Mapping, Sequence
from typing import Self

from messente_omnichannel._builders._base import ChannelMessage
from messente_omnichannel_client.models import (
    ViberCarousel,
    ViberCarouselButton,
    ViberCarouselItem,
    ViberTemplate,
    ViberTemplateParams,
    ViberVideo,
)


class Viber(ChannelMessage):
    """A Viber attempt.

    Plain content is built with the constructor, e.g. ``Viber(text="Shipped", button_text="Track",
    button_url="https://...")``; video, carousel and template messages with the class methods of
    the same names. The valid content combinations are checked before sending.
    """

    channel = "viber"
    __slots__ = ()

    def __init__(
        self,
        *,
        text: str | None = None,
        image_url: str | None = None,
        button_text: str | None = None,
        button_url: str | None = None,
        video: ViberVideo | None = None,
        carousel: ViberCarousel | None = None,
        template: ViberTemplate | None = None,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
    ) -> None:
        """Build a Viber message from its content fields.

        Args:
            text: Plain text.
            image_url: URL of an embedded image.
            button_text: Label of a button (with ``text``).
            button_url: URL the button opens.
            video: A video (see :meth:`Viber.video`).
            carousel: A carousel, sent with ``text`` (see :meth:`Viber.carousel`).
            template: A Viber template (see :meth:`Viber.template`).
            sender: Sender name registered for Viber.
            validity: Minutes before Viber counts as failed (only one of this and ``ttl``).
            ttl: Seconds before Viber counts as failed (only one of this and ``validity``).
        """
        super().__init__(
            sender=sender,
            validity=validity,
            ttl=ttl,
            text=text,
            image_url=image_url,
            button_text=button_text,
            button_url=button_url,
            video=None if video is None else video.to_dict(),
            carousel=None if carousel is None else carousel.to_dict(),
            template=None if template is None else template.to_dict(),
        )

    @classmethod
    def video(
        cls,
        url: str,
        *,
        thumbnail: str,
        file_size: int,
        duration: int,
        text: str | None = None,
        button_text: str | None = None,
        button_url: str | None = None,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build a video message, optionally with text and a button.

        Args:
            url: URL of the video.
            thumbnail: URL of its thumbnail.
            file_size: Size in bytes, at most 200 MB.
            duration: Length in seconds, at most 600.
            text: Text shown with the video.
            button_text: Button label (needs ``text``); without ``button_url`` it opens the video.
            button_url: URL the button opens instead.
            sender: Sender name registered for Viber.
            validity: Minutes before Viber counts as failed.
            ttl: Seconds before Viber counts as failed.

        Returns:
            The message.
        """
        return cls(
            video=ViberVideo(url=url, thumbnail=thumbnail, file_size=file_size, duration=duration),
            text=text,
            button_text=button_text,
            button_url=button_url,
            sender=sender,
            validity=validity,
            ttl=ttl,
        )

    @classmethod
    def carousel(
        cls,
        text: str,
        items: Sequence[ViberCarouselItem],
        *,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build a carousel message of 2 to 5 items (see :meth:`Viber.carousel_item`).

        Args:
            text: Text sent with the carousel.
            items: The items.
            sender: Sender name registered for Viber.
            validity: Minutes before Viber counts as failed.
            ttl: Seconds before Viber counts as failed.

        Returns:
            The message.
        """
        return cls(
            text=text,
            carousel=ViberCarousel(items=list(items)),
            sender=sender,
            validity=validity,
            ttl=ttl,
        )

    @staticmethod
    def carousel_item(
        title: str,
        image_url: str,
        *,
        button: tuple[str, str],
        secondary_button: tuple[str, str] | None = None,
    ) -> ViberCarouselItem:
        """Build one carousel item.

        Args:
            title: Title, 2 to 38 characters.
            image_url: URL of the item's image.
            button: The primary button as ``(label, url)``.
            secondary_button: An optional second button as ``(label, url)``.

        Returns:
            The item.
        """
        item = ViberCarouselItem(
            title=title,
            image_url=image_url,
            primary_button=ViberCarouselButton(label=button[0], action_url=button[1]),
        )
        if secondary_button is not None:
            label, url = secondary_button
            item.secondary_button = ViberCarouselButton(label=label, action_url=url)
        return item

    @classmethod
    def template(
        cls,
        id: str,
        lang: str,
        params: Mapping[str, str] | None = None,
        *,
        sender: str | None = None,
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build a Viber template message.

        Args:
            id: Template identifier.
            lang: Template language code.
            params: Values of the template's parameters, by name.
            sender: Sender name registered for Viber.
            validity: Minutes before Viber counts as failed.
            ttl: Seconds before Viber counts as failed.

        Returns:
            The message.
        """
        template = ViberTemplate(id=id, lang=lang)
        if params is not None:
            template.params = ViberTemplateParams()
            template.params.additional_properties = dict(params)
        return cls(template=template, sender=sender, validity=validity, ttl=ttl)
