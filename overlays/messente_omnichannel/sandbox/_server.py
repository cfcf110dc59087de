"""Serving the sandbox with uvicorn: in a background thread, or from the command line."""

import argparse
import contextlib
import logging
import socket
import sys
import threading
from collections.abc import Iterator, Sequence

import uvicorn
from starlette.types import ASGIApp

from messente_omnichannel.sandbox._faults import ConnectionDropped, Faults

DEFAULT_PORT = 4010
"""The port of ``python -m messente_omnichannel.sandbox`` when none is given."""


class _QuietDrops(logging.Filter):
    """Drops uvicorn's traceback for connections that a fault drops on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, ConnectionDropped)


# One instance: adding it again is a no-op, so servers started one after another share it.
_QUIET_DROPS = _QuietDrops()


def _config(app: ASGIApp, host: str, port: int, log_level: str) -> uvicorn.Config:
    logging.getLogger("uvicorn.error").addFilter(_QUIET_DROPS)
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        lifespan="off",
        server_header=False,
    )


@contextlib.contextmanager
def background_server(app: ASGIApp, host: str, port: int) -> Iterator[tuple[str, int]]:
    """Run uvicorn in a daemon thread until the block ends.

    Args:
        app: The ASGI app.
        host: The address to listen on.
        port: The port; 0 picks a free one.

    Yields:
        The bound host and port.

    Raises:
        RuntimeError: The server did not start within 10 seconds.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    server = uvicorn.Server(_config(app, host, port, "warning"))
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="messente-sandbox-server", daemon=True
    )
    thread.start()
    try:
        for _ in range(1000):
            if server.started or not thread.is_alive():
                break
            threading.Event().wait(0.01)
        if not server.started:
            raise RuntimeError("the sandbox server did not start")
        bound_host, bound_port = sock.getsockname()[:2]
        yield bound_host, bound_port
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def build_parser() -> argparse.ArgumentParser:
    """Build the parser of the sandbox's command line.

    Returns:
        The parser.
    """
    parser = argparse.ArgumentParser(
        prog="messente-omnichannel sandbox",
        description="Run a local Messente Omnichannel API: stateful, with fallback chains, "
        "signed delivery reports, a controllable clock and injectable faults.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port ({DEFAULT_PORT})")
    parser.add_argument(
        "--account",
        action="append",
        metavar="USER:PASSWORD",
        help="an API account; repeatable (default: the demo account demo:demo-password)",
    )
    parser.add_argument(
        "--speed", type=float, default=1.0, help="sandbox seconds per real second (1)"
    )
    parser.add_argument(
        "--faults",
        metavar="SPEC",
        help="faults to inject, e.g. 503=0.1,500=0.05,429=0.05,drop_before=0.02,"
        "drop_after=0.02,latency=0.05,retry_after=1,seed=7",
    )
    parser.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    return parser


def _accounts(parser: argparse.ArgumentParser, values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    accounts: dict[str, str] = {}
    for value in values:
        user, sep, password = value.partition(":")
        if not sep or not user or not password:
            parser.error(f"--account needs USER:PASSWORD, not {value!r}")
        accounts[user] = password
    return accounts


def serve(argv: Sequence[str] | None = None) -> int:
    """Run the sandbox in the foreground until interrupted.

    Args:
        argv: The command-line arguments; ``None`` reads ``sys.argv``.

    Returns:
        The exit status.
    """
    from messente_omnichannel.sandbox._sandbox import DEMO_PASSWORD, DEMO_USERNAME, Sandbox

    parser = build_parser()
    args = parser.parse_args(argv)
    accounts = _accounts(parser, args.account)
    try:
        faults = Faults.parse(args.faults) if args.faults else None
        sandbox = Sandbox(accounts, speed=args.speed, faults=faults)
    except ValueError as exc:
        parser.error(str(exc))
    shown = f"[{args.host}]" if ":" in args.host else args.host
    users = ", ".join(sandbox.accounts)
    print(f"Messente Omnichannel sandbox on http://{shown}:{args.port}/v1", file=sys.stderr)
    if accounts is None:
        print(f"account: {DEMO_USERNAME}:{DEMO_PASSWORD} (the demo account)", file=sys.stderr)
    else:
        print(f"accounts: {users}", file=sys.stderr)
    with sandbox:
        server = uvicorn.Server(_config(sandbox.app, args.host, args.port, args.log_level))
        server.run()
    return 0


def main() -> None:
    """Entry point of ``python -m messente_omnichannel.sandbox``."""
    sys.exit(serve())
