"""`sandbox`: the sandbox's own command line, reached through this one, driven by this one."""

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from messente_omnichannel.sandbox import DEMO_PASSWORD, DEMO_USERNAME

from .test_cli_listen import free_port, wait_until_up

pytestmark = pytest.mark.slow

SCRIPT = Path(sys.executable).parent / "messente-omnichannel"


def test_a_sandbox_started_by_the_command_serves_the_other_commands(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    process = subprocess.Popen(
        [str(SCRIPT), "sandbox", "--port", str(port), "--speed", "100", "--log-level", "warning"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("MESSENTE_")},
    )
    try:
        base_url = f"http://127.0.0.1:{port}/v1"
        wait_until_up(base_url)
        monkeypatch.setenv("MESSENTE_API_USERNAME", DEMO_USERNAME)
        monkeypatch.setenv("MESSENTE_API_PASSWORD", DEMO_PASSWORD)
        sent = cli(
            "send",
            "+37251000001",
            "--viber",
            "Hi",
            "--sms",
            "Hi",
            "--base-url",
            base_url,
            "--wait",
            "30",
            "--poll-interval",
            "0.05",
            "--json",
        )
        assert sent.status == 0, sent.err
        assert sent.json()["outcome"]["channel"] == "sms"
        status = cli("status", sent.json()["omnimessage_id"], "--base-url", base_url)
        assert "delivered on sms" in status.out
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=10)
    assert f"sandbox on http://127.0.0.1:{port}/v1" in err
    assert "demo:demo-password" in err
