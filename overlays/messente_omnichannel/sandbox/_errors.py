"""The error body of every failed request, with the titles and codes of the spec's enums."""

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.responses import Response

from messente_omnichannel_client.models import ErrorCode, ErrorTitle


class ErrorKind(enum.Enum):
    """An error title with its code, from the spec's ``ErrorTitle`` and ``ErrorCode``."""

    NOT_FOUND = (ErrorTitle.NOT_FOUND, ErrorCode.NOT_FOUND)
    FORBIDDEN = (ErrorTitle.FORBIDDEN, ErrorCode.FORBIDDEN)
    UNAUTHORIZED = (ErrorTitle.UNAUTHORIZED, ErrorCode.UNAUTHORIZED)
    INTERNAL_SERVER_ERROR = (ErrorTitle.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_SERVER_ERROR)
    INVALID_DATA = (ErrorTitle.INVALID_DATA, ErrorCode.INVALID_DATA)
    MISSING_DATA = (ErrorTitle.MISSING_DATA, ErrorCode.MISSING_DATA)
    METHOD_NOT_ALLOWED = (ErrorTitle.METHOD_NOT_ALLOWED, ErrorCode.METHOD_NOT_ALLOWED)
    # The one kind beyond the spec's enums (which are open, so clients accept it): the API
    # documents no 429 body, and only injected faults answer 429.
    TOO_MANY_REQUESTS = ("Too many requests", "429")

    @property
    def title(self) -> str:
        """The error title, for example ``Invalid data``."""
        return str(self.value[0])

    @property
    def code(self) -> str:
        """The error code, a string such as ``"105"``."""
        return str(self.value[1])


@dataclass(frozen=True, slots=True)
class ErrorEntry:
    """One item of an error body.

    Attributes:
        kind: The title and code.
        detail: What went wrong and what to do about it.
        source: The offending field, for example ``messages[1].text``; ``None`` when no field is
            to blame.
    """

    kind: ErrorKind
    detail: str
    source: str | None = None

    def as_json(self) -> dict[str, str | None]:
        """Return the item as the spec's ``ErrorItem``."""
        return {
            "title": self.kind.title,
            "code": self.kind.code,
            "detail": self.detail,
            "source": self.source,
        }


def error_body(errors: Sequence[ErrorEntry]) -> dict[str, list[dict[str, str | None]]]:
    """Return the spec's ``ErrorResponse`` for some errors.

    Args:
        errors: At least one error.

    Returns:
        ``{"errors": [...]}``.
    """
    return {"errors": [error.as_json() for error in errors]}


def error_response(
    status: int, errors: Sequence[ErrorEntry], headers: dict[str, str] | None = None
) -> Response:
    """Build an ``application/json`` error response.

    Args:
        status: The HTTP status.
        errors: At least one error.
        headers: Extra response headers.

    Returns:
        The response.
    """
    body = json.dumps(error_body(errors), separators=(",", ":")).encode()
    return Response(body, status_code=status, headers=headers, media_type="application/json")


class RequestRejected(Exception):  # noqa: N818 (a rejection, not a failure of the sandbox)
    """Raised inside a request handler to answer with an error body.

    Args:
        status: The HTTP status.
        errors: The errors; at least one.
        headers: Extra response headers.
    """

    def __init__(
        self, status: int, errors: Sequence[ErrorEntry], headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(errors[0].detail)
        self.status = status
        self.errors = tuple(errors)
        self.headers = headers

    def response(self) -> Response:
        """Return the error response."""
        return error_response(self.status, self.errors, self.headers)


def invalid(detail: str, source: str | None = None) -> RequestRejected:
    """Return a 400 rejection with one ``105 Invalid data`` error.

    Args:
        detail: What is wrong and what to do.
        source: The offending field.

    Returns:
        The exception, to be raised.
    """
    return RequestRejected(400, [ErrorEntry(ErrorKind.INVALID_DATA, detail, source)])


def not_found(detail: str) -> RequestRejected:
    """Return a 404 rejection with one ``101 Not found`` error.

    Args:
        detail: What was not found.

    Returns:
        The exception, to be raised.
    """
    return RequestRejected(404, [ErrorEntry(ErrorKind.NOT_FOUND, detail)])
