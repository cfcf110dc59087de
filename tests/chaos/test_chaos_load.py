"""Load, CI size: a sandbox subprocess under 10 concurrent clients, and distinct dlr_urls."""

import os

import pytest

from ._load import dlr_memory_check, load_campaign, rss_bytes
from ._tally import Tally

pytestmark = pytest.mark.slow


def test_a_loaded_sandbox_answers_every_request_without_a_5xx() -> None:
    tally = load_campaign(clients=10, seconds=2.0, window=0.5, stall=False, dlr=False)
    assert tally.ok, tally.table()
    rows = {row.case: row for row in tally.rows}
    assert rows["5xx answers"].count > 0


def test_distinct_dlr_urls_leave_nothing_behind_in_the_server() -> None:
    # Before the sandbox dropped idle report queues this measured about 870 KB each.
    tally = Tally("dlr")
    dlr_memory_check(tally, count=100)
    assert tally.ok, tally.table()


def test_resident_memory_is_read_from_proc() -> None:
    assert 1_000_000 < rss_bytes(os.getpid()) < 10_000_000_000
