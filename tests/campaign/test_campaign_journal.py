"""Resumable campaigns: the journal records every item, and a second run sends only the rest."""

import contextlib
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from messente_omnichannel import (
    SMS,
    CampaignSourceChangedError,
    ItemStatus,
    JournalEntry,
    JournalState,
    Omnichannel,
    Omnimessage,
    SendOutcomeUnknownError,
    SqliteJournal,
)
from messente_omnichannel.sandbox import Faults, Sandbox, SystemClock

from .conftest import ledger_counts, messages, number

USER, PASSWORD = "demo", "demo-password"


def client_of(sandbox: Sandbox[SystemClock]) -> Omnichannel:
    return Omnichannel(USER, PASSWORD, transport=sandbox.transport())


def test_sqlite_journal_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with SqliteJournal(path) as journal:
        journal.write(
            [
                JournalEntry(0, b"a" * 16, JournalState.IN_FLIGHT),
                JournalEntry(1, b"b" * 16, JournalState.FAILED, detail="HTTP 400"),
                JournalEntry(0, b"a" * 16, JournalState.SENT, {"to": "+1"}),
            ]
        )
    with SqliteJournal(path) as journal:
        entries = journal.read(0, 10)
        assert entries[0] == JournalEntry(0, b"a" * 16, JournalState.SENT, {"to": "+1"})
        assert entries[1].detail == "HTTP 400"
        assert journal.read(1, 2).keys() == {1}
        assert journal.counts() == {JournalState.SENT: 1, JournalState.FAILED: 1}


def test_a_database_that_is_not_a_journal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(ValueError, match="not a campaign journal"):
        SqliteJournal(path)


def test_resume_sends_only_what_was_never_sent(
    sandbox: Sandbox[SystemClock], tmp_path: Path
) -> None:
    journal = tmp_path / "campaign.db"
    streamed: list[int] = []
    with client_of(sandbox) as client:
        # The first run stops early: an exception in the caller's loop.
        with (
            pytest.raises(KeyboardInterrupt),
            client.send_many(messages(300), bulk=False, concurrency=8, journal=journal) as run,
        ):
            for result in run:
                streamed.append(result.index)
                if result.index >= 100:
                    raise KeyboardInterrupt
        first = run.summary
        assert first.stopped
        # Ctrl-C leaves every item taken accounted for: streamed, or in run.unread.
        taken = sorted(streamed + [r.index for r in run.unread])
        assert taken == list(range(first.total))
        accepted_first = len(sandbox.ledger)
        assert first.counts[ItemStatus.SENT] <= accepted_first
        # The second run, same source and journal: only the rest goes out.
        with client.send_many(messages(300), bulk=False, journal=journal) as again:
            results = list(again)
    assert len(results) == 300
    counts = ledger_counts(sandbox.ledger)
    assert all(count == 1 for count in counts.values())
    statuses = {r.index: r.status for r in results}
    assert (
        sum(s is ItemStatus.ALREADY_SENT for s in statuses.values())
        == first.counts[ItemStatus.SENT]
    )
    for index, status in statuses.items():
        if status in (ItemStatus.SENT, ItemStatus.ALREADY_SENT):
            assert counts[number(index)] == 1
        else:  # in flight when the first run stopped: listed, never re-sent blindly
            assert status is ItemStatus.UNKNOWN
            assert index in first.unknown
    assert again.summary.counts[ItemStatus.UNKNOWN] == len(first.unknown)


def test_unknown_items_are_resent_only_when_asked(
    sandbox: Sandbox[SystemClock], tmp_path: Path
) -> None:
    journal = tmp_path / "campaign.db"
    sandbox.faults = Faults(drop_after=1.0)
    with client_of(sandbox) as client:
        with client.send_many(messages(5), bulk=True, journal=journal) as run:
            assert {r.status for r in run} == {ItemStatus.UNKNOWN}
        sandbox.faults = None
        with client.send_many(messages(5), bulk=True, journal=journal) as run:
            results = list(run)
        assert {r.status for r in results} == {ItemStatus.UNKNOWN}
        assert isinstance(results[0].error, SendOutcomeUnknownError)
        assert "resend_unknown=True" in str(results[0].error)
        assert len(sandbox.ledger) == 5
        with client.send_many(messages(5), bulk=True, journal=journal, resend_unknown=True) as run:
            assert {r.status for r in run} == {ItemStatus.SENT}
    assert len(sandbox.ledger) == 10  # the caller opted in to the duplicates


def test_a_changed_source_is_refused(sandbox: Sandbox[SystemClock], tmp_path: Path) -> None:
    journal = tmp_path / "campaign.db"
    with client_of(sandbox) as client:
        with client.send_many(messages(20), journal=journal) as run:
            list(run)
        changed = list(messages(30))
        changed[7] = Omnimessage(to=number(7), messages=[SMS("edited", sender="Brand")])
        with (
            pytest.raises(CampaignSourceChangedError, match="Item 7") as caught,
            client.send_many(changed, bulk=False, concurrency=1, journal=journal) as run,
        ):
            list(run)
    assert caught.value.index == 7
    assert caught.value.state == "sent"
    assert len(sandbox.ledger) == 20  # nothing more was sent


_CHILD = """
import sys
from messente_omnichannel import Omnichannel, Omnimessage, SMS

def messages():
    for index in range({count}):
        text = SMS(f"Campaign message {{index}}", sender="Brand")
        yield Omnimessage(to=f"+3725{{index:07d}}", messages=[text])

with Omnichannel("demo", "demo-password", base_url=sys.argv[1]) as client:
    options = dict(bulk={bulk}, batch_size=5, concurrency=4, journal=sys.argv[2])
    with client.send_many(messages(), **options) as run:
        for result in run:
            print(result.index, flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "single"])
def test_resume_after_kill_9_sends_nothing_twice(
    sandbox: Sandbox[SystemClock], tmp_path: Path, bulk: bool
) -> None:
    count = 400
    journal = tmp_path / "campaign.db"
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(_CHILD.format(count=count, bulk=bulk)))
    sandbox.faults = Faults(latency=0.005)
    with sandbox.serve() as base_url:
        for kill_after in (60, 180):
            child = subprocess.Popen(
                [sys.executable, str(script), base_url, str(journal)],
                stdout=subprocess.PIPE,
                text=True,
            )
            assert child.stdout is not None
            for _ in range(kill_after):
                child.stdout.readline()
            child.kill()  # SIGKILL: no cleanup runs
            child.wait()
            child.stdout.close()
            time.sleep(0.05)  # let requests already received finish in the sandbox
        with (
            Omnichannel(USER, PASSWORD, base_url=base_url) as client,
            client.send_many(messages(count), bulk=bulk, journal=journal) as run,
        ):
            results = list(run)
    accepted = ledger_counts(sandbox.ledger)
    assert all(n == 1 for n in accepted.values()), "a resumed campaign sent something twice"
    assert len(results) == count
    for result in results:
        to = number(result.index)
        if result.status in (ItemStatus.SENT, ItemStatus.ALREADY_SENT):
            assert to in accepted
        else:  # in flight at a kill: reported, not re-sent
            assert result.status is ItemStatus.UNKNOWN, result
    assert run.summary.counts[ItemStatus.ALREADY_SENT] >= 60
    assert run.summary.accepted + run.summary.counts[ItemStatus.UNKNOWN] == count


class _Crash(BaseException):
    """The process dying: nothing after it runs, nothing after it is written."""


class CrashingJournal:
    """A journal whose process dies on its ``crash_at``-th write.

    That write and every one after it are lost, as with kill -9 between two steps.
    """

    def __init__(self, journal: SqliteJournal, crash_at: int) -> None:
        self._journal = journal
        self._writes = 0
        self._crash_at = crash_at
        self.dead = False

    def read(self, start: int, stop: int) -> Any:
        return self._journal.read(start, stop)

    def write(self, entries: Any) -> None:
        self._writes += 1
        if self.dead or self._writes >= self._crash_at:
            self.dead = True
            raise _Crash
        self._journal.write(entries)

    def close(self) -> None:
        self._journal.close()


@pytest.mark.parametrize("crash_at", [1, 2, 3, 5, 8])
@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "single"])
def test_a_crash_at_any_journal_write_sends_nothing_twice_on_resume(
    sandbox: Sandbox[SystemClock], tmp_path: Path, bulk: bool, crash_at: int
) -> None:
    path = tmp_path / "campaign.db"
    journal = CrashingJournal(SqliteJournal(path), crash_at)
    with client_of(sandbox) as client:
        with (
            pytest.raises(_Crash),
            client.send_many(
                messages(60), bulk=bulk, batch_size=5, concurrency=3, journal=journal
            ) as run,
        ):
            list(run)
        journal.close()
        with client.send_many(messages(60), bulk=bulk, batch_size=5, journal=path) as again:
            results = list(again)
    accepted = ledger_counts(sandbox.ledger)
    assert all(n == 1 for n in accepted.values()), "a send was repeated after the crash"
    assert len(results) == 60
    for result in results:
        if result.status is ItemStatus.UNKNOWN:
            continue  # in flight at the crash: listed, never re-sent
        assert result.status in (ItemStatus.SENT, ItemStatus.ALREADY_SENT), result
        assert number(result.index) in accepted


class CountingJournal(SqliteJournal):
    """Counts the entries waiting in memory at each write."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.batches: list[int] = []

    def write(self, entries: Any) -> None:
        self.batches.append(len(entries))
        super().write(entries)


def test_invalid_items_do_not_pile_up_in_memory_before_the_journal(tmp_path: Path) -> None:
    invalid = (Omnimessage(to=number(i), messages=[SMS("")]) for i in range(10_000))
    journal = CountingJournal(tmp_path / "campaign.db")
    with (
        Omnichannel(USER, PASSWORD, base_url="https://api.invalid/v1") as client,
        client.send_many(invalid, journal=journal) as run,
    ):
        assert {r.status for r in run} == {ItemStatus.INVALID}
    assert sum(journal.batches) == 10_000
    assert max(journal.batches) <= 4096
    assert journal.counts() == {JournalState.INVALID: 10_000}
    journal.close()
