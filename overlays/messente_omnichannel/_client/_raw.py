"""``client.with_raw_response``: each call's HTTP answer (status, headers) beside its result.

Example:
    ``raw = client.with_raw_response.send(message)``, then ``raw.status_code``,
    ``raw.headers["Date"]`` and ``raw.parse()`` (the ``OmnimessageCreated`` that ``send``
    returns).

A view's call is the client's own call, on a copy of the client that keeps the final answer:
the same checks, retries and errors (an error answer still raises its :class:`ApiError`, whose
``headers`` hold the answer's headers), and the same connections.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Generic, TypeVar
from uuid import UUID

import httpx

from messente_omnichannel._client._headers import HeadersLike
from messente_omnichannel._client._prepare import MessageLike
from messente_omnichannel._results import DeliveryReport
from messente_omnichannel_client.models import ErrorResponse, OmnimessageCreated

if TYPE_CHECKING:
    from messente_omnichannel._client._async import AsyncOmnichannel
    from messente_omnichannel._client._base import BaseClient
    from messente_omnichannel._client._sync import Omnichannel

T = TypeVar("T")
Timeout = float | httpx.Timeout | None


class RawResponse(Generic[T]):
    """The HTTP answer of one call, and what the call returned.

    Attributes:
        http_response: The ``httpx.Response`` of the call's final attempt, its body read.
        retries_taken: Attempts before the final one (0 when the first attempt answered).
    """

    __slots__ = ("_parsed", "http_response", "retries_taken")

    def __init__(self, http_response: httpx.Response, parsed: T, retries_taken: int = 0) -> None:
        """Wrap an answer.

        Args:
            http_response: The final attempt's answer.
            parsed: What the call returned for it.
            retries_taken: Attempts before the final one.
        """
        self.http_response = http_response
        self._parsed = parsed
        self.retries_taken = retries_taken

    @property
    def status_code(self) -> int:
        """The HTTP status of the answer, for example 201 for an accepted send."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The answer's headers (case-insensitive)."""
        return self.http_response.headers

    def parse(self) -> T:
        """Return what the call returns without ``with_raw_response``.

        Returns:
            The parsed result (``None`` for a cancel).
        """
        return self._parsed

    def __repr__(self) -> str:
        """Name the answer, not its headers or body."""
        request = self.http_response.request
        return f"<RawResponse [{self.status_code}] {request.method} {request.url.path}>"


def _answer(recorder: "BaseClient", parsed: T) -> RawResponse[T]:
    answers = recorder._answers
    if not answers:  # a call that returns has had an answer: this would be a bug
        raise RuntimeError("with_raw_response: the call returned without an HTTP answer")
    response, attempts = answers[-1]
    return RawResponse(response, parsed, attempts - 1)


class RawOmnichannel:
    """The calls of an :class:`Omnichannel`, each returning a :class:`RawResponse`.

    Args:
        client: The client whose calls these are.
    """

    def __init__(self, client: "Omnichannel") -> None:
        self._client = client

    def send(
        self,
        message: MessageLike,
        *,
        timeout: Timeout = None,
        extra_headers: HeadersLike | None = None,
    ) -> RawResponse[OmnimessageCreated]:
        """:meth:`Omnichannel.send`, with its HTTP answer.

        Args:
            message: The omnimessage.
            timeout: Per-request timeout for this call only.
            extra_headers: Headers added to this call's requests.

        Returns:
            The answer; ``parse()`` gives the accepted omnimessage.
        """
        recorder = self._client._recording()
        return _answer(
            recorder, recorder.send(message, timeout=timeout, extra_headers=extra_headers)
        )

    def send_bulk(
        self,
        messages: Iterable[MessageLike],
        *,
        timeout: Timeout = None,
        extra_headers: HeadersLike | None = None,
    ) -> RawResponse[list[OmnimessageCreated | ErrorResponse]]:
        """:meth:`Omnichannel.send_bulk`, with its HTTP answer.

        Args:
            messages: The omnimessages.
            timeout: Per-request timeout for this call only.
            extra_headers: Headers added to this call's requests.

        Returns:
            The answer; ``parse()`` gives one item per omnimessage.
        """
        recorder = self._client._recording()
        return _answer(
            recorder, recorder.send_bulk(messages, timeout=timeout, extra_headers=extra_headers)
        )

    def status(
        self,
        omnimessage_id: UUID | str,
        *,
        timeout: Timeout = None,
        extra_headers: HeadersLike | None = None,
    ) -> RawResponse[DeliveryReport]:
        """:meth:`Omnichannel.status`, with its HTTP answer.

        Args:
            omnimessage_id: The ID returned by ``send``.
            timeout: Per-request timeout for this call only.
            extra_headers: Headers added to this call's requests.

        Returns:
            The answer; ``parse()`` gives the delivery report.
        """
        recorder = self._client._recording()
        report = recorder.status(omnimessage_id, timeout=timeout, extra_headers=extra_headers)
        return _answer(recorder, report)

    def cancel(
        self,
        omnimessage_id: UUID | str,
        *,
        timeout: Timeout = None,
        extra_headers: HeadersLike | None = None,
    ) -> RawResponse[None]:
        """:meth:`Omnichannel.cancel`, with its HTTP answer.

        Args:
            omnimessage_id: The ID returned by ``send``.
            timeout: Per-request timeout for this call only.
            extra_headers: Headers added to this call's requests.

        Returns:
            The answer (202 when cancelled); ``parse()`` gives ``None``.
        """
        recorder = self._client._recording()
        recorder.cancel(omnimessage_id, timeout=timeout, extra_headers=extra_headers)
        return _answer(recorder, None)


class AsyncRawOmnichannel:
    """The calls of an :class:`AsyncOmnichannel`, each returning a :class:`RawResponse`.

    Args:
        client: The client whose calls these are.
    """

    def __init__(self, client: "AsyncOmnichannel") -> None:
        self._client = client

    async def send(
        self,
        message: MessageLike,
        *,
        timeout: Timeout = None,
        extra_headers: HeadersLike | None = None,
    ) -> RawResponse[OmnimessageCreated]:
        """:meth:`AsyncOmnichannel.send`, with its HTTP answer.

        Args:
            message: The omnimessage.
            timeout: Per-request timeout for this call only.
            extra_headers: Headers added to this call's requests.

        Returns:
            The answer; ``parse()`` gives the accepted omnimessage.
        """
        recorder = self._client._recording()
        created = await recorder.send(message, timeout=timeout, extra_headers=extra_headers)
        return _answer(recorder, created)

    async def send_bulk(
        self,
        messages: Iterable[MessageLike],
        *,
        timeout: Timeout = None,
        extra_headers: HeadersLike | None = None,
    ) -> RawResponse[list[OmnimessageCreated | ErrorResponse]]:
        """:meth:`AsyncOmnichannel.send_bulk`, with its HTTP answer.

        Args:
            messages: The omnimessages.
            timeout: Per-request timeout for this call only.
            extra_headers: Headers added to this call's requests.

        Returns:
            The answer; ``parse()`` gives one item per omnimessage.
        """
        recorder = self._client._recording()
        items = await recorder.send_bulk(messages, timeout=timeout, extra_headers=extra_headers)
        return _answer(recorder, items)

    async def status(
        self,
        omnimessage_id: UUID | str,
        *,
        timeout: Timeout = None,
        extra_headers: HeadersLike | None = None,
    ) -> RawResponse[DeliveryReport]:
        """:meth:`AsyncOmnichannel.status`, with its HTTP answer.

        Args:
            omnimessage_id: The ID returned by ``send``.
            timeout: Per-request timeout for this call only.
            extra_headers: Headers added to this call's requests.

        Returns:
            The answer; ``parse()`` gives the delivery report.
        """
        recorder = self._client._recording()
        report = await recorder.status(omnimessage_id, timeout=timeout, extra_headers=extra_headers)
        return _answer(recorder, report)

    async def cancel(
        self,
        omnimessage_id: UUID | str,
        *,
        timeout: Timeout = None,
        extra_headers: HeadersLike | None = None,
    ) -> RawResponse[None]:
        """:meth:`AsyncOmnichannel.cancel`, with its HTTP answer.

        Args:
            omnimessage_id: The ID returned by ``send``.
            timeout: Per-request timeout for this call only.
            extra_headers: Headers added to this call's requests.

        Returns:
            The answer (202 when cancelled); ``parse()`` gives ``None``.
        """
        recorder = self._client._recording()
        await recorder.cancel(omnimessage_id, timeout=timeout, extra_headers=extra_headers)
        return _answer(recorder, None)
