"""The ``messente-omnichannel`` command: send, status, cancel, listen, sandbox.

Every failure is one line on stderr (a JSON object with ``--json``) and a distinct exit status
(see :class:`Exit`); no traceback and no credential is ever printed.
"""

import sys
from collections.abc import Sequence

from messente_omnichannel._cli._commands import COMMANDS, read_password, run_sandbox
from messente_omnichannel._cli._output import PROG, Exit, Printer, exit_status
from messente_omnichannel._cli._parser import build_parser
from messente_omnichannel._errors import InvalidMessageError, MessenteError, Problem

__all__ = ["Exit", "build_parser", "main"]


def _secrets() -> list[str]:
    try:
        password = read_password(None)
    except MessenteError:
        return []
    return [password] if password else []


def _check_text(arguments: Sequence[str]) -> None:
    """Refuse arguments that are not text: bytes the locale could not decode (surrogateescape).

    Raises:
        InvalidMessageError: Naming each such argument (or the option it belongs to).
    """
    problems = []
    for index, argument in enumerate(arguments):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            try:
                raw = argument.encode("utf-8", "surrogateescape")
            except UnicodeEncodeError:
                raw = argument.encode("utf-8", "backslashreplace")
            before = arguments[index - 1] if index else ""
            where = before if before.startswith("-") else f"argument {index + 1}"
            shown = repr(raw)[2:-1]
            message = f"is not valid UTF-8 text ({shown}); check the terminal's encoding"
            problems.append(Problem(where, message))
    if problems:
        raise InvalidMessageError(problems)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command.

    Args:
        argv: The arguments after the program name; ``None`` reads ``sys.argv``.

    Returns:
        The exit status (see :class:`Exit`).
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    printer = Printer(as_json="--json" in arguments, secrets=_secrets())
    try:
        _check_text(arguments)
        if arguments[:1] == ["sandbox"]:
            return run_sandbox(arguments[1:])
        args = build_parser().parse_args(arguments)
        printer.as_json = bool(getattr(args, "json", False))
        return COMMANDS[args.command](args, printer)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        if exc.code is None:
            return Exit.OK
        return exc.code if isinstance(exc.code, int) else Exit.INVALID_INPUT
    except MessenteError as error:
        status = exit_status(error)
        printer.error(error, status)
        return status
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: still one line, never a traceback that may hold secrets
        printer.error(RuntimeError(f"unexpected {type(error).__name__}: {error}"), Exit.ERROR)
        return Exit.ERROR
