"""The embedded journal: one SQLite file, from the standard library."""

import json
import os
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Self

from messente_omnichannel._campaign._journal import JournalEntry, JournalState

FORMAT = "messente-omnichannel campaign journal 1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    idx INTEGER PRIMARY KEY,
    digest BLOB NOT NULL,
    state TEXT NOT NULL,
    created TEXT,
    detail TEXT NOT NULL DEFAULT ''
);
"""


class SqliteJournal:
    """A campaign journal in a SQLite file, created when missing.

    Each write is one transaction. The file is in WAL mode with ``synchronous=NORMAL``: a
    committed write survives the process being killed at any point; only a crash of the
    operating system or a power loss can lose the last writes (pass ``durable=True`` to sync
    every write to disk as well, at some cost in speed).

    One journal belongs to one campaign: run the same campaign again with the same file to
    resume it, and give a new campaign a new file.

    Args:
        path: The file.
        durable: Also survive a power loss (``synchronous=FULL``).

    Raises:
        ValueError: The file is a SQLite database, but not a campaign journal.
        sqlite3.DatabaseError: The file is not a SQLite database.
    """

    def __init__(self, path: str | os.PathLike[str], *, durable: bool = False) -> None:
        self.path = os.fspath(path)
        # Written from a worker thread while the campaign's loop reads: one lock serialises
        # both on the one connection.
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
            self._open_or_create()
        except BaseException:
            self._db.close()
            raise

    def _open_or_create(self) -> None:
        tables = {
            row[0]
            for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables:
            self._db.executescript(_SCHEMA)
            self._db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
            return
        row = None
        if "meta" in tables:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if row is None or not str(row[0]).startswith(FORMAT.rsplit(" ", 1)[0]):
            raise ValueError(f"{self.path} is a SQLite database, but not a campaign journal")
        if row[0] != FORMAT:
            raise ValueError(f"{self.path} is a campaign journal of another version ({row[0]!r})")

    def read(self, start: int, stop: int) -> Mapping[int, JournalEntry]:
        """Return the recorded items with ``start <= index < stop``.

        Args:
            start: The first index.
            stop: One past the last index.

        Returns:
            The entries by index.
        """
        with self._lock:
            rows = self._db.execute(
                "SELECT idx, digest, state, created, detail FROM items "
                "WHERE idx >= ? AND idx < ? ORDER BY idx",
                (start, stop),
            ).fetchall()
        return {
            idx: JournalEntry(
                idx,
                bytes(digest),
                JournalState(state),
                json.loads(created) if created is not None else None,
                detail,
            )
            for idx, digest, state, created, detail in rows
        }

    def write(self, entries: Sequence[JournalEntry]) -> None:
        """Record entries in one transaction.

        Args:
            entries: The entries; a later one for an index replaces an earlier one.
        """
        rows = [
            (
                e.index,
                e.digest,
                e.state.value,
                None if e.created is None else json.dumps(e.created, separators=(",", ":")),
                e.detail,
            )
            for e in entries
        ]
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT INTO items VALUES (?, ?, ?, ?, ?) ON CONFLICT (idx) DO UPDATE SET "
                    "digest = excluded.digest, state = excluded.state, "
                    "created = excluded.created, detail = excluded.detail",
                    rows,
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def counts(self) -> dict[JournalState, int]:
        """Count the recorded items per state.

        Returns:
            Items per state.
        """
        with self._lock:
            rows = self._db.execute("SELECT state, count(*) FROM items GROUP BY state").fetchall()
        return {JournalState(state): count for state, count in rows}

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        """Return the journal."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the journal."""
        self.close()

    def __repr__(self) -> str:
        """Name the file."""
        return f"SqliteJournal({self.path!r})"
