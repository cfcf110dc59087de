"""A server that echoes the credentials back: the CLI's output never shows them."""

import base64
import json
import logging
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from messente_omnichannel._cli import Exit

from .conftest import PASSWORD, USERNAME

TOKEN = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
OMNI_ID = "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"


@pytest.fixture
def echoing_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Answers every request 400, echoing its Authorization everywhere it can."""
    monkeypatch.setenv("MESSENTE_API_USERNAME", USERNAME)
    monkeypatch.setenv("MESSENTE_API_PASSWORD", PASSWORD)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            with connection:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                auth = b""
                for line in data.split(b"\r\n"):
                    if line.lower().startswith(b"authorization:"):
                        auth = line.split(b":", 1)[1].strip()
                echo = auth.decode() + " " + PASSWORD
                item = {"title": echo, "code": echo, "detail": echo, "source": echo}
                body = json.dumps({"errors": [item]}).encode()
                connection.sendall(
                    b"HTTP/1.1 400 Bad " + auth + b" " + PASSWORD.encode() + b"\r\n"
                    b"Content-Type: application/json\r\nConnection: close\r\n"
                    b"X-Echo: " + auth + b"\r\n"
                    b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
                )

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/v1"
    stop.set()
    thread.join(5)
    server.close()


@pytest.mark.parametrize(
    "argv",
    [
        ("send", "+37251000000", "--sms", "Hi"),
        ("status", OMNI_ID),
        ("cancel", OMNI_ID),
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_echoed_credentials_never_reach_the_output_or_the_log(
    cli: Any,
    echoing_server: str,
    caplog: pytest.LogCaptureFixture,
    argv: tuple[str, ...],
    as_json: bool,
) -> None:
    caplog.set_level(logging.DEBUG)
    run = cli(*argv, "--base-url", echoing_server, *(["--json"] if as_json else []))
    assert run.status == Exit.API_ERROR
    assert "<redacted>" in run.printed
    for secret in (PASSWORD, TOKEN):
        assert secret not in run.printed
        assert secret not in caplog.text
