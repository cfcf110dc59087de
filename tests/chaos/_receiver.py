"""A delivery-report receiver in a process of its own: answers every POST 200 and counts it.

Run as ``python -m chaos._receiver PORT`` (with ``tests/`` on ``PYTHONPATH``); ``GET /count``
answers the number of reports received. Its own process, so the load's clients cannot starve
it of the interpreter lock: a slow receiver would make the sandbox queue reports, and its
memory would measure the receiver, not the sandbox.
"""

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from messente_omnichannel._asgi import Receive, Scope, Send
from messente_omnichannel._serving import make_server


class _Counter:
    """An ASGI app: a POST is a report (200, counted), ``GET /count`` the count so far.

    Served by uvicorn, on asyncio: the sandbox opens a connection per report in flight, and
    a burst of a thousand must not time out at ``accept`` (``http.server``'s threads did).
    """

    def __init__(self) -> None:
        self.received = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        more = True
        while more:
            message = await receive()
            more = message.get("more_body", False)
        body = b""
        if scope["method"] == "POST":
            self.received += 1
        else:
            body = str(self.received).encode()
        headers = [(b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class Receiver:
    """The receiver's process, seen from the campaign.

    Args:
        port: Its port.
    """

    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/dlr"
        self._count_url = f"http://127.0.0.1:{port}/count"

    @property
    def received(self) -> int:
        """Reports received so far."""
        return int(httpx.get(self._count_url, timeout=10).text)


@contextlib.contextmanager
def receiver(port: int) -> Iterator[Receiver]:
    """Run the receiver in a subprocess for the block.

    Args:
        port: A free port.

    Yields:
        The receiver, answering.

    Raises:
        RuntimeError: It did not start.
    """
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    command = [sys.executable, "-m", "chaos._receiver", str(port)]
    process = subprocess.Popen(command, env=env)
    try:
        seen = Receiver(port)
        limit = time.monotonic() + 20
        while True:
            try:
                seen.received  # noqa: B018 (answers once it is up)
                break
            except httpx.TransportError:
                if time.monotonic() > limit:
                    raise RuntimeError("the report receiver did not start") from None
                time.sleep(0.05)
        yield seen
    finally:
        process.terminate()
        process.wait(10)


if __name__ == "__main__":
    make_server(_Counter(), host="127.0.0.1", port=int(sys.argv[1])).run()
