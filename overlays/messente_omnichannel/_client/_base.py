"""What the sync and async clients share: settings, the request of each attempt, and outcomes.

Only the loop that waits differs between the two clients; everything it decides is made here.
Each attempt is one ``httpx.Request`` built here from the exact bytes that were validated, with
the call's ``Authorization`` header and the attempt's timeout on it; the answer is parsed once.
"""

import json
import logging
import random as _random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Generic, Self, TypeVar

import httpx

from messente_omnichannel._client._config import resolve_base_url
from messente_omnichannel._client._credentials import Credentials, resolve_credentials
from messente_omnichannel._client._headers import HeadersLike, checked_headers, merged
from messente_omnichannel._client._operations import CANCEL, Operation
from messente_omnichannel._client._options import Options, as_timeout, capped
from messente_omnichannel._client._retry import Failure, classify, next_delay
from messente_omnichannel._errors import (
    ApiConnectionError,
    ApiTimeoutError,
    ApiUnreachableError,
    CancelOutcomeUnknownError,
    MessenteError,
    SendOutcomeUnknownError,
)
from messente_omnichannel._logging import logger, redact_headers, secret_filter
from messente_omnichannel._results import api_error, parse_success
from messente_omnichannel._version import __version__

T = TypeVar("T")
Outcome = httpx.Response | httpx.RequestError
"""What one attempt ended with: an answer, or the transport error that stopped it."""

USER_AGENT = f"messente-omnichannel-python/{__version__}"


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One API call: what to send and how to read the answer.

    Attributes:
        operation: The operation.
        path: The path of this request, relative to the base URL.
        parse: Parses the decoded JSON of a success.
        content: The request body, exactly as validated; ``None`` for no body.
        timeout: The caller's timeout for this call, or ``None`` for the client's.
        weight: How many omnimessages the request carries, for a campaign's rate limit.
        headers: The caller's ``extra_headers`` for this call, checked; ``None`` for none.
    """

    operation: Operation
    path: str
    parse: Callable[[Any], T]
    content: bytes | None = None
    timeout: httpx.Timeout | None = None
    weight: int = 1
    headers: httpx.Headers | None = None


def per_call_timeout(value: float | httpx.Timeout | None) -> httpx.Timeout | None:
    """Check the timeout a caller gave for one call.

    Args:
        value: Seconds, an ``httpx.Timeout``, or ``None`` for the client's own.

    Returns:
        The timeout, or ``None``.

    Raises:
        ValueError: Some phase has no limit.
    """
    return None if value is None else as_timeout(value)


def uncertain_outcome(outcome: Outcome) -> bool:
    """Tell whether an attempt may have been processed without a clear answer.

    Args:
        outcome: The response or transport error of the attempt.

    Returns:
        ``True`` for a 5xx or a transport error after the request may have left.
    """
    if isinstance(outcome, httpx.Response):
        return outcome.status_code >= 500
    return classify(outcome) is Failure.UNCERTAIN


class BaseClient:
    """Settings and decisions shared by :class:`Omnichannel` and :class:`AsyncOmnichannel`."""

    _credentials: Credentials
    _base_url: str
    _options: Options
    _clock: Callable[[], float]
    _random: Callable[[], float]
    _owns_http: bool
    _headers: httpx.Headers
    _json_headers: httpx.Headers
    _urls: dict[str, httpx.URL]
    # The final answer of each call and its attempts, kept only by a with_raw_response view's
    # own copy.
    _answers: list[tuple[httpx.Response, int]] | None = None

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
        default_headers: HeadersLike | None = None,
    ) -> Options:
        if http_client is not None and transport is not None:
            raise ValueError(
                "Give http_client or transport, not both: the transport of a given client is "
                "its own."
            )
        self._credentials = resolve_credentials(username, password)
        secret_filter.protect(self._credentials)
        self._base_url = resolve_base_url(base_url)
        self._options = self._options_from(
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
            retry_uncertain_sends=retry_uncertain_sends,
        )
        self._clock = clock or time.monotonic
        self._random = random or _random.random
        # Built once: a request copies ready headers faster than it normalises a dict.
        headers = merged(
            httpx.Headers({"Accept": "application/json", "User-Agent": USER_AGENT}),
            checked_headers(default_headers, "default_headers"),
        )
        headers["Authorization"] = self._credentials.authorization()
        self._headers = headers
        self._json_headers = merged(headers, httpx.Headers({"Content-Type": "application/json"}))
        # Parsing a URL costs more than the rest of building a request: the fixed ones are
        # parsed once.
        self._urls = {}
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

    def _recording(self) -> Self:
        """Return a copy that keeps the final answer of each call (for ``with_raw_response``)."""
        clone = self.with_options()
        clone._answers = []
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

    def _url(self, call: Call[Any]) -> httpx.URL:
        url = self._urls.get(call.path)
        if url is None:
            url = httpx.URL(self._base_url + call.path)
            if call.path == call.operation.path:
                self._urls[call.path] = url
        return url

    def _remaining(self, started: float) -> float:
        return self._options.deadline - (self._clock() - started)

    def _request(self, call: Call[Any], remaining: float) -> httpx.Request:
        """Build one attempt: the validated bytes, auth, and a timeout within the deadline."""
        base = self._headers if call.content is None else self._json_headers
        headers = merged(base, call.headers)
        request = httpx.Request(
            call.operation.method,
            self._url(call),
            content=call.content,
            headers=headers,
            extensions={"timeout": capped(call.timeout or self._options.timeout, remaining)},
        )
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "HTTP request: %s %s headers=%s",
                request.method,
                request.url,
                redact_headers(request.headers.items()),
            )
        return request

    def _delay(
        self, call: Call[Any], outcome: Outcome, attempt: int, started: float
    ) -> float | None:
        if isinstance(outcome, httpx.Response):
            logger.debug(
                "HTTP response: %s %s -> %s", call.operation.method, call.path, outcome.status_code
            )
        delay = next_delay(
            method=call.operation.method,
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
                call.operation.method,
                call.path,
                delay,
                what,
                attempt + 1,
                self._options.max_retries,
            )
        return delay

    def _out_of_time(
        self, call: Call[T], last: Outcome | None, attempts: int, uncertain: bool
    ) -> T:
        """End a call whose deadline ran out before its next attempt could start."""
        if last is not None:
            return self._finish(call, last, attempts, uncertain)
        raise ApiTimeoutError(f"The call ran out of its {self._options.deadline} s deadline.")

    def _finish(self, call: Call[T], outcome: Outcome, attempts: int, uncertain_before: bool) -> T:
        scrub = self._credentials.scrub
        method, path = call.operation.method, call.path
        tries = f" after {attempts} attempt{'s' if attempts != 1 else ''}"
        if self._answers is not None and isinstance(outcome, httpx.Response):
            self._answers.append((outcome, attempts))
        if isinstance(outcome, httpx.Response) and outcome.is_success:
            return parse_success(outcome, call.parse, scrub)
        if isinstance(outcome, httpx.Response):
            note = ""
            if method == "DELETE" and outcome.status_code == 404 and uncertain_before:
                note = " An earlier attempt got no clear answer and may have cancelled it."
            error: MessenteError = api_error(outcome, scrub, note)
            reason = f"HTTP {outcome.status_code}{tries}"
        else:
            detail = scrub(f"{type(outcome).__name__}: {_said(outcome)}")
            reason = f"{detail} ({tries.strip()})"
            where = f"{method} {path} failed{tries}: {detail}."
            if isinstance(outcome, httpx.TimeoutException):
                error = ApiTimeoutError(where)
            elif classify(outcome) is Failure.NOT_SENT:
                error = ApiUnreachableError(where + " (the request was not sent)")
            else:
                error = ApiConnectionError(where)
            error.__cause__ = outcome  # what httpx said, for tracebacks and for callers
        uncertain = uncertain_outcome(outcome) or uncertain_before
        if call.operation.sends and call.content is not None and uncertain:
            status = outcome.status_code if isinstance(outcome, httpx.Response) else None
            unknown = SendOutcomeUnknownError(
                reason, payload=json.loads(call.content), path=path, status=status
            )
            logger.warning("%s", unknown)
            raise unknown from error
        if call.operation is CANCEL and uncertain and _unclear(outcome):
            status = outcome.status_code if isinstance(outcome, httpx.Response) else None
            omnimessage_id = path.rsplit("/", 1)[-1]
            maybe = CancelOutcomeUnknownError(
                reason, omnimessage_id=omnimessage_id, path=path, status=status
            )
            logger.warning("%s", maybe)
            raise maybe from error
        raise error


def _said(error: httpx.RequestError) -> str:
    """What a transport error says, without a final period; its meaning when it says nothing."""
    text = str(error).strip() or (type(error).__doc__ or "").strip().partition("\n")[0]
    return text.rstrip(".") or "no details"


def _unclear(outcome: Outcome) -> bool:
    """Tell whether a last outcome leaves open what earlier attempts did (a 404 does not)."""
    if isinstance(outcome, httpx.Response):
        return outcome.status_code >= 500 or outcome.status_code == 429
    return True
