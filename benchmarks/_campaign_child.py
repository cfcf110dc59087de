"""One case of the campaign benchmark, in a fresh process: sends, then prints a JSON report.

Started by ``bench_campaign.py`` through :func:`benchmarks._fresh.run_child` as :func:`main`
with one argument, the case as JSON (see :class:`Case`). Each case runs alone in its process, so
its peak RSS (``VmHWM``) is its own: the library's import, its client, and the campaign.

The report: ``sent`` (omnimessages accepted), ``total`` (results seen), ``ns`` (from the first
send to the last result, the client already built), ``peak_rss_kib``, ``statuses`` (results per
status), ``errors`` (the first few, one line each), ``rss`` (``[results so far, VmRSS KiB]``
samples, when asked) and ``profile`` (the top of a cProfile, when asked).
"""

import asyncio
import cProfile
import importlib
import io
import json
import pstats
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
from benchmarks._child import peak_rss_kib
from benchmarks._message import (
    PASSWORD,
    USERNAME,
    messente_api_client,
    messente_sms,
    ours_sms,
)
from benchmarks._peer import CREATED, bulk_body, bulk_count
from benchmarks._timing import error_text

BATCH = 50
SANDBOX_USER, SANDBOX_PASSWORD = "demo", "demo-password"
MAX_ERRORS = 5
RSS_SAMPLES = 400
"""VmRSS samples taken over a run that asks for them, evenly spread over its results."""


@dataclass
class Case:
    """What one child sends, to where, and how.

    Attributes:
        kind: ``messente-loop``, ``messente-pool``, ``messente-bulk`` or ``ours``.
        count: Omnimessages in the source.
        url: The peer's base URL, or ``sandbox`` (the in-process sandbox), or ``null`` (an
            ``httpx.MockTransport`` answering at once).
        budget: Seconds after which no more is sent (the report says how many were).
        threads: Messente's thread pool.
        client: Ours' ``sync`` or ``async`` client.
        bulk: Ours' ``send_many(bulk=...)``.
        journal: Ours with a ``SqliteJournal`` in a temporary directory.
        sample_rss: Sample VmRSS as results stream.
        profile: Print the top of a cProfile of the run (``async`` only: the sync client
            runs its campaign in a thread of its own, which cProfile does not see).
    """

    kind: str
    count: int
    url: str
    budget: float
    threads: int = 16
    client: str = "sync"
    bulk: bool = False
    journal: bool = False
    sample_rss: bool = False
    profile: bool = False


@dataclass
class Report:
    """What a case measured (see the module docstring)."""

    sent: int = 0
    total: int = 0
    ns: int = 0
    peak_rss_kib: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    rss: list[tuple[int, int]] = field(default_factory=list)
    profile: str = ""

    def error(self, text: str) -> None:
        """Keep the first few error texts."""
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(text)


def number(index: int) -> str:
    """Return a recipient of its own for each item, as a campaign's list has.

    Args:
        index: The item's position.

    Returns:
        An E.164 number.
    """
    return f"+3725{index % 10**7:07d}"


def rss_kib() -> int:
    """Return the process's resident memory now (``VmRSS``), or 0 where /proc is missing.

    Returns:
        KiB.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Sampler:
    """Samples VmRSS every ``step`` results, when asked to."""

    def __init__(self, case: Case, report: Report) -> None:
        """Spread :data:`RSS_SAMPLES` samples over the case's results."""
        self._on = case.sample_rss
        self._step = max(1, case.count // RSS_SAMPLES)
        self._report = report

    def tick(self, seen: int) -> None:
        """Count one more result; sample when its turn comes."""
        if self._on and seen % self._step == 0:
            self._report.rss.append((seen, rss_kib()))


# --- Messente's SDK ---------------------------------------------------------------------------


def messente_loop(case: Case, report: Report) -> None:
    """Send one by one in a plain loop, as the SDK's users do, until the budget runs out."""
    api = importlib.import_module("messente_api")
    omni = messente_api_client(api, case.url)
    started = time.perf_counter_ns()
    deadline = started + int(case.budget * 1e9)
    for i in range(case.count):
        try:
            omni.send_omnimessage(messente_sms(api, number(i)))
            report.sent += 1
        except Exception as exc:
            report.error(error_text(exc))
        report.total += 1
        if time.perf_counter_ns() > deadline:
            break
    report.ns = time.perf_counter_ns() - started


def _pool(case: Case, report: Report, jobs: int, send: Callable[[int], int]) -> None:
    """Run ``send`` over ``range(jobs)`` in a thread pool, ``pool.map`` as users write it."""
    deadline = 0

    def one(job: int) -> int:
        if time.perf_counter_ns() > deadline:
            return 0
        try:
            return send(job)
        except Exception as exc:
            report.error(error_text(exc))
            return 0

    with ThreadPoolExecutor(case.threads) as pool:
        started = time.perf_counter_ns()
        deadline = started + int(case.budget * 1e9)
        for sent in pool.map(one, range(jobs)):
            report.sent += sent
        report.ns = time.perf_counter_ns() - started
    report.total = case.count


def messente_pool(case: Case, report: Report) -> None:
    """Send single omnimessages from a thread pool sharing one client."""
    api = importlib.import_module("messente_api")
    omni = messente_api_client(api, case.url, pool=case.threads)

    def send(i: int) -> int:
        omni.send_omnimessage(messente_sms(api, number(i)))
        return 1

    _pool(case, report, case.count, send)


def messente_bulk(case: Case, report: Report) -> None:
    """Send batches of :data:`BATCH` through the SDK's bulk endpoint from a thread pool."""
    api = importlib.import_module("messente_api")
    cfg = api.Configuration(host=case.url, username=USERNAME, password=PASSWORD)
    cfg.connection_pool_maxsize = case.threads
    bulk_api = api.BulkMessagingApi(api.ApiClient(cfg))

    def send(job: int) -> int:
        indexes = range(job * BATCH, min(case.count, (job + 1) * BATCH))
        batch = api.BulkOmnimessage(messages=[messente_sms(api, number(i)) for i in indexes])
        answer = bulk_api.send_bulk_omnimessage(batch)
        accepted = sum(
            isinstance(item.actual_instance, api.OmniMessageCreateSuccessResponse)
            for item in answer.messages
        )
        if accepted != len(indexes):
            raise RuntimeError(f"{accepted} of {len(indexes)} accepted in a bulk answer")
        return accepted

    _pool(case, report, -(-case.count // BATCH), send)


# --- ours -------------------------------------------------------------------------------------


def null_handler(request: httpx.Request) -> httpx.Response:
    """Answer a send at once, as the benchmark peer does (a bulk send once per omnimessage).

    Args:
        request: The request.

    Returns:
        ``201`` with the created body(ies).
    """
    if request.url.path.endswith("/omnimessages"):
        count = bulk_count(request.content)
        if count is None:
            return httpx.Response(400, json={"errors": [{"title": "Invalid bulk body"}]})
        return httpx.Response(201, content=bulk_body(count))
    return httpx.Response(201, content=CREATED)


def ours_options(m: Any, case: Case, stack: ExitStack) -> dict[str, Any]:
    """Return the client's keyword arguments for the case's target, and its journal.

    Args:
        m: The ``messente_omnichannel`` module.
        case: The case.
        stack: Where whatever must be closed after the run goes.

    Returns:
        ``client`` (the client's keyword arguments) and ``journal`` (or ``None``).
    """
    client: dict[str, Any] = {"username": USERNAME, "password": PASSWORD}
    if case.url == "sandbox":
        sandbox = stack.enter_context(
            importlib.import_module("messente_omnichannel.sandbox").Sandbox()
        )
        client = {"username": SANDBOX_USER, "password": SANDBOX_PASSWORD}
        sync = case.client == "sync"
        client["transport"] = sandbox.transport() if sync else sandbox.async_transport()
    elif case.url == "null":
        client["transport"] = httpx.MockTransport(null_handler)
    else:
        client["base_url"] = case.url
    journal = None
    if case.journal:
        directory = stack.enter_context(tempfile.TemporaryDirectory())
        journal = m.SqliteJournal(Path(directory) / "campaign.sqlite")
        stack.callback(journal.close)
    return {"client": client, "journal": journal}


def _settle(m: Any, result: Any, report: Report, sampler: Sampler) -> None:
    report.total += 1
    status = result.status.value
    report.statuses[status] = report.statuses.get(status, 0) + 1
    if result.status is m.ItemStatus.SENT:
        report.sent += 1
    elif result.error is not None:
        report.error(error_text(result.error))
    sampler.tick(report.total)


@contextmanager
def profiling(case: Case, report: Report) -> Iterator[None]:
    """Profile the block when the case asks; keep the top entries by own and cumulative time.

    Args:
        case: The case.
        report: Where the entries go.

    Yields:
        Nothing.
    """
    if not case.profile:
        yield
        return
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs()
        stats.sort_stats("tottime").print_stats(20)
        stats.sort_stats("cumulative").print_stats(20)
        report.profile = out.getvalue()


def ours_sync(case: Case, report: Report) -> None:
    """Send through ``Omnichannel.send_many``."""
    m = importlib.import_module("messente_omnichannel")
    sampler = Sampler(case, report)
    source = (ours_sms(m, number(i)) for i in range(case.count))
    with ExitStack() as stack:
        options = ours_options(m, case, stack)
        client = stack.enter_context(m.Omnichannel(**options["client"]))
        started = time.perf_counter_ns()
        deadline = started + int(case.budget * 1e9)
        with client.send_many(source, bulk=case.bulk, journal=options["journal"]) as run:
            for result in run:
                _settle(m, result, report, sampler)
                if time.perf_counter_ns() > deadline:
                    break
        report.ns = time.perf_counter_ns() - started


async def ours_async(case: Case, report: Report) -> None:
    """Send through ``AsyncOmnichannel.send_many``."""
    m = importlib.import_module("messente_omnichannel")
    sampler = Sampler(case, report)
    source = (ours_sms(m, number(i)) for i in range(case.count))
    with ExitStack() as stack:
        options = ours_options(m, case, stack)
        async with m.AsyncOmnichannel(**options["client"]) as client:
            started = time.perf_counter_ns()
            deadline = started + int(case.budget * 1e9)
            with profiling(case, report):
                async with client.send_many(
                    source, bulk=case.bulk, journal=options["journal"]
                ) as run:
                    async for result in run:
                        _settle(m, result, report, sampler)
                        if time.perf_counter_ns() > deadline:
                            break
            report.ns = time.perf_counter_ns() - started


def run_case(case: Case) -> Report:
    """Run one case.

    Args:
        case: The case.

    Returns:
        What it measured.
    """
    report = Report()
    runners: dict[str, Callable[[], None]] = {
        "messente-loop": lambda: messente_loop(case, report),
        "messente-pool": lambda: messente_pool(case, report),
        "messente-bulk": lambda: messente_bulk(case, report),
    }
    if case.kind == "ours" and case.client == "async":
        runners["ours"] = lambda: asyncio.run(ours_async(case, report))
    else:
        runners["ours"] = lambda: ours_sync(case, report)
    runners[case.kind]()
    report.peak_rss_kib = peak_rss_kib()
    return report


def main(argv: list[str]) -> None:
    """Run the case given as JSON and print its report as JSON.

    Args:
        argv: One argument, the case.
    """
    case = Case(**json.loads(argv[0]))
    print(json.dumps(asdict(run_case(case))))
