"""The README's Python blocks each run as pasted, on their own, against a sandbox for the API."""

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from messente_omnichannel.sandbox import DEMO_PASSWORD, DEMO_USERNAME, Sandbox

README = Path(__file__).resolve().parents[2] / "README.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def run_alone(block: str, name: str) -> dict[str, Any]:
    """Run one block in a fresh namespace, as a reader pasting it into a new file would."""
    namespace: dict[str, Any] = {"__name__": "__readme__"}
    exec(compile(block, name, "exec"), namespace)  # noqa: S102
    return namespace


@pytest.fixture
def sandbox_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """A sandbox served on loopback, named by the MESSENTE_* variables the README relies on."""
    monkeypatch.chdir(tmp_path)  # files a block writes (a campaign's journal) land there
    # Reports to the README's example.com dlr_url are taken in-process, not sent out.
    taken = httpx.MockTransport(lambda request: httpx.Response(200))
    with Sandbox(speed=60, dlr_transport=taken) as sb, sb.serve() as url:
        monkeypatch.setenv("MESSENTE_API_USERNAME", DEMO_USERNAME)
        monkeypatch.setenv("MESSENTE_API_PASSWORD", DEMO_PASSWORD)
        monkeypatch.setenv("MESSENTE_BASE_URL", url)
        yield sb


def test_the_readme_has_its_python_blocks() -> None:
    assert len(python_blocks()) >= 5


@pytest.mark.parametrize("number", range(len(python_blocks())))
def test_each_readme_python_block_runs_on_its_own(sandbox_env: Sandbox[Any], number: int) -> None:
    run_alone(python_blocks()[number], f"README python block {number}")


def test_the_readme_handler_accepts_signed_reports_and_refuses_the_rest() -> None:
    blocks = python_blocks()
    handle = next(run_alone(b, "handle")["handle"] for b in blocks if "def handle(" in b)
    signed = next(run_alone(b, "signed")["signed"] for b in blocks if "sign_report(" in b)
    assert handle(signed.body, signed.headers, "test-password") == 200
    assert handle(signed.body, {}, "test-password") == 401
