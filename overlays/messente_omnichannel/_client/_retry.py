"""When to retry: reads and cancels freely, sends only when they provably were not processed.

The API has no idempotency key, so a send whose answer was lost must not be repeated blindly.
"""

import email.utils
import enum
import math
from collections.abc import Callable
from datetime import UTC, datetime

import httpx

from messente_omnichannel._client._options import Options


class Failure(enum.Enum):
    """What a transport error says about whether the request reached the server."""

    NOT_SENT = "not sent"
    """The connection could not be established (or no pooled connection came free)."""
    UNCERTAIN = "uncertain"
    """The request may have reached the server: a timeout or drop after connecting."""
    FATAL = "fatal"
    """Retrying cannot help (for example an unsupported URL)."""


def classify(exc: httpx.RequestError) -> Failure:
    """Classify a transport error.

    Args:
        exc: The error httpx raised.

    Returns:
        Whether the request provably was not sent, may have been, or cannot be retried.
    """
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return Failure.NOT_SENT
    if isinstance(
        exc,
        httpx.ReadTimeout
        | httpx.WriteTimeout
        | httpx.ReadError
        | httpx.WriteError
        | httpx.RemoteProtocolError
        | httpx.CloseError
        | httpx.DecodingError,
    ):
        return Failure.UNCERTAIN
    return Failure.FATAL


def retry_after(headers: httpx.Headers, now: datetime | None = None) -> float | None:
    """Read ``Retry-After`` (seconds or an HTTP date).

    Args:
        headers: The response headers.
        now: The current time, for an HTTP date; the system clock by default.

    Returns:
        Seconds to wait, or ``None`` when the header is missing or unreadable.
    """
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        # "nan" and "inf" are floats to Python but no number of seconds to wait.
        return max(seconds, 0.0) if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


def backoff(attempt: int, options: Options, random: Callable[[], float]) -> float:
    """Exponential backoff with jitter.

    Args:
        attempt: The number of the retry about to happen, from 0.
        options: Base and cap of the delay.
        random: A source of floats in [0, 1).

    Returns:
        Seconds to wait: between half and all of ``base * 2**attempt``, capped.
    """
    delay: float = min(options.backoff_max, options.backoff_base * 2.0**attempt)
    return delay / 2 + random() * delay / 2


def is_retryable(
    method: str, outcome: httpx.Response | httpx.RequestError, options: Options
) -> bool:
    """Decide whether the policy allows another attempt after this outcome.

    Args:
        method: The HTTP method.
        outcome: The response, or the transport error.
        options: Whether uncertain sends may be retried.

    Returns:
        Whether to retry (limits of count and deadline aside).
    """
    safe = method != "POST" or options.retry_uncertain_sends
    if isinstance(outcome, httpx.Response):
        status = outcome.status_code
        return status == 429 or (status >= 500 and safe)
    failure = classify(outcome)
    return failure is Failure.NOT_SENT or (failure is Failure.UNCERTAIN and safe)


def next_delay(
    *,
    method: str,
    outcome: httpx.Response | httpx.RequestError,
    attempt: int,
    elapsed: float,
    options: Options,
    random: Callable[[], float],
) -> float | None:
    """Return how long to wait before retrying, or ``None`` to stop.

    Args:
        method: The HTTP method.
        outcome: The response, or the transport error, of the last attempt.
        attempt: Retries done so far.
        elapsed: Seconds since the call started.
        options: Retry count, deadline and backoff.
        random: A source of floats in [0, 1) for the jitter.

    Returns:
        Seconds to wait, or ``None`` when the call must end with this outcome.
    """
    if attempt >= options.max_retries or not is_retryable(method, outcome, options):
        return None
    delay = None
    if isinstance(outcome, httpx.Response):
        delay = retry_after(outcome.headers)
    if delay is None:
        delay = backoff(attempt, options, random)
    if elapsed + delay >= options.deadline:
        return None
    return delay
