"""Requests per second and latency of the sandbox served by uvicorn on loopback.

Run with ``make bench-sandbox``. The sandbox runs in its own process (as ``make sandbox`` runs
it); the load comes from one asyncio process over raw keep-alive connections, so the client
costs little next to the server. Prints figures; it is a measurement, not a timed test.
"""

import argparse
import asyncio
import base64
import json
import os
import socket
import statistics
import subprocess
import sys
import time

AUTH = base64.b64encode(b"demo:demo-password").decode()
THREE_CHANNELS = {
    "to": "+37251000000",
    "messages": [
        {
            "channel": "whatsapp",
            "sender": "MyBrand",
            "template": {"name": "order_update", "language": {"code": "en"}},
        },
        {"channel": "viber", "sender": "MyBrand", "text": "Your order has shipped.", "ttl": 3600},
        {"channel": "sms", "sender": "MyBrand", "text": "Your order has shipped."},
    ],
}


def _request(method: str, path: str, body: bytes = b"") -> bytes:
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {AUTH}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, bytes]:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return status, await reader.readexactly(length)


async def _load(
    port: int, request: bytes, expected: int, total: int, concurrency: int
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    remaining = total

    async def worker() -> None:
        nonlocal remaining
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                status, _ = await _exchange(reader, writer, request)
                latencies.append(time.perf_counter() - started)
                if status != expected:
                    raise RuntimeError(f"expected {expected}, got {status}")
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started, latencies


def _report(name: str, concurrency: int, elapsed: float, latencies: list[float]) -> None:
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    rate = len(latencies) / elapsed
    print(
        f"{name:<24} c={concurrency:<3} {rate:8.0f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms"
    )


async def _bench(port: int, total: int) -> None:
    body = json.dumps(THREE_CHANNELS).encode()
    post = _request("POST", "/v1/omnimessage", body)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    status, created = await _exchange(reader, writer, post)
    writer.close()
    if status != 201:
        raise RuntimeError(f"the sandbox refused the benchmark's POST: {created!r}")
    omnimessage_id = json.loads(created)["omnimessage_id"]
    get = _request("GET", f"/v1/omnimessage/{omnimessage_id}/status")
    await _load(port, post, 201, 500, 4)  # warm-up
    for concurrency in (1, 8):
        _report("POST 3-channel", concurrency, *await _load(port, post, 201, total, concurrency))
        _report("GET status", concurrency, *await _load(port, get, 200, total, concurrency))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def main() -> None:
    """Start the sandbox, load it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=5000, help="requests per measurement")
    args = parser.parse_args()
    port = _free_port()
    command = [sys.executable, "-m", "messente_omnichannel.sandbox", "--port", str(port)]
    server = subprocess.Popen(  # noqa: S603 (this interpreter, fixed arguments)
        [*command, "--log-level", "warning"], stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        print(f"sandbox on 127.0.0.1:{port}, {os.cpu_count()} cores, {args.requests} requests each")
        asyncio.run(_bench(port, args.requests))
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
