"""What each subcommand does, through the public client, receiver and tracker."""

import argparse
import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from messente_omnichannel._builders.omnimessage import Omnimessage
from messente_omnichannel._cli._channels import BY_CHANNEL, OPTION_LIST
from messente_omnichannel._cli._output import (
    STATUS_HEADER,
    Exit,
    Printer,
    created_json,
    outcome_json,
    report_json,
    sms_parts_json,
    sms_parts_lines,
    status_rows,
    table,
    update_json,
    update_line,
    when,
)
from messente_omnichannel._client._credentials import PASSWORD_ENV
from messente_omnichannel._client._prepare import omnimessage_uuid, prepare_omnimessage, validate
from messente_omnichannel._client._sync import Omnichannel
from messente_omnichannel._errors import InvalidMessageError, MessenteError, Problem, ReportError
from messente_omnichannel._reports._parse import DeliveryUpdate
from messente_omnichannel._reports._receiver import ReportReceiver
from messente_omnichannel._reports._tracker import ChainOutcome, Tracker
from messente_omnichannel._sms_parts import omnimessage_sms_parts
from messente_omnichannel_client.models import Channel, OmnimessageCreated

SANDBOX_SPEED = 60.0
"""Sandbox seconds per real second with ``--sandbox``: a fallback chain plays out in a blink."""
# An address, not a name: plain http is allowed only to what provably is loopback, and the
# in-process transport never connects anywhere.
SANDBOX_BASE_URL = "http://127.0.0.1/v1"
_SANDBOX_POLL = 0.05
_API_POLL = 2.0
_EXTRA_HINT = "pip install 'messente-omnichannel[sandbox]'"
_NEEDS_EXTRA = f"The sandbox needs its optional dependencies: {_EXTRA_HINT}."


def read_password(path: str | None) -> str | None:
    """Read the API password from ``--password-file``, else from the environment.

    Args:
        path: The file, ``-`` for stdin, or ``None``.

    Returns:
        The password (its first line), or ``None`` when there is none.

    Raises:
        MessenteError: The file cannot be read or is empty.
    """
    if path is None:
        return os.environ.get(PASSWORD_ENV) or None
    try:
        if path == "-":
            text = sys.stdin.readline()
        else:
            with open(path, encoding="utf-8") as file:
                text = file.readline()
    except OSError as exc:
        raise MessenteError(f"Cannot read the password file {path}: {exc.strerror}.") from None
    password = text.rstrip("\r\n")
    if not password:
        raise MessenteError(f"The password file {path} is empty.")
    return password


def _sandbox_module() -> Any:
    try:
        import messente_omnichannel.sandbox as sandbox
    except ImportError:
        raise MessenteError(_NEEDS_EXTRA) from None
    return sandbox


@contextlib.contextmanager
def api_client(args: argparse.Namespace, printer: Printer) -> Iterator[Omnichannel]:
    """Open the client the arguments ask for: the API, or a fresh in-process sandbox.

    Args:
        args: The parsed arguments.
        printer: Where to say that a sandbox is used.

    Yields:
        The client.
    """
    if args.sandbox:
        sandbox = _sandbox_module()
        printer.note("Using a new in-process sandbox (account demo); nothing leaves this machine.")
        with (
            sandbox.Sandbox(speed=SANDBOX_SPEED) as sb,
            Omnichannel(
                sandbox.DEMO_USERNAME,
                sandbox.DEMO_PASSWORD,
                base_url=SANDBOX_BASE_URL,
                transport=sb.transport(),
                timeout=args.timeout,
                deadline=args.deadline,
            ) as client,
        ):
            yield client
        return
    password = read_password(args.password_file)
    if password:
        printer.add_secret(password)
    with Omnichannel(
        args.username,
        password,
        base_url=args.base_url,
        timeout=args.timeout,
        deadline=args.deadline,
    ) as client:
        yield client


def _senders(values: list[str], channels: set[str]) -> dict[str, str]:
    senders: dict[str, str] = {}
    for value in values:
        channel, sep, sender = value.partition("=")
        if sep and channel in BY_CHANNEL:
            senders[channel] = sender
        else:
            senders.update(dict.fromkeys(("*", *channels), value))
    return senders


def build_message(args: argparse.Namespace) -> Omnimessage:
    """Turn ``send``'s arguments into an omnimessage.

    Args:
        args: The parsed arguments.

    Returns:
        The omnimessage; the client validates it before sending.

    Raises:
        InvalidMessageError: No channel was given.
    """
    chain: list[tuple[Channel, str]] = args.chain or []
    if not chain:
        raise InvalidMessageError([Problem("messages", f"give at least one of {OPTION_LIST}")])
    senders = _senders(args.sender, {channel for channel, _ in chain})
    messages = [
        BY_CHANNEL[channel].build(value, senders.get(channel), args) for channel, value in chain
    ]
    return Omnimessage(
        to=args.to,
        messages=messages,
        dlr_url=args.dlr_url,
        time_to_send=args.at,
        region=args.region,
    )


def dry_run(message: Omnimessage, printer: Printer) -> int:
    """``send --dry-run``: check a message, print its body and SMS parts, send nothing.

    Args:
        message: The omnimessage.
        printer: Where the body and the counts go.

    Returns:
        :attr:`Exit.OK`.

    Raises:
        InvalidMessageError: The message breaks the API's rules.
    """
    body = prepare_omnimessage(message)
    data = json.loads(body)
    counted = omnimessage_sms_parts(data)
    printer.line("Dry run: nothing was sent. The body of POST /omnimessage would be:")
    printer.line(body.decode("utf-8"))
    for index, parts in counted:
        for line in sms_parts_lines(index, parts):
            printer.line(line)
    printer.document(
        {"dry_run": True, "body": data, "sms": [sms_parts_json(i, p) for i, p in counted]}
    )
    return Exit.OK


def send(args: argparse.Namespace, printer: Printer) -> int:
    """``send``: send an omnimessage, and with ``--wait`` follow it to its outcome."""
    message = build_message(args)
    # Checked before credentials are looked for: invalid input exits 2 wherever it runs.
    validate(message)
    if args.dry_run:
        if args.wait is not None:
            raise InvalidMessageError(
                [Problem("--wait", "--dry-run sends nothing, so there is nothing to wait for")]
            )
        return dry_run(message, printer)
    with api_client(args, printer) as client:
        created = client.send(message)
        printer.line(f"Accepted omnimessage {created.omnimessage_id} for {created.to}.")
        rows = [
            [str(i), str(m.channel), str(m.message_id), m.sender]
            for i, m in enumerate(created.messages, start=1)
        ]
        for line in table(("#", "CHANNEL", "MESSAGE ID", "SENDER"), rows):
            printer.line("  " + line)
        if args.at is not None:
            printer.line(
                f"Scheduled for {when(args.at)} UTC; cancel it before then with: "
                f"messente-omnichannel cancel {created.omnimessage_id}"
            )
        if args.wait is None:
            printer.document(created_json(created))
            return Exit.OK
        poll = args.poll_interval or (_SANDBOX_POLL if args.sandbox else _API_POLL)
        outcome, report = _wait(client, created, args.wait, poll, printer)
        data = created_json(created)
        data["outcome"] = outcome_json(outcome)
        data["statuses"] = [] if report is None else report_json(report, outcome)["statuses"]
        printer.document(data)
    if outcome.delivered:
        printer.line(f"Delivered on {outcome.channel}.")
        return Exit.OK
    if outcome.failed:
        printer.line(f"Not delivered: {outcome.describe()}.")
        return Exit.NOT_DELIVERED
    printer.line(f"Still {outcome.describe()} after {args.wait:g} s; check later with `status`.")
    return Exit.STILL_IN_PROGRESS


def _wait(
    client: Omnichannel,
    created: OmnimessageCreated,
    seconds: float,
    poll: float,
    printer: Printer,
    clock: Callable[[], float] = time.monotonic,
) -> tuple[ChainOutcome, Any]:
    tracker = Tracker()
    tracker.expect(created)
    printer.note("Waiting for the outcome (Ctrl-C stops waiting; the message is not affected)...")
    shown: dict[str, str] = {}
    deadline = clock() + seconds
    report = None
    while True:
        report = client.status(created.omnimessage_id)
        tracker.add_status(report)
        for result in report.statuses:
            state = "processing" if result.status is None else str(result.status)
            key = str(result.message_id)
            if shown.get(key) != state:
                shown[key] = state
                error = f"  err {result.err} {result.error}" if result.error else ""
                channel = str(result.channel)
                printer.line(f"  {when(result.timestamp):19}  {channel:9} {state}{error}")
        outcome = tracker.outcome(created.omnimessage_id)
        if not outcome.in_progress or clock() + poll > deadline:
            return outcome, report
        time.sleep(poll)


def status(args: argparse.Namespace, printer: Printer) -> int:
    """``status ID``: show every channel attempt of an omnimessage."""
    omnimessage_uuid(args.id)
    with api_client(args, printer) as client:
        report = client.status(args.id)
    tracker = Tracker()
    tracker.add_status(report)
    outcome = tracker.outcome(report.omnimessage_id)
    printer.line(f"Omnimessage {report.omnimessage_id} to {report.to}: {outcome.describe()}")
    if report.statuses:
        for line in table(STATUS_HEADER, status_rows(report.statuses)):
            printer.line("  " + line)
    else:
        printer.line("  No channel attempted yet (scheduled, cancelled, or just accepted).")
    printer.document(report_json(report, outcome))
    return Exit.OK


def cancel(args: argparse.Namespace, printer: Printer) -> int:
    """``cancel ID``: cancel a scheduled omnimessage."""
    omnimessage_uuid(args.id)
    with api_client(args, printer) as client:
        client.cancel(args.id)
    printer.line(f"Cancelled omnimessage {args.id}: it will not be sent.")
    printer.document({"omnimessage_id": str(args.id), "cancelled": True})
    return Exit.OK


class _ErrorLines(logging.Handler):
    """Prints the receiver's errors as one line each; refused reports are printed by listen."""

    def __init__(self, printer: Printer) -> None:
        super().__init__(logging.ERROR)
        self.printer = printer

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        cause = f": {type(error).__name__}: {error}" if error is not None else ""
        self.printer.event(record.getMessage() + cause, {"log": record.getMessage() + cause})


def listen(args: argparse.Namespace, printer: Printer) -> int:
    """``listen``: serve a receiver and print every new verified delivery report."""
    if args.sandbox:
        password: str | None = _sandbox_module().DEMO_PASSWORD
    else:
        password = read_password(args.password_file)
    if not password:
        raise MessenteError(
            f"listen needs the API password that signs the reports: set {PASSWORD_ENV}, "
            "use --password-file, or --sandbox for the sandbox's demo account."
        )
    try:
        from messente_omnichannel._serving import http_url, listening_socket, make_server
    except ImportError:
        raise MessenteError(f"listen needs uvicorn: {_EXTRA_HINT}.") from None
    printer.add_secret(password)
    tracker = Tracker()
    received = 0

    async def on_report(update: DeliveryUpdate) -> None:
        nonlocal received
        tracker.add(update)
        outcome = tracker.outcome(update.omnimessage_id)
        printer.line(update_line(update, outcome))
        printer.document(update_json(update, outcome))
        received += 1
        if args.count is not None and received >= args.count:
            server.should_exit = True

    def on_reject(error: ReportError) -> None:
        printer.event(f"refused a delivery report: {error}", {"refused": type(error).__name__})

    receiver = ReportReceiver(on_report, password=password, on_reject=on_reject)
    try:
        sock = listening_socket(args.host, args.port)
    except OSError as exc:
        raise MessenteError(f"Cannot listen on {args.host}:{args.port}: {exc.strerror}.") from None
    url = http_url(*sock.getsockname()[:2])
    printer.event(
        f"Listening for delivery reports on {url} (use it as --dlr-url); Ctrl-C stops.",
        {"listening": url},
    )
    server = make_server(receiver)
    # Without a handler of its own, logging's last resort would print each refusal a second
    # time, and a failing callback with its traceback. Added only once nothing can fail before
    # the finally below removes it.
    log = logging.getLogger("messente_omnichannel.reports")
    handler = _ErrorLines(printer)
    log.addHandler(handler)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn re-raises Ctrl-C after its graceful shutdown: for listen, the normal end
    finally:
        sock.close()
        log.removeHandler(handler)
    return Exit.OK


def run_sandbox(argv: list[str]) -> int:
    """``sandbox ...``: hand the arguments to the sandbox's own command line."""
    try:
        from messente_omnichannel.sandbox._server import serve
    except ImportError:
        raise MessenteError(_NEEDS_EXTRA) from None
    return serve(argv)


def send_many(args: argparse.Namespace, printer: Printer) -> int:
    """``send-many --csv FILE``: a campaign (see :mod:`._send_many`)."""
    from messente_omnichannel._cli import _send_many

    return _send_many.send_many(args, printer)


COMMANDS: dict[str, Callable[[argparse.Namespace, Printer], int]] = {
    "send": send,
    "send-many": send_many,
    "status": status,
    "cancel": cancel,
    "listen": listen,
}
