"""Every failure: one line on stderr (JSON with --json), a distinct exit status, no secret."""

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from messente_omnichannel._cli import Exit, _commands
from messente_omnichannel.sandbox import Faults

from .conftest import PASSWORD, Served

MESSAGE = ["send", "+37251000000", "--sms", "Hi"]
UNKNOWN_ID = "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"


def one_error_line(run: Any) -> str:
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert "Traceback" not in run.printed
    assert PASSWORD not in run.printed
    line: str = lines[0]
    return line


def test_exit_statuses_are_distinct() -> None:
    assert len({int(status) for status in Exit}) == len(Exit)
    assert int(Exit.OK) == 0


def test_missing_credentials_exit_1(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MESSENTE_API_USERNAME", raising=False)
    monkeypatch.delenv("MESSENTE_API_PASSWORD", raising=False)
    run = cli(*MESSAGE)
    assert run.status == Exit.ERROR
    assert "MESSENTE_API_USERNAME" in one_error_line(run)


def test_wrong_credentials_exit_3_and_the_password_is_never_printed(
    cli: Any, served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = "wrong-" + PASSWORD
    monkeypatch.setenv("MESSENTE_API_PASSWORD", wrong)
    for as_json in ([], ["--json"]):
        run = cli("status", UNKNOWN_ID, "--base-url", served[1], *as_json)
        assert run.status == Exit.API_ERROR
        assert "401" in one_error_line(run)
        assert wrong not in run.printed


def test_a_send_whose_answer_was_lost_exits_4(cli: Any, served: Served) -> None:
    sb, url = served
    sb.faults = Faults(drop_after=1.0)
    run = cli(*MESSAGE, "--base-url", url)
    assert run.status == Exit.UNKNOWN_OUTCOME
    assert "may or may not have been accepted" in one_error_line(run)
    assert len(sb.ledger) == 1  # it was accepted, and sent once
    error = cli(*MESSAGE, "--base-url", url, "--json").error()
    assert (error["type"], error["exit_status"]) == ("SendOutcomeUnknownError", 4)


def test_the_installed_command_prints_one_line_when_a_send_is_lost(served: Served) -> None:
    # In-process runs hide what logging's last-resort handler would add to stderr: run the
    # real command, with the environment the served fixture set.
    sb, url = served
    sb.faults = Faults(drop_after=1.0)
    command = Path(sys.executable).with_name("messente-omnichannel")
    result = subprocess.run(
        [str(command), *MESSAGE, "--base-url", url],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == Exit.UNKNOWN_OUTCOME
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert PASSWORD not in result.stderr + result.stdout


def test_a_server_error_exits_3(cli: Any, served: Served) -> None:
    sb, url = served
    sb.faults = Faults(server_error=1.0)
    error = cli("status", UNKNOWN_ID, "--base-url", url, "--json").error()
    assert (error["type"], error["status"], error["exit_status"]) == ("ServerError", 500, 3)


def test_a_cancel_without_a_clear_answer_exits_4(cli: Any, served: Served) -> None:
    sb, url = served
    sb.faults = Faults(server_error=1.0)
    error = cli("cancel", UNKNOWN_ID, "--base-url", url, "--json").error()
    assert (error["type"], error["exit_status"]) == ("CancelOutcomeUnknownError", 4)
    assert "may or may not have cancelled" in error["message"]


def test_no_answer_exits_5(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESSENTE_API_USERNAME", "user")
    monkeypatch.setenv("MESSENTE_API_PASSWORD", PASSWORD)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    # Nothing listens on the port any more: every connection is refused.
    run = cli(*MESSAGE, "--base-url", f"http://127.0.0.1:{port}/v1")
    assert run.status == Exit.NETWORK_ERROR
    assert "ConnectError" in one_error_line(run)


def test_an_unexpected_failure_is_one_line_without_traceback_or_secret(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MESSENTE_API_PASSWORD", PASSWORD)

    def broken(*_: Any) -> int:
        raise RuntimeError(f"bug near {PASSWORD}")

    monkeypatch.setitem(_commands.COMMANDS, "status", broken)
    run = cli("status", UNKNOWN_ID)
    assert run.status == Exit.ERROR
    assert one_error_line(run) == (
        "messente-omnichannel: error: unexpected RuntimeError: bug near <redacted>"
    )


def test_ctrl_c_exits_130(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(_commands.COMMANDS, "status", interrupted)
    run = cli("status", UNKNOWN_ID)
    assert run.status == 130
    assert run.err.strip() == "messente-omnichannel: interrupted"


@pytest.mark.parametrize(
    "argv", [[], ["launch"], ["status"], ["status", UNKNOWN_ID, "--verbose"], ["--json"]]
)
def test_usage_errors_exit_2_on_one_line(cli: Any, argv: list[str]) -> None:
    run = cli(*argv)
    assert run.status == Exit.INVALID_INPUT
    assert "see `messente-omnichannel" in one_error_line(run)
