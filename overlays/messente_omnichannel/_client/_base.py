"""What the sync and async clients share: settings, request preparation, and outcomes.

Only the loop that waits differs between the two; everything it decides is made here.
"""

import random as _random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Generic, Self, TypeVar
from uuid import UUID

import httpx

from messente_omnichannel import _calls
from messente_omnichannel._builders.omnimessage import Omnimessage
from messente_omnichannel._client._config import resolve_base_url
from messente_omnichannel._client._credentials import Credentials, resolve_credentials
from messente_omnichannel._errors import (
    ApiError,
    ApiUnreachableError,
    InvalidMessageError,
    MessenteError,
    Problem,
    SendOutcomeUnknownError,
    ApiTimeoutError,
    ApiConnectionError,
)
from messente_omnichannel._logging import logger
from messente_omnichannel._client._options import Options, as_timeout, capped
from messente_omnichannel._results import api_error, parse_success
from messente_omnichannel._client._retry import Failure, classify, next_delay
from messente_omnichannel._validation import validate_bulk, validate_omnimessage
from messente_omnichannel._version import __version__
from messente_omnichannel_client import AuthenticatedClient
from messente_omnichannel_client import models as gen

T = TypeVar("T")
MessageLike = Omnimessage | Mapping[str, Any]
"""An omnimessage: built with :class:`Omnimessage`, or the API's JSON as a mapping."""

USER_AGENT = f"messente-omnichannel-python/{__version__}"


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    """One API call: what to send and how to read the answer.

    Attributes:
        method: The HTTP method.
        path: The path, for messages.
        parse: Parses the decoded JSON of a success.
        payload: The JSON body of a send, kept for :class:`SendOutcomeUnknownError`.
    """

    method: str
    path: str
    parse: Callable[[Any], T]
    payload: dict[str, Any] | None = None


def omnimessage_payload(message: MessageLike) -> tuple[dict[str, Any], gen.Omnimessage]:
    """Validate an omnimessage and turn it into the generated model.

    Args:
        message: The omnimessage.

    Returns:
        The exact JSON that will be sent, and the model that sends it.

    Raises:
        InvalidMessageError: With every problem found.
    """
    data = message.to_dict() if isinstance(message, Omnimessage) else dict(message)
    validate_omnimessage(data)
    model = gen.Omnimessage.from_dict(data)
    return model.to_dict(), model


def bulk_payload(messages: Iterable[MessageLike]) -> tuple[dict[str, Any], gen.BulkOmnimessage]:
    """Validate a bulk request and turn it into the generated model.

    Args:
        messages: The omnimessages.

    Returns:
        The exact JSON that will be sent, and the model that sends it.

    Raises:
        InvalidMessageError: With every problem found, paths starting at ``messages[i]``.
    """
    data = {"messages": [m.to_dict() if isinstance(m, Omnimessage) else dict(m) for m in messages]}
    validate_bulk(data)
    model = gen.BulkOmnimessage.from_dict(data)
    return model.to_dict(), model


def omnimessage_uuid(value: UUID | str) -> UUID:
    """Check an omnimessage ID.

    Args:
        value: The ID returned by a send.

    Returns:
        The ID as a UUID.

    Raises:
        InvalidMessageError: It is not a UUID.
    """
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        raise InvalidMessageError(
            [Problem("omnimessage_id", f"{value!r} is not a UUID such as the one send() returns")]
        ) from None


def uncertain_outcome(outcome: httpx.Response | httpx.RequestError) -> bool:
    """Tell whether an attempt may have been processed without a clear answer.

    Args:
        outcome: The response or transport error of the attempt.

    Returns:
        ``True`` for a 5xx or a transport error after the request may have left.
    """
    if isinstance(outcome, httpx.Response):
        return outcome.status_code >= 500
    return classify(outcome) is Failure.UNCERTAIN


class ClientCore:
    """Settings and decisions shared by :class:`Omnichannel` and :class:`AsyncOmnichannel`."""

    _credentials: Credentials
    _base_url: str
    _options: Options
    _clock: Callable[[], float]
    _random: Callable[[], float]
    _owns_http: bool

    def _configure(
        self,
        *,
        username: str | None,
        password: str | None,
        base_url: str | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
        deadline: float | None,
        retry_uncertain_sends: bool | None,
        http_client: object | None,
        transport: object | None,
        clock: Callable[[], float] | None,
        random: Callable[[], float] | None,
    ) -> Options:
        if http_client is not None and transport is not None:
            raise ValueError(
                "Give http_client or transport, not both: the transport of a given client is "
                "its own."
            )
        self._credentials = resolve_credentials(username, password)
        self._base_url = resolve_base_url(base_url)
        self._options = self._options_from(
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
            retry_uncertain_sends=retry_uncertain_sends,
        )
        self._clock = clock or time.monotonic
        self._random = random or _random.random
        return self._options

    @staticmethod
    def _options_from(
        *,
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
        deadline: float | None,
        retry_uncertain_sends: bool | None,
        base: Options | None = None,
    ) -> Options:
        options = base or Options()
        changes: dict[str, Any] = {}
        if timeout is not None:
            changes["timeout"] = as_timeout(timeout)
        if max_retries is not None:
            changes["max_retries"] = max_retries
        if deadline is not None:
            changes["deadline"] = deadline
        if retry_uncertain_sends is not None:
            changes["retry_uncertain_sends"] = retry_uncertain_sends
        return replace(options, **changes)

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        retry_uncertain_sends: bool | None = None,
    ) -> Self:
        """Return a copy with other settings, sharing this client's connections.

        Args:
            timeout: Per-request timeout.
            max_retries: Retries after the first attempt.
            deadline: Seconds for a whole call.
            retry_uncertain_sends: Also retry sends whose outcome is unknown.

        Returns:
            The copy; closing it does not close the shared connections.
        """
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone._options = self._options_from(
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
            retry_uncertain_sends=retry_uncertain_sends,
            base=self._options,
        )
        clone._owns_http = False  # the original owns the shared connection pool
        return clone

    @property
    def base_url(self) -> str:
        """The API base URL requests go to."""
        return self._base_url

    @property
    def options(self) -> Options:
        """Timeouts, retries and deadline of this client."""
        return self._options

    def __repr__(self) -> str:
        """Describe the client without its credentials."""
        o = self._options
        return (
            f"{type(self).__name__}(base_url={self._base_url!r}, timeout={o.timeout!r}, "
            f"max_retries={o.max_retries}, deadline={o.deadline}, "
            f"retry_uncertain_sends={o.retry_uncertain_sends})"
        )

    def _generated(self, http: httpx.Client | httpx.AsyncClient) -> AuthenticatedClient:
        # The token is never used: the httpx client is set below, and the call hooks put the
        # basic-auth header on each request, so no secret lives in the generated client.
        client = AuthenticatedClient(base_url=self._base_url, token="", prefix="")
        if isinstance(http, httpx.AsyncClient):
            return client.set_async_httpx_client(http)
        return client.set_httpx_client(http)

    def _start(self, started: float, timeout: httpx.Timeout | None) -> _calls.Call:
        remaining = self._options.deadline - (self._clock() - started)
        if remaining <= 0:
            raise ApiTimeoutError(f"The call ran out of its {self._options.deadline} s deadline.")
        return _calls.Call(
            authorization=self._credentials.authorization(),
            timeout=capped(timeout or self._options.timeout, remaining),
        )

    def _delay(
        self,
        op: Operation[Any],
        outcome: httpx.Response | httpx.RequestError,
        attempt: int,
        started: float,
    ) -> float | None:
        delay = next_delay(
            method=op.method,
            outcome=outcome,
            attempt=attempt,
            elapsed=self._clock() - started,
            options=self._options,
            random=self._random,
        )
        if delay is not None:
            what = (
                f"HTTP {outcome.status_code}"
                if isinstance(outcome, httpx.Response)
                else type(outcome).__name__
            )
            logger.info(
                "Retrying %s %s in %.2f s after %s (retry %d of %d)",
                op.method,
                op.path,
                delay,
                what,
                attempt + 1,
                self._options.max_retries,
            )
        return delay

    def _finish(
        self,
        op: Operation[T],
        outcome: httpx.Response | httpx.RequestError,
        attempts: int,
        uncertain_before: bool,
    ) -> T:
        scrub = self._credentials.scrub
        tries = f" after {attempts} attempt{'s' if attempts != 1 else ''}"
        if isinstance(outcome, httpx.Response) and outcome.is_success:
            return parse_success(outcome, op.parse, scrub)
        send = op.method == "POST" and op.payload is not None
        if isinstance(outcome, httpx.Response):
            note = ""
            if op.method == "DELETE" and outcome.status_code == 404 and uncertain_before:
                note = " An earlier attempt got no clear answer and may have cancelled it."
            error: MessenteError = api_error(outcome, scrub, note)
            reason = f"HTTP {outcome.status_code}{tries}"
        else:
            detail = scrub(f"{type(outcome).__name__}: {outcome}")
            reason = f"{detail}{tries}"
            where = f"{op.method} {op.path} failed{tries}: {detail}"
            if isinstance(outcome, httpx.TimeoutException):
                error = ApiTimeoutError(where)
            elif classify(outcome) is Failure.NOT_SENT:
                error = ApiUnreachableError(where + " (the request was not sent)")
            else:
                error = ApiConnectionError(where)
        if send and op.payload is not None and (uncertain_outcome(outcome) or uncertain_before):
            status = outcome.status_code if isinstance(outcome, httpx.Response) else None
            unknown = SendOutcomeUnknownError(
                reason, payload=op.payload, path=op.path, status=status
            )
            logger.warning("%s", unknown)
            raise unknown from error
        if isinstance(error, ApiError) or not isinstance(outcome, httpx.RequestError):
            raise error
        raise error from outcome

    def _attempt_outcome(
        self, call: _calls.Call, exc: BaseException | None
    ) -> httpx.Response | httpx.RequestError:
        if isinstance(exc, httpx.RequestError):
            return exc
        if call.response is None:
            # Nothing came back and it was not a transport error: not ours to hide.
            if exc is not None:
                raise exc
            raise MessenteError(
                "No response was recorded: the httpx client's event hooks were removed."
            )
        # A generated parser that failed on the body (exc) is no loss: the raw answer is parsed
        # again by this package's own parser, which handles any body.
        return call.response
