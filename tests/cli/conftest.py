"""Running the command in-process, against a sandbox served on loopback or an in-process one."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from messente_omnichannel._cli import main
from messente_omnichannel.sandbox import ManualClock, Sandbox

PASSWORD = "cli-Pa55word-never-printed"  # noqa: S105 - a test credential, checked never to leak
USERNAME = "cli-user"
START = datetime(2030, 1, 1, tzinfo=UTC)


@dataclass
class Run:
    """The outcome of one run of the command."""

    status: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def error(self) -> dict[str, Any]:
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, self.err
        data: dict[str, Any] = json.loads(lines[0])["error"]
        return data

    @property
    def printed(self) -> str:
        return self.out + self.err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Any:
    """Run the command with arguments; return its status and output."""

    def run(*argv: str) -> Run:
        status = main(list(argv))
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Sandbox[ManualClock], str]]:
    """A sandbox on a manual clock served on loopback; its credentials in the environment."""
    monkeypatch.setenv("MESSENTE_API_USERNAME", USERNAME)
    monkeypatch.setenv("MESSENTE_API_PASSWORD", PASSWORD)
    with Sandbox({USERNAME: PASSWORD}, clock=ManualClock(START)) as sb, sb.serve() as url:
        yield sb, url


Served = tuple[Sandbox[ManualClock], str]
"""What the ``served`` fixture yields: the sandbox and its base URL."""
