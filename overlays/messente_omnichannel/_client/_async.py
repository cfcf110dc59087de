"""The asynchronous client, :class:`AsyncOmnichannel`."""

from collections.abc import Awaitable, Callable, Iterable
from types import TracebackType
from typing import Any, Self, TypeVar
from uuid import UUID

import anyio
import httpx

from messente_omnichannel import _calls
from messente_omnichannel._client._base import (
    USER_AGENT,
    ClientCore,
    MessageLike,
    Operation,
    bulk_payload,
    omnimessage_payload,
    omnimessage_uuid,
    uncertain_outcome,
)
from messente_omnichannel._client._options import as_timeout
from messente_omnichannel._results import DeliveryReport, parse_bulk, parse_created, parse_report
from messente_omnichannel_client import AuthenticatedClient
from messente_omnichannel_client.api.bulk import send_bulk_omnimessage
from messente_omnichannel_client.api.cancel import cancel_scheduled_message
from messente_omnichannel_client.api.delivery_report import retrieve_delivery_report
from messente_omnichannel_client.api.omnimessage import send_omnimessage
from messente_omnichannel_client.models import ErrorResponse, OmnimessageCreated

T = TypeVar("T")


class AsyncOmnichannel(ClientCore):
    """Asynchronous client of Messente's Omnichannel API, with the surface of :class:`Omnichannel`.

    Example:
        ``async with AsyncOmnichannel() as client: created = await client.send(...)``

    Credentials come from the arguments or ``MESSENTE_API_USERNAME`` /
    ``MESSENTE_API_PASSWORD``; the base URL from ``base_url``, ``MESSENTE_BASE_URL`` or the
    production API. Reads and cancels are retried on connection errors, timeouts, 429 and 5xx;
    sends only when they provably were not processed (see :class:`SendOutcomeUnknownError`).
    """

    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        retry_uncertain_sends: bool | None = None,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        clock: Callable[[], float] | None = None,
        random: Callable[[], float] | None = None,
    ) -> None:
        """Create a client.

        Args:
            username: API username; ``MESSENTE_API_USERNAME`` when omitted.
            password: API password; ``MESSENTE_API_PASSWORD`` when omitted.
            base_url: API base URL; ``MESSENTE_BASE_URL`` or ``https://api.messente.com/v1``.
                Plain ``http://`` is accepted only to loopback addresses.
            timeout: Per-request timeout in seconds or as ``httpx.Timeout`` (default 5 s to
                connect, 30 s otherwise). Must be finite.
            max_retries: Retries after the first attempt (default 2).
            deadline: Seconds for a whole call, retries included (default 60).
            retry_uncertain_sends: Also retry sends whose outcome is unknown; may deliver twice.
            http_client: An ``httpx.AsyncClient`` to use; the client sets its base URL and adds
                event hooks, and does not close it.
            transport: An ``httpx`` transport for the client built here (for example a sandbox's
                or ``httpx.MockTransport``).
            sleep: Waits between retries (``anyio.sleep``); replace it in tests.
            clock: A monotonic clock in seconds (``time.monotonic``).
            random: Floats in [0, 1) for backoff jitter (``random.random``).

        Raises:
            MessenteError: Credentials are missing or the base URL is refused.
            ValueError: An option is out of range, or both ``http_client`` and ``transport``
                were given.
        """
        options = self._configure(
            username=username,
            password=password,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
            retry_uncertain_sends=retry_uncertain_sends,
            http_client=http_client,
            transport=transport,
            clock=clock,
            random=random,
        )
        self._sleep = sleep or anyio.sleep
        if http_client is None:
            http_client = httpx.AsyncClient(
                timeout=options.timeout, transport=transport, headers={"User-Agent": USER_AGENT}
            )
            self._owns_http = True
        else:
            self._owns_http = False
        _calls.install(http_client, self._base_url)
        self._http = http_client
        self._client: AuthenticatedClient = self._generated(http_client)

    async def send(
        self, message: MessageLike, *, timeout: float | httpx.Timeout | None = None
    ) -> OmnimessageCreated:
        """Send an omnimessage after checking it.

        Args:
            message: The omnimessage.
            timeout: Per-request timeout for this call only.

        Returns:
            The accepted omnimessage, with its ``omnimessage_id``.

        Raises:
            InvalidMessageError: The message breaks the API's rules; nothing was sent.
            SendOutcomeUnknownError: It may or may not have been accepted.
            ApiError: The API refused it (a subclass says why).
            ApiConnectionError: It could not be sent.
        """
        payload, model = omnimessage_payload(message)
        op = Operation("POST", "/omnimessage", parse_created, payload)
        return await self._run(
            op, lambda c: send_omnimessage.asyncio_detailed(client=c, body=model), timeout
        )

    async def send_bulk(
        self, messages: Iterable[MessageLike], *, timeout: float | httpx.Timeout | None = None
    ) -> list[OmnimessageCreated | ErrorResponse]:
        """Send many omnimessages in one request after checking them all.

        Args:
            messages: The omnimessages.
            timeout: Per-request timeout for this call only.

        Returns:
            One item per omnimessage, in order: accepted, or the errors that refused it.

        Raises:
            InvalidMessageError: Some message breaks the API's rules; nothing was sent.
            SendOutcomeUnknownError: The request may or may not have been accepted.
            ApiError: The API refused the whole request.
            ApiConnectionError: It could not be sent.
        """
        payload, model = bulk_payload(messages)
        op = Operation("POST", "/omnimessages", parse_bulk, payload)
        return await self._run(
            op, lambda c: send_bulk_omnimessage.asyncio_detailed(client=c, body=model), timeout
        )

    async def status(
        self, omnimessage_id: UUID | str, *, timeout: float | httpx.Timeout | None = None
    ) -> DeliveryReport:
        """Retrieve the delivery report of an omnimessage.

        Args:
            omnimessage_id: The ID returned by :meth:`send`.
            timeout: Per-request timeout for this call only.

        Returns:
            One result per channel attempted so far.

        Raises:
            NotFoundError: No such omnimessage for this account.
            ApiError: Another error answer.
            ApiConnectionError: No answer within the retries and the deadline.
        """
        uuid = omnimessage_uuid(omnimessage_id)
        op = Operation("GET", f"/omnimessage/{uuid}/status", parse_report)
        return await self._run(
            op,
            lambda c: retrieve_delivery_report.asyncio_detailed(omnimessage_id=uuid, client=c),
            timeout,
        )

    async def cancel(
        self, omnimessage_id: UUID | str, *, timeout: float | httpx.Timeout | None = None
    ) -> None:
        """Cancel an omnimessage scheduled with ``time_to_send``.

        Args:
            omnimessage_id: The ID returned by :meth:`send`.
            timeout: Per-request timeout for this call only.

        Raises:
            NotFoundError: It has already been sent, or there is no such omnimessage.
            ApiError: Another error answer.
            ApiConnectionError: No answer within the retries and the deadline.
        """
        uuid = omnimessage_uuid(omnimessage_id)
        op = Operation("DELETE", f"/omnimessage/{uuid}", lambda _: None)
        await self._run(
            op,
            lambda c: cancel_scheduled_message.asyncio_detailed(omnimessage_id=uuid, client=c),
            timeout,
        )

    async def _run(
        self,
        op: Operation[T],
        invoke: Callable[[AuthenticatedClient], Awaitable[Any]],
        timeout: float | httpx.Timeout | None,
    ) -> T:
        per_call = None if timeout is None else as_timeout(timeout)
        started = self._clock()
        attempt = 0
        uncertain = False
        while True:
            call = self._start(started, per_call)
            token = _calls.current.set(call)
            try:
                await invoke(self._client)
                outcome = self._attempt_outcome(call, None)
            except Exception as exc:
                outcome = self._attempt_outcome(call, exc)
            finally:
                _calls.current.reset(token)
            delay = self._delay(op, outcome, attempt, started)
            if delay is None:
                return self._finish(op, outcome, attempt + 1, uncertain)
            uncertain = uncertain or uncertain_outcome(outcome)
            await self._sleep(delay)
            attempt += 1

    async def aclose(self) -> None:
        """Close the connections, unless the ``httpx.Client`` was given by the caller."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        """Return the client."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the client."""
        await self.aclose()
