"""The campaign engine: omnimessages from a lazy source, sent with bounded concurrency.

Each item is checked and encoded once (the exact bytes sent), recorded in flight in the
journal before its request leaves, sent through the client's own retry policy, and reported
once: to the caller's stream, the summary and the journal. An item is in exactly one place at
a time (the source, ``_open``, or finished), so a run that stops midway can say what became of
every item it took.
"""

import hashlib
import json
from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Mapping
from dataclasses import dataclass

import anyio
import httpx
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

from messente_omnichannel._campaign._journal import Journal, JournalEntry, JournalState
from messente_omnichannel._campaign._results import CampaignSummary, ItemResult, ItemStatus
from messente_omnichannel._client._async import AsyncOmnichannel
from messente_omnichannel._client._base import Call
from messente_omnichannel._client._operations import SEND, SEND_BULK
from messente_omnichannel._client._prepare import MessageLike, join_bulk, prepare_omnimessage
from messente_omnichannel._errors import (
    ApiError,
    CampaignSourceChangedError,
    InvalidMessageError,
    MessenteError,
    SendOutcomeUnknownError,
)
from messente_omnichannel._results import parse_bulk, parse_created
from messente_omnichannel_client.models import ErrorResponse, OmnimessageCreated

Item = MessageLike | InvalidMessageError
"""One item of a source: an omnimessage, or the error that kept the source from building one."""
Source = Iterable[Item] | AsyncIterable[Item]
"""Omnimessages to send: any iterable or async iterable, read lazily. An item may be an
:class:`InvalidMessageError` instead (a row a source could not turn into an omnimessage): it is
reported ``INVALID`` at its index, and the rest are sent."""

_JOURNAL_PAGE = 1024
"""Journal entries read at once while resuming."""
_JOURNAL_BACKLOG = 4096
"""Journal entries queued at most before a result waits for them to be written."""
_OUTBOX = 256
"""Finished results the run keeps ahead of the caller's loop, at most."""
_DETAIL_CHARS = 2000
"""The longest error text a journal keeps per item."""

_STATES: dict[ItemStatus, JournalState] = {
    s: JournalState(s.value) for s in ItemStatus if s is not ItemStatus.ALREADY_SENT
}
"""What the journal records of each final status; an item already sent is recorded already."""


@dataclass(frozen=True, slots=True)
class _Item:
    """An item ready to send: its exact bytes, and the digest the journal keeps of them."""

    index: int
    digest: bytes
    content: bytes


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()[:16]


def _invalid_digest(message: object) -> bytes:
    """Digest an item that could not be encoded: its JSON when it has one, else its repr."""
    data = message.to_dict() if hasattr(message, "to_dict") else message
    try:
        text = json.dumps(data, sort_keys=True, default=repr, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(data)
    return _digest(text.encode("utf-8", "surrogatepass"))


def _failure(error: MessenteError) -> ItemStatus:
    """Tell what a send's error says of its omnimessage: maybe accepted, or not accepted."""
    if isinstance(error, SendOutcomeUnknownError):
        return ItemStatus.UNKNOWN
    if isinstance(error, ApiError) and 200 <= error.status < 300:
        # A success whose body breaks the contract: accepted, but without ids to report.
        return ItemStatus.UNKNOWN
    return ItemStatus.FAILED


def _first(exc: BaseException) -> BaseException:
    """Take the one error out of the group a task group wraps it in."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


async def _enumerate(source: Source) -> AsyncIterator[tuple[int, Item]]:
    if isinstance(source, AsyncIterable):
        index = 0
        async for message in source:
            yield index, message
            index += 1
    else:
        for pair in enumerate(source):
            yield pair


class _JournalWriter:
    """Batches journal writes: marks in flight are group-committed, results ride along.

    A worker waits for its mark to be durable before its request leaves; marks queued while a
    write runs go together in the next one, so the journal costs about one transaction per
    round of workers, not one per item.
    """

    def __init__(self, journal: Journal | None) -> None:
        self._journal = journal
        self._pending: list[JournalEntry] = []
        self._queued = 0
        self._written = 0
        self._lock = anyio.Lock()

    def record(self, entry: JournalEntry) -> None:
        """Queue an entry, written with the next batch."""
        if self._journal is not None:
            self._pending.append(entry)
            self._queued += 1

    async def mark(self, entries: list[JournalEntry]) -> None:
        """Write entries (and everything queued before them) durably, then return."""
        if self._journal is None:
            return
        self._pending.extend(entries)
        self._queued += len(entries)
        target = self._queued
        async with self._lock:
            if self._written < target:
                await self._write()

    @property
    def backlog(self) -> int:
        """Entries queued and not yet written."""
        return len(self._pending)

    async def flush(self) -> None:
        """Write everything queued."""
        if self._journal is not None and self._pending:
            async with self._lock:
                await self._write()

    async def _write(self) -> None:
        assert self._journal is not None  # noqa: S101 (callers check)
        batch, self._pending = self._pending, []
        upto = self._queued
        if batch:
            try:
                await anyio.to_thread.run_sync(self._journal.write, batch)
            except BaseException:
                # Cancelled before the thread took it, or the write failed: keep the batch
                # for the next write (rewriting entries already written changes nothing).
                self._pending[:0] = batch
                raise
        self._written = upto


class Engine:
    """One run of a campaign; :meth:`run` sends, :meth:`next_results` hands out the results.

    Args:
        client: The client to send through (a copy carrying the campaign's pacer).
        source: The omnimessages.
        batch_size: Omnimessages per ``POST /omnimessages``, or ``None`` for one
            ``POST /omnimessage`` each.
        concurrency: Requests in flight at most.
        ordered: Stream results in input order instead of as they complete.
        journal: Where to record each item's state, or ``None``.
        resend_unknown: Send again the items a journal says may have been accepted.
        timeout: Per-request timeout, or ``None`` for the client's.
    """

    def __init__(
        self,
        client: AsyncOmnichannel,
        source: Source,
        *,
        batch_size: int | None,
        concurrency: int,
        ordered: bool,
        journal: Journal | None,
        resend_unknown: bool,
        timeout: httpx.Timeout | None,
    ) -> None:
        self._client = client
        self._source = source
        self._batch_size = batch_size
        self._concurrency = concurrency
        self._ordered = ordered
        self._journal = journal
        self._resend_unknown = resend_unknown
        self._timeout = timeout
        self._writer = _JournalWriter(journal)
        self.summary = CampaignSummary()
        self.error: BaseException | None = None
        """What stopped the run early, other than cancellation (re-raised to the caller)."""
        self.leftover: list[ItemResult] = []
        """The results of the items still open when the run stopped, never streamed."""
        self._open: dict[int, _Item] = {}
        self._in_flight: set[int] = set()
        self._page: Mapping[int, JournalEntry] = {}
        self._page_stop = 0
        # Ordered mode: results wait here until every earlier index has been streamed, and the
        # source is not read further ahead than ``_window`` items past the first one waiting.
        self._next = 0
        self._held: dict[int, ItemResult] = {}
        self._advanced = anyio.Event()
        per_job = batch_size or 1
        self._window = 2 * concurrency * per_job + 256
        # Finished results wait here for the caller's loop. A deque, not a memory stream: an
        # item handed to a receiver that is then cancelled would be lost with it.
        self._outbox: deque[ItemResult] = deque()
        self._closed = False
        self._arrived = anyio.Event()
        self._taken = anyio.Event()
        self._scope = anyio.CancelScope()

    async def next_results(self) -> list[ItemResult]:
        """Wait for results, then take every one ready (at most a few hundred).

        Returns:
            The results, or an empty list once every result was taken and the run is over.
        """
        while not self._outbox and not self._closed:
            await self._arrived.wait()
            self._arrived = anyio.Event()
        batch = [self._outbox.popleft() for _ in range(min(len(self._outbox), _OUTBOX))]
        self._taken.set()
        self._taken = anyio.Event()
        return batch

    def unread(self) -> list[ItemResult]:
        """Return the results never taken by :meth:`next_results`, with the leftovers.

        Returns:
            Every result of the run that did not reach the caller's loop, by index.
        """
        rest = [*self._outbox, *self.leftover]
        self._outbox.clear()
        return sorted(rest, key=lambda result: result.index)

    def stop(self) -> None:
        """Stop the run from its own event loop: it settles every item, then returns."""
        self._scope.cancel()

    async def run(self) -> None:
        """Send everything; stores what stopped it early in :attr:`error` instead of raising."""
        finished = False
        try:
            with self._scope:
                async with anyio.create_task_group() as tg:
                    send_jobs, jobs = anyio.create_memory_object_stream[list[_Item]](0)
                    with jobs:
                        for _ in range(self._concurrency):
                            tg.start_soon(self._worker, jobs.clone())
                    async with send_jobs:
                        await self._produce(send_jobs)
            finished = not self._scope.cancel_called
        except BaseException as exc:  # the source's, the journal's, or a changed source
            error = _first(exc)
            if isinstance(error, anyio.get_cancelled_exc_class()):
                raise
            # Kept, to be raised to the caller where it iterates (for the sync client, in its
            # own thread, not this event loop's).
            self.error = error
        finally:
            with anyio.CancelScope(shield=True):
                await self._settle(stopped=not finished)

    async def _settle(self, *, stopped: bool) -> None:
        """Give every item still open its final state, and write the journal out."""
        self.summary.stopped = stopped
        for index, item in sorted(self._open.items()):
            if index in self._in_flight:
                reason = "the run stopped while its request was in flight"
                error = SendOutcomeUnknownError(
                    reason, payload=json.loads(item.content), path=self._path()
                )
                result = ItemResult(index, ItemStatus.UNKNOWN, error=error)
            else:
                result = ItemResult(index, ItemStatus.NOT_SENT)
            self._count(result, item)
            self.leftover.append(result)
        self._open.clear()
        self._in_flight.clear()
        try:
            await self._writer.flush()
        except BaseException as exc:  # shielded: never a cancellation
            self.error = self.error or exc
        self._closed = True
        self._arrived.set()

    def _path(self) -> str:
        return SEND.path if self._batch_size is None else SEND_BULK.path

    # ------------------------------------------------------------------- reading the source

    async def _produce(self, jobs: MemoryObjectSendStream[list[_Item]]) -> None:
        batch: list[_Item] = []
        async for index, message in _enumerate(self._source):
            if self._ordered:
                while index >= self._next + self._window:
                    await self._advanced.wait()
            item = await self._take(index, message)
            if item is None:
                continue
            if self._batch_size is None:
                await jobs.send([item])
                continue
            batch.append(item)
            if len(batch) >= self._batch_size:
                await jobs.send(batch)
                batch = []
        if batch:
            await jobs.send(batch)

    async def _take(self, index: int, message: Item) -> _Item | None:
        """Check one item against the journal and encode it; report it at once if not sent."""
        try:
            if isinstance(message, InvalidMessageError):
                raise message  # a source's own report of an item it could not build
            content = prepare_omnimessage(message)
        except InvalidMessageError as exc:
            entry = self._recorded(index)
            digest = _invalid_digest(message)
            self._check_unchanged(entry, digest)
            await self._finish(ItemResult(index, ItemStatus.INVALID, error=exc), digest)
            return None
        item = _Item(index, _digest(content), content)
        entry = self._recorded(index)
        self._check_unchanged(entry, item.digest)
        if entry is not None and entry.state is JournalState.SENT:
            created = OmnimessageCreated.from_dict(dict(entry.created)) if entry.created else None
            await self._finish(ItemResult(index, ItemStatus.ALREADY_SENT, created=created))
            return None
        if (
            entry is not None
            and entry.state in (JournalState.UNKNOWN, JournalState.IN_FLIGHT)
            and not self._resend_unknown
        ):
            reason = (
                "an earlier run of this campaign sent it without learning the outcome "
                f"({entry.detail or 'it was in flight when that run ended'}); "
                "pass resend_unknown=True to send it again"
            )
            error = SendOutcomeUnknownError(reason, payload=json.loads(content), path=self._path())
            await self._finish(ItemResult(index, ItemStatus.UNKNOWN, error=error))
            return None
        self._open[index] = item
        return item

    def _recorded(self, index: int) -> JournalEntry | None:
        if self._journal is None:
            return None
        if index >= self._page_stop:
            self._page = self._journal.read(index, index + _JOURNAL_PAGE)
            self._page_stop = index + _JOURNAL_PAGE
        return self._page.get(index)

    def _check_unchanged(self, entry: JournalEntry | None, digest: bytes) -> None:
        if entry is not None and entry.digest != digest:
            raise CampaignSourceChangedError(entry.index, entry.state.value)

    # ------------------------------------------------------------------- sending

    async def _worker(self, jobs: MemoryObjectReceiveStream[list[_Item]]) -> None:
        async with jobs:
            async for job in jobs:
                await self._writer.mark(
                    [JournalEntry(item.index, item.digest, JournalState.IN_FLIGHT) for item in job]
                )
                self._in_flight.update(item.index for item in job)
                if self._batch_size is None:
                    results = [await self._send_one(job[0])]
                else:
                    results = await self._send_batch(job)
                for item, result in zip(job, results, strict=True):
                    await self._finish(result, item.digest)

    async def _send_one(self, item: _Item) -> ItemResult:
        call = Call(SEND, SEND.path, parse_created, item.content, self._timeout)
        try:
            created = await self._client._run(call)
        except MessenteError as exc:
            return ItemResult(item.index, _failure(exc), error=exc)
        except Exception as exc:
            return ItemResult(item.index, ItemStatus.UNKNOWN, error=self._unexpected(exc, item))
        return ItemResult(item.index, ItemStatus.SENT, created=created)

    async def _send_batch(self, job: list[_Item]) -> list[ItemResult]:
        content = join_bulk([item.content for item in job])
        call = Call(SEND_BULK, SEND_BULK.path, parse_bulk, content, self._timeout, len(job))
        try:
            answers = await self._client._run(call)
        except MessenteError as exc:
            return [ItemResult(item.index, _failure(exc), error=exc) for item in job]
        except Exception as exc:
            return [
                ItemResult(item.index, ItemStatus.UNKNOWN, error=self._unexpected(exc, item))
                for item in job
            ]
        if len(answers) != len(job):
            reason = (
                f"the bulk answer has {len(answers)} items for the {len(job)} omnimessages sent, "
                "so none can be matched to its answer"
            )
            error = SendOutcomeUnknownError(
                reason, payload=json.loads(content), path=SEND_BULK.path, status=201
            )
            return [ItemResult(item.index, ItemStatus.UNKNOWN, error=error) for item in job]
        return [self._bulk_item(item, answer) for item, answer in zip(job, answers, strict=True)]

    @staticmethod
    def _bulk_item(item: _Item, answer: OmnimessageCreated | ErrorResponse) -> ItemResult:
        if isinstance(answer, OmnimessageCreated):
            return ItemResult(item.index, ItemStatus.SENT, created=answer)
        details = "; ".join(
            f"{error.title}: {error.detail}" if error.detail else str(error.title)
            for error in answer.errors
        )
        error = ApiError(
            f"The API refused this omnimessage in its bulk answer: {details or 'no details'}",
            status=201,
            errors=answer.errors,
            method=SEND_BULK.method,
            path=SEND_BULK.path,
        )
        return ItemResult(item.index, ItemStatus.FAILED, error=error)

    def _unexpected(self, exc: Exception, item: _Item) -> SendOutcomeUnknownError:
        reason = f"unexpected {type(exc).__name__} after the request may have left: {exc}"
        error = SendOutcomeUnknownError(reason, payload=json.loads(item.content), path=self._path())
        error.__cause__ = exc
        return error

    # ------------------------------------------------------------------- reporting

    def _count(self, result: ItemResult, item: _Item | None = None, digest: bytes = b"") -> None:
        """Count a final result and queue its journal entry."""
        self.summary.add(result)
        state = _STATES.get(result.status)
        digest = item.digest if item is not None else digest
        if state is not None and digest:
            created = result.created.to_dict() if result.created is not None else None
            detail = str(result.error)[:_DETAIL_CHARS] if result.error is not None else ""
            self._writer.record(JournalEntry(result.index, digest, state, created, detail))

    async def _finish(self, result: ItemResult, digest: bytes = b"") -> None:
        """Report one item's final result: summary, journal, then the caller's stream."""
        item = self._open.pop(result.index, None)
        self._in_flight.discard(result.index)
        self._count(result, item, digest)
        if self._writer.backlog >= _JOURNAL_BACKLOG:
            # Results that send nothing (invalid items) mark nothing in flight either: without
            # this, their entries would wait in memory for the end of the run.
            await self._writer.flush()
        if not self._ordered:
            self._outbox.append(result)
        else:
            self._held[result.index] = result
            while self._next in self._held:
                self._outbox.append(self._held.pop(self._next))
                self._next += 1
            self._advanced.set()
            self._advanced = anyio.Event()
        self._arrived.set()
        # Backpressure: the result is already in the outbox, so a cancellation here loses
        # nothing; the run only waits for the caller's loop to catch up.
        while len(self._outbox) >= _OUTBOX:
            await self._taken.wait()
