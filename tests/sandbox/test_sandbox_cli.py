"""``python -m messente_omnichannel.sandbox``: one command, then a whole chain over HTTP."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from messente_omnichannel.sandbox._server import build_parser, serve

# The module is dominated by one sandbox started in a subprocess (seconds).
pytestmark = pytest.mark.slow


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server() -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "messente_omnichannel.sandbox",
            "--port",
            str(port),
            "--account",
            "alice:alice-pw",
            "--account",
            "bob:bob-pw",
            "--speed",
            "50",
            "--log-level",
            "warning",
        ],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(base_url + "/omnimessage", timeout=0.5)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        yield base_url
    finally:
        process.terminate()
        _, banner = process.communicate(timeout=10)
        assert f"http://127.0.0.1:{port}/v1" in banner
        assert "alice, bob" in banner
        assert "-pw" not in banner


def test_the_command_serves_a_whole_fallback_chain(server: str) -> None:
    body = {
        "to": "+37251000001",
        "messages": [{"channel": "viber", "text": "Hi"}, {"channel": "sms", "text": "Hi"}],
    }
    with httpx.Client(base_url=server, auth=("alice", "alice-pw")) as c:
        created = c.post("/omnimessage", json=body)
        assert created.status_code == 201
        oid = created.json()["omnimessage_id"]
        deadline = time.monotonic() + 10
        statuses: list[str | None] = []
        while time.monotonic() < deadline:  # 6 sandbox seconds take 0.12 s at speed 50
            statuses = [s["status"] for s in c.get(f"/omnimessage/{oid}/status").json()["statuses"]]
            if statuses == ["UNDELIV", "DELIVRD"]:
                break
            time.sleep(0.05)
        assert statuses == ["UNDELIV", "DELIVRD"]
    assert (
        httpx.get(f"{server}/omnimessage/{oid}/status", auth=("bob", "bob-pw")).status_code == 404
    )
    assert (
        httpx.get(f"{server}/omnimessage/{oid}/status", auth=("demo", "demo-password")).status_code
        == 401
    )


def test_parser_defaults() -> None:
    args = build_parser().parse_args([])
    assert (args.host, args.port, args.account, args.speed, args.faults) == (
        "127.0.0.1",
        4010,
        None,
        1.0,
        None,
    )


@pytest.mark.parametrize(
    "argv",
    [["--account", "nopassword"], ["--account", ":pw"], ["--faults", "503=7"], ["--speed", "0"]],
)
def test_bad_options_exit_with_usage(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        serve(argv)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err
