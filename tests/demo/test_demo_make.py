"""`make demo` itself: the story, told in under a minute, exit 0, nothing secret or broken."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_demo_tells_the_whole_story() -> None:
    assert MAKE is not None
    result = subprocess.run(
        # -o: reuse the environment these tests run in instead of rebuilding .venv; BIN makes
        # the demo run on this very interpreter.
        [
            MAKE,
            "--no-print-directory",
            "-o",
            ".venv/.stamp",
            "demo",
            f"BIN={Path(sys.executable).parent}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for step in (
        "Send one message to +37251000001 over the fallback chain WhatsApp -> Viber",
        "whatsapp UNDELIV  verified",
        "viber    DELIVRD  verified  -> delivered on viber",
        "answered 200, and ignored",
        "401, and it never reached the application",
        "The application received 4 reports, each one verified, none twice.",
        "Cancelled. Two hours later",
        "Done in",
    ):
        assert step in out, step
    assert "Traceback" not in out + result.stderr
    assert result.stderr == ""
