"""The RCS message: text, a rich card, a carousel of cards, or a file; and suggestions."""

from collections.abc import Sequence
from datetime import datetime
from typing import Literal, Self

from messente_omnichannel._builders._base import ChannelMessage, rfc3339
from messente_omnichannel._numbers import check_number
from messente_omnichannel_client.models import (
    RcsCardContent,
    RcsCardOrientation,
    RcsCardWidth,
    RcsCarouselCard,
    RcsContentInfo,
    RcsCreateCalendarEventAction,
    RcsDialAction,
    RcsLatLong,
    RcsMedia,
    RcsMediaHeight,
    RcsOpenUrlAction,
    RcsOpenUrlApplication,
    RcsRichCard,
    RcsShareLocationAction,
    RcsStandaloneCard,
    RcsSuggestedAction,
    RcsSuggestedReply,
    RcsSuggestion,
    RcsThumbnailImageAlignment,
    RcsViewLocationAction,
    RcsWebviewViewMode,
)


def _action(
    text: str, postback_data: str | None, fallback_url: str | None, **action: object
) -> RcsSuggestion:
    suggested = RcsSuggestedAction(text=text)
    if postback_data is not None:
        suggested.postback_data = postback_data
    if fallback_url is not None:
        suggested.fallback_url = fallback_url
    for name, value in action.items():
        setattr(suggested, name, value)
    return RcsSuggestion(action=suggested)


class Suggestion:
    """RCS suggested replies and actions, shown as chips under a message or a card."""

    @staticmethod
    def reply(text: str, postback_data: str) -> RcsSuggestion:
        """A suggested reply.

        Args:
            text: Its text, at most 25 characters.
            postback_data: Data sent back when it is chosen.

        Returns:
            The suggestion.
        """
        return RcsSuggestion(reply=RcsSuggestedReply(text=text, postback_data=postback_data))

    @staticmethod
    def dial(
        text: str,
        phone_number: str,
        *,
        postback_data: str | None = None,
        fallback_url: str | None = None,
        region: str | None = None,
    ) -> RcsSuggestion:
        """An action that opens the dialer.

        Args:
            text: Its text, at most 25 characters.
            phone_number: The number to dial, E.164; with ``region``, any way of writing it.
            postback_data: Data sent back when it is chosen.
            fallback_url: URL opened when the device cannot dial.
            region: Check ``phone_number`` as :func:`normalize_number` does and read a
                national number in this country (for example ``"EE"``); any kind of number
                may be dialled, fixed lines too.

        Returns:
            The suggestion.

        Raises:
            InvalidNumberError: With ``region``, the number cannot be dialled.
        """
        if region is not None:
            phone_number = check_number(phone_number, region, path="dial_action.phone_number")
        return _action(
            text, postback_data, fallback_url, dial_action=RcsDialAction(phone_number=phone_number)
        )

    @staticmethod
    def view_location(
        text: str,
        *,
        latitude: float | None = None,
        longitude: float | None = None,
        label: str | None = None,
        query: str | None = None,
        postback_data: str | None = None,
        fallback_url: str | None = None,
    ) -> RcsSuggestion:
        """An action that opens a map at a point or a search query.

        Args:
            text: Its text, at most 25 characters.
            latitude: Latitude in degrees (with ``longitude``).
            longitude: Longitude in degrees (with ``latitude``).
            label: Label of the location.
            query: A search query for the location.
            postback_data: Data sent back when it is chosen.
            fallback_url: URL opened when the device cannot show the map.

        Returns:
            The suggestion.
        """
        location = RcsViewLocationAction()
        if latitude is not None and longitude is not None:
            location.lat_long = RcsLatLong(latitude=latitude, longitude=longitude)
        if label is not None:
            location.label = label
        if query is not None:
            location.query = query
        return _action(text, postback_data, fallback_url, view_location_action=location)

    @staticmethod
    def calendar_event(
        text: str,
        *,
        start: datetime,
        end: datetime,
        title: str,
        description: str,
        postback_data: str | None = None,
        fallback_url: str | None = None,
    ) -> RcsSuggestion:
        """An action that creates a calendar event; naive times are read as UTC.

        Args:
            text: Its text, at most 25 characters.
            start: Start of the event.
            end: End of the event, after ``start``.
            title: Title, at most 100 characters.
            description: Description, at most 500 characters.
            postback_data: Data sent back when it is chosen.
            fallback_url: URL opened when the device cannot create the event.

        Returns:
            The suggestion.
        """
        event = RcsCreateCalendarEventAction(
            start_time=datetime.fromisoformat(rfc3339(start)),
            end_time=datetime.fromisoformat(rfc3339(end)),
            title=title,
            description=description,
        )
        return _action(text, postback_data, fallback_url, create_calendar_event_action=event)

    @staticmethod
    def open_url(
        text: str,
        url: str,
        *,
        application: Literal["BROWSER", "WEBVIEW"] | None = None,
        webview_view_mode: Literal["FULL", "HALF", "TALL"] | None = None,
        description: str | None = None,
        postback_data: str | None = None,
        fallback_url: str | None = None,
    ) -> RcsSuggestion:
        """An action that opens a URL.

        Args:
            text: Its text, at most 25 characters.
            url: The URL, at most 2048 characters.
            application: Open it in the ``BROWSER`` or a ``WEBVIEW``.
            webview_view_mode: Size of the webview: ``FULL``, ``HALF`` or ``TALL``.
            description: Accessibility description.
            postback_data: Data sent back when it is chosen.
            fallback_url: URL opened when the device cannot open ``url``.

        Returns:
            The suggestion.
        """
        action = RcsOpenUrlAction(url=url)
        if application is not None:
            action.application = RcsOpenUrlApplication(application)
        if webview_view_mode is not None:
            action.webview_view_mode = RcsWebviewViewMode(webview_view_mode)
        if description is not None:
            action.description = description
        return _action(text, postback_data, fallback_url, open_url_action=action)

    @staticmethod
    def share_location(
        text: str, *, postback_data: str | None = None, fallback_url: str | None = None
    ) -> RcsSuggestion:
        """An action that asks the recipient to share their location.

        Args:
            text: Its text, at most 25 characters.
            postback_data: Data sent back when it is chosen.
            fallback_url: URL opened when the device cannot share a location.

        Returns:
            The suggestion.
        """
        return _action(
            text, postback_data, fallback_url, share_location_action=RcsShareLocationAction()
        )


MediaHeight = Literal["SHORT", "MEDIUM", "TALL"]


class RCS(ChannelMessage):
    """An RCS attempt: exactly one of text, a rich card and a file, plus optional suggestions.

    ``RCS.text(...)``, ``RCS.card(...)``, ``RCS.carousel(...)`` and ``RCS.file(...)`` build each
    kind; ``sender`` is required for RCS.
    """

    channel = "rcs"
    __slots__ = ()

    def __init__(
        self,
        *,
        sender: str,
        text: str | None = None,
        rich_card: RcsRichCard | None = None,
        content_info: RcsContentInfo | None = None,
        suggestions: Sequence[RcsSuggestion] = (),
        validity: int | None = None,
        ttl: int | None = None,
    ) -> None:
        """Build an RCS message from its content fields.

        Args:
            sender: The RCS agent (sender) registered for the account.
            text: Text, at most 3072 characters.
            rich_card: A standalone card or a carousel of cards.
            content_info: A file.
            suggestions: Suggested replies and actions, at most 11 (see :class:`Suggestion`).
            validity: Minutes before RCS counts as failed (only one of this and ``ttl``).
            ttl: Seconds before RCS counts as failed (only one of this and ``validity``).
        """
        super().__init__(
            sender=sender,
            validity=validity,
            ttl=ttl,
            text=text,
            rich_card=None if rich_card is None else rich_card.to_dict(),
            content_info=None if content_info is None else content_info.to_dict(),
            suggestions=[s.to_dict() for s in suggestions] or None,
        )

    @classmethod
    def text(
        cls,
        text: str,
        *,
        sender: str,
        suggestions: Sequence[RcsSuggestion] = (),
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build a text message.

        Args:
            text: The text, at most 3072 characters.
            sender: The RCS agent.
            suggestions: Suggested replies and actions, at most 11.
            validity: Minutes before RCS counts as failed.
            ttl: Seconds before RCS counts as failed.

        Returns:
            The message.
        """
        return cls(sender=sender, text=text, suggestions=suggestions, validity=validity, ttl=ttl)

    @staticmethod
    def card_content(
        *,
        title: str | None = None,
        description: str | None = None,
        media_url: str | None = None,
        media_height: MediaHeight = "MEDIUM",
        thumbnail_url: str | None = None,
        suggestions: Sequence[RcsSuggestion] = (),
    ) -> RcsCardContent:
        """Build the content of one card.

        Args:
            title: Title, at most 200 characters.
            description: Description, at most 2000 characters.
            media_url: URL of an image or video shown on the card.
            media_height: Height of the media: ``SHORT``, ``MEDIUM`` or ``TALL``.
            thumbnail_url: URL of the media's thumbnail.
            suggestions: Suggestions on the card, at most 4.

        Returns:
            The card content.
        """
        content = RcsCardContent()
        if title is not None:
            content.title = title
        if description is not None:
            content.description = description
        if media_url is not None:
            info = RcsContentInfo(file_url=media_url, force_refresh=False)
            if thumbnail_url is not None:
                info.thumbnail_url = thumbnail_url
            content.media = RcsMedia(height=RcsMediaHeight(media_height), content_info=info)
        if suggestions:
            content.suggestions = list(suggestions)
        return content

    @classmethod
    def card(
        cls,
        content: RcsCardContent,
        *,
        sender: str,
        orientation: Literal["VERTICAL", "HORIZONTAL"] = "VERTICAL",
        image_alignment: Literal["LEFT", "RIGHT"] = "LEFT",
        suggestions: Sequence[RcsSuggestion] = (),
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build a standalone rich card (see :meth:`RCS.card_content`).

        Args:
            content: The card's content.
            sender: The RCS agent.
            orientation: ``VERTICAL`` or ``HORIZONTAL``.
            image_alignment: Side of a horizontal card that shows the image.
            suggestions: Suggestions under the message, at most 11.
            validity: Minutes before RCS counts as failed.
            ttl: Seconds before RCS counts as failed.

        Returns:
            The message.
        """
        card = RcsStandaloneCard(
            card_orientation=RcsCardOrientation(orientation),
            thumbnail_image_alignment=RcsThumbnailImageAlignment(image_alignment),
            card_content=content,
        )
        return cls(
            sender=sender,
            rich_card=RcsRichCard(standalone_card=card),
            suggestions=suggestions,
            validity=validity,
            ttl=ttl,
        )

    @classmethod
    def carousel(
        cls,
        cards: Sequence[RcsCardContent],
        *,
        sender: str,
        width: Literal["SMALL", "MEDIUM"] = "MEDIUM",
        suggestions: Sequence[RcsSuggestion] = (),
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build a carousel of up to 10 cards (see :meth:`RCS.card_content`).

        Args:
            cards: The cards' contents.
            sender: The RCS agent.
            width: ``SMALL`` or ``MEDIUM``.
            suggestions: Suggestions under the message, at most 11.
            validity: Minutes before RCS counts as failed.
            ttl: Seconds before RCS counts as failed.

        Returns:
            The message.
        """
        carousel = RcsCarouselCard(card_width=RcsCardWidth(width), card_contents=list(cards))
        return cls(
            sender=sender,
            rich_card=RcsRichCard(carousel_card=carousel),
            suggestions=suggestions,
            validity=validity,
            ttl=ttl,
        )

    @classmethod
    def file(
        cls,
        url: str,
        *,
        sender: str,
        thumbnail_url: str | None = None,
        force_refresh: bool = False,
        suggestions: Sequence[RcsSuggestion] = (),
        validity: int | None = None,
        ttl: int | None = None,
    ) -> Self:
        """Build a file message.

        Args:
            url: URL of the file.
            sender: The RCS agent.
            thumbnail_url: URL of the file's thumbnail.
            force_refresh: Fetch the file again instead of using a cached copy.
            suggestions: Suggestions under the message, at most 11.
            validity: Minutes before RCS counts as failed.
            ttl: Seconds before RCS counts as failed.

        Returns:
            The message.
        """
        info = RcsContentInfo(file_url=url, force_refresh=force_refresh)
        if thumbnail_url is not None:
            info.thumbnail_url = thumbnail_url
        return cls(
            sender=sender, content_info=info, suggestions=suggestions, validity=validity, ttl=ttl
        )
