"""The sandbox as a real server (a subprocess on loopback) under many concurrent clients.

Each client is its own ``AsyncOmnichannel`` with no retries, so every request it makes is one
the server must answer: it sends an omnimessage, then reads its status, again and again. The
server's resident memory (``VmRSS`` of ``/proc/PID/status``) is sampled throughout; it runs
with a small ``--max-stored``, so the cap is reached early and memory must then stay flat.
"""

import asyncio
import concurrent.futures
import contextlib
import dataclasses
import json
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from messente_omnichannel import SMS, ApiConnectionError, ApiError, AsyncOmnichannel, Omnimessage

from ._kill import free_port, served
from ._receiver import receiver
from ._tally import Tally

AUTH = ("demo", "demo-password")
MAX_STORED = 500
LEAK_BOUND = 50 * 1024
"""Bytes a distinct dlr_url may leave behind: the leak fixed in 269b21a left about 870 KB."""


def rss_bytes(pid: int) -> int:
    """Return the resident memory of a process.

    Args:
        pid: The process.

    Returns:
        ``VmRSS`` in bytes.
    """
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise LookupError(f"no VmRSS for process {pid}")


@dataclass
class _Results:
    latencies: list[float] = field(default_factory=list)
    created: int = 0
    server_errors: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)


async def _client(
    url: str, number: int, until: float, results: _Results, dlr_url: str | None
) -> None:
    async with AsyncOmnichannel(
        *AUTH, base_url=url, max_retries=0, timeout=10, deadline=30
    ) as client:
        sent = 0
        while time.monotonic() < until:
            sent += 1
            to = f"+3728{number:03d}{sent:04d}0"  # ends in 0: two reports, no magic ending
            # A correlation query per omnimessage, as users write them: every dlr_url distinct.
            dlr = f"{dlr_url}?to={to[1:]}" if dlr_url else None
            message = Omnimessage(to=to, messages=[SMS("Hi")], dlr_url=dlr)
            for step in ("send", "status"):
                started = time.monotonic()
                try:
                    if step == "send":
                        created = await client.send(message)
                        results.created += 1
                    else:
                        await client.status(created.omnimessage_id)
                except ApiError as error:
                    (results.server_errors if error.status >= 500 else results.other).append(
                        f"{step}: HTTP {error.status}"
                    )
                    break
                except ApiConnectionError as error:
                    results.dropped.append(f"{step}: {type(error).__name__}: {error}")
                    break
                results.latencies.append(time.monotonic() - started)


def _sample(pid: int, stop: threading.Event, samples: list[tuple[float, int]]) -> None:
    while not stop.is_set():
        samples.append((time.monotonic(), rss_bytes(pid)))
        stop.wait(0.25)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)] if ordered else 0.0


def _stall(url: str) -> tuple[float, float]:
    """Time one large invalid bulk request and a status read made while it is checked."""
    body = json.dumps({"messages": [{"to": "x", "messages": [{"channel": "sms"}]}] * 25_000})
    done: list[float] = []

    def post() -> None:
        started = time.monotonic()
        httpx.post(
            url + "/omnimessages",
            content=body,
            auth=AUTH,
            timeout=60,
            headers={"Content-Type": "application/json"},
        )
        done.append(time.monotonic() - started)

    thread = threading.Thread(target=post)
    thread.start()
    time.sleep(0.05)
    started = time.monotonic()
    httpx.get(
        url + "/omnimessage/6f2c4b3a-0000-4000-8000-000000000000/status", auth=AUTH, timeout=60
    )
    waited = time.monotonic() - started
    thread.join(60)
    return (done[0] if done else float("nan")), waited


def load_campaign(
    clients: int = 50,
    seconds: float = 30.0,
    window: float = 10.0,
    max_stored: int = MAX_STORED,
    stall: bool = True,
    dlr: bool = False,
    drain: float = 60.0,
) -> Tally:
    """Load a sandbox subprocess and check its answers and memory.

    Args:
        clients: Concurrent clients.
        seconds: How long they send.
        window: Seconds at the start and at the end whose memory is compared.
        max_stored: The server's ``--max-stored``.
        stall: Also time a large invalid request and a read made while it is checked.
        dlr: Give every omnimessage its own ``dlr_url`` (a receiver process answering 200),
            so the sandbox's delivery reports are under the same checks; then wait up to
            ``drain`` seconds for every report to arrive.
        drain: Seconds the reports have, after the load, to arrive.

    Returns:
        The tally.
    """
    tally = Tally(
        f"Load: {clients} concurrent clients for {seconds:g} s, a sandbox subprocess "
        f"with --max-stored {max_stored:,}"
    )
    results = _Results()
    samples: list[tuple[float, int]] = []
    with (
        served("--max-stored", str(max_stored), "--speed", "60") as server,
        receiver(free_port()) if dlr else contextlib.nullcontext(None) as reports_to,
    ):
        dlr_url = reports_to.url if reports_to else None
        stop = threading.Event()
        sampler = threading.Thread(target=_sample, args=(server.pid, stop, samples))
        started = time.monotonic()
        sampler.start()

        async def run() -> None:
            until = time.monotonic() + seconds
            await asyncio.gather(
                *(_client(server.url, n, until, results, dlr_url) for n in range(clients))
            )

        try:
            asyncio.run(run())
        finally:
            stop.set()
            sampler.join()
        took = time.monotonic() - started
        stalled, waited = _stall(server.url) if stall else (None, None)
        reports = at_end = reports_to.received if reports_to else 0
        drained = 0.0
        if reports_to is not None:
            limit = time.monotonic() + drain
            while reports < 2 * results.created and time.monotonic() < limit:
                time.sleep(0.25)
                reports = reports_to.received
            drained = time.monotonic() - started - took
    count = len(results.latencies) + len(results.server_errors) + len(results.dropped)
    tally.check("5xx answers", count, "0", results.server_errors)
    tally.check("dropped requests (no answer)", count, "0", results.dropped)
    tally.check("other error answers", count, "0", results.other)
    tally.note("throughput", count, f"{count / took:,.0f} requests/s")
    if dlr:
        row = tally.check(
            "delivery reports: every one arrives (each omnimessage its own dlr_url)",
            2 * results.created,
            f"all within {drain:g} s of the load's end",
            [f"{reports:,} of {2 * results.created:,}"] if reports < 2 * results.created else [],
        )
        row.figure = f"{reports:,} by {drained:.1f} s after the load, {at_end:,} during it"
    tally.note(
        "latency p50 / p99",
        len(results.latencies),
        f"{_percentile(results.latencies, 0.5) * 1000:.1f} ms / "
        f"{_percentile(results.latencies, 0.99) * 1000:.1f} ms",
    )
    first = [rss for at, rss in samples if at - started <= window]
    last = [rss for at, rss in samples if at - started >= took - window]
    if first and last:
        before, after = statistics.mean(first), statistics.mean(last)
        # Flat: the last window within 5 % (or 3 MB) of the first. The cap is reached within
        # the first seconds; without it every omnimessage would keep its kilobyte or two.
        grown = after - before
        failures = (
            [f"{before / 2**20:.1f} MB -> {after / 2**20:.1f} MB"]
            if grown > max(0.05 * before, 3 * 2**20)
            else []
        )
        row = tally.check(
            f"server RSS, first vs last {window:g} s",
            len(samples),
            "flat (within 5 % or 3 MB)",
            failures,
        )
        row.figure = (
            f"{before / 2**20:.1f} MB -> {after / 2**20:.1f} MB "
            f"(peak {max(rss for _, rss in samples) / 2**20:.1f} MB)"
        )
    if stalled is not None and waited is not None:
        tally.note(
            "25,000 invalid bulk items: answer / a status read meanwhile",
            1,
            f"{stalled:.2f} s / {waited:.2f} s",
        )
    return tally


def dlr_memory_check(tally: Tally, count: int = 200, wait: float = 20.0) -> None:
    """Send omnimessages that each have their own ``dlr_url``; the server must not keep them.

    The sandbox once kept a report queue, a worker and an HTTP client per distinct URL, for
    ever (about 850 KB each). Two rounds of ``count`` omnimessages with distinct URLs are sent,
    each until its reports arrived; resident memory is read after each. The first round grows
    the heap to what a burst needs (memory a process keeps once it had it); a leak grows it
    again in the second, by what every URL left behind.

    Args:
        tally: Where the row goes.
        count: Omnimessages per round, each with a distinct ``dlr_url``.
        wait: Seconds each round's reports have to arrive.
    """
    rss: list[int] = []
    missing: list[str] = []
    with (
        served("--speed", "600") as server,
        receiver(free_port()) as reports_to,
        httpx.Client(base_url=server.url, auth=AUTH, timeout=30) as client,
        concurrent.futures.ThreadPoolExecutor(8) as pool,
    ):
        url = reports_to.url
        for round_ in range(2):
            bodies = [
                {
                    # Ends in 0: no magic ending, so two reports each (accepted, delivered).
                    "to": f"+3725{round_}{n:05d}0",
                    "messages": [{"channel": "sms", "text": "Hi"}],
                    "dlr_url": f"{url}?round={round_}&n={n}",
                }
                for n in range(count)
            ]
            list(pool.map(lambda body: client.post("/omnimessage", json=body), bodies))
            expected = 2 * count * (round_ + 1)
            limit = time.monotonic() + wait
            while reports_to.received < expected and time.monotonic() < limit:
                time.sleep(0.1)
            if reports_to.received < expected:
                missing.append(f"round {round_ + 1}: {reports_to.received} of {expected} reports")
            time.sleep(0.5)
            rss.append(rss_bytes(server.pid))
    grown = rss[1] - rss[0]
    per = grown / count
    failures = [f"{per / 1024:,.0f} KB per omnimessage"] if per > LEAK_BOUND else []
    row = tally.check(
        f"{count} more distinct dlr_urls: server memory after their reports",
        count,
        f"under {LEAK_BOUND // 1024} KB per omnimessage",
        failures + missing,
    )
    row.figure = f"{grown / 2**20:+.1f} MB, {per / 1024:,.1f} KB each"


def load_part(scale: float = 1.0) -> Tally:
    """The load part of ``make chaos``: plain load, load with reports, distinct dlr_urls.

    Args:
        scale: 1 for 50 clients for 30 s (then 15 s with a ``dlr_url`` each).

    Returns:
        One tally of the three.
    """
    tally = load_campaign(50, 30.0 * scale, 10.0 * scale)
    with_reports = load_campaign(50, 15.0 * scale, 5.0 * scale, stall=False, dlr=True)
    tally.rows += [
        dataclasses.replace(row, case=f"with a dlr_url each: {row.case}")
        for row in with_reports.rows
    ]
    dlr_memory_check(tally)
    return tally
