"""The kill campaign, CI size: one SIGKILL of a sandbox subprocess during sends."""

import pytest

from ._kill import kill_campaign

pytestmark = pytest.mark.slow


def test_sends_through_a_killed_and_restarted_server_are_reported_honestly() -> None:
    tally = kill_campaign(kills=1, up_seconds=0.5)
    assert tally.ok, tally.table()
    rows = {row.case: row for row in tally.rows}
    assert rows["no attempt after one that may have reached the server"].count > 0
