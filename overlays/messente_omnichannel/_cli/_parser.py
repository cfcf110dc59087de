"""The command line's arguments, help texts and examples."""

import argparse
import math
import re
import sys
from datetime import UTC, datetime, timedelta
from typing import Any, NoReturn

from messente_omnichannel._cli._channels import BY_OPTION, CHANNEL_OPTIONS
from messente_omnichannel._cli._output import PROG, Exit
from messente_omnichannel._client._config import BASE_URL_ENV
from messente_omnichannel._client._credentials import PASSWORD_ENV, USERNAME_ENV
from messente_omnichannel._numbers import has_phonenumbers
from messente_omnichannel._results import parse_timestamp
from messente_omnichannel._version import __version__

_RELATIVE = re.compile(r"^\+(\d+)([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}

EXIT_STATUSES = f"""\
exit statuses:
  {Exit.OK:d}  success
  {Exit.ERROR:d}  other failure (missing credentials, port in use, missing optional dependency)
  {Exit.INVALID_INPUT:d}  invalid arguments, message or ID: nothing was sent
  {Exit.API_ERROR:d}  the API answered with an error (4xx/5xx)
  {Exit.UNKNOWN_OUTCOME:d}  a send may or may not have been accepted (check before sending again),
     or a cancel may or may not have cancelled (check with status)
  {Exit.NETWORK_ERROR:d}  no answer: the connection failed or timed out
  {Exit.NOT_DELIVERED:d}  send --wait: every channel failed
  {Exit.STILL_IN_PROGRESS:d}  send --wait: no outcome before the wait ended
  {Exit.NOT_ALL_SENT:d}  send-many: some rows were not sent (failed, invalid, or stopped early)"""

ENVIRONMENT = f"""\
environment:
  {USERNAME_ENV}, {PASSWORD_ENV}   API credentials (Account > API Settings)
  {BASE_URL_ENV}   API base URL (default https://api.messente.com/v1)"""

MAIN_EXAMPLES = f"""\
examples:
  {PROG} send +37251000001 --whatsapp-template order_update --template-param 4242 \\
      --viber "Order 4242 has shipped" --sms "Order 4242 has shipped" --sender MyBrand \\
      --sandbox --wait
  {PROG} status 632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a
  {PROG} cancel 632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a --json
  {PROG} send-many --csv recipients.csv --sms "Hi {{name}}" --journal campaign.db
  {PROG} listen --port 8080
  {PROG} sandbox --port 4010

{ENVIRONMENT}

{EXIT_STATUSES}"""

SEND_EXAMPLES = f"""\
The channel options may be repeated and mixed; their order on the command line is the order of
the fallback chain: the next channel is tried when one fails or expires.

examples:
  # WhatsApp, then Viber, then SMS, on a fresh in-process sandbox, watching the outcome
  # (numbers ending 001 fail their first channel there):
  {PROG} send +37251000001 --whatsapp-template order_update --template-param 4242 \\
      --viber "Order 4242 has shipped" --sms "Order 4242 has shipped" --sender MyBrand \\
      --sandbox --wait
  # One SMS through the real API, with delivery reports pushed to your server:
  {PROG} send +37251234567 --sms "Your code is 1234" --sender MyBrand \\
      --dlr-url https://example.com/dlr
  # Scheduled in two hours (cancel it with `{PROG} cancel ID`), as JSON:
  {PROG} send +37251234567 --sms "See you tomorrow" --at +2h --json
  # A different sender per channel:
  {PROG} send +37251234567 --viber Hi --sms Hi --sender viber=MyBrand --sender sms=+37250000000
  # Check a message and see each SMS's encoding and parts; nothing is sent, no credentials:
  {PROG} send +37251234567 --sms "Your order [4242] ships today" --autoconvert off --dry-run

{EXIT_STATUSES}"""

SEND_MANY_EXAMPLES = f"""\
Every channel option of `send` takes {{column}} placeholders, filled from each row. Rows go out
through the bulk endpoint, 50 per request, unless --one-by-one. Stopping (Ctrl-C) or a crash
loses nothing that the journal recorded: run the same command again to send only the rest.

examples:
  # recipients.csv has the columns to,name,order:
  {PROG} send-many --csv recipients.csv --viber "Hi {{name}}, order {{order}} has shipped" \\
      --sms "Order {{order}} has shipped" --sender MyBrand --journal campaign.db \\
      --results results.jsonl --rate 100
  # Try 10,000 rows on an in-process sandbox, with no account:
  {PROG} send-many --csv recipients.csv --sms "Hi {{name}}" --sandbox --progress
  # Count the SMS parts the campaign will be billed for; nothing is sent:
  {PROG} send-many --csv recipients.csv --sms "Hi {{name}}" --dry-run

{EXIT_STATUSES}"""

STATUS_EXAMPLES = f"""\
Prints one row per channel attempt, in chain order, and where the chain stands: delivered on
which channel, in progress, or failed on every channel.

examples:
  {PROG} status 632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a
  {PROG} status 632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a --json | jq .outcome.state
  {PROG} status ID --base-url http://127.0.0.1:4010/v1   # a sandbox started with `{PROG} sandbox`

{EXIT_STATUSES}"""

CANCEL_EXAMPLES = f"""\
Only a message scheduled with --at (time_to_send) that has not started sending can be cancelled;
otherwise the API answers 404 (exit status {Exit.API_ERROR:d}).

examples:
  {PROG} cancel 632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a
  {PROG} cancel 632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a --json

{EXIT_STATUSES}"""

LISTEN_EXAMPLES = f"""\
Serves a delivery-report receiver (use its URL as --dlr-url): every report's X-Messente-Signature
is checked, a forged or changed report is refused with 401, a redelivered one is ignored, and
each new report is printed with where its chain stands. Needs uvicorn (the [sandbox] extra).

examples:
  {PROG} listen --port 8080                       # password from {PASSWORD_ENV}
  {PROG} listen --port 8080 --json                # one JSON object per report
  {PROG} listen --sandbox --port 8080 --count 4   # reports of a sandbox's demo account

{EXIT_STATUSES}"""

SANDBOX_HELP = "run a local sandbox of the API (see `sandbox --help`)"


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr."""

    def error(self, message: str) -> NoReturn:
        """Print the usage error on one line and exit with the invalid-input status.

        Args:
            message: What is wrong.
        """
        print(
            f"{self.prog}: error: {message} (see `{self.prog} --help`)",
            file=sys.stderr,
            flush=True,
        )
        raise SystemExit(Exit.INVALID_INPUT)


class _Chain(argparse.Action):
    """Appends ``(channel, value)`` to one shared list, keeping the command-line order."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        chain = list(getattr(namespace, self.dest, None) or [])
        chain.append((BY_OPTION[option_string or ""].channel, values))
        setattr(namespace, self.dest, chain)


def parse_when(text: str, now: datetime | None = None) -> datetime:
    """Read ``--at``: ``+30s``, ``+10m``, ``+2h``, ``+1d``, or an ISO 8601 time (naive is UTC).

    Args:
        text: The value given.
        now: The current time, for relative values; the real time by default.

    Returns:
        An aware datetime.

    Raises:
        argparse.ArgumentTypeError: The value is neither.
    """
    relative = _RELATIVE.match(text.strip())
    if relative:
        amount, unit = int(relative.group(1)), _UNITS[relative.group(2)]
        return (now or datetime.now(UTC)) + timedelta(**{unit: amount})
    # Read as the API reads times: ISO 8601, UTC when it has no offset.
    moment = parse_timestamp(text.strip())
    if moment is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a time: use +30s, +10m, +2h, +1d or ISO 8601 such as "
            "2030-06-22T09:05:00+03:00"
        )
    return moment


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value < math.inf:
        raise argparse.ArgumentTypeError(f"{text!r} must be a number more than 0")
    return value


def _region(text: str) -> str:
    code = text.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise argparse.ArgumentTypeError(f"{text!r} is not a two-letter country code such as EE")
    if has_phonenumbers():
        import phonenumbers

        if code not in phonenumbers.SUPPORTED_REGIONS:
            raise argparse.ArgumentTypeError(f"{text!r} is not a country libphonenumber knows")
    return code


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be a whole number of at least 1")
    return int(text)


def _output_options() -> Parser:
    common = Parser(add_help=False)
    common.add_argument(
        "--json", action="store_true", help="print one JSON document (errors too, on stderr)"
    )
    return common


def _api_options() -> Parser:
    api = Parser(add_help=False, parents=[_output_options()])
    where = api.add_mutually_exclusive_group()
    where.add_argument(
        "--sandbox",
        action="store_true",
        help="use a fresh in-process sandbox (demo account, time 60x faster); nothing leaves "
        "this machine, and its state is gone when the command ends",
    )
    where.add_argument(
        "--base-url", metavar="URL", help=f"API base URL (default ${BASE_URL_ENV} or production)"
    )
    api.add_argument("--username", metavar="USER", help=f"API username (default ${USERNAME_ENV})")
    api.add_argument(
        "--password-file",
        metavar="FILE",
        help=f"read the API password from FILE ('-' for stdin; default ${PASSWORD_ENV}); "
        "never pass it as an argument, where other users could see it",
    )
    api.add_argument(
        "--timeout",
        type=_positive,
        metavar="SECONDS",
        help="seconds to wait for each answer (default 30; 5 to connect)",
    )
    api.add_argument(
        "--deadline",
        type=_positive,
        metavar="SECONDS",
        help="seconds for the whole call, retries included (default 60)",
    )
    return api


def _message_options(parser: Parser) -> None:
    """Add the options that build an omnimessage: ``send``'s, and ``send-many``'s templates."""
    parser.add_argument(
        "--region",
        type=_region,
        metavar="CC",
        help="check TO by libphonenumber's rules and read a national number in this country "
        "(two-letter code, e.g. EE); needs the [phonenumbers] extra for national numbers",
    )
    channels = parser.add_argument_group("channels, in fallback order")
    for row in CHANNEL_OPTIONS:
        channels.add_argument(
            row.option, dest="chain", action=_Chain, metavar=row.metavar, help=row.help
        )
    channels.add_argument(
        "--template-lang",
        default="en",
        metavar="CODE",
        help="language of the WhatsApp template (default en)",
    )
    channels.add_argument(
        "--template-param",
        action="append",
        default=[],
        metavar="TEXT",
        help="a text parameter of the template's body; repeat in order",
    )
    parser.add_argument(
        "--sender",
        action="append",
        default=[],
        metavar="[CHANNEL=]SENDER",
        help="sender for every channel, or for one channel (repeatable)",
    )
    parser.add_argument(
        "--at",
        type=parse_when,
        metavar="WHEN",
        help="schedule: +30s, +10m, +2h, +1d (from this machine's clock) or ISO 8601",
    )
    parser.add_argument("--dlr-url", metavar="URL", help="URL that receives delivery reports")
    parser.add_argument(
        "--autoconvert",
        choices=["on", "full", "off"],
        help="how the SMS treats characters outside GSM 03.38: on (the account's Auto Replace "
        "settings, the default), full (replace with look-alikes) or off (send as is)",
    )


def build_parser() -> Parser:
    """Build the parser of the ``messente-omnichannel`` command.

    Returns:
        The parser, with one subcommand per job.
    """
    formatter = argparse.RawDescriptionHelpFormatter
    parser = Parser(
        prog=PROG,
        description="Send, track and cancel Messente Omnichannel messages; receive and verify "
        "their delivery reports; run a local sandbox of the API.",
        epilog=MAIN_EXAMPLES,
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    api = _api_options()

    send = commands.add_parser(
        "send",
        parents=[api],
        help="send a message over a fallback chain of channels",
        description="Send one message to one recipient over a fallback chain of channels.",
        epilog=SEND_EXAMPLES,
        formatter_class=formatter,
    )
    send.add_argument(
        "to",
        metavar="TO",
        help="recipient in E.164 format, e.g. +37251234567, or a national number with --region",
    )
    _message_options(send)
    send.add_argument(
        "--wait",
        type=_positive,
        nargs="?",
        const=120.0,
        metavar="SECONDS",
        help="poll the status until the chain is delivered or failed (at most 120 s, or "
        "SECONDS); the exit status tells the outcome",
    )
    send.add_argument(
        "--poll-interval",
        type=_positive,
        metavar="SECONDS",
        help="seconds between status requests with --wait (2; 0.05 with --sandbox)",
    )
    send.add_argument(
        "--dry-run",
        action="store_true",
        help="check the message, print the exact JSON body and each SMS's encoding and parts, "
        "and send nothing (needs no credentials)",
    )

    many = commands.add_parser(
        "send-many",
        parents=[api],
        help="send one message per row of a CSV file (a campaign), resumable",
        description="Send one omnimessage per row of a CSV file, concurrently, with a "
        "progress bar, a summary, per-row results and a journal to resume from.",
        epilog=SEND_MANY_EXAMPLES,
        formatter_class=formatter,
    )
    many.add_argument("--csv", required=True, metavar="FILE", help="the rows, with a header")
    many.add_argument(
        "--to",
        metavar="TEMPLATE",
        help="the recipient of each row: a column as {column} (default {to}), in E.164 or, "
        "with --region, national form",
    )
    _message_options(many)
    many.add_argument(
        "--rate", type=_positive, metavar="N", help="at most N omnimessages per second"
    )
    many.add_argument(
        "--concurrency", type=_count, metavar="N", help="requests in flight (8 bulk, 64 one by one)"
    )
    way = many.add_mutually_exclusive_group()
    way.add_argument(
        "--one-by-one",
        dest="bulk",
        action="store_false",
        default=None,
        help="one POST /omnimessage per row instead of the bulk endpoint (a lost answer then "
        "leaves one row unknown, not a whole batch)",
    )
    way.add_argument(
        "--batch-size", type=_count, metavar="N", help="rows per bulk request (default 50)"
    )
    many.add_argument(
        "--journal",
        metavar="FILE",
        help="record each row's state in FILE (SQLite, created if missing); run the same "
        "command again to resume: rows already sent are skipped, unknown ones listed",
    )
    many.add_argument(
        "--resend-unknown",
        action="store_true",
        help="with --journal: send again the rows whose outcome is unknown (may deliver twice)",
    )
    many.add_argument(
        "--results",
        metavar="FILE",
        help="write one line per row: JSON Lines, or CSV if FILE ends in .csv",
    )
    bar = many.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress",
        dest="progress",
        action="store_true",
        default=None,
        help="show the progress bar (default: when stderr is a terminal)",
    )
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="hide it")
    many.add_argument(
        "--dry-run",
        action="store_true",
        help="check every row and total the SMS parts and encodings; send nothing (needs no "
        "credentials)",
    )

    status = commands.add_parser(
        "status",
        parents=[api],
        help="show the status of every channel attempt of a message",
        description="Show the delivery status of a message: one row per channel attempt.",
        epilog=STATUS_EXAMPLES,
        formatter_class=formatter,
    )
    status.add_argument("id", metavar="ID", help="the omnimessage ID returned by send")

    cancel = commands.add_parser(
        "cancel",
        parents=[api],
        help="cancel a scheduled message",
        description="Cancel a message scheduled with --at before it starts sending.",
        epilog=CANCEL_EXAMPLES,
        formatter_class=formatter,
    )
    cancel.add_argument("id", metavar="ID", help="the omnimessage ID returned by send")

    listen = commands.add_parser(
        "listen",
        parents=[_output_options()],
        help="receive delivery reports, verify and print them",
        description="Receive delivery reports on a local HTTP server, verify and print them.",
        epilog=LISTEN_EXAMPLES,
        formatter_class=formatter,
    )
    listen.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    listen.add_argument("--port", type=int, default=8080, help="port (8080; 0 picks a free one)")
    who = listen.add_mutually_exclusive_group()
    who.add_argument(
        "--sandbox",
        action="store_true",
        help="check signatures with the sandbox's demo account password",
    )
    who.add_argument(
        "--password-file",
        metavar="FILE",
        help=f"read the API password from FILE ('-' for stdin; default ${PASSWORD_ENV})",
    )
    listen.add_argument(
        "--count", type=_count, metavar="N", help="stop after N new reports (default: Ctrl-C)"
    )

    # Listed for --help only: main() hands everything after `sandbox` to the sandbox's own parser.
    commands.add_parser("sandbox", help=SANDBOX_HELP, add_help=False)
    return parser
