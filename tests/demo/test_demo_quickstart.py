"""The README quickstart's Python blocks run as pasted, against a sandbox for the API."""

import re
from pathlib import Path
from typing import Any

import pytest

from messente_omnichannel.sandbox import DEMO_PASSWORD, DEMO_USERNAME, Sandbox

QUICKSTART = Path(__file__).resolve().parents[2] / "README.md"


def test_the_quickstart_python_blocks_run_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = re.findall(r"```python\n(.*?)```", QUICKSTART.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 5
    namespace: dict[str, Any] = {}
    with Sandbox(speed=60) as sb, sb.serve() as url:
        monkeypatch.setenv("MESSENTE_API_USERNAME", DEMO_USERNAME)
        monkeypatch.setenv("MESSENTE_API_PASSWORD", DEMO_PASSWORD)
        monkeypatch.setenv("MESSENTE_BASE_URL", url)
        for number, block in enumerate(blocks):
            exec(compile(block, f"quickstart block {number}", "exec"), namespace)  # noqa: S102
    signed = namespace["signed"]
    assert namespace["handle"](signed.body, signed.headers, "test-password") == 200
    assert namespace["handle"](signed.body, {}, "test-password") == 401
    assert len(sb.ledger) == 2
