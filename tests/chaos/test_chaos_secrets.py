"""Secrets: the credentials never show in logs, reprs, exceptions, tracebacks or CLI output."""

import pytest

from ._secrets import MODES, PASSWORD, TOKEN, Mode, _leaks, secrets_campaign


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES, ids=[mode.name for mode in MODES])
def test_no_path_shows_a_secret(mode: Mode) -> None:
    tally = secrets_campaign([mode])
    assert tally.ok, tally.table()


def test_the_hunt_finds_a_secret_wherever_it_is() -> None:
    assert _leaks(["Authorization: Basic " + TOKEN])
    assert _leaks([f"title {PASSWORD} and more"])
    assert not _leaks(["Basic <redacted>"])
