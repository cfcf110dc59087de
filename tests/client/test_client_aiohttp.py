"""AsyncOmnichannel on the aiohttp transport: the default when installed, failures meaning it.

A send the server may have processed must never be sent again, so each failure must keep its
httpx meaning (refused, dropped after the request, timed out).
"""

import socket
import sys
import threading
from collections.abc import Callable, Iterator

import httpx
import pytest

from messente_omnichannel import (
    SMS,
    ApiUnreachableError,
    AsyncOmnichannel,
    Omnimessage,
    SendOutcomeUnknownError,
)
from messente_omnichannel._client._aiohttp import CorrectedAiohttpTransport
from messente_omnichannel._client._transports import async_transport

from .conftest import PASSWORD, USERNAME

pytestmark = pytest.mark.anyio

MESSAGE = Omnimessage(to="+37251000000", messages=[SMS("Hello", sender="MyBrand")])
CREATED = (
    b'{"messages":[{"channel":"sms","message_id":"3c9a4d5e-7f8b-4c0d-9e1f-2a3b4c5d6e7f",'
    b'"sender":"MyBrand"}],"to":"+37251000000",'
    b'"omnimessage_id":"632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"}'
)


def _read_request(conn: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length")
    )
    while len(body) < length:
        body += conn.recv(65536)


Behaviour = Callable[[socket.socket], None]


@pytest.fixture
def server() -> Iterator[Callable[[Behaviour], str]]:
    """Serve one behaviour per connection on loopback; yields a function returning the URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    stop = threading.Event()
    behaviours: list[Behaviour] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                behaviours[0](conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    def start(behaviour: Behaviour) -> str:
        behaviours.append(behaviour)
        return f"http://127.0.0.1:{listener.getsockname()[1]}/v1"

    yield start
    stop.set()
    thread.join(5)
    listener.close()


def answer(conn: socket.socket) -> None:
    _read_request(conn)
    conn.sendall(
        b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(CREATED)}\r\nConnection: close\r\n\r\n".encode()
        + CREATED
    )


def close_after_reading(conn: socket.socket) -> None:
    _read_request(conn)  # the server has the message, then the connection dies


def hang(conn: socket.socket) -> None:
    _read_request(conn)
    threading.Event().wait(1.0)


def test_the_aiohttp_transport_is_the_default_when_installed() -> None:
    assert isinstance(async_transport("https://api.messente.com/v1"), CorrectedAiohttpTransport)


def test_without_httpx_aiohttp_httpx_own_transport_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "httpx_aiohttp", None)
    monkeypatch.delitem(sys.modules, "messente_omnichannel._client._aiohttp")
    assert type(async_transport("https://api.messente.com/v1")) is httpx.AsyncHTTPTransport


async def _send(url: str, **options: object) -> None:
    async with AsyncOmnichannel(USERNAME, PASSWORD, base_url=url, **options) as client:  # type: ignore[arg-type]
        await client.send(MESSAGE)


async def test_a_send_goes_through_and_is_parsed(server: Callable[[Behaviour], str]) -> None:
    url = server(answer)
    async with AsyncOmnichannel(USERNAME, PASSWORD, base_url=url) as client:
        assert isinstance(client._transport, CorrectedAiohttpTransport)
        created = await client.send(MESSAGE)
    assert str(created.omnimessage_id) == "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"


async def test_a_send_dropped_after_the_request_is_unknown_and_not_repeated(
    server: Callable[[Behaviour], str],
) -> None:
    accepted = 0

    def count_then_close(conn: socket.socket) -> None:
        nonlocal accepted
        close_after_reading(conn)
        accepted += 1

    url = server(count_then_close)
    with pytest.raises(SendOutcomeUnknownError) as caught:
        await _send(url)
    assert isinstance(caught.value.__cause__.__cause__, httpx.RemoteProtocolError)  # type: ignore[union-attr]
    assert accepted == 1


async def test_a_read_timeout_stays_a_read_timeout(server: Callable[[Behaviour], str]) -> None:
    url = server(hang)
    with pytest.raises(SendOutcomeUnknownError) as caught:
        await _send(url, timeout=0.2)
    assert isinstance(caught.value.__cause__.__cause__, httpx.ReadTimeout)  # type: ignore[union-attr]


async def test_a_refused_connection_is_not_sent_and_retried() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(ApiUnreachableError, match="not sent"):
        await _send(f"http://127.0.0.1:{port}/v1", max_retries=1, deadline=5.0)
