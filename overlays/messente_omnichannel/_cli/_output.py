"""What the command prints: readable text by default, one JSON document with ``--json``."""

import enum
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, TextIO

import attrs

from messente_omnichannel._errors import (
    ApiConnectionError,
    ApiError,
    CancelOutcomeUnknownError,
    InvalidMessageError,
    InvalidReportError,
    MessenteError,
    SendOutcomeUnknownError,
)
from messente_omnichannel._reports._parse import DeliveryUpdate
from messente_omnichannel._reports._tracker import ChainOutcome
from messente_omnichannel._results import DeliveryReport, DeliveryResult
from messente_omnichannel._sms_parts import SmsEncoding, SmsParts
from messente_omnichannel_client.models import OmnimessageCreated

PROG = "messente-omnichannel"


class Exit(enum.IntEnum):
    """Exit statuses of the command."""

    OK = 0
    """Success."""
    ERROR = 1
    """Any other failure: missing credentials, a port in use, a missing optional dependency."""
    INVALID_INPUT = 2
    """Invalid arguments, message or ID; nothing was sent."""
    API_ERROR = 3
    """The API answered with an error (4xx or 5xx)."""
    UNKNOWN_OUTCOME = 4
    """A send may or may not have been accepted (check before sending again), or a cancel
    may or may not have cancelled."""
    NETWORK_ERROR = 5
    """No answer: the connection failed or timed out."""
    NOT_DELIVERED = 6
    """``send --wait``: every channel failed."""
    STILL_IN_PROGRESS = 7
    """``send --wait``: no outcome before the wait ended."""
    NOT_ALL_SENT = 8
    """``send-many``: some rows were not sent (failed, invalid, or the run stopped early)."""


def exit_status(error: MessenteError) -> Exit:
    """Choose the exit status of an error.

    Args:
        error: The error.

    Returns:
        Its exit status.
    """
    if isinstance(error, InvalidMessageError):
        return Exit.INVALID_INPUT
    if isinstance(error, ApiError):
        return Exit.API_ERROR
    if isinstance(error, SendOutcomeUnknownError | CancelOutcomeUnknownError):
        return Exit.UNKNOWN_OUTCOME
    if isinstance(error, ApiConnectionError):
        return Exit.NETWORK_ERROR
    return Exit.ERROR


def one_line(error: BaseException) -> str:
    """Say what went wrong on one line.

    Args:
        error: The error.

    Returns:
        Its message with every line break folded; validation problems joined by ``;``.
    """
    if isinstance(error, InvalidMessageError | InvalidReportError):
        text = "invalid: " + "; ".join(str(problem) for problem in error.problems)
    else:
        text = str(error) or type(error).__name__
    return " ".join(text.split())


class Printer:
    """Prints results on stdout and errors on stderr, as text or JSON, never a secret.

    Args:
        as_json: Print JSON instead of text.
        secrets: Strings that must never be printed (replaced by ``<redacted>``).
        out: Where results go.
        err: Where errors and progress go.
    """

    def __init__(
        self,
        *,
        as_json: bool = False,
        secrets: Iterable[str] = (),
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.as_json = as_json
        self._secrets = sorted((s for s in secrets if s), key=len, reverse=True)
        self._out = out or sys.stdout
        self._err = err or sys.stderr

    def add_secret(self, secret: str) -> None:
        """Never print ``secret`` either."""
        if secret:
            self._secrets = sorted({*self._secrets, secret}, key=len, reverse=True)

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "<redacted>")
        return text

    def line(self, text: str = "") -> None:
        """Print a line of text output (nothing in JSON mode)."""
        if not self.as_json:
            print(self._scrub(text), file=self._out, flush=True)

    @property
    def err(self) -> TextIO:
        """Where errors and progress go."""
        return self._err

    def note(self, text: str) -> None:
        """Print progress or a hint on stderr (nothing in JSON mode)."""
        if not self.as_json:
            print(self._scrub(text), file=self._err, flush=True)

    def event(self, text: str, data: dict[str, Any]) -> None:
        """Print a happening on stderr: ``text``, or ``data`` as one JSON line in JSON mode."""
        line = json.dumps(data, default=str) if self.as_json else " ".join(text.split())
        print(self._scrub(line), file=self._err, flush=True)

    def document(self, data: Any) -> None:
        """Print one JSON document on one line (only in JSON mode)."""
        if self.as_json:
            print(self._scrub(json.dumps(data, default=str)), file=self._out, flush=True)

    def error(self, error: BaseException, status: Exit) -> None:
        """Print an error as one line on stderr.

        Args:
            error: The error.
            status: The exit status it leads to.
        """
        message = self._scrub(one_line(error))
        if self.as_json:
            data: dict[str, Any] = {
                "type": type(error).__name__,
                "message": message,
                "exit_status": int(status),
            }
            if isinstance(error, ApiError):
                data["status"] = error.status
            print(json.dumps({"error": data}), file=self._err, flush=True)
        else:
            print(f"{PROG}: error: {message}", file=self._err, flush=True)


def when(moment: datetime | None) -> str:
    """Format a time for a table: UTC, to the second.

    Args:
        moment: The time, timezone-aware, or ``None``.

    Returns:
        For example ``2030-01-01 00:00:03``, or ``-``.
    """
    if moment is None:
        return "-"
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """Lay out rows in aligned columns.

    Args:
        header: Column titles.
        rows: Cells, as text.

    Returns:
        The lines, header first.
    """
    body = [list(row) for row in rows]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *body, strict=True)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [list(header), *body]
    ]


def _cell(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


def status_rows(results: Sequence[DeliveryResult]) -> list[list[str]]:
    """Turn channel attempts into table rows.

    Args:
        results: The attempts, in chain order.

    Returns:
        One row per attempt: number, channel, status, err, error, time, sender, price.
    """
    return [
        [
            str(index),
            _cell(result.channel),
            _cell(result.status) if result.status is not None else "processing",
            _cell(None if result.err is None else int(result.err)),
            _cell(result.error),
            when(result.timestamp),
            _cell(result.sender),
            _cell(result.price.total_price if result.price else None),
        ]
        for index, result in enumerate(results, start=1)
    ]


STATUS_HEADER = ("#", "CHANNEL", "STATUS", "ERR", "ERROR", "TIME (UTC)", "SENDER", "PRICE")


def outcome_json(outcome: ChainOutcome) -> dict[str, Any]:
    """Return a chain's outcome as JSON data.

    Args:
        outcome: The outcome.

    Returns:
        ``state``, ``channel`` (or null) and ``description``.
    """
    return {
        "state": str(outcome.state),
        "channel": None if outcome.channel is None else str(outcome.channel),
        "description": outcome.describe(),
    }


def created_json(created: OmnimessageCreated) -> dict[str, Any]:
    """Return the answer to a send as the API's JSON."""
    return created.to_dict()


def report_json(report: DeliveryReport, outcome: ChainOutcome) -> dict[str, Any]:
    """Return a status response as the API's JSON, with the chain's outcome added."""
    data = report.raw.to_dict()
    data["outcome"] = outcome_json(outcome)
    return data


def update_json(update: DeliveryUpdate, outcome: ChainOutcome) -> dict[str, Any]:
    """Return a delivery report as its JSON body, with its chain's outcome added."""
    data = update.raw.to_dict()
    data["outcome"] = outcome_json(outcome)
    return data


def update_line(update: DeliveryUpdate, outcome: ChainOutcome) -> str:
    """Describe one verified delivery report on one line.

    Args:
        update: The report.
        outcome: Its chain's outcome after it.

    Returns:
        Time, omnimessage, channel, status, error and the chain's state.
    """
    status = _cell(update.status) if update.status is not None else "processing"
    parts = [when(update.timestamp), str(update.omnimessage_id), _cell(update.channel), status]
    if update.err is not None and int(update.err) != 0:
        parts.append(f"err {int(update.err)} {_cell(update.error)}")
    return "  ".join(parts) + f"  -> {outcome.describe()}"


def _shown(char: str) -> str:
    # A control character (ESC, a tab) would act on the terminal instead of showing.
    return f"U+{ord(char):04X} {char if char.isprintable() else repr(char)}"


def sms_parts_lines(index: int, parts: SmsParts) -> list[str]:
    """Describe the encoding and parts of one SMS of a chain, for ``--dry-run``.

    Args:
        index: The SMS's index in the omnimessage's ``messages``.
        parts: Its count, from :func:`sms_parts`.

    Returns:
        A line with the encoding and parts, then what forced UCS-2, what ``full`` replaced and
        what the count cannot know, each on its own line when there is any.
    """
    unit = "septets" if parts.encoding is SmsEncoding.GSM_7 else "UTF-16 units"
    plural = "part" if parts.parts == 1 else "parts"
    lines = [
        f"SMS (messages[{index}]): {parts.encoding}, {parts.parts} {plural} of up to "
        f"{parts.per_part} {unit}; {parts.length} used, {parts.remaining} left in the last part"
    ]
    if parts.ucs2_characters:
        lines.append("  UCS-2 because of: " + ", ".join(map(_shown, parts.ucs2_characters)))
    if parts.replacements:
        replaced = ", ".join(f"{_shown(a)} -> {b!r}" for a, b in parts.replacements)
        lines.append(f"  autoconvert full replaces: {replaced}")
        lines.append(f"  text as counted: {json.dumps(parts.text, ensure_ascii=False)}")
    if parts.note:
        lines.append(f"  note: {parts.note}")
    return lines


def sms_parts_json(index: int, parts: SmsParts) -> dict[str, Any]:
    """Return the count of one SMS of a chain as JSON data.

    Args:
        index: The SMS's index in the omnimessage's ``messages``.
        parts: Its count, from :func:`sms_parts`.

    Returns:
        ``index`` and every field of :class:`SmsParts` (tuples as lists, enums as strings).
    """
    data: dict[str, Any] = {"index": index}
    data.update(attrs.asdict(parts))
    data["encoding"] = str(parts.encoding)
    data["autoconvert"] = str(parts.autoconvert)
    return data
