"""`listen`: a real HTTP receiver that prints verified reports and refuses the rest."""

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from messente_omnichannel import sign_report
from messente_omnichannel.sandbox import DEMO_PASSWORD

from .conftest import PASSWORD, Run

SCRIPT = Path(sys.executable).parent / "messente-omnichannel"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(url: str) -> None:
    for _ in range(500):
        try:
            httpx.get(url)
            return
        except httpx.TransportError:
            time.sleep(0.01)
    raise AssertionError(f"nothing listens on {url}")


def post(url: str, signed: Any) -> int:
    status: int = httpx.post(url, content=signed.body, headers=signed.headers).status_code
    return status


class Listening:
    """`listen` running in a thread of this process."""

    def __init__(self, cli: Any, *argv: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.run: Run | None = None
        self.thread = threading.Thread(
            target=lambda: setattr(self, "run", cli("listen", "--port", str(self.port), *argv))
        )

    def __enter__(self) -> "Listening":
        self.thread.start()
        wait_until_up(self.url)
        return self

    def __exit__(self, *_: object) -> None:
        self.thread.join(10)
        assert not self.thread.is_alive()


ACK = sign_report(password=DEMO_PASSWORD, status="ACCEPTD", timestamp="2030-01-01T00:00:01")
DELIVERED = sign_report(password=DEMO_PASSWORD, timestamp="2030-01-01T00:00:03")
FORGED = sign_report(password="forger", status="UNDELIV")  # noqa: S106


def test_listen_prints_each_new_verified_report_and_refuses_forgeries(cli: Any) -> None:
    with Listening(cli, "--sandbox", "--count", "2") as listening:
        assert post(listening.url, ACK) == 200
        assert post(listening.url, ACK) == 200  # a redelivery: not printed again
        assert post(listening.url, FORGED) == 401
        assert post(listening.url, DELIVERED) == 200
    run = listening.run
    assert run is not None
    assert run.status == 0
    assert run.out.splitlines() == [
        "2030-01-01 00:00:01  632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a  sms  ACCEPTD"
        "  -> in progress (sms ACCEPTD)",
        "2030-01-01 00:00:03  632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a  sms  DELIVRD"
        "  -> delivered on sms",
    ]
    notes = run.err.splitlines()
    assert (
        notes[0] == f"Listening for delivery reports on {listening.url} (use it as --dlr-url);"
        " Ctrl-C stops."
    )
    assert notes[1].startswith("refused a delivery report: The X-Messente-Signature header does")
    assert len(notes) == 2


def test_listen_json_prints_one_object_per_report(cli: Any) -> None:
    with Listening(cli, "--sandbox", "--count", "1", "--json") as listening:
        assert post(listening.url, FORGED) == 401
        assert post(listening.url, DELIVERED) == 200
    run = listening.run
    assert run is not None
    [line] = run.out.splitlines()
    data = json.loads(line)
    assert (data["status"], data["outcome"]["state"]) == ("DELIVRD", "delivered")
    assert [json.loads(note) for note in run.err.splitlines()] == [
        {"listening": listening.url},
        {"refused": "WrongSignatureError"},
    ]


def test_listen_checks_with_the_password_from_the_environment_or_a_file(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MESSENTE_API_PASSWORD", PASSWORD)
    mine = sign_report(password=PASSWORD)
    with Listening(cli, "--count", "1") as listening:
        assert post(listening.url, DELIVERED) == 401
        assert post(listening.url, mine) == 200
    (tmp_path / "password").write_text(DEMO_PASSWORD + "\n")
    with Listening(cli, "--count", "1", "--password-file", str(tmp_path / "password")) as again:
        assert post(again.url, mine) == 401
        assert post(again.url, DELIVERED) == 200
    assert listening.run is not None
    assert PASSWORD not in listening.run.printed


def test_listen_without_a_password_exits_1(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MESSENTE_API_PASSWORD", raising=False)
    run = cli("listen", "--port", "0")
    assert run.status == 1
    assert "MESSENTE_API_PASSWORD" in run.err


def test_listen_on_a_port_in_use_exits_1(cli: Any) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        run = cli("listen", "--sandbox", "--port", str(busy.getsockname()[1]))
    assert run.status == 1
    assert run.err.startswith("messente-omnichannel: error: Cannot listen on 127.0.0.1:")
    # A handler left behind would print later reports' errors to a stream long closed.
    assert logging.getLogger("messente_omnichannel.reports").handlers == []


@pytest.fixture
def listening_process() -> Iterator[subprocess.Popen[str]]:
    env = {**os.environ, "MESSENTE_API_PASSWORD": PASSWORD}
    process = subprocess.Popen(
        [str(SCRIPT), "listen", "--port", "0", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=10)


def test_the_installed_command_listens_until_interrupted(
    listening_process: subprocess.Popen[str],
) -> None:
    assert listening_process.stderr is not None
    url = json.loads(listening_process.stderr.readline())["listening"]
    assert post(url, sign_report(password=PASSWORD)) == 200
    listening_process.send_signal(signal.SIGINT)
    out, err = listening_process.communicate(timeout=10)
    assert listening_process.returncode == 0
    assert json.loads(out)["status"] == "DELIVRD"
    assert "Traceback" not in err
    assert PASSWORD not in out + err
