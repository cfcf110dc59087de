"""The handles :meth:`send_many` returns: :class:`Campaign` (sync) and :class:`AsyncCampaign`."""

import os
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import anyio
import anyio.from_thread
import httpx

from messente_omnichannel._campaign._engine import Engine, Source
from messente_omnichannel._campaign._journal import Journal
from messente_omnichannel._campaign._pacer import Pacer, check_rate
from messente_omnichannel._campaign._results import CampaignSummary, ItemResult
from messente_omnichannel._campaign._sqlite import SqliteJournal
from messente_omnichannel._client._async import AsyncOmnichannel
from messente_omnichannel._client._base import per_call_timeout

BULK_BY_DEFAULT = True
"""Whether :meth:`send_many` uses the bulk endpoint unless told otherwise (see its docstring)."""
BATCH_SIZE = 50
"""Omnimessages per bulk request by default."""
CONCURRENCY = {True: 8, False: 64}
"""Requests in flight by default: bulk, and one omnimessage per request."""

JournalLike = Journal | str | os.PathLike[str]
"""A journal, or the path of a SQLite file to keep one in."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """The checked options of one campaign (see :meth:`AsyncOmnichannel.send_many`)."""

    bulk: bool
    batch_size: int
    concurrency: int
    rate: float | None
    ordered: bool
    journal: JournalLike | None
    resend_unknown: bool
    timeout: httpx.Timeout | None

    @classmethod
    def check(
        cls,
        *,
        bulk: bool | None,
        batch_size: int | None,
        concurrency: int | None,
        rate: float | None,
        ordered: bool,
        journal: JournalLike | None,
        resend_unknown: bool,
        timeout: float | httpx.Timeout | None,
    ) -> "Settings":
        """Check the options, filling in the defaults.

        Raises:
            ValueError: An option is out of range.
            TypeError: ``journal`` is neither a path nor a :class:`Journal`.
        """
        bulk = BULK_BY_DEFAULT if bulk is None else bulk
        batch_size = BATCH_SIZE if batch_size is None else batch_size
        concurrency = CONCURRENCY[bulk] if concurrency is None else concurrency
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a whole number from 1, not {batch_size!r}")
        if not isinstance(concurrency, int) or concurrency < 1:
            raise ValueError(f"concurrency must be a whole number from 1, not {concurrency!r}")
        if journal is not None and not isinstance(journal, str | os.PathLike | Journal):
            raise TypeError(
                f"journal must be a file path or a Journal, not {type(journal).__name__}"
            )
        return cls(
            bulk=bulk,
            batch_size=batch_size,
            concurrency=concurrency,
            rate=check_rate(rate),
            ordered=ordered,
            journal=journal,
            resend_unknown=resend_unknown,
            timeout=per_call_timeout(timeout),
        )


class _Resources:
    """What one run opens and must close: the journal it opened from a path, a transport."""

    def __init__(
        self, settings: Settings, close_client: Callable[[], Awaitable[None]] | None
    ) -> None:
        self._settings = settings
        self._close_client = close_client
        self._owned: SqliteJournal | None = None

    def journal(self) -> Journal | None:
        journal = self._settings.journal
        if journal is None or isinstance(journal, Journal):
            return journal
        self._owned = SqliteJournal(journal)
        return self._owned

    async def aclose(self) -> None:
        try:
            if self._close_client is not None:
                await self._close_client()
        finally:
            if self._owned is not None:
                self._owned.close()


def _engine(
    client: AsyncOmnichannel, source: Source, settings: Settings, journal: Journal | None
) -> Engine:
    paced = client.with_options()
    paced._pacer = Pacer(settings.rate, clock=client._clock, sleep=client._sleep)
    return Engine(
        paced,
        source,
        batch_size=settings.batch_size if settings.bulk else None,
        concurrency=settings.concurrency,
        ordered=settings.ordered,
        journal=journal,
        resend_unknown=settings.resend_unknown,
        timeout=settings.timeout,
    )


def _index(result: ItemResult) -> int:
    return result.index


class _Run:
    """What both handles of a campaign show: its tally, and the results its loop never took."""

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self._unread: list[ItemResult] = []
        # Results taken from the engine but not yet yielded: unread if the loop stops here.
        self._batch: deque[ItemResult] = deque()

    @property
    def summary(self) -> CampaignSummary:
        """The tally so far; final once the run is over (its ``with`` block left)."""
        if self._engine is None:
            return CampaignSummary()
        return self._engine.summary

    @property
    def unread(self) -> list[ItemResult]:
        """After a run that stopped early: the results the loop never took, by index.

        Those already done but not yet iterated, and the items still open when it stopped
        (``UNKNOWN`` if their request was in flight, else ``NOT_SENT``). With the results the
        loop took, every item taken from the source is in exactly one of the two.
        """
        return list(self._unread)


class AsyncCampaign(_Run):
    """A running :meth:`AsyncOmnichannel.send_many`: iterate it inside ``async with``.

    Example:
        ``async with client.send_many(messages) as run:``
        ``    async for result in run: ...``
        then ``run.summary`` counts each kind of result.

    Leaving the ``async with`` early (``break``, an exception, cancellation) stops the run:
    requests in flight are cancelled and reported ``UNKNOWN``, items taken but not yet sent
    ``NOT_SENT``, in the summary and the journal.
    """

    def __init__(
        self,
        client: AsyncOmnichannel,
        source: Source,
        settings: Settings,
        close_client: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        super().__init__()
        self._client = client
        self._source = source
        self._settings = settings
        self._resources = _Resources(settings, close_client)
        self._task_group: anyio.abc.TaskGroup | None = None
        self._raised = False

    async def __aenter__(self) -> Self:
        """Start sending."""
        if self._engine is not None:
            raise RuntimeError("a campaign runs once: call send_many again for another run")
        self._engine = _engine(
            self._client, self._source, self._settings, self._resources.journal()
        )
        self._task_group = anyio.create_task_group()
        await self._task_group.__aenter__()
        self._task_group.start_soon(self._engine.run)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop sending (if still running), settle every item and close what the run opened.

        Raises:
            Exception: What stopped the run early (for example
                :class:`CampaignSourceChangedError`), when the block itself raised nothing.
        """
        assert self._task_group is not None and self._engine is not None  # noqa: S101
        self._engine.stop()
        try:
            await self._task_group.__aexit__(exc_type, exc, tb)
        finally:
            self._unread = sorted([*self._batch, *self._engine.unread()], key=_index)
            await self._resources.aclose()
        error = self._engine.error
        if exc is None and error is not None and not self._raised:
            raise error

    def __aiter__(self) -> AsyncIterator[ItemResult]:
        """Iterate the results as they complete (or in input order with ``ordered=True``)."""
        if self._engine is None:
            raise RuntimeError(
                "iterate a campaign inside `async with client.send_many(...) as run:`"
            )
        return self._iterate(self._engine)

    async def _iterate(self, engine: Engine) -> AsyncIterator[ItemResult]:
        while True:
            if not self._batch:
                self._batch.extend(await engine.next_results())
                if not self._batch:
                    break
            yield self._batch.popleft()
        if engine.error is not None:
            self._raised = True
            raise engine.error


class Campaign(_Run):
    """A running :meth:`Omnichannel.send_many`: iterate it for the results.

    Example:
        ``with client.send_many(messages) as run:``
        ``    for result in run: ...``
        then ``run.summary`` counts each kind of result.

    The campaign runs on an event loop in a thread of its own; the source is read there too.
    Stopping early (``break`` out of a ``with`` block, an exception, Ctrl-C) cancels the
    requests in flight and reports them ``UNKNOWN``, and items taken but not yet sent
    ``NOT_SENT``, in the summary and the journal, before the exception goes on.
    """

    def __init__(
        self,
        make_client: Callable[[], AsyncOmnichannel],
        source: Source,
        settings: Settings,
        close_client: Callable[[AsyncOmnichannel], Awaitable[None]],
    ) -> None:
        super().__init__()
        self._make_client = make_client
        self._source = source
        self._settings = settings
        self._close_client = close_client
        self._iterator: Iterator[ItemResult] | None = None

    def __iter__(self) -> Iterator[ItemResult]:
        """Start sending, and iterate the results as they complete.

        Raises:
            Exception: What stopped the run early (for example
                :class:`CampaignSourceChangedError`), after the results before it.
        """
        if self._iterator is not None:
            raise RuntimeError("a campaign runs once: call send_many again for another run")
        self._iterator = self._iterate()
        return self._iterator

    def _iterate(self) -> Iterator[ItemResult]:
        with anyio.from_thread.start_blocking_portal() as portal:
            client = portal.call(self._make_client)
            resources = _Resources(self._settings, lambda: self._close_client(client))
            try:
                engine = portal.call(
                    _engine, client, self._source, self._settings, resources.journal()
                )
                self._engine = engine
                running = portal.start_task_soon(engine.run)
                try:
                    while True:
                        if not self._batch:
                            self._batch.extend(portal.call(engine.next_results))
                            if not self._batch:
                                break
                        yield self._batch.popleft()
                finally:
                    if not running.done():
                        portal.call(engine.stop)
                    running.result()
                    self._unread = sorted([*self._batch, *engine.unread()], key=_index)
            finally:
                portal.call(resources.aclose)
        if engine.error is not None:
            raise engine.error

    def close(self) -> None:
        """Stop the run if it is still going, and wait until every item is settled."""
        if self._iterator is not None:
            self._iterator.close()  # type: ignore[attr-defined]

    def __enter__(self) -> Self:
        """Return the campaign; iterate it to send."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the run if it is still going."""
        self.close()
