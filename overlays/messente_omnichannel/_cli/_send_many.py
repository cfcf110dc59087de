"""``send-many``: one omnimessage per row of a CSV file, through ``Omnichannel.send_many``.

Every channel option of ``send`` is a template here: ``{column}`` is replaced by the row's value
(``{{`` and ``}}`` are literal braces). The rows are read lazily; a row that cannot become an
omnimessage is reported ``invalid`` at its index and the rest are sent.
"""

import argparse
import copy
import csv
import json
import string
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from messente_omnichannel._builders.omnimessage import Omnimessage
from messente_omnichannel._campaign._results import CampaignSummary, ItemResult, ItemStatus
from messente_omnichannel._cli._channels import BY_CHANNEL
from messente_omnichannel._cli._commands import api_client, build_message
from messente_omnichannel._cli._output import Exit, Printer
from messente_omnichannel._client._prepare import prepare_omnimessage
from messente_omnichannel._errors import InvalidMessageError, MessenteError, Problem
from messente_omnichannel._sms_parts import omnimessage_sms_parts

Fill = Callable[[str, str], str]
"""Fills one template, given it and the option it came from."""


def _fields(template: str, where: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError as exc:
        problem = Problem(where, f"bad placeholder in {template!r}: {exc}")
        raise InvalidMessageError([problem]) from None


def _filled(args: argparse.Namespace, fill: Fill) -> argparse.Namespace:
    """Return the arguments with every templated value passed through ``fill``.

    The one list of what takes ``{column}`` placeholders: the recipient, each channel's value,
    the template parameters, the senders and the ``dlr_url``.
    """
    filled = copy.copy(args)
    filled.to = fill(args.to, "--to")
    filled.dlr_url = fill(args.dlr_url, "--dlr-url") if args.dlr_url else None
    filled.chain = [
        (channel, fill(value, BY_CHANNEL[channel].option)) for channel, value in args.chain or []
    ]
    filled.template_param = [fill(v, "--template-param") for v in args.template_param]
    filled.sender = [fill(v, "--sender") for v in args.sender]
    return filled


def _check_columns(args: argparse.Namespace, header: list[str]) -> None:
    """Refuse placeholders naming no column, before anything is read or sent."""
    columns = set(header)
    problems: list[Problem] = []

    def check(template: str, option: str) -> str:
        for name in sorted(_fields(template, option) - columns):
            problems.append(
                Problem(
                    option,
                    f"{{{name}}} names no column of {args.csv} (columns: {', '.join(header)})",
                )
            )
        return template

    _filled(args, check)
    if problems:
        raise InvalidMessageError(problems)


def _row_args(args: argparse.Namespace, row: dict[str, str]) -> argparse.Namespace:
    return _filled(args, lambda template, _option: template.format_map(row))


def _rows(reader: "csv.DictReader[str]") -> Iterator[dict[str, str]]:
    for row in reader:
        yield {key: value or "" for key, value in row.items() if key is not None}


def omnimessages(
    args: argparse.Namespace, rows: Iterator[dict[str, str]]
) -> Iterator[Omnimessage | InvalidMessageError]:
    """Build one omnimessage per row, or the error that kept a row from becoming one.

    Args:
        args: ``send-many``'s arguments, with ``{column}`` templates.
        rows: The rows, by column name.

    Yields:
        An omnimessage per row, in order; an :class:`InvalidMessageError` for a row that breaks
        a rule the builders check (a bad number with ``--region``, for example).
    """
    for row in rows:
        try:
            yield build_message(_row_args(args, row))
        except InvalidMessageError as error:
            yield error


class _ResultsFile:
    """Writes one line per result: JSON Lines, or CSV when the file name ends in ``.csv``."""

    FIELDS = ("index", "row", "to", "status", "omnimessage_id", "error")

    def __init__(self, file: IO[str], path: Path) -> None:
        self._file = file
        self._csv = csv.writer(file) if path.suffix.lower() == ".csv" else None
        if self._csv is not None:
            self._csv.writerow(self.FIELDS)

    def write(self, result: ItemResult, to: str) -> None:
        record = {
            "index": result.index,
            "row": result.index + 2,  # the line of the CSV file, after its header
            "to": to,
            "status": result.status.value,
            "omnimessage_id": str(result.omnimessage_id or ""),
            "error": " ".join(str(result.error).split()) if result.error is not None else "",
        }
        if self._csv is not None:
            self._csv.writerow(record[name] for name in self.FIELDS)
        else:
            self._file.write(json.dumps(record, ensure_ascii=False) + "\n")


_SHOWN = {
    ItemStatus.SENT: "sent",
    ItemStatus.ALREADY_SENT: "sent",
    ItemStatus.UNKNOWN: "unknown",
}
"""The progress bar's count of each status; every other status counts as failed."""


class _Progress:
    """The progress bar (tqdm, imported only here) with sent / failed / unknown counts."""

    def __init__(self, total: int | None, *, enabled: bool, file: IO[str]) -> None:
        self._bar: Any = None
        self._counts = dict.fromkeys(("sent", "failed", "unknown"), 0)
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="msg", dynamic_ncols=True, smoothing=0.1, file=file)

    def update(self, result: ItemResult) -> None:
        if self._bar is None:
            return
        self._counts[_SHOWN.get(result.status, "failed")] += 1
        self._bar.set_postfix({name: str(n) for name, n in self._counts.items()}, refresh=False)
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _is_tty(printer: Printer) -> bool:
    return not printer.as_json and printer.err.isatty()


def _count_rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as file:
        return max(0, sum(1 for _ in csv.reader(file)) - 1)


def _open_csv(path: Path, stack: ExitStack) -> "csv.DictReader[str]":
    try:
        file = stack.enter_context(path.open(newline="", encoding="utf-8"))
    except OSError as exc:
        problem = Problem("--csv", f"cannot read {path}: {exc.strerror}")
        raise InvalidMessageError([problem]) from None
    reader = csv.DictReader(file)
    if not reader.fieldnames:
        raise InvalidMessageError([Problem("--csv", f"{path} has no header row")])
    return reader


def _dry_run(args: argparse.Namespace, reader: "csv.DictReader[str]", printer: Printer) -> int:
    rows = invalid = sms = parts = 0
    encodings: dict[str, int] = {}
    for index, item in enumerate(omnimessages(args, _rows(reader))):
        rows += 1
        try:
            if isinstance(item, InvalidMessageError):
                raise item
            body = json.loads(prepare_omnimessage(item))
        except InvalidMessageError as error:
            invalid += 1
            printer.note(f"row {index + 2}: invalid: " + "; ".join(map(str, error.problems)))
            continue
        for _, counted in omnimessage_sms_parts(body):
            sms += 1
            parts += counted.parts
            encodings[str(counted.encoding)] = encodings.get(str(counted.encoding), 0) + 1
    by_encoding = ", ".join(f"{count} {name}" for name, count in sorted(encodings.items()))
    printer.line(
        f"Dry run: nothing was sent. {rows} rows: {rows - invalid} valid omnimessages, "
        f"{invalid} invalid."
    )
    printer.line(
        f"SMS: {sms} messages ({by_encoding or 'none'}), {parts} parts in all"
        + (f", {parts / sms:.2f} per SMS" if sms else "")
        + ". Each SMS is billed per part on the channels it reaches."
    )
    printer.document(
        {
            "dry_run": True,
            "rows": rows,
            "invalid": invalid,
            "sms": {"messages": sms, "parts": parts, "encodings": encodings},
        }
    )
    return Exit.OK if invalid == 0 else Exit.INVALID_INPUT


def exit_for(summary: CampaignSummary) -> Exit:
    """Choose ``send-many``'s exit status from its tally.

    Args:
        summary: The campaign's tally.

    Returns:
        ``OK`` when every row is accepted; ``UNKNOWN_OUTCOME`` when some may or may not be;
        else ``NOT_ALL_SENT``.
    """
    if summary.complete:
        return Exit.OK
    if summary.counts[ItemStatus.UNKNOWN]:
        return Exit.UNKNOWN_OUTCOME
    return Exit.NOT_ALL_SENT


def send_many(args: argparse.Namespace, printer: Printer) -> int:
    """``send-many --csv FILE``: one omnimessage per row, with a journal to resume from."""
    if not (args.chain or []):
        raise InvalidMessageError(
            [Problem("messages", "give at least one channel option, e.g. --sms 'Hi {name}'")]
        )
    path = Path(args.csv)
    with ExitStack() as stack:
        reader = _open_csv(path, stack)
        header = list(reader.fieldnames or [])
        if args.to is None:
            args.to = "{to}"
        _check_columns(args, header)
        if args.dry_run:
            return _dry_run(args, reader, printer)
        results_file = None
        if args.results:
            results_path = Path(args.results)
            try:
                out = stack.enter_context(results_path.open("w", newline="", encoding="utf-8"))
            except OSError as exc:
                raise MessenteError(f"Cannot write {results_path}: {exc.strerror}.") from None
            results_file = _ResultsFile(out, results_path)
        progress = _Progress(
            _count_rows(path) if args.progress is not False else None,
            enabled=args.progress if args.progress is not None else _is_tty(printer),
            file=printer.err,
        )
        stack.callback(progress.close)
        client = stack.enter_context(api_client(args, printer))
        recipients: dict[int, str] = {}
        run = client.send_many(
            _remember_to(omnimessages(args, _rows(reader)), recipients),
            bulk=args.bulk,
            batch_size=args.batch_size,
            concurrency=args.concurrency,
            rate=args.rate,
            journal=args.journal,
            resend_unknown=args.resend_unknown,
        )
        try:
            with run:
                for result in run:
                    to = recipients.pop(result.index, "")
                    if results_file is not None:
                        results_file.write(result, to)
                    progress.update(result)
                    if result.status is ItemStatus.UNKNOWN:
                        printer.note(f"row {result.index + 2} ({to}): outcome unknown")
        finally:
            progress.close()
            if results_file is not None:
                for result in run.unread:
                    results_file.write(result, recipients.pop(result.index, ""))
            _report(run.summary, args, printer)
    return exit_for(run.summary)


def _remember_to(
    items: Iterator[Omnimessage | InvalidMessageError], recipients: dict[int, str]
) -> Iterator[Omnimessage | InvalidMessageError]:
    """Keep each row's recipient until its result is written (at most what is in flight)."""
    for index, item in enumerate(items):
        recipients[index] = item.to if isinstance(item, Omnimessage) else ""
        yield item


def _report(summary: CampaignSummary, args: argparse.Namespace, printer: Printer) -> None:
    printer.line(f"Campaign: {summary}.")
    if summary.unknown:
        shown = ", ".join(str(index + 2) for index in summary.unknown[:20])
        more = f" and {len(summary.unknown) - 20} more" if len(summary.unknown) > 20 else ""
        printer.line(
            f"Outcome unknown for rows {shown}{more}: check them before sending again "
            "(running again with the same --journal never re-sends them; --resend-unknown does)."
        )
    if args.journal and not summary.complete:
        printer.line(f"Run the same command again to resume from {args.journal}.")
    printer.document(
        {
            "summary": {status.value: summary.counts[status] for status in ItemStatus},
            "total": summary.total,
            "complete": summary.complete,
            "stopped": summary.stopped,
            "unknown_rows": [index + 2 for index in summary.unknown],
        }
    )
