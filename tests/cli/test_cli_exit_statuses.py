"""Exit statuses that tell the truth: invalid input is 2 even without credentials; --timeout."""

import json
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from messente_omnichannel._cli import Exit
from messente_omnichannel._cli._parser import EXIT_STATUSES

from .conftest import PASSWORD, Served

UNKNOWN_ID = "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MESSENTE_API_USERNAME", "MESSENTE_API_PASSWORD", "MESSENTE_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    "argv",
    [
        ("send", "abc", "--sms", "x"),
        ("send", "+37251000000", "--sms", ""),
        ("status", "../../etc/passwd"),
        ("cancel", "not-a-uuid"),
    ],
)
@pytest.mark.usefixtures("no_credentials")
def test_invalid_input_without_credentials_exits_2(cli: Any, argv: tuple[str, ...]) -> None:
    run = cli(*argv, "--json")
    error = run.error()
    assert run.status == Exit.INVALID_INPUT == error["exit_status"]
    assert "credentials" not in error["message"]


@pytest.mark.usefixtures("no_credentials")
def test_valid_input_without_credentials_still_says_they_are_missing(cli: Any) -> None:
    run = cli("status", UNKNOWN_ID)
    assert run.status == Exit.ERROR
    assert "credentials are missing" in run.err


@pytest.mark.parametrize("option", ["--sms", "--viber", "--sender"])
def test_an_argument_that_is_not_utf8_exits_2_with_a_clear_line(cli: Any, option: str) -> None:
    # What Python makes of the bytes ff fe in argv on a UTF-8 system (surrogateescape).
    garbled = b"\xff\xfe".decode("utf-8", "surrogateescape")
    argv = ["send", "+37251000000", "--sms", "hi", option, garbled]
    run = cli(*argv)
    assert run.status == Exit.INVALID_INPUT
    line = run.err.strip()
    assert len(line.splitlines()) == 1
    assert "not valid UTF-8" in line and "\\xff\\xfe" in line
    assert "unexpected" not in line
    json_run = cli(*argv, "--json")
    assert json_run.error()["exit_status"] == Exit.INVALID_INPUT


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/v1"
    stop.set()
    thread.join(5)
    for connection in held:
        connection.close()
    server.close()


def test_timeout_and_deadline_bound_a_call_to_a_server_that_never_answers(
    cli: Any, silent_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MESSENTE_API_USERNAME", "user")
    monkeypatch.setenv("MESSENTE_API_PASSWORD", PASSWORD)
    run = cli(
        "status",
        UNKNOWN_ID,
        "--base-url",
        silent_server,
        "--timeout",
        "0.2",
        "--deadline",
        "0.5",
        "--json",
    )
    error = run.error()
    assert (error["type"], error["exit_status"]) == ("ApiTimeoutError", Exit.NETWORK_ERROR)
    assert "ReadTimeout" in error["message"]
    assert PASSWORD not in run.printed


@pytest.mark.parametrize("value", ["0", "-1", "abc", "nan", "inf"])
def test_timeout_must_be_a_positive_number(cli: Any, value: str) -> None:
    run = cli("status", UNKNOWN_ID, "--timeout", value)
    assert run.status == Exit.INVALID_INPUT


def test_a_lost_send_reads_well(cli: Any, served: Served) -> None:
    from messente_omnichannel.sandbox import Faults

    sb, url = served
    sb.faults = Faults(drop_after=1.0)
    error = cli("send", "+37251000000", "--sms", "Hi", "--base-url", url, "--json").error()
    message = error["message"]
    assert ". after" not in message and ":  after" not in message
    assert "(after 1 attempt)" in message


def test_every_command_that_calls_the_api_takes_timeout_and_deadline(cli: Any) -> None:
    for command in ("send", "status", "cancel"):
        text = cli(command, "--help").out
        assert "--timeout SECONDS" in text and "--deadline SECONDS" in text


def test_the_exit_status_table_mentions_a_cancel_of_unknown_outcome() -> None:
    text = EXIT_STATUSES.partition(f"  {Exit.UNKNOWN_OUTCOME:d}  ")[2]
    assert "cancel" in text.partition(f"  {Exit.NETWORK_ERROR:d}  ")[0]


def test_json_error_lines_are_json(cli: Any) -> None:
    run = cli("status", "nope", "--json")
    assert json.loads(run.err)["error"]["exit_status"] == Exit.INVALID_INPUT
