"""`--help` on every command, with examples and the exit statuses; `--version`."""

from typing import Any

import pytest

from messente_omnichannel import __version__


@pytest.mark.parametrize("command", [[], ["send"], ["status"], ["cancel"], ["listen"]])
def test_help_has_examples_and_exit_statuses(cli: Any, command: list[str]) -> None:
    run = cli(*command, "--help")
    assert run.status == 0
    assert "examples:" in run.out
    assert "exit statuses:" in run.out
    assert "messente-omnichannel" in run.out.split("examples:")[1]


def test_the_main_help_lists_every_command(cli: Any) -> None:
    out = cli("--help").out
    for command in ("send", "status", "cancel", "listen", "sandbox"):
        assert f"    {command} " in out


def test_sandbox_help_is_the_sandboxs_own(cli: Any) -> None:
    run = cli("sandbox", "--help")
    assert run.status == 0
    assert run.out.startswith("usage: messente-omnichannel sandbox")
    assert "--speed" in run.out


def test_sandbox_usage_errors_exit_2(cli: Any) -> None:
    assert cli("sandbox", "--account", "no-colon").status == 2


def test_version(cli: Any) -> None:
    run = cli("--version")
    assert (run.status, run.out.strip()) == (0, f"messente-omnichannel {__version__}")
