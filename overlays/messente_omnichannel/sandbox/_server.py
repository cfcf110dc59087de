"""The sandbox's command line: ``python -m messente_omnichannel.sandbox``."""

import argparse
import sys
from collections.abc import Sequence

from messente_omnichannel._serving import http_url, make_server
from messente_omnichannel.sandbox._dlr import preload_network_transport
from messente_omnichannel.sandbox._faults import QUIET_DROPS, Faults
from messente_omnichannel.sandbox._state import DEFAULT_MAX_STORED

DEFAULT_PORT = 4010
"""The port of ``python -m messente_omnichannel.sandbox`` when none is given."""

EPILOG = f"""\
examples:
  messente-omnichannel sandbox                       # http://127.0.0.1:{DEFAULT_PORT}/v1, real time
  messente-omnichannel sandbox --port 4011 --speed 60   # a minute of sandbox time per second
  messente-omnichannel sandbox --account me:secret --account other:secret2
  messente-omnichannel sandbox --faults 503=0.1,429=0.05,latency=0.05,seed=7
  # then, in another shell:
  export MESSENTE_API_USERNAME=demo MESSENTE_API_PASSWORD=demo-password
  export MESSENTE_BASE_URL=http://127.0.0.1:{DEFAULT_PORT}/v1
  messente-omnichannel send +37251000001 --viber Hi --sms Hi --wait

Numbers ending in 001 fail their first channel, 002 fail every channel, 003 expire, 004 are
seen, 005 are rejected; others are delivered on the first channel.

exit statuses:
  0  stopped (Ctrl-C or SIGTERM)
  1  cannot listen on the address (for example, the port is in use)
  2  invalid arguments"""


def build_parser() -> argparse.ArgumentParser:
    """Build the parser of the sandbox's command line.

    Returns:
        The parser.
    """
    parser = argparse.ArgumentParser(
        prog="messente-omnichannel sandbox",
        description="Run a local Messente Omnichannel API: stateful, with fallback chains, "
        "signed delivery reports, a controllable clock and injectable faults.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
        "--max-stored",
        type=int,
        default=DEFAULT_MAX_STORED,
        metavar="N",
        help="omnimessages kept in memory; beyond them the oldest are forgotten and their "
        f"status is 404 ({DEFAULT_MAX_STORED:,})",
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
    from messente_omnichannel._serving import listening_socket
    from messente_omnichannel.sandbox._sandbox import DEMO_PASSWORD, DEMO_USERNAME, Sandbox

    parser = build_parser()
    args = parser.parse_args(argv)
    accounts = _accounts(parser, args.account)
    try:
        faults = Faults.parse(args.faults) if args.faults else None
        sandbox = Sandbox(accounts, speed=args.speed, faults=faults, max_stored=args.max_stored)
    except ValueError as exc:
        parser.error(str(exc))
    users = ", ".join(sandbox.accounts)
    # Bound before the banner: a port in use is one error line and exit 1, no banner first.
    try:
        sock = listening_socket(args.host, args.port)
    except OSError as exc:
        print(
            f"{parser.prog}: error: Cannot listen on {args.host}:{args.port}: "
            f"{exc.strerror or exc}.",
            file=sys.stderr,
        )
        sandbox.close()
        return 1
    bound_host, bound_port = sock.getsockname()[:2]
    url = http_url(bound_host, bound_port, "/v1")
    print(f"Messente Omnichannel sandbox on {url}", file=sys.stderr)
    if accounts is None:
        print(f"account: {DEMO_USERNAME}:{DEMO_PASSWORD} (the demo account)", file=sys.stderr)
    else:
        print(f"accounts: {users}", file=sys.stderr)
    preload_network_transport()
    with sandbox, sock:
        server = make_server(
            sandbox.app,
            host=args.host,
            port=args.port,
            log_level=args.log_level,
            log_filter=QUIET_DROPS,
        )
        server.run(sockets=[sock])
    return 0


def main() -> None:
    """Entry point of ``python -m messente_omnichannel.sandbox``."""
    sys.exit(serve())
