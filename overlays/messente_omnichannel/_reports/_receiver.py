"""A framework-free ASGI app that receives delivery reports: verify, parse, de-duplicate, hand on.

Route ``dlr_url``'s path to it in Starlette or FastAPI (``Route("/dlr", receiver)``; a
``Mount("/dlr", ...)`` answers a POST to ``/dlr`` with a redirect to ``/dlr/``), or serve it
alone with any ASGI server. Answers: 200 for a report handed on (or a redelivery already
handled), 401 when the signature is missing or wrong (nothing reaches the callback), 400 for a
signed body that is not a delivery report, 413 for an oversized body, 405 for a method other
than POST, 500 when the callback raised (Messente then delivers the report again).
"""

import contextlib
import inspect
import logging
import os
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import anyio.to_thread

from messente_omnichannel._asgi import Receive, Scope, Send, answer_lifespan
from messente_omnichannel._client._credentials import PASSWORD_ENV
from messente_omnichannel._errors import MessenteError, ReportError, SignatureError
from messente_omnichannel._reports._dedupe import Deduplicator
from messente_omnichannel._reports._parse import (
    DeliveryUpdate,
    Passwords,
    parse_delivery_report,
    password_list,
)

Callback = Callable[[DeliveryUpdate], Awaitable[None] | None]
"""Called with each new verified report; a plain function runs in a worker thread."""

# A child of the package logger, whose NullHandler keeps these records off stderr unless the
# application configures logging.
logger = logging.getLogger("messente_omnichannel.reports")


class _TooLargeError(Exception):
    pass


class _DisconnectedError(Exception):
    pass


class ReportReceiver:
    """An ASGI app for ``dlr_url``: hands each new, verified delivery report to ``callback``.

    Example:
        ``Starlette(routes=[Route("/dlr", ReportReceiver(on_report))])``, where
        ``async def on_report(update: DeliveryUpdate) -> None: ...``.

    Args:
        callback: Called once per new report. An ``async def`` runs on the server's event
            loop; a plain function runs in a worker thread, so it may block. If it raises, the
            receiver answers 500 and forgets the report, so Messente's redelivery is handed on.
        password: The API password that signs the reports (several for several API keys);
            ``MESSENTE_API_PASSWORD`` when omitted.
        dedupe: ``True`` to drop redeliveries with a new :class:`Deduplicator`, a
            :class:`Deduplicator` to share one, or ``False`` to hand on every report.
        max_body_bytes: The largest body accepted (reports are well under a kilobyte).
        on_reject: Called with the error of each refused report (for logging); the receiver
            also logs it on ``messente_omnichannel.reports``, without the body.

    Raises:
        MessenteError: No password was given and ``MESSENTE_API_PASSWORD`` is not set.
    """

    def __init__(
        self,
        callback: Callback,
        *,
        password: Passwords | None = None,
        dedupe: Deduplicator | bool = True,
        max_body_bytes: int = 64 * 1024,
        on_reject: Callable[[ReportError], None] | None = None,
    ) -> None:
        if password is None:
            password = os.environ.get(PASSWORD_ENV, "")
            if not password:
                raise MessenteError(
                    "The delivery-report receiver needs the API password that signs the reports: "
                    f"pass password= or set {PASSWORD_ENV}."
                )
        self._passwords = password_list(password)
        self.callback = callback
        if isinstance(dedupe, Deduplicator):
            self.dedupe: Deduplicator | None = dedupe
        else:
            self.dedupe = Deduplicator() if dedupe else None
        self.max_body_bytes = max_body_bytes
        self.on_reject = on_reject

    def __repr__(self) -> str:
        """Return a representation without the password."""
        return f"ReportReceiver(callback={self.callback!r}, password=<redacted>)"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection (``http``, or ``lifespan`` when served alone).

        Args:
            scope: The ASGI scope.
            receive: The ASGI receive channel.
            send: The ASGI send channel.
        """
        if scope["type"] == "lifespan":
            await answer_lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        if scope["method"] != "POST":
            await _answer(send, 405, "Delivery reports are POSTed.", [(b"allow", b"POST")])
            return
        try:
            body = await self._read(scope, receive)
        except _TooLargeError:
            await _answer(send, 413, "The body is too large for a delivery report.")
            return
        except _DisconnectedError:
            return
        status, text = await self.handle(body, scope.get("headers", []))
        await _answer(send, status, text)

    async def handle(self, body: bytes, headers: Any) -> tuple[int, str]:
        """Verify, parse, de-duplicate and hand on one report; the app's logic without ASGI.

        Args:
            body: The raw body.
            headers: The request headers (a mapping or raw pairs).

        Returns:
            The HTTP status to answer and a short plain-text explanation.
        """
        try:
            update = parse_delivery_report(body, headers, self._passwords)
        except ReportError as exc:
            logger.warning("refused a delivery report: %s", exc)
            if self.on_reject is not None:
                self.on_reject(exc)
            return (401 if isinstance(exc, SignatureError) else 400), str(exc)
        if self.dedupe is not None and not self.dedupe.add(update):
            return 200, "Duplicate: this report was already received."
        try:
            result = (
                self.callback(update)
                if inspect.iscoroutinefunction(self.callback)
                else await anyio.to_thread.run_sync(self.callback, update)
            )
            if inspect.isawaitable(result):
                await result
        except Exception:
            if self.dedupe is not None:
                self.dedupe.discard(update)
            logger.exception("the delivery-report callback failed; Messente will send it again")
            return 500, "The report could not be handled; send it again later."
        return 200, "Received."

    async def _read(self, scope: Scope, receive: Receive) -> bytes:
        for name, value in scope.get("headers", []):
            too_large = value.isdigit() and int(value) > self.max_body_bytes
            if name.lower() == b"content-length" and too_large:
                raise _TooLargeError
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _DisconnectedError
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise _TooLargeError
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    @contextlib.contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve the receiver with uvicorn in a background thread (for tests and demos).

        Needs uvicorn (``pip install 'messente-omnichannel[sandbox]'``).

        Args:
            host: The address to listen on.
            port: The port; 0 picks a free one.

        Yields:
            The receiver's URL, for example ``http://127.0.0.1:54321/``; use it as ``dlr_url``.

        Raises:
            MessenteError: uvicorn is not installed.
        """
        try:
            from messente_omnichannel._serving import background_server, http_url
        except ImportError:
            raise MessenteError(
                "Serving the receiver needs uvicorn: pip install 'messente-omnichannel[sandbox]'."
            ) from None
        served = background_server(self, host, port, thread_name="messente-report-receiver")
        with served as (bound_host, bound_port):
            yield http_url(bound_host, bound_port)


async def _answer(
    send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = (text + "\n").encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode("ascii")),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
