"""The README's keep-a-sandbox-running flow, run command by command as printed."""

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
BIN = Path(sys.executable).parent
HUMAN_PACE = 60.0
"""Real seconds a reader may take between `send` and `cancel` (copying the ID, reading)."""
_RELATIVE = re.compile(r"--at \+(\d+)m\b")


def flow() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    (block,) = [b for b in blocks if "messente-omnichannel sandbox --port" in b]
    lines = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    return [line for line in lines if line]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_the_flow_leaves_a_reader_time_to_cancel() -> None:
    (start,) = [c for c in flow() if c.startswith("messente-omnichannel sandbox")]
    (send,) = [c for c in flow() if c.startswith("messente-omnichannel send")]
    speed_match = re.search(r"--speed (\S+)", start)
    speed = float(speed_match.group(1)) if speed_match else 1.0
    at = _RELATIVE.search(send)
    assert at is not None, send
    # A relative --at counts from the wall clock, from which the sandbox's clock (started at
    # the real time) pulls ahead by (speed - 1) s per real second: it reaches the scheduled
    # time after minutes * 60 / (speed - 1) real seconds, and never at speed 1.
    lead = int(at.group(1)) * 60
    margin = float("inf") if speed <= 1 else lead / (speed - 1)
    assert margin >= HUMAN_PACE, f"{send!r} on {start!r} leaves {margin:.0f} s to cancel"


@pytest.mark.slow
def test_the_flow_runs_as_printed() -> None:
    port = str(free_port())
    env = {k: v for k, v in os.environ.items() if not k.startswith("MESSENTE_")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    sandbox: subprocess.Popen[str] | None = None
    omnimessage_id = None
    try:
        for command in flow():
            command = command.replace("4010", port)
            if command.startswith("export "):
                for assignment in shlex.split(command)[1:]:
                    name, _, value = assignment.partition("=")
                    env[name] = value
                continue
            argv = shlex.split(command.rstrip("&").strip())
            if command.endswith("&"):
                sandbox = subprocess.Popen(argv, env=env, stderr=subprocess.PIPE, text=True)
                wait_until_up(f"http://127.0.0.1:{port}/v1")
                continue
            if omnimessage_id is not None:
                argv = [omnimessage_id if arg == "ID" else arg for arg in argv]
            run = subprocess.run(
                argv, env=env, capture_output=True, text=True, timeout=60, check=False
            )
            assert run.returncode == 0, (command, run.stdout, run.stderr)
            found = re.search(r"Accepted omnimessage (\S+) ", run.stdout)
            if found:
                omnimessage_id = found.group(1)
        assert omnimessage_id is not None
        assert "Cancelled omnimessage" in run.stdout
    finally:
        if sandbox is not None:
            sandbox.send_signal(signal.SIGINT)
            sandbox.communicate(timeout=10)


def wait_until_up(url: str) -> None:
    for _ in range(1000):
        try:
            httpx.get(url)
            return
        except httpx.TransportError:
            time.sleep(0.01)
    raise AssertionError(f"nothing listens on {url}")
