"""The benchmark peer: a fixed-response HTTP/1.1 server on loopback, run as its own process.

``python _peer.py`` prints its port on the first line of stdout, answers every ``POST`` with
``201`` and one fixed ``OmnimessageCreated`` body (a ``POST .../omnimessages``, the bulk
endpoint, with that body once per omnimessage of the request; anything else with ``404``), and
stops when its stdin closes, printing how many requests and connections it served. A request
whose path starts with ``/delay/<ms>/`` is answered after that many milliseconds, so one server
can play both a fast API and a slow one.

It is an asyncio protocol rather than ``http.server``: a few microseconds per request, one
thread for any number of keep-alive connections, and timers instead of sleeping threads for
the delayed answers. It parses only what its clients send (a ``Content-Length`` body).
"""

import argparse
import asyncio
import json
import sys
import threading

CREATED = json.dumps(
    {
        "messages": [
            {
                "channel": "sms",
                "message_id": "3c9a4d5e-7f8b-4c0d-9e1f-2a3b4c5d6e7f",
                "sender": "MyBrand",
            }
        ],
        "to": "+37251000000",
        "omnimessage_id": "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a",
    },
    separators=(",", ":"),
).encode()


def _response(status: str, body: bytes, *, close: bool = False) -> bytes:
    connection = "Connection: close\r\n" if close else ""
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n{connection}\r\n"
    )
    return head.encode() + body


RESPONSES = {
    b"POST": _response("201 Created", CREATED),
    b"other": _response("404 Not Found", b'{"errors":[{"title":"Not found"}]}'),
    b"length": _response("411 Length Required", b'{"errors":[]}', close=True),
    b"bad bulk": _response("400 Bad Request", b'{"errors":[{"title":"Invalid bulk body"}]}'),
}
BULK_PATH = b"/omnimessages"
_BULK: dict[int, tuple[bytes, bytes]] = {}


def bulk_count(body: bytes) -> int | None:
    """Count the omnimessages of a bulk send.

    Args:
        body: The request body, ``{"messages": [...]}``.

    Returns:
        How many, or ``None`` if the body is not of that shape.
    """
    try:
        messages = json.loads(body)["messages"]
    except (ValueError, KeyError, TypeError):
        return None
    return len(messages) if isinstance(messages, list) else None


def _bulk(count: int) -> tuple[bytes, bytes]:
    if count not in _BULK:
        body = b'{"messages":[' + b",".join([CREATED] * count) + b"]}"
        _BULK[count] = (body, _response("201 Created", body))
    return _BULK[count]


def bulk_body(count: int) -> bytes:
    """Return the answer to a bulk send of ``count`` omnimessages: ``CREATED`` once for each.

    Args:
        count: How many omnimessages the request held.

    Returns:
        The JSON body, encoded once per count and then reused.
    """
    return _bulk(count)[0]


def bulk_response(body: bytes) -> bytes:
    """Answer a bulk send whole: status line, headers and :func:`bulk_body`.

    Args:
        body: The request body.

    Returns:
        The response (``400`` if the body is no ``{"messages": [...]}``).
    """
    count = bulk_count(body)
    return RESPONSES[b"bad bulk"] if count is None else _bulk(count)[1]


class Counters:
    """Requests and connections served, reported when the server stops."""

    requests = 0
    connections = 0


class Exchange(asyncio.Protocol):
    """One keep-alive connection: read each request whole, answer it, keep reading."""

    def __init__(self) -> None:
        """Start with an empty buffer."""
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Remember the transport (asyncio already turns Nagle off for TCP)."""
        assert isinstance(transport, asyncio.Transport)  # noqa: S101 - TCP is all we serve
        self._transport = transport
        Counters.connections += 1

    def data_received(self, data: bytes) -> None:
        """Answer every complete request in the buffer."""
        self._buffer += data
        while (end := self._buffer.find(b"\r\n\r\n")) >= 0:
            head = bytes(self._buffer[:end]).lower()
            length = 0
            close = False
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection":
                    close = value.strip() == b"close"
                elif name == b"transfer-encoding":
                    self._send(RESPONSES[b"length"], 0.0, close=True)
                    return
            if len(self._buffer) < end + 4 + length:
                return
            body = bytes(self._buffer[end + 4 : end + 4 + length])
            del self._buffer[: end + 4 + length]
            Counters.requests += 1
            method, _, rest = head.partition(b" ")
            path = rest.partition(b" ")[0].partition(b"?")[0]
            delay = 0.0
            if path.startswith(b"/delay/"):
                delay = int(path.split(b"/", 3)[2]) / 1000
            method = method.upper()
            if method == b"POST" and path.endswith(BULK_PATH):
                response = bulk_response(body)
            else:
                response = RESPONSES.get(method, RESPONSES[b"other"])
            self._send(response, delay, close=close)

    def _send(self, response: bytes, delay: float, *, close: bool) -> None:
        if delay > 0:
            asyncio.get_running_loop().call_later(delay, self._write, response, close)
        else:
            self._write(response, close)

    def _write(self, response: bytes, close: bool) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.write(response)
            if close:
                self._transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the transport."""
        self._transport = None


async def serve(host: str, port: int) -> None:
    """Serve until stdin closes, then print the counters.

    Args:
        host: Address to bind.
        port: Port to bind; 0 picks a free one.
    """
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    server = await loop.create_server(Exchange, host, port, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)

    def wait_for_eof() -> None:
        sys.stdin.buffer.read()
        loop.call_soon_threadsafe(stop.set_result, None)

    threading.Thread(target=wait_for_eof, daemon=True).start()
    async with server:
        await stop
    print(f"{Counters.requests} {Counters.connections}", flush=True)


def main() -> None:
    """Parse the arguments and serve."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    asyncio.run(serve(args.host, args.port))


if __name__ == "__main__":
    main()
