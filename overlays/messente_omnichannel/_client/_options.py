"""The settings of a client: timeouts, retries and the overall deadline of a call."""

from dataclasses import dataclass, field

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""Per request: 5 s to connect, 30 s for each read, write and pool wait."""
DEFAULT_MAX_RETRIES = 2
DEFAULT_DEADLINE = 60.0
"""Seconds for a whole call, every retry and wait included."""


def as_timeout(value: float | httpx.Timeout) -> httpx.Timeout:
    """Turn a number of seconds into an ``httpx.Timeout``.

    Args:
        value: Seconds for every phase, or a ready ``httpx.Timeout``.

    Returns:
        The timeout.

    Raises:
        ValueError: Some phase has no limit; the client only uses finite timeouts.
    """
    timeout = value if isinstance(value, httpx.Timeout) else httpx.Timeout(float(value))
    if None in (timeout.connect, timeout.read, timeout.write, timeout.pool):
        raise ValueError("timeouts must be finite: give every phase of httpx.Timeout a limit")
    return timeout


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """How a client sends requests.

    Attributes:
        timeout: Per-request timeout.
        max_retries: Retries after the first attempt, when the policy allows one.
        deadline: Seconds for a whole call, retries and waits included.
        retry_uncertain_sends: Also retry a send whose outcome is unknown (read timeout, dropped
            connection, 5xx); this may deliver a message twice.
        backoff_base: First backoff delay in seconds; doubled on each retry, with jitter.
        backoff_max: Longest backoff delay in seconds.
    """

    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    max_retries: int = DEFAULT_MAX_RETRIES
    deadline: float = DEFAULT_DEADLINE
    retry_uncertain_sends: bool = False
    backoff_base: float = 0.5
    backoff_max: float = 8.0

    def __post_init__(self) -> None:
        """Check the values.

        Raises:
            ValueError: A negative retry count or a non-positive deadline.
        """
        if self.max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        if not self.deadline > 0:
            raise ValueError("deadline must be a positive number of seconds")


def capped(timeout: httpx.Timeout, remaining: float) -> dict[str, float]:
    """Limit every phase of a timeout to the time left before the deadline.

    Args:
        timeout: The configured timeout (finite).
        remaining: Seconds left.

    Returns:
        The timeout as httpx's request extension expects it.
    """
    limit = max(remaining, 0.001)
    phases = timeout.as_dict()
    return {name: min(float(value or limit), limit) for name, value in phases.items()}
