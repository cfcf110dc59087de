"""The asynchronous twin of a sync client, which runs its campaigns (``send_many``).

The twin has the same credentials, base URL, options, clock and randomness. It sends through
an asynchronous transport of its own when the sync client uses the default one; otherwise it
sends through the sync client's own ``http_client`` or ``transport`` from worker threads, so a
sandbox's or a test's transport sees every request of the campaign.
"""

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import anyio
import anyio.to_thread
import httpx

from messente_omnichannel._client._async import AsyncOmnichannel
from messente_omnichannel._client._transports import async_transport

if TYPE_CHECKING:
    from messente_omnichannel._client._sync import Omnichannel


class ThreadedTransport(httpx.AsyncBaseTransport):
    """Sends each request through a sync ``send`` in a worker thread.

    Args:
        send: Sends one request and returns its answer, read.
        threads: Worker threads at most.
    """

    def __init__(self, send: Callable[[httpx.Request], httpx.Response], threads: int) -> None:
        self._send = send
        self._limiter = anyio.CapacityLimiter(threads)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send the request from a worker thread.

        Args:
            request: The request.

        Returns:
            The answer, with its body read.
        """
        answer = await anyio.to_thread.run_sync(self._send, request, limiter=self._limiter)
        return httpx.Response(
            answer.status_code,
            headers=answer.headers,
            content=answer.content,
            extensions=answer.extensions,
            request=request,
        )


def _reading(transport: httpx.BaseTransport) -> Callable[[httpx.Request], httpx.Response]:
    def send(request: httpx.Request) -> httpx.Response:
        response = transport.handle_request(request)
        try:
            response.read()
        finally:
            response.close()
        return response

    return send


def async_twin(client: "Omnichannel", threads: int) -> AsyncOmnichannel:
    """Make the asynchronous twin of a sync client, inside the event loop that will use it.

    Args:
        client: The sync client.
        threads: Worker threads at most, when requests go through the sync client's transport.

    Returns:
        The twin; ``aclose()`` it when done (it closes only a transport of its own).
    """
    twin = object.__new__(AsyncOmnichannel)
    twin.__dict__.update(client.__dict__)
    twin._http = None
    if client._http is not None:
        twin._transport = ThreadedTransport(client._http.send, threads)
        twin._owns_http = False
    elif client._default_transport:
        twin._transport = async_transport(client.base_url)
        twin._owns_http = True
    else:
        twin._transport = ThreadedTransport(_reading(client._transport), threads)
        twin._owns_http = False
    sleep = client._sleep
    if sleep is time.sleep:
        twin._sleep = anyio.sleep
    else:

        async def sleep_in_thread(seconds: float) -> None:
            await anyio.to_thread.run_sync(sleep, seconds)

        twin._sleep = sleep_in_thread
    return twin
