"""The exceptions raised by the client: one type per failure a user can meet.

```
MessenteError
├── ApiError                  the API answered with an error status
│   ├── BadRequestError       400
│   ├── AuthenticationError   401
│   ├── NotFoundError         404
│   ├── RateLimitError        429
│   └── ServerError           5xx
├── ApiConnectionError        no usable answer
│   ├── ApiUnreachableError   the connection could not be established: nothing was sent
│   ├── ApiTimeoutError       the call ran out of time
│   ├── SendOutcomeUnknownError  a send may or may not have been accepted
│   └── CancelOutcomeUnknownError  a cancel may or may not have cancelled
├── InvalidMessageError       client-side validation, before anything is sent
│   └── InvalidNumberError    a phone number that cannot be a recipient (reason says why)
├── CampaignSourceChangedError  a resumed campaign's source is not the one its journal recorded
└── ReportError               a delivery report pushed to dlr_url was refused
    ├── SignatureError        not proven to come from Messente (a receiver answers 401)
    │   ├── MissingSignatureError  no X-Messente-Signature header
    │   └── WrongSignatureError    the signature does not match the body and password
    ├── ReportNotJSONError    signed, but the body is not JSON (a receiver answers 400)
    └── InvalidReportError    signed JSON, but fields are missing or of the wrong type (400)
```
"""

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from messente_omnichannel_client.models import ErrorItem

_BODY_EXCERPT = 500


class MessenteError(Exception):
    """Base class of every exception this package raises.

    Configuration mistakes (no credentials, a plain-http base URL) are raised as this base class.
    """


class ApiError(MessenteError):
    """The API answered with an error status (or with a body that breaks the contract).

    Raised as this base class for statuses without a subclass (for example 403 or 409).

    Attributes:
        status: The HTTP status code.
        errors: The ``errors`` items of the body, parsed whatever the status; empty when the body
            has none (for example an HTML page from a proxy).
        body: The response body as text.
        method: The HTTP method of the request.
        path: The path of the request, relative to the base URL.
        headers: The answer's headers, case-insensitive (``Retry-After``, a proxy's request
            ID), with the client's credentials removed from their values; empty when built
            without an answer.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        errors: Sequence[ErrorItem] = (),
        body: str = "",
        method: str = "",
        path: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Create the error.

        Args:
            message: What happened and what to do.
            status: The HTTP status code.
            errors: The parsed ``errors`` items.
            body: The response body as text.
            method: The HTTP method of the request.
            path: The path of the request.
            headers: The answer's headers.
        """
        super().__init__(message)
        self.status = status
        self.errors: tuple[ErrorItem, ...] = tuple(errors)
        self.body = body
        self.method = method
        self.path = path
        self.headers = httpx.Headers(headers)


class BadRequestError(ApiError):
    """400: the API rejected the request; each error's ``source`` names the field."""


class AuthenticationError(ApiError):
    """401: missing or wrong API username or password (Account > API Settings)."""


class NotFoundError(ApiError):
    """404: no such omnimessage for this account, or (for cancel) it has already been sent."""


class RateLimitError(ApiError):
    """429: too many requests; retried automatically until ``max_retries`` or the deadline.

    Attributes:
        retry_after: Seconds the server asked to wait, when it said so.
    """

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        """Create the error.

        Args:
            message: What happened and what to do.
            retry_after: Seconds the server asked to wait, if it said so.
            **kwargs: The fields of :class:`ApiError`.
        """
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(ApiError):
    """5xx: the server failed; reads and cancels were retried, sends were not (see the docs)."""


_STATUS_ERRORS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    404: NotFoundError,
    429: RateLimitError,
}


def error_class(status: int) -> type[ApiError]:
    """Return the exception type of an error status.

    Args:
        status: The HTTP status of an error answer.

    Returns:
        Its subclass of :class:`ApiError`, :class:`ServerError` for any 5xx, or
        :class:`ApiError` itself for a status without one.
    """
    return _STATUS_ERRORS.get(status) or (ServerError if status >= 500 else ApiError)


class ApiConnectionError(MessenteError):
    """No usable answer came back (network failure, dropped connection, timeout)."""


class ApiUnreachableError(ApiConnectionError):
    """The connection could not be established, so the request was not sent."""


class ApiTimeoutError(ApiConnectionError):
    """The call ran out of time (a per-request timeout or the overall deadline)."""


class SendOutcomeUnknownError(ApiConnectionError):
    """A send may or may not have been accepted; sending it again blindly may deliver twice.

    Attributes:
        payload: The exact JSON body that was sent (an omnimessage, or a bulk request).
        path: The path it was sent to (``/omnimessage`` or ``/omnimessages``).
        status: The HTTP status of the last answer (a 5xx), or ``None`` when no answer came.
    """

    def __init__(
        self, reason: str, *, payload: Mapping[str, Any], path: str, status: int | None = None
    ) -> None:
        """Create the error.

        Args:
            reason: What went wrong with the last attempt.
            payload: The exact JSON body that was sent.
            path: The path it was sent to.
            status: The HTTP status of the last answer, if there was one.
        """
        super().__init__(
            f"The send to {path} may or may not have been accepted: {reason}. "
            "The API has no idempotency key, so sending it again may deliver it twice. "
            "Check first: a delivery report reaches the omnimessage's dlr_url if it was accepted, "
            "and Messente's dashboard lists sent messages. If it was not sent, send "
            "`error.payload` again; to let the client retry such sends itself, accepting "
            "possible duplicates, pass retry_uncertain_sends=True."
        )
        self.reason = reason
        self.payload: dict[str, Any] = dict(payload)
        self.path = path
        self.status = status


class CancelOutcomeUnknownError(ApiConnectionError):
    """A cancel got no clear answer, and an attempt may have cancelled the omnimessage.

    Raised when the last attempt timed out, was dropped or got a 5xx (or a retry could not
    start in time) after some attempt may have reached the server: the ``__cause__`` is what
    the last attempt ended with.

    Attributes:
        omnimessage_id: The omnimessage that may have been cancelled.
        path: The path of the request.
        status: The HTTP status of the last answer, or ``None`` when no answer came.
    """

    def __init__(
        self, reason: str, *, omnimessage_id: str, path: str, status: int | None = None
    ) -> None:
        """Create the error.

        Args:
            reason: What went wrong with the last attempt.
            omnimessage_id: The omnimessage.
            path: The path of the request.
            status: The HTTP status of the last answer, if there was one.
        """
        super().__init__(
            f"The cancel of omnimessage {omnimessage_id} may or may not have cancelled it: "
            f"{reason}. Check with status(): once cancelled it answers 404; cancelling again "
            "is safe (404 if it was cancelled or has started sending)."
        )
        self.reason = reason
        self.omnimessage_id = omnimessage_id
        self.path = path
        self.status = status


@dataclass(frozen=True, slots=True)
class Problem:
    """One client-side validation problem.

    Attributes:
        path: Where in the request, for example ``messages[1].ttl`` (empty for the whole request).
        message: What is wrong, in the spec's words where it has them.
    """

    path: str
    message: str

    def __str__(self) -> str:
        """Return ``path: message``."""
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidMessageError(MessenteError, ValueError):
    """The request breaks the API's rules; nothing was sent.

    Attributes:
        problems: Every problem found, each with its field path.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        """Create the error.

        Args:
            problems: Every problem found, at least one.
        """
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        lines = "".join(f"\n- {problem}" for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the request:{lines}")


class NumberProblem(enum.StrEnum):
    """Why a phone number was refused: :attr:`InvalidNumberError.reason`."""

    NOT_A_NUMBER = "not_a_number"
    """Not a phone number at all (or one with an extension)."""
    NO_COUNTRY_CODE = "no_country_code"
    """A national number without a region to read it in."""
    UNKNOWN_COUNTRY_CODE = "unknown_country_code"
    """No country has the code after the ``+``."""
    TOO_SHORT = "too_short"
    """Shorter than any number of its country (or a local number without its area code)."""
    TOO_LONG = "too_long"
    """Longer than any number of its country."""
    INVALID_LENGTH = "invalid_length"
    """Between the lengths its country's numbers have, but of none of them."""
    NOT_IN_NUMBERING_PLAN = "not_in_numbering_plan"
    """Of a possible length, but in no range of its country's numbering plan."""
    NOT_MOBILE = "not_mobile"
    """Not a mobile number (a fixed line, toll-free, ...) while every channel needs one."""
    NOT_E164 = "not_e164"
    """Without libphonenumber: not in the E.164 form the API takes."""


class InvalidNumberError(InvalidMessageError):
    """A phone number cannot be a recipient; nothing was sent.

    Attributes:
        reason: Why, as a :class:`NumberProblem`.
        number: The number as it was given.
        problems: The one problem, at the number's field path (for example ``to``).
    """

    def __init__(self, reason: NumberProblem, number: str, why: str, *, path: str = "") -> None:
        """Create the error.

        Args:
            reason: Why the number was refused.
            number: The number as it was given.
            why: What is wrong and what to do, after the number.
            path: The field the number came from; empty when it was checked on its own.
        """
        super().__init__([Problem(path, f"{number!r} {why}")])
        self.args = (str(self.problems[0]),)  # one problem: the message is that problem
        self.reason = reason
        self.number = number


def excerpt(text: str) -> str:
    """Shorten a response body for an exception message.

    Args:
        text: The body.

    Returns:
        The body, cut to a few hundred characters.
    """
    text = text.strip()
    return text if len(text) <= _BODY_EXCERPT else text[:_BODY_EXCERPT] + "..."


class CampaignSourceChangedError(MessenteError):
    """A resumed campaign's source differs from what its journal recorded; nothing more is sent.

    Attributes:
        index: The first item found to differ.
        state: What the journal recorded of it (for example ``sent``).
    """

    def __init__(self, index: int, state: str) -> None:
        """Create the error.

        Args:
            index: The first item found to differ.
            state: What the journal recorded of it.
        """
        super().__init__(
            f"Item {index} of the source differs from the one the journal recorded as "
            f"{state.replace('_', ' ')}: this is not the campaign the journal belongs to, or its "
            "source changed (a row added, removed or edited). Nothing more was sent. Restore the "
            "source as it was to resume, or start a new journal for a new campaign."
        )
        self.index = index
        self.state = state


class ReportError(MessenteError, ValueError):
    """A delivery report was refused: it cannot be trusted or cannot be read.

    Nothing in a refused report was used. Its body is never part of the message: it is
    unauthenticated input.
    """


class SignatureError(ReportError):
    """The report is not proven to come from Messente; a receiver answers 401."""


class MissingSignatureError(SignatureError):
    """The request has no ``X-Messente-Signature`` header (or an empty one)."""


class WrongSignatureError(SignatureError):
    """The signature does not match the body and the API password.

    Either the body was changed on the way, the report was signed with another API key's
    password, or it was not sent by Messente.
    """


class ReportNotJSONError(ReportError):
    """The body is correctly signed but is not a JSON object in UTF-8."""


class InvalidReportError(ReportError):
    """The body is correctly signed JSON, but required fields are missing or malformed.

    Attributes:
        problems: Every problem found, each with its field path.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        """Create the error.

        Args:
            problems: Every problem found, at least one.
        """
        self.problems: tuple[Problem, ...] = tuple(problems)
        listed = "; ".join(str(problem) for problem in self.problems)
        super().__init__(f"The delivery report is not valid: {listed}.")
