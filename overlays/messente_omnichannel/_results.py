"""One parser for every answer: typed results for successes, one exception type per error.

Values added to the API later (a new status, channel or error code) come through as plain
strings or integers; nothing here fails on them.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar
from uuid import UUID

import httpx

from messente_omnichannel._client._retry import retry_after
from messente_omnichannel._errors import ApiError, RateLimitError, error_class, excerpt
from messente_omnichannel._statuses import DELIVERED_STATUSES
from messente_omnichannel_client import models
from messente_omnichannel_client.models import (
    Channel,
    DeliveryErrorCode,
    DeliveryStatus,
    ErrorCode,
    ErrorItem,
    ErrorResponse,
    ErrorTitle,
    OmnimessageCreated,
)
from messente_omnichannel_client.types import Unset

T = TypeVar("T")
E = TypeVar("E", bound=str)


def _open_enum(enum: type[E], value: object) -> E | str:
    text = "" if value is None else str(value)
    try:
        return enum(text)
    except ValueError:
        return text


def _json(response: httpx.Response) -> Any:
    try:
        return json.loads(response.content)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None


def error_items(data: Any, scrub: Callable[[str], str] = str) -> list[ErrorItem]:
    """Parse the ``errors`` items of an error body, whatever shape it has.

    Args:
        data: The decoded JSON body (anything).
        scrub: Removes secrets from every text field (a server may echo them).

    Returns:
        The items; empty when there are none. Missing fields become empty strings.
    """
    raw = data.get("errors") if isinstance(data, Mapping) else None
    if not isinstance(raw, list):
        return []
    items = []
    for entry in raw:
        if not isinstance(entry, Mapping):
            continue
        source = entry.get("source")
        items.append(
            ErrorItem(
                title=_open_enum(ErrorTitle, _text(entry.get("title"), scrub)),
                detail=_text(entry.get("detail"), scrub),
                code=_open_enum(ErrorCode, _text(entry.get("code"), scrub)),
                source=None if source is None else _text(source, scrub),
            )
        )
    return items


def _text(value: object, scrub: Callable[[str], str]) -> str:
    return "" if value is None else scrub(str(value))


def _describe(item: ErrorItem) -> str:
    where = f" at {item.source}" if item.source else ""
    return f"{item.title} ({item.code}){where}: {item.detail}".strip()


_HINTS = {
    401: " Check the API username and password (Account > API Settings).",
    404: "",
    429: " Slow down; the client already retried within its limits.",
}


def api_error(response: httpx.Response, scrub: Callable[[str], str], note: str = "") -> ApiError:
    """Build the exception for an error answer, documented status or not.

    Args:
        response: The answer (its body already read).
        scrub: Removes secrets from text taken from the answer.
        note: A sentence to add, for example about earlier attempts.

    Returns:
        The exception matching the status.
    """
    status = response.status_code
    text = scrub(response.content.decode("utf-8", errors="replace"))
    items = error_items(_json(response), scrub)
    method, path = response.request.method, response.request.url.path
    described = "; ".join(_describe(i) for i in items)
    reason = described or excerpt(text) or scrub(response.reason_phrase)
    message = (
        f"HTTP {status} from {method} {path}: {reason.rstrip('.')}.{_HINTS.get(status, '')}{note}"
    )
    fields: dict[str, Any] = {
        "status": status,
        "errors": items,
        "body": text,
        "method": method,
        "path": path,
        "headers": scrubbed_headers(response, scrub),
    }
    if status == 429:
        return RateLimitError(message, retry_after=retry_after(response.headers), **fields)
    return error_class(status)(message, **fields)


def scrubbed_headers(response: httpx.Response, scrub: Callable[[str], str]) -> httpx.Headers:
    """Return an answer's headers for an exception: a server may echo credentials in them.

    Args:
        response: The answer.
        scrub: Removes secrets from text taken from the answer.

    Returns:
        The headers, each value scrubbed.
    """
    pairs = response.headers.multi_items()  # a repeated header (Set-Cookie) stays repeated
    return httpx.Headers([(name, scrub(value)) for name, value in pairs])


def parse_success(
    response: httpx.Response, parse: Callable[[Any], T], scrub: Callable[[str], str]
) -> T:
    """Parse a success body with a generated model.

    Args:
        response: The 2xx answer.
        parse: The model's ``from_dict`` (or another parser of the decoded JSON).
        scrub: Removes secrets from text taken from the answer.

    Returns:
        The parsed value.

    Raises:
        ApiError: The body does not match the contract; the request itself succeeded.
    """
    data = _json(response)
    try:
        return parse(data)
    except Exception as exc:  # the body is untrusted: any shape must end as an ApiError
        text = excerpt(scrub(response.content.decode("utf-8", errors="replace")))
        raise ApiError(
            f"HTTP {response.status_code} from {response.request.method} "
            f"{response.request.url.path} succeeded, but its body does not match the API "
            f"contract ({type(exc).__name__}); do not repeat the request blindly. Body: {text}",
            status=response.status_code,
            body=text,
            method=response.request.method,
            path=response.request.url.path,
            headers=scrubbed_headers(response, scrub),
        ) from None


def parse_created(data: Any) -> OmnimessageCreated:
    """Parse the answer to a send.

    Args:
        data: The decoded JSON body.

    Returns:
        The accepted omnimessage.
    """
    return OmnimessageCreated.from_dict(data)


def parse_bulk(data: Any) -> list[OmnimessageCreated | ErrorResponse]:
    """Parse the answer to a bulk send.

    Args:
        data: The decoded JSON body.

    Returns:
        One item per omnimessage, in request order: accepted, or its errors.
    """
    return list(models.BulkOmnimessageCreated.from_dict(data).messages)


def parse_cancelled(data: Any) -> None:
    """Read the answer to a cancel: a success says all there is to say.

    Args:
        data: The decoded JSON body (an empty object), or ``None`` when there is none; a body
            of another shape is no reason to report a successful cancel as failed.
    """


def _unset_none(value: T | Unset) -> T | None:
    return None if isinstance(value, Unset) else value


def parse_timestamp(value: str | None) -> datetime | None:
    """Parse a delivery timestamp; one without an offset is UTC.

    Args:
        value: ISO 8601 text such as ``2020-02-04T08:09:42.389630``.

    Returns:
        An aware datetime, or ``None`` when missing or unreadable.
    """
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.upper())
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _decimal(value: str | Unset) -> Decimal | None:
    if isinstance(value, Unset):
        return None
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError):
        return None


_BUILT_FROM_VALUES: Any = None
"""The default of a view's ``raw``: built from the view's own values after ``__init__``."""


def _set(view: object, name: str, value: object) -> None:
    # The views are frozen: __post_init__ normalises plain values through the back door.
    object.__setattr__(view, name, value)


def _uuid_or_none(value: UUID | str | None) -> UUID | None:
    return value if value is None or isinstance(value, UUID) else UUID(str(value))


def _moment(value: datetime | str | None) -> datetime | None:
    if isinstance(value, str):
        return parse_timestamp(value)
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _wire_timestamp(value: datetime | None) -> str | None:
    # Messente's own form: UTC, microseconds, no offset.
    return None if value is None else value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _err(value: DeliveryErrorCode | int | None) -> DeliveryErrorCode | int | None:
    if value is None or isinstance(value, DeliveryErrorCode):
        return value
    try:
        return DeliveryErrorCode(int(value))
    except ValueError:
        return int(value)


def _decimal_value(value: Decimal | str | int | None) -> Decimal | None:
    return value if value is None or isinstance(value, Decimal) else Decimal(str(value))


@dataclass(frozen=True, slots=True)
class Price:
    """The price of one channel message.

    Example:
        ``Price(part_price="0.042", parts_count=1, total_price="0.042")``, or
        ``Price.from_dict({"part_price": "0.042", ...})`` with the API's ``price_info``.

    Attributes:
        part_price: Price of one message part (text or a number is read as ``Decimal``).
        parts_count: Number of parts.
        total_price: Total price (text or a number is read as ``Decimal``).
    """

    part_price: Decimal | None = None
    parts_count: int | None = None
    total_price: Decimal | None = None

    def __post_init__(self) -> None:
        """Read prices given as text or numbers as ``Decimal``."""
        _set(self, "part_price", _decimal_value(self.part_price))
        _set(self, "total_price", _decimal_value(self.total_price))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Price":
        """Build a price from the API's ``price_info`` JSON.

        Args:
            data: The decoded ``price_info`` object.

        Returns:
            The price; unreadable amounts become ``None``.
        """
        info = models.PriceInfo.from_dict(data)
        return cls(
            part_price=_decimal(info.part_price),
            parts_count=_unset_none(info.parts_count),
            total_price=_decimal(info.total_price),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the API's ``price_info`` JSON of this price."""
        data: dict[str, Any] = {}
        if self.part_price is not None:
            data["part_price"] = str(self.part_price)
        if self.parts_count is not None:
            data["parts_count"] = self.parts_count
        if self.total_price is not None:
            data["total_price"] = str(self.total_price)
        return data


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    """What happened to one channel attempt.

    Build one from plain values in a test (``DeliveryResult(channel="sms", status="DELIVRD")``:
    text is read as the API's enums, IDs and timestamps, a naive timestamp as UTC) or from the
    API's JSON with :meth:`from_dict`.

    Attributes:
        channel: The channel; a value unknown to this version stays a plain string.
        message_id: The channel message's ID.
        status: ``DeliveryStatus`` (or a newer value as a string); ``None`` while processing.
        err: ``DeliveryErrorCode`` (or a newer code as an int); ``None`` while processing.
        error: Human-readable error, ``None`` on success.
        timestamp: When the status was received, in UTC when the API gave no offset.
        sender: The sender used.
        price: The price, once known.
        raw: The generated model this view reads (``DeliveryReportCallback`` when it came from
            a pushed delivery report); built from the values when not given.
    """

    channel: Channel | str | None = None
    message_id: UUID | None = None
    status: DeliveryStatus | str | None = None
    err: DeliveryErrorCode | int | None = None
    error: str | None = None
    timestamp: datetime | None = None
    sender: str | None = None
    price: Price | None = None
    raw: models.DeliveryResult | models.DeliveryReportCallback = field(
        default=_BUILT_FROM_VALUES, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Read plain values as the API's types, and build ``raw`` when it was not given."""
        if isinstance(self.channel, str):
            _set(self, "channel", _open_enum(Channel, self.channel))
        if isinstance(self.status, str):
            _set(self, "status", _open_enum(DeliveryStatus, self.status))
        _set(self, "message_id", _uuid_or_none(self.message_id))
        _set(self, "err", _err(self.err))
        _set(self, "timestamp", _moment(self.timestamp))
        if self.raw is _BUILT_FROM_VALUES:
            _set(self, "raw", models.DeliveryResult.from_dict(self._values_json()))

    def _values_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "status": None if self.status is None else str(self.status),
            "err": None if self.err is None else int(self.err),
            "error": self.error,
            "timestamp": _wire_timestamp(self.timestamp),
            "price_info": None if self.price is None else self.price.to_dict(),
        }
        if self.channel is not None:
            data["channel"] = str(self.channel)
        if self.message_id is not None:
            data["message_id"] = str(self.message_id)
        if self.sender is not None:
            data["sender"] = self.sender
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DeliveryResult":
        """Build the view from the API's JSON of one status (an item of ``statuses``).

        Args:
            data: The decoded JSON object.

        Returns:
            The view.
        """
        return cls.from_model(models.DeliveryResult.from_dict(data))

    def to_dict(self) -> dict[str, Any]:
        """Return the API's JSON of this result (what :meth:`from_dict` reads)."""
        return self.raw.to_dict()

    @classmethod
    def from_model(
        cls, model: models.DeliveryResult | models.DeliveryReportCallback
    ) -> "DeliveryResult":
        """Build the view.

        Args:
            model: The generated model: a result of a status response, or the body of a
                delivery report pushed to ``dlr_url`` (the same fields, and two more).

        Returns:
            The view.
        """
        price_info = _unset_none(model.price_info)
        price = None
        if price_info is not None:
            price = Price(
                part_price=_decimal(price_info.part_price),
                parts_count=_unset_none(price_info.parts_count),
                total_price=_decimal(price_info.total_price),
            )
        return cls(
            channel=_unset_none(model.channel),
            message_id=_unset_none(model.message_id),
            status=_unset_none(model.status),
            err=_unset_none(model.err),
            error=_unset_none(model.error),
            timestamp=parse_timestamp(_unset_none(model.timestamp)),
            sender=_unset_none(model.sender),
            price=price,
            raw=model,
        )


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """The delivery report of an omnimessage: one result per channel attempt, in send order.

    Build one from plain values in a test (``DeliveryReport("632c...", "+37251000000",
    [DeliveryResult(channel="sms", status="DELIVRD")])``) or from the API's JSON of a status
    response with :meth:`from_dict`.

    Attributes:
        omnimessage_id: The omnimessage (text is read as a UUID).
        to: The recipient.
        statuses: One result per channel attempted so far (any iterable is kept as a tuple).
        raw: The generated model this view reads; built from the values when not given.
    """

    omnimessage_id: UUID
    to: str
    statuses: tuple[DeliveryResult, ...] = ()
    raw: models.DeliveryReport = field(default=_BUILT_FROM_VALUES, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Read plain values as the API's types, and build ``raw`` when it was not given."""
        _set(self, "omnimessage_id", _uuid_or_none(self.omnimessage_id))
        _set(self, "statuses", tuple(self.statuses))
        if self.raw is _BUILT_FROM_VALUES:
            data = {
                "omnimessage_id": str(self.omnimessage_id),
                "to": self.to,
                "statuses": [s.to_dict() for s in self.statuses],
            }
            _set(self, "raw", models.DeliveryReport.from_dict(data))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DeliveryReport":
        """Build the report from the API's JSON answer to a status request.

        Args:
            data: The decoded JSON body.

        Returns:
            The report.
        """
        return parse_report(data)

    def to_dict(self) -> dict[str, Any]:
        """Return the API's JSON of this report (what :meth:`from_dict` reads)."""
        return self.raw.to_dict()

    @property
    def delivered(self) -> DeliveryResult | None:
        """The attempt that reached the recipient (``DELIVRD`` or ``SEEN``), if any."""
        return next((s for s in self.statuses if s.status in DELIVERED_STATUSES), None)


def parse_report(data: Any) -> DeliveryReport:
    """Parse the answer to a status request.

    Args:
        data: The decoded JSON body.

    Returns:
        The delivery report.
    """
    model = models.DeliveryReport.from_dict(data)
    return DeliveryReport(
        omnimessage_id=model.omnimessage_id,
        to=model.to,
        statuses=tuple(DeliveryResult.from_model(s) for s in model.statuses),
        raw=model,
    )
