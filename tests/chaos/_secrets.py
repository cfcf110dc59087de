"""The API password and the Authorization value never show, whatever the server does.

A raw socket server plays every path a client can take (success, each error status, retries,
a timeout, a dropped connection, a refused one) and, in every answer, echoes the credentials
back: in ``errors[].title``, ``code``, ``source`` and ``detail``, in the reason phrase and in
headers. With DEBUG logging on for the package, httpx and httpcore, everything a user can see
is collected (log records with their tracebacks, exception messages, reprs and formatted
tracebacks, the command line's output, plain and ``--json``) and searched for the password,
the ``Authorization`` value and its base64 part.
"""

import asyncio
import base64
import contextlib
import json
import logging
import socketserver
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from messente_omnichannel import AsyncOmnichannel, Omnichannel

from ._bad_input import run_cli
from ._corpus import one
from ._kill import free_port
from ._tally import Tally

USERNAME = "chaos-user"
PASSWORD = "Pw-9f3K-chaos-Zq7"  # noqa: S105 (a made-up credential the run hunts for)
TOKEN = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
AUTHORIZATION = f"Basic {TOKEN}"
SECRETS = {"password": PASSWORD, "Authorization value": AUTHORIZATION, "its base64": TOKEN}
OMNI_ID = "6f2c4b3a-0000-4000-8000-000000000000"
LOGGERS = ("messente_omnichannel", "httpx", "httpcore")


@dataclass
class Mode:
    """How the server answers.

    Attributes:
        name: The path it plays.
        status: The HTTP status; 0 drops the connection, -1 never answers.
        echo: Echo the credentials back in the body, reason phrase and headers.
        then: The status of later requests of the same connection-less run (retries).
    """

    name: str
    status: int
    echo: bool = True
    then: int | None = None


MODES = [
    Mode("success", 201, echo=False),
    Mode("success echoing the credentials", 201),
    Mode("400", 400),
    Mode("401", 401),
    Mode("403", 403),
    Mode("404", 404),
    Mode("429 then success (a retry)", 429, then=201),
    Mode("429 every time", 429),
    Mode("500", 500),
    Mode("503 then 503 (retried reads)", 503),
    Mode("dropped connection (unknown outcome)", 0),
    Mode("no answer (timeout)", -1),
]


class _Echo(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    mode: Mode
    seen = 0


class _Handler(socketserver.StreamRequestHandler):
    server: _Echo

    def handle(self) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.connection.recv(65536)
            if not chunk:
                return
            head += chunk
        lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
        auth = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
        mode = self.server.mode
        self.server.seen += 1
        status = mode.then if mode.then is not None and self.server.seen > 1 else mode.status
        if status == 0:
            return
        if status < 0:
            with contextlib.suppress(OSError):
                self.connection.recv(1)  # until the client gives up and closes
            return
        password = base64.b64decode(auth.split(" ", 1)[-1]).decode().partition(":")[2]
        if status == 201:
            body: object = {
                "messages": [{"message_id": OMNI_ID, "channel": "sms", "sender": "MyBrand"}],
                "to": "+37251000000",
                "omnimessage_id": OMNI_ID,
            }
        else:
            item = {
                "title": auth,
                "detail": f"wrong password {password}",
                "code": password,
                "source": auth.split(" ", 1)[-1],
            }
            body = {"errors": [item] if mode.echo else []}
        content = json.dumps(body).encode()
        reason = auth if mode.echo else "OK"
        extra = f'X-Echo: {auth}\r\nWWW-Authenticate: Basic realm="{password}"\r\n'
        response = (
            f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(content)}\r\nRetry-After: 0\r\nConnection: close\r\n"
            f"{extra if mode.echo else ''}\r\n"
        ).encode("latin-1") + content
        self.connection.sendall(response)


@contextlib.contextmanager
def echo_server() -> Iterator[_Echo]:
    """Serve the echoing server on a free loopback port for the block.

    Yields:
        The server; set its ``mode`` before each call.
    """
    server = _Echo(("127.0.0.1", 0), _Handler)
    server.mode = MODES[0]
    thread = threading.Thread(target=server.serve_forever, name="chaos-echo", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class _Capture(logging.Handler):
    texts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        logging.Handler.__init__(self, logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(self.format(record))

    __hash__ = logging.Handler.__hash__


@contextlib.contextmanager
def debug_logging() -> Iterator[_Capture]:
    """Turn DEBUG logging on for the package, httpx and httpcore, and capture every record.

    Yields:
        The handler holding each formatted record (tracebacks included).
    """
    capture = _Capture()
    saved = []
    for name in LOGGERS:
        log = logging.getLogger(name)
        saved.append((log, log.level))
        log.setLevel(logging.DEBUG)
        log.addHandler(capture)
    try:
        yield capture
    finally:
        for log, level in saved:
            log.removeHandler(capture)
            log.setLevel(level)


def _shown(value: object) -> list[str]:
    """Everything a user can see of a call's result or exception."""
    texts = [repr(value)]
    if isinstance(value, BaseException):
        texts.append(str(value))
        texts.append("".join(traceback.format_exception(value)))
        texts += [repr(getattr(value, name, "")) for name in ("errors", "body", "payload")]
    return texts


def _leaks(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        for what, secret in SECRETS.items():
            if secret in text:
                at = text.index(secret)
                found.append(f"{what} in {text[max(at - 60, 0) : at + len(secret) + 20]!r}")
    return found


def _no_wait(_: float) -> None:
    """Retry at once: the retry is what is played, not its wait."""


async def _no_async_wait(_: float) -> None:
    """Retry at once, as :func:`_no_wait`."""


def _calls(base_url: str) -> list[tuple[str, Callable[[], object]]]:
    def sync(method: str) -> Callable[[], object]:
        def call() -> object:
            with Omnichannel(
                USERNAME,
                PASSWORD,
                base_url=base_url,
                timeout=0.3,
                deadline=2,
                max_retries=1,
                sleep=_no_wait,
            ) as client:
                _ = repr(client)
                if method == "send":
                    return client.send(one({"channel": "sms", "text": "Hi"}))
                if method == "status":
                    return client.status(OMNI_ID)
                client.cancel(OMNI_ID)
                return None

        return call

    def asynchronous() -> object:
        async def run() -> object:
            async with AsyncOmnichannel(
                USERNAME,
                PASSWORD,
                base_url=base_url,
                timeout=0.3,
                deadline=2,
                max_retries=1,
                sleep=_no_async_wait,
            ) as client:
                return await client.send(one({"channel": "sms", "text": "Hi"}))

        return asyncio.run(run())

    return [
        ("sync send", sync("send")),
        ("sync status", sync("status")),
        ("sync cancel", sync("cancel")),
        ("async send", asynchronous),
    ]


def _capture(call: Callable[[], object]) -> list[str]:
    try:
        result: object = call()
    except Exception as exc:
        result = exc
    return _shown(result)


def secrets_campaign(modes: list[Mode] | None = None) -> Tally:
    """Play every mode through every client path and the command line, hunting the secrets.

    Args:
        modes: The server's modes to play; ``None`` plays all of :data:`MODES`, then a
            refused connection.

    Returns:
        The tally.
    """
    tally = Tally("Secrets: DEBUG logs, reprs, exceptions, tracebacks and CLI output")
    cli = [
        ("CLI send", ("send", "+37251000000", "--sms", "Hi")),
        ("CLI send --json", ("send", "+37251000000", "--sms", "Hi", "--json")),
        ("CLI status", ("status", OMNI_ID)),
        ("CLI cancel --json", ("cancel", OMNI_ID, "--json")),
    ]
    timeout = _cli_limits()
    with echo_server() as server, debug_logging() as logs:
        url = f"http://127.0.0.1:{server.server_address[1]}/v1"
        for mode in MODES if modes is None else modes:
            failures: list[str] = []
            paths = _calls(url)
            for name, call in paths:
                server.mode, server.seen = mode, 0
                logs.texts.clear()
                shown = _capture(call)
                failures += [f"{name}: {leak}" for leak in _leaks(shown + logs.texts)]
            for name, argv in cli:
                server.mode, server.seen = mode, 0
                logs.texts.clear()
                _, out, err = run_cli([*argv, *timeout], auth=(USERNAME, PASSWORD), base_url=url)
                failures += [f"{name}: {leak}" for leak in _leaks([out, err, *logs.texts])]
            tally.check(f"{mode.name}", len(paths) + len(cli), "no secret anywhere", failures)
    if modes is not None:
        return tally
    refused = f"http://127.0.0.1:{free_port()}/v1"
    with debug_logging() as logs:
        failures = []
        for name, call in _calls(refused):
            logs.texts.clear()
            failures += [f"{name}: {leak}" for leak in _leaks(_capture(call) + logs.texts)]
        tally.check("connection refused (not sent)", 4, "no secret anywhere", failures)
    return tally


def _cli_limits() -> list[str]:
    """Return the command line's time limits for a run, those it has (issue 11 adds them)."""
    _, usage, _ = run_cli(["status", "--help"])
    limits = {"--timeout": "0.3", "--deadline": "1"}
    return [arg for option, value in limits.items() if option in usage for arg in (option, value)]
