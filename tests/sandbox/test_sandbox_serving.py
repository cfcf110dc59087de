"""`_serving`: the one way the package runs uvicorn (the sandbox, the receiver and `listen`)."""

import logging
import socket
import threading
from typing import Any

import httpx
import pytest
import uvicorn

from messente_omnichannel import _serving
from messente_omnichannel._asgi import Receive, Scope, Send
from messente_omnichannel.sandbox import Faults, ManualClock, Sandbox
from messente_omnichannel.sandbox._faults import QUIET_DROPS, ConnectionDropped

AUTH = ("demo", "demo-password")
SMS = {"channel": "sms", "text": "Hi"}


async def hello(scope: Scope, receive: Receive, send: Send) -> None:
    headers = [(b"content-length", b"2")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"hi"})


def thread_names() -> set[str]:
    return {thread.name for thread in threading.enumerate()}


def test_a_background_server_serves_until_the_block_ends() -> None:
    with _serving.background_server(hello, "127.0.0.1", 0, thread_name="test-hello") as (
        host,
        port,
    ):
        assert (host, "test-hello" in thread_names()) == ("127.0.0.1", True)
        url = _serving.http_url(host, port)
        response = httpx.get(url)
        assert (response.status_code, response.text) == (200, "hi")
        assert "server" not in response.headers
    assert "test-hello" not in thread_names()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url, timeout=1)


def test_a_server_that_never_starts_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)
    with (
        pytest.raises(RuntimeError, match="test-broken did not start"),
        _serving.background_server(hello, "127.0.0.1", 0, thread_name="test-broken"),
    ):
        pass


def test_a_port_in_use_is_an_os_error_and_its_socket_is_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    created: list[socket.socket] = []

    class Recorded(socket.socket):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            created.append(self)

    with _serving.listening_socket("127.0.0.1", 0) as taken:
        monkeypatch.setattr(socket, "socket", Recorded)
        with pytest.raises(OSError, match="in use"):
            _serving.listening_socket("127.0.0.1", taken.getsockname()[1])
    assert [sock.fileno() for sock in created] == [-1]


@pytest.mark.parametrize(
    ("host", "path", "url"),
    [
        ("127.0.0.1", "/", "http://127.0.0.1:4010/"),
        ("::1", "/v1", "http://[::1]:4010/v1"),
    ],
)
def test_urls_put_ipv6_addresses_in_brackets(host: str, path: str, url: str) -> None:
    assert _serving.http_url(host, 4010, path) == url


def record(exc: BaseException | None) -> logging.LogRecord:
    exc_info = None if exc is None else (type(exc), exc, None)
    return logging.LogRecord(
        "uvicorn.error", logging.ERROR, __file__, 1, "Exception in ASGI application", (), exc_info
    )


def test_quiet_drops_hides_only_the_tracebacks_of_dropped_connections() -> None:
    assert not QUIET_DROPS.filter(record(ConnectionDropped()))
    assert QUIET_DROPS.filter(record(ValueError("a real bug")))
    assert QUIET_DROPS.filter(record(None))


def test_a_log_filter_is_added_once_however_many_servers_use_it() -> None:
    log = logging.getLogger("uvicorn.error")
    for _ in range(3):
        _serving.make_server(hello, log_filter=QUIET_DROPS)
    assert log.filters.count(QUIET_DROPS) == 1


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_served_sandbox_logs_no_traceback_for_a_dropped_connection() -> None:
    log = logging.getLogger("uvicorn.error")
    log.removeFilter(QUIET_DROPS)  # serving the sandbox must add it back
    handler = Records()
    log.addHandler(handler)
    try:
        with (
            Sandbox(clock=ManualClock(), faults=Faults(drop_before=1.0)) as sb,
            sb.serve() as url,
            httpx.Client(base_url=url, auth=AUTH) as c,
            pytest.raises(httpx.TransportError),
        ):
            c.post("/omnimessage", json={"to": "+37251000000", "messages": [SMS]})
    finally:
        log.removeHandler(handler)
    assert QUIET_DROPS in log.filters
    assert [r for r in handler.records if r.exc_info] == []
