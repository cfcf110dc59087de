"""Delivery reports pushed to ``dlr_url``: verified over the raw body, then parsed.

Messente POSTs one report per status change of every channel attempt, signed in the
``X-Messente-Signature`` header (hex HMAC-SHA256 of the raw body, keyed with the API password).
:func:`parse_delivery_report` checks the signature before it reads a byte of the body, so nothing
unauthenticated is ever parsed; :func:`sign_report` builds correctly signed reports for tests.
"""

import enum
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from messente_omnichannel._errors import (
    InvalidReportError,
    MessenteError,
    MissingSignatureError,
    Problem,
    ReportNotJSONError,
    WrongSignatureError,
)
from messente_omnichannel._reports._signature import SIGNATURE_HEADER, sign, verify
from messente_omnichannel._results import _BUILT_FROM_VALUES, DeliveryResult, Price
from messente_omnichannel._validation import schema_problems
from messente_omnichannel_client import models
from messente_omnichannel_client.models import Channel, DeliveryErrorCode, DeliveryStatus

Headers = Mapping[str, str] | Iterable[tuple[str | bytes, str | bytes]]
"""Request headers: a mapping (any framework's headers object) or ASGI-style raw pairs."""

Passwords = str | Iterable[str]
"""One API password, or several (every API key whose messages report to this URL)."""

_EXAMPLE: dict[str, Any] = {
    "omnimessage_id": "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a",
    "to": "+37251000000",
    "channel": "sms",
    "message_id": "3c9a4d5e-7f8b-4c0d-9e1f-2a3b4c5d6e7f",
    "status": "DELIVRD",
    "err": 0,
    "error": None,
    "timestamp": "2020-02-04T08:09:42.389630",
    "sender": "MyBrand",
    "price_info": {"part_price": "0.0420", "parts_count": 1, "total_price": "0.0420"},
}


@dataclass(frozen=True, slots=True)
class DeliveryUpdate:
    """One verified delivery report: the new status of one channel attempt of an omnimessage.

    The status fields are those of :class:`DeliveryResult` (also available as :attr:`result`):
    values unknown to this version stay plain strings or integers, and a timestamp without an
    offset is read as UTC.

    Build one for a test from plain values (``DeliveryUpdate("632c...", "+37251000000",
    DeliveryResult(channel="sms", status="DELIVRD"))``) or from a report's JSON with
    :meth:`from_dict`; a body received over HTTP goes through :func:`parse_delivery_report`,
    which checks its signature first.

    Attributes:
        omnimessage_id: The omnimessage the attempt belongs to (text is read as a UUID).
        to: The recipient.
        result: The state of the channel attempt.
        raw: The generated ``DeliveryReportCallback`` model this view reads; built from the
            values when not given.
    """

    omnimessage_id: UUID
    to: str
    result: DeliveryResult
    raw: models.DeliveryReportCallback = field(
        default=_BUILT_FROM_VALUES, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Read a textual ID as a UUID, and build ``raw`` when it was not given."""
        # The annotation says UUID; a test may still pass the ID as text.
        object.__setattr__(self, "omnimessage_id", UUID(str(self.omnimessage_id)))
        if self.raw is _BUILT_FROM_VALUES:
            data = {
                **self.result.to_dict(),
                "omnimessage_id": str(self.omnimessage_id),
                "to": self.to,
            }
            object.__setattr__(self, "raw", models.DeliveryReportCallback.from_dict(data))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DeliveryUpdate":
        """Build the view from a delivery report's JSON, trusted as it is (no signature check).

        Args:
            data: The decoded ``DeliveryReportCallback`` body.

        Returns:
            The view.
        """
        model = models.DeliveryReportCallback.from_dict(data)
        return cls(model.omnimessage_id, model.to, DeliveryResult.from_model(model), model)

    def to_dict(self) -> dict[str, Any]:
        """Return the report's JSON (what :meth:`from_dict` reads)."""
        return self.raw.to_dict()

    @property
    def channel(self) -> Channel | str | None:
        """The channel of the attempt."""
        return self.result.channel

    @property
    def message_id(self) -> UUID | None:
        """The ID of the channel message."""
        return self.result.message_id

    @property
    def status(self) -> DeliveryStatus | str | None:
        """The new status; ``None`` while the attempt is being processed."""
        return self.result.status

    @property
    def err(self) -> DeliveryErrorCode | int | None:
        """The machine-readable error code."""
        return self.result.err

    @property
    def error(self) -> str | None:
        """The human-readable error; ``None`` on success."""
        return self.result.error

    @property
    def timestamp(self) -> datetime | None:
        """When the status was reached, timezone-aware."""
        return self.result.timestamp

    @property
    def sender(self) -> str | None:
        """The sender used."""
        return self.result.sender

    @property
    def price(self) -> Price | None:
        """The price, once known."""
        return self.result.price

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies this report among its redeliveries: message ID, status, timestamp.

        Use it as a unique key when de-duplicating in a database shared by several processes.
        The timestamp is normalised to UTC, so ``...Z`` and ``...+00:00`` are the same report.
        """
        message = (
            str(self.message_id)
            if self.message_id is not None
            else f"{self.omnimessage_id}/{_text(self.channel)}"
        )
        if self.timestamp is not None:
            moment = self.timestamp.astimezone(UTC).isoformat(timespec="microseconds")
        else:
            moment = _text(self.raw.timestamp if isinstance(self.raw.timestamp, str) else None)
        return message, _text(self.status), moment


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _signature(headers: Headers) -> str | None:
    # Framework header objects (Starlette, Werkzeug, Django) offer items() but are not all
    # registered as Mapping; names are compared case-insensitively either way.
    items = getattr(headers, "items", None)
    pairs: Iterable[tuple[str | bytes, str | bytes]] = (
        items() if callable(items) else headers  # type: ignore[assignment]
    )
    wanted = SIGNATURE_HEADER.lower()
    for name, value in pairs:
        text = name.decode("latin-1") if isinstance(name, bytes) else str(name)
        if text.lower() == wanted:
            return value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return None


def password_list(password: Passwords) -> list[str]:
    """Return the passwords that may have signed a report.

    Args:
        password: One API password, or several.

    Returns:
        The passwords, as a list.

    Raises:
        MessenteError: None was given, or an empty one.
    """
    passwords = [password] if isinstance(password, str) else list(password)
    if not passwords or not all(isinstance(p, str) and p for p in passwords):
        raise MessenteError(
            "A delivery report is verified with the API password of the key that sent the "
            "message; none (or an empty one) was given."
        )
    return passwords


def verify_signature(body: bytes, headers: Headers, password: Passwords) -> None:
    """Check the ``X-Messente-Signature`` of a delivery report, in constant time.

    Args:
        body: The raw request body, exactly as received.
        headers: The request headers.
        password: The API password of the key that sent the omnimessage, or several.

    Raises:
        MissingSignatureError: The header is missing or empty.
        WrongSignatureError: It does not match the body for any of the passwords.
        MessenteError: No password was given.
    """
    passwords = password_list(password)
    signature = _signature(headers)
    if not signature or not signature.strip():
        raise MissingSignatureError(
            f"The delivery report has no {SIGNATURE_HEADER} header, so it cannot be proven to "
            "come from Messente; refuse it."
        )
    # Every password is tried, so the time taken does not tell which one matched.
    matches = [verify(bytes(body), signature, p) for p in passwords]
    if not any(matches):
        raise WrongSignatureError(
            f"The {SIGNATURE_HEADER} header does not match the body: the body was changed on "
            "the way, it was signed with another API key's password, or it does not come from "
            "Messente; refuse it."
        )


def parse_delivery_report(body: bytes, headers: Headers, password: Passwords) -> DeliveryUpdate:
    """Verify and parse one delivery report pushed to ``dlr_url``.

    The signature is checked over the raw bytes before anything else.

    Example:
        ``update = parse_delivery_report(await request.body(), request.headers, password)``

    Args:
        body: The raw request body, exactly as received (not re-serialised JSON).
        headers: The request headers; the signature header's name is matched in any case.
        password: The API password of the key that sent the omnimessage; several when
            reports of more than one API key (or a rotated one) arrive at this URL.

    Returns:
        The report, typed.

    Raises:
        MissingSignatureError: No ``X-Messente-Signature`` header.
        WrongSignatureError: The signature does not match.
        ReportNotJSONError: Correctly signed, but the body is not UTF-8 JSON.
        InvalidReportError: Correctly signed JSON without the required fields
            (``omnimessage_id``, ``to``), or with fields of the wrong type.
        MessenteError: No password was given.
    """
    verify_signature(body, headers, password)
    try:
        data = json.loads(bytes(body).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ReportNotJSONError(
            f"The delivery report is correctly signed but its body is not UTF-8 JSON ({exc})."
        ) from None
    problems = schema_problems("DeliveryReportCallback", data)
    if problems:
        raise InvalidReportError(problems)
    try:
        model = models.DeliveryReportCallback.from_dict(data)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        # The schema check passed, so this is a gap between the schema and the generated model.
        problem = Problem("", f"cannot be read ({type(exc).__name__})")
        raise InvalidReportError([problem]) from None
    return DeliveryUpdate(
        omnimessage_id=model.omnimessage_id,
        to=model.to,
        result=DeliveryResult.from_model(model),
        raw=model,
    )


@dataclass(frozen=True, slots=True)
class SignedReport:
    """A delivery report signed as Messente signs it, for tests.

    Attributes:
        body: The exact bytes to POST.
        signature: The hex HMAC-SHA256 of ``body``.
    """

    body: bytes
    signature: str

    @property
    def headers(self) -> dict[str, str]:
        """The headers to POST with the body: content type and ``X-Messente-Signature``."""
        return {"Content-Type": "application/json", SIGNATURE_HEADER: self.signature}


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def sign_report(
    report: Mapping[str, Any] | bytes | None = None, /, *, password: str, **fields: Any
) -> SignedReport:
    """Build a delivery report signed with ``password``, as Messente would POST it.

    Example:
        ``signed = sign_report(password="pw", status="UNDELIV", err=1)`` then
        ``client.post("/dlr", content=signed.body, headers=signed.headers)``

    Args:
        report: The body: ``None`` for a complete, realistic report (a delivered SMS); a
            mapping for exactly that body; or raw bytes to sign as they are (for example to
            test how a receiver handles a body that is not JSON).
        password: The API password to sign with.
        **fields: Fields to set on the body (not with raw bytes); ``UUID``, ``datetime``,
            ``Decimal`` and enum values are converted to their JSON form, ``None`` is null.

    Returns:
        The body and its signature.

    Raises:
        TypeError: ``fields`` were given with a raw-bytes ``report``.
    """
    if isinstance(report, bytes | bytearray):
        if fields:
            raise TypeError("fields cannot be set on a raw-bytes report")
        body = bytes(report)
    else:
        payload = dict(_EXAMPLE if report is None else report)
        payload.update(fields)
        body = json.dumps(_jsonable(payload), separators=(",", ":")).encode("utf-8")
    return SignedReport(body, sign(body, password))
