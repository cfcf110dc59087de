"""One pace for every request of a campaign: a rate limit, and the pauses the API asks for."""

import math
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import httpx
import sniffio

from messente_omnichannel._client._retry import retry_after
from messente_omnichannel._logging import logger

if TYPE_CHECKING:
    from aiolimiter import AsyncLimiter

BURST_SECONDS = 0.05
"""The limiter lets through at most this many seconds' worth of messages at once.

aiolimiter's bucket starts full: with a one-second period, the first second could carry twice
the rate. A twentieth of a second keeps any one-second window within 5 % of the rate.
"""


def check_rate(rate: float | None) -> float | None:
    """Check a campaign's rate limit.

    Args:
        rate: Omnimessages per second, or ``None`` for no limit.

    Returns:
        The rate.

    Raises:
        ValueError: It is not a positive finite number.
    """
    if rate is not None and not (math.isfinite(rate) and rate > 0):
        raise ValueError(f"rate must be a positive number of omnimessages per second, not {rate!r}")
    return rate


class Pacer:
    """Paces the requests of one campaign.

    Every attempt, retries included, first waits for its share of the rate limit (one unit per
    omnimessage it carries) and for any pause a ``429`` or ``503`` asked for with
    ``Retry-After``: such an answer slows the whole run, not just the request that got it.

    Args:
        rate: Omnimessages per second, or ``None`` for no limit.
        clock: A monotonic clock in seconds (the client's).
        sleep: Waits a number of seconds (the client's).
    """

    def __init__(
        self,
        rate: float | None,
        *,
        clock: Callable[[], float],
        sleep: Callable[[float], Awaitable[None]],
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._resume_at = -math.inf
        self._limiter: AsyncLimiter | None = None
        if check_rate(rate) is not None:
            if sniffio.current_async_library() != "asyncio":
                raise RuntimeError(
                    "send_many(rate=...) needs asyncio (its limiter is aiolimiter's); under "
                    "another event loop, pace the source yourself or use the sync client"
                )
            # Imported only by a rate-limited campaign.
            import aiolimiter

            assert rate is not None  # noqa: S101 (narrowed by check_rate)
            burst = max(1.0, rate * BURST_SECONDS)
            self._limiter = aiolimiter.AsyncLimiter(burst, burst / rate)

    @property
    def paused_for(self) -> float:
        """Seconds left of the pause the API asked for (0 when none)."""
        return max(0.0, self._resume_at - self._clock())

    async def wait(self, weight: int, remaining: float) -> None:
        """Wait until a request carrying ``weight`` omnimessages may go.

        Args:
            weight: Omnimessages in the request.
            remaining: Seconds left before the call's deadline; a longer pause stops there.
        """
        pause = self.paused_for
        if pause > 0:
            await self._sleep(min(pause, remaining))
        if self._limiter is not None:
            step = self._limiter.max_rate
            left = float(weight)
            while left > 0:
                await self._limiter.acquire(min(left, step))
                left -= step

    def observe(self, outcome: httpx.Response | httpx.RequestError) -> None:
        """Learn from an attempt's outcome: a ``Retry-After`` pauses every request.

        Args:
            outcome: The response, or the transport error, of an attempt.
        """
        if not isinstance(outcome, httpx.Response) or outcome.status_code not in (429, 503):
            return
        delay = retry_after(outcome.headers)
        if delay is None or not math.isfinite(delay):
            return
        resume_at = self._clock() + delay
        if resume_at > self._resume_at:
            self._resume_at = resume_at
            logger.info(
                "The API answered %d with Retry-After %.2f s: pausing every send of the campaign",
                outcome.status_code,
                delay,
            )
