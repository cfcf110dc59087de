"""httpx transports that call the sandbox's ASGI app in-process, without a port."""

import asyncio

import httpx
from starlette.types import ASGIApp

from messente_omnichannel.sandbox._faults import ConnectionDropped
from messente_omnichannel.sandbox._runtime import Runtime

_DROPPED = "Server disconnected without sending a response (injected fault)."


class AsyncSandboxTransport(httpx.AsyncBaseTransport):
    """An async transport to the app; a dropped connection becomes ``httpx.RemoteProtocolError``.

    Args:
        app: The sandbox's ASGI app.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._asgi = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send one request to the app, within the request's read timeout.

        Args:
            request: The request.

        Returns:
            The app's response.

        Raises:
            httpx.RemoteProtocolError: An injected fault dropped the connection.
            httpx.ReadTimeout: No answer within the read timeout.
        """
        timeout = request.extensions.get("timeout", {}).get("read")
        handling = asyncio.ensure_future(self._asgi.handle_async_request(request))
        try:
            # Shielded: as over a socket, the server goes on with a request whose client gave
            # up waiting, so a timed-out send may still be accepted.
            return await asyncio.wait_for(asyncio.shield(handling), timeout)
        except TimeoutError:
            handling.add_done_callback(_consume)
            raise httpx.ReadTimeout(
                f"No answer from the sandbox within {timeout} s.", request=request
            ) from None
        except ConnectionDropped:
            raise httpx.RemoteProtocolError(_DROPPED, request=request) from None


def _consume(task: "asyncio.Future[httpx.Response]") -> None:
    # Nobody awaits a request its client gave up on: take its outcome, so a failure is not
    # reported as "exception was never retrieved".
    if not task.cancelled():
        task.exception()


class SyncSandboxTransport(httpx.BaseTransport):
    """A sync transport to the app, for ``httpx.Client``; safe to share between threads.

    Each request runs on the sandbox's runtime loop and the calling thread waits for it.

    Args:
        app: The sandbox's ASGI app.
        runtime: The sandbox's background loop.
    """

    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self._async = AsyncSandboxTransport(app)
        self._runtime = runtime

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send one request to the app and wait for the whole response.

        Args:
            request: The request.

        Returns:
            The app's response, with its body read.

        Raises:
            httpx.RemoteProtocolError: An injected fault dropped the connection.
        """
        body = request.read()
        copy = httpx.Request(
            request.method,
            request.url,
            headers=request.headers,
            content=body,
            extensions=request.extensions,
        )
        return self._runtime.call(self._send(copy))

    async def _send(self, request: httpx.Request) -> httpx.Response:
        response = await self._async.handle_async_request(request)
        content = await response.aread()
        await response.aclose()
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            content=content,
            extensions={k: v for k, v in response.extensions.items() if k != "network_stream"},
        )
