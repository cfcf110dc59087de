"""The synchronous client, :class:`Omnichannel`."""

import time
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import TYPE_CHECKING, Self, TypeVar
from uuid import UUID

import httpx

from messente_omnichannel._client._base import (
    BaseClient,
    Call,
    Outcome,
    per_call_timeout,
    uncertain_outcome,
)
from messente_omnichannel._client._headers import HeadersLike, checked_headers
from messente_omnichannel._client._operations import CANCEL, SEND, SEND_BULK, STATUS
from messente_omnichannel._client._prepare import (
    MessageLike,
    omnimessage_uuid,
    prepare_bulk,
    prepare_omnimessage,
)
from messente_omnichannel._client._raw import RawOmnichannel
from messente_omnichannel._client._tracing import CallTrace, traced
from messente_omnichannel._client._transports import sync_transport
from messente_omnichannel._results import (
    DeliveryReport,
    parse_bulk,
    parse_cancelled,
    parse_created,
    parse_report,
)
from messente_omnichannel_client.models import ErrorResponse, OmnimessageCreated

if TYPE_CHECKING:
    from messente_omnichannel._campaign._engine import Item
    from messente_omnichannel._campaign._run import Campaign, JournalLike

T = TypeVar("T")


class Omnichannel(BaseClient):
    """Client of Messente's Omnichannel API.

    Example:
        ``with Omnichannel() as client: created = client.send(Omnimessage(...))``

    Credentials come from the arguments or ``MESSENTE_API_USERNAME`` /
    ``MESSENTE_API_PASSWORD``; the base URL from ``base_url``, ``MESSENTE_BASE_URL`` or the
    production API. Reads and cancels are retried on connection errors, timeouts, 429 and 5xx;
    sends only when they provably were not processed (see :class:`SendOutcomeUnknownError`).
    One client is safe to share between threads.
    """

    _transport: httpx.BaseTransport

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
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
        random: Callable[[], float] | None = None,
        default_headers: HeadersLike | None = None,
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
            http_client: An ``httpx.Client`` to send through, left unchanged and not closed.
                Its transport, limits, proxies, event hooks and auth apply; its base URL,
                default headers and timeout do not (each request carries its own).
            transport: An ``httpx`` transport to send through (for example a sandbox's or
                ``httpx.MockTransport``), closed with the client. By default httpx's own, with
                the proxy that the environment names.
            sleep: Waits between retries (``time.sleep``); replace it in tests.
            clock: A monotonic clock in seconds (``time.monotonic``).
            random: Floats in [0, 1) for backoff jitter (``random.random``).
            default_headers: Headers added to every request (a caller's ID, a proxy's
                routing header); they may replace ``User-Agent`` or ``Accept``. Headers the
                client sets itself (``Authorization``, ``Content-Type``, ``Content-Length``,
                ``Host``) are refused with ``ValueError``, never silently replaced.

        Raises:
            MessenteError: Credentials are missing or the base URL is refused.
            ValueError: An option is out of range, both ``http_client`` and ``transport``
                were given, or ``default_headers`` sets a header the client sets itself.
        """
        self._configure(
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
            default_headers=default_headers,
        )
        self._sleep = sleep or time.sleep
        self._owns_http = http_client is None
        self._http = http_client
        # A campaign (send_many) sends through a transport of its own only in place of this one.
        self._default_transport = http_client is None and transport is None
        if http_client is None:
            self._transport = transport or sync_transport(self._base_url)

    @property
    def with_raw_response(self) -> RawOmnichannel:
        """The same calls, each returning its HTTP answer (status, headers) beside its result.

        Example:
            ``raw = client.with_raw_response.send(message)``; then ``raw.status_code``,
            ``raw.headers`` and ``raw.parse()``, the ``OmnimessageCreated``.
        """
        return RawOmnichannel(self)

    def send(
        self,
        message: MessageLike,
        *,
        timeout: float | httpx.Timeout | None = None,
        extra_headers: HeadersLike | None = None,
    ) -> OmnimessageCreated:
        """Send an omnimessage after checking it.

        Args:
            message: The omnimessage.
            timeout: Per-request timeout for this call only.
            extra_headers: Headers added to this call's requests, on top of the client's
                ``default_headers`` (the same ones are refused).

        Returns:
            The accepted omnimessage, with its ``omnimessage_id``.

        Raises:
            InvalidMessageError: The message breaks the API's rules; nothing was sent.
            SendOutcomeUnknownError: It may or may not have been accepted.
            ApiError: The API refused it (a subclass says why).
            ApiConnectionError: It could not be sent.
        """
        content = prepare_omnimessage(message)
        return self._run(
            Call(
                SEND,
                SEND.path,
                parse_created,
                content,
                per_call_timeout(timeout),
                headers=checked_headers(extra_headers, "extra_headers"),
            )
        )

    def send_bulk(
        self,
        messages: Iterable[MessageLike],
        *,
        timeout: float | httpx.Timeout | None = None,
        extra_headers: HeadersLike | None = None,
    ) -> list[OmnimessageCreated | ErrorResponse]:
        """Send many omnimessages in one request after checking them all.

        Args:
            messages: The omnimessages.
            timeout: Per-request timeout for this call only.
            extra_headers: Headers added to this call's requests, on top of the client's
                ``default_headers`` (the same ones are refused).

        Returns:
            One item per omnimessage, in order: accepted, or the errors that refused it.

        Raises:
            InvalidMessageError: Some message breaks the API's rules; nothing was sent.
            SendOutcomeUnknownError: The request may or may not have been accepted.
            ApiError: The API refused the whole request.
            ApiConnectionError: It could not be sent.
        """
        content = prepare_bulk(messages)
        return self._run(
            Call(
                SEND_BULK,
                SEND_BULK.path,
                parse_bulk,
                content,
                per_call_timeout(timeout),
                headers=checked_headers(extra_headers, "extra_headers"),
            )
        )

    def send_many(
        self,
        messages: Iterable["Item"],
        *,
        bulk: bool | None = None,
        batch_size: int | None = None,
        concurrency: int | None = None,
        rate: float | None = None,
        ordered: bool = False,
        journal: "JournalLike | None" = None,
        resend_unknown: bool = False,
        timeout: float | httpx.Timeout | None = None,
    ) -> "Campaign":
        """Send many omnimessages, concurrently, with one result per omnimessage.

        Example:
            ``with client.send_many(messages, rate=100) as run:``
            ``    for result in run: print(result.index, result.status)``

        The campaign runs on an event loop in a thread of its own (the source is read there):
        it is :meth:`AsyncOmnichannel.send_many`, run for the caller. Each omnimessage is
        checked and sent on its own terms: an invalid one is reported ``INVALID`` and the rest
        are sent; the client's retry policy applies to each request, so nothing is sent twice
        by surprise.

        Args:
            messages: The omnimessages: built or as the API's JSON, from any iterable, read
                lazily (a million-row source is never held in memory). An item may be an
                :class:`InvalidMessageError` instead (a row the source could not build): it
                is reported ``INVALID`` at its index and the rest are sent.
            bulk: Send through ``POST /omnimessages``, ``batch_size`` omnimessages per request
                (the default), or ``False`` for one ``POST /omnimessage`` each. Bulk is the
                default because it sends several times as many omnimessages per second: as
                measured by ``make bench``, 7.7x (sync client) and 10x (async) to a server
                answering in 20 ms, 4-5x to the in-process sandbox. Its cost: a batch whose
                answer is lost makes every omnimessage in it ``UNKNOWN``; with ``bulk=False``
                only that one omnimessage is.
            batch_size: Omnimessages per bulk request (default 50).
            concurrency: Requests in flight at most (default 8 in bulk, else 64).
            rate: Omnimessages per second at most, every retry included; ``None`` for no limit.
                A ``429`` or ``503`` with ``Retry-After`` pauses the whole run either way.
                Needs asyncio (the sync client always runs on it).
            ordered: Stream results in input order instead of as they complete.
            journal: A :class:`Journal`, or the path of a SQLite file (created when missing),
                recording each item's state as it goes. Running the same campaign again with
                the same journal sends only what was never accepted: items already sent are
                reported ``ALREADY_SENT``, items whose outcome is unknown ``UNKNOWN``.
            resend_unknown: Send again the items the journal says may have been accepted
                (they may then be delivered twice).
            timeout: Per-request timeout for this campaign only.

        Returns:
            The campaign: iterate it (best inside ``with ... as run``); ``run.summary``
            counts each kind of result.

        Raises:
            ValueError: An option is out of range.
            TypeError: ``journal`` is neither a path nor a :class:`Journal`.
        """
        from messente_omnichannel._campaign._run import Campaign, Settings
        from messente_omnichannel._client._twin import async_twin

        settings = Settings.check(
            bulk=bulk,
            batch_size=batch_size,
            concurrency=concurrency,
            rate=rate,
            ordered=ordered,
            journal=journal,
            resend_unknown=resend_unknown,
            timeout=timeout,
        )
        return Campaign(
            lambda: async_twin(self, settings.concurrency),
            messages,
            settings,
            lambda twin: twin.aclose(),
        )

    def status(
        self,
        omnimessage_id: UUID | str,
        *,
        timeout: float | httpx.Timeout | None = None,
        extra_headers: HeadersLike | None = None,
    ) -> DeliveryReport:
        """Retrieve the delivery report of an omnimessage.

        Args:
            omnimessage_id: The ID returned by :meth:`send`.
            timeout: Per-request timeout for this call only.
            extra_headers: Headers added to this call's requests, on top of the client's
                ``default_headers`` (the same ones are refused).

        Returns:
            One result per channel attempted so far.

        Raises:
            NotFoundError: No such omnimessage for this account.
            ApiError: Another error answer.
            ApiConnectionError: No answer within the retries and the deadline.
        """
        path = STATUS.path_for(omnimessage_uuid(omnimessage_id))
        return self._run(
            Call(
                STATUS,
                path,
                parse_report,
                timeout=per_call_timeout(timeout),
                headers=checked_headers(extra_headers, "extra_headers"),
            )
        )

    def cancel(
        self,
        omnimessage_id: UUID | str,
        *,
        timeout: float | httpx.Timeout | None = None,
        extra_headers: HeadersLike | None = None,
    ) -> None:
        """Cancel an omnimessage scheduled with ``time_to_send``.

        Args:
            omnimessage_id: The ID returned by :meth:`send`.
            timeout: Per-request timeout for this call only.
            extra_headers: Headers added to this call's requests, on top of the client's
                ``default_headers`` (the same ones are refused).

        Raises:
            NotFoundError: It has already been sent, or there is no such omnimessage.
            ApiError: Another error answer.
            ApiConnectionError: No answer within the retries and the deadline.
        """
        path = CANCEL.path_for(omnimessage_uuid(omnimessage_id))
        self._run(
            Call(
                CANCEL,
                path,
                parse_cancelled,
                timeout=per_call_timeout(timeout),
                headers=checked_headers(extra_headers, "extra_headers"),
            )
        )

    def _run(self, call: Call[T]) -> T:
        with traced(call) as trace:
            return self._attempts(call, trace)

    def _attempts(self, call: Call[T], trace: CallTrace) -> T:
        started = self._clock()
        attempt = 0
        uncertain = False
        outcome: Outcome | None = None
        while True:
            remaining = self._remaining(started)
            if remaining <= 0:
                return self._out_of_time(call, outcome, attempt, uncertain)
            request = self._request(call, remaining)
            trace.attempt(request, attempt)
            try:
                outcome = self._send(request)
            except httpx.RequestError as exc:
                outcome = exc
            delay = self._delay(call, outcome, attempt, started)
            trace.attempt_ended(outcome, delay)
            if delay is None:
                return self._finish(call, outcome, attempt + 1, uncertain)
            uncertain = uncertain or uncertain_outcome(outcome)
            self._sleep(delay)
            attempt += 1

    def _send(self, request: httpx.Request) -> httpx.Response:
        if self._http is not None:
            return self._http.send(request)
        response = self._transport.handle_request(request)
        try:
            response.read()
        finally:
            response.close()
        response.request = request
        return response

    def close(self) -> None:
        """Close the connections, unless the ``httpx.Client`` was given by the caller."""
        if self._owns_http:
            self._transport.close()

    def __enter__(self) -> Self:
        """Return the client."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the client."""
        self.close()
