"""How our client compares with Messente's own SDK and with raw httpx, in one run.

Run with ``make bench``: it installs the built package and ``messente-api`` into a venv of their
own (``build/bench-venv``, nothing else in it) and runs this script there, so every figure is
for the installed package, with the imports a user gets. It prints one Markdown table of
medians and ratios, then one line per target saying whether it was met.

Every send goes to the same peer: a fixed-response HTTP/1.1 keep-alive server in its own
process (``_peer.py``), which answers each ``POST`` with ``201`` and one ``OmnimessageCreated``
body, after 20 ms for the throughput row. Three columns:

- ours: ``messente_omnichannel`` (its builders, ``Omnichannel`` and ``AsyncOmnichannel``);
- Messente SDK: ``messente_api`` 2.7.0 (pydantic models, ``OmnimessageApi`` over urllib3);
- raw httpx: ``httpx.Client``/``AsyncClient.post`` of the same bytes with the same headers,
  then ``response.json()``: the floor any httpx-based client stands on.

Rows:

1. ``import`` in a fresh process, timed inside the child around the import statement.
2. Build the WhatsApp template + Viber + SMS omnimessage and prepare its request bytes
   (ours: builders + ``prepare_omnimessage``, which validates against the spec and encodes;
   Messente: pydantic models + ``sanitize_for_serialization`` + ``json.dumps``, as its send
   path does). No network.
3. One sync send of a one-channel SMS omnimessage on loopback. Every column builds its message
   (or bytes) once, outside the timed region; the timed call is the send and its parsing.
4. The same send from one event loop, awaited one after another (Messente has no async), on
   ours' default transport and (4b) on the other one ours can use, each against raw httpx on
   the same kind of transport (see ``_async.py``).
5. A fresh process's first send: from right after the import to the send's return, including
   building the message, constructing the client and whatever is loaded on first use.
6. One client created cold (no send before), shared by 16 threads x 50 sends, against 1 thread x
   800 sends, each in a fresh process: the process's peak RSS, the Python memory traced during
   the sends (tracemalloc, a run of its own), and sends/s (from the run without tracemalloc).
7. Throughput against the 20 ms peer: up to 2,000 sends, ours and raw httpx async with 64 in
   flight (per transport, as in row 4), Messente from 16 threads.

In-process rows warm each case up, then interleave the cases in rounds (rotating their order)
and report the median of per-call ``perf_counter_ns`` samples. A failing case prints a short
``error: ...`` in its cell, and its full text below the table. The runs of rows 6 and 7 stop
after ``--budget`` seconds (noted below the table when they do), so a slow client or a loaded
machine cannot stretch the whole. ``--json PATH`` also writes the figures; ``--profile N`` then
profiles N of ours' sync sends. Outside make: ``python -m benchmarks.bench_client`` from the
repo root, with the bench venv's python.
"""

import argparse
import asyncio
import cProfile
import importlib.metadata
import importlib.util
import io
import json
import os
import platform
import pstats
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from benchmarks._async import AsyncFigures, async_rows
from benchmarks._columns import (
    messente,
    messente_prepare,
    ours,
    ours_prepare,
    raw_sync_send,
    sms_body,
    transport_name,
)
from benchmarks._fresh import import_and_first_send, shared_client
from benchmarks._message import (
    PASSWORD,
    USERNAME,
    messente_api_client,
    messente_sms,
    messente_three_channels,
    ours_sms,
    ours_three_channels,
)
from benchmarks._table import Row, Target, as_json, table, target_lines
from benchmarks._timing import Cell, attempt, error_text, interleave

PEER = Path(__file__).with_name("_peer.py")
# Besides these and what the two SDKs require, a clean bench venv holds nothing: a dev tool
# (rich, click) can change what httpx imports, and so every figure.
BASE_DISTS = {"pip"}


@dataclass
class Run:
    """What the rows found beside their figures."""

    notes: list[str] = field(default_factory=list)
    transports: dict[str, str] = field(default_factory=dict)


# --- in-process rows --------------------------------------------------------------------------


def build_and_prepare(run: Run, rounds: int, per_round: int) -> dict[str, Cell]:
    """Measure row 2: build the three-channel omnimessage and prepare its bytes.

    Args:
        run: Where notes go.
        rounds: Rounds of :func:`interleave`.
        per_round: Calls per case per round.

    Returns:
        Median microseconds per column (raw httpx has no models: ``None``).
    """

    def setup_ours() -> Callable[[], bytes]:
        m = ours()
        prepare, note = ours_prepare()
        if note:
            run.notes.append(note)
        return lambda: prepare(ours_three_channels(m))

    def setup_messente() -> Callable[[], bytes]:
        api = messente()
        prepare = messente_prepare(api)
        return lambda: prepare(messente_three_channels(api))

    cases: dict[str, Callable[[], object] | str] = {
        "ours": attempt(setup_ours),
        "messente": attempt(setup_messente),
    }
    bodies = [attempt(call) for call in cases.values() if not isinstance(call, str)]
    if len(bodies) == 2 and all(isinstance(b, bytes) for b in bodies):
        ours_body, messente_body = (json.loads(b) for b in bodies)
        if ours_body != messente_body:
            run.notes.append(f"row 2 bodies differ: ours {ours_body} vs Messente {messente_body}")
    results = interleave(cases, rounds, per_round, warmup=200)
    results["httpx"] = None
    return results


def sync_send(run: Run, base_url: str, rounds: int, per_round: int) -> dict[str, Cell]:
    """Measure row 3: one sync send round trip, message built outside the timed region.

    Args:
        run: Where the transports go.
        base_url: The peer's base URL.
        rounds: Rounds of :func:`interleave`.
        per_round: Sends per case per round.

    Returns:
        Median microseconds per send, per column.
    """
    closers: list[Callable[[], object]] = []

    def setup_ours() -> Callable[[], object]:
        m = ours()
        client = m.Omnichannel(USERNAME, PASSWORD, base_url=base_url)
        closers.append(client.close)
        run.transports["ours sync"] = transport_name(client)
        message = ours_sms(m)
        return lambda: client.send(message)

    def setup_messente() -> Callable[[], object]:
        api = messente()
        omni = messente_api_client(api, base_url)
        om = messente_sms(api)
        return lambda: omni.send_omnimessage(om)

    def setup_raw() -> Callable[[], object]:
        client = httpx.Client()
        closers.append(client.close)
        run.transports["raw httpx sync"] = transport_name(client)
        url, body = base_url + "/omnimessage", sms_body()
        return lambda: raw_sync_send(client, url, body)

    cases: dict[str, Callable[[], object] | str] = {
        "ours": attempt(setup_ours),
        "messente": attempt(setup_messente),
        "httpx": attempt(setup_raw),
    }
    try:
        return interleave(cases, rounds, per_round, warmup=200)
    finally:
        for close in closers:
            attempt(close)


def profile_ours(base_url: str, sends: int) -> str:
    """Profile ours' sync send, to see where its time goes.

    Args:
        base_url: The peer's base URL.
        sends: How many sends to profile (after 100 untimed ones).

    Returns:
        The top of the profile by own time and by cumulative time, or the error.
    """
    try:
        m = ours()
        message = ours_sms(m)
        with m.Omnichannel(USERNAME, PASSWORD, base_url=base_url) as client:
            for _ in range(100):
                client.send(message)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(sends):
                client.send(message)
            profiler.disable()
    except Exception as exc:
        return f"profile of ours' sync send: {error_text(exc)}"
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(25)
    return f"profile of {sends} of ours' sync sends:\n{out.getvalue()}"


# --- the run ----------------------------------------------------------------------------------


@contextmanager
def peer(notes: list[str]) -> Iterator[int]:
    """Run the fixed-response peer in its own process.

    Args:
        notes: Where what it served is reported when it stops.

    Yields:
        Its port on 127.0.0.1.
    """
    process = subprocess.Popen(  # noqa: S603 - this interpreter, the script beside this file
        [sys.executable, "-E", "-s", str(PEER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    if process.stdin is None or process.stdout is None:
        raise RuntimeError("the peer's pipes were not opened")
    try:
        yield int(process.stdout.readline())
    finally:
        process.stdin.close()  # the peer stops when its stdin closes
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        served = process.stdout.read().split()
        if len(served) == 2:
            notes.append(f"peer: answered {served[0]} requests on {served[1]} connections")


def _dist_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def environment(pins: Path | None) -> tuple[dict[str, str], list[str]]:
    """List the interpreter's distributions, and what among them would skew the figures.

    Args:
        pins: The constraints file the bench venv was installed with, if any.

    Returns:
        Distribution name to version, and notes on unexpected or unpinned ones.
    """
    dists = {_dist_name(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    notes: list[str] = []
    needed = set(BASE_DISTS)
    stack: list[str] = []
    for root in ("messente-omnichannel", "messente-api"):
        if root in dists:
            stack.append(root)
        else:
            notes.append(f"{root} is not installed here")
    while stack:
        name = stack.pop()
        if name in needed or name not in dists:
            continue
        needed.add(name)
        # Extras count too: what of them is installed was asked for (ours' aiohttp).
        for req in importlib.metadata.requires(name) or []:
            stack.append(_dist_name(re.split(r"[ ;<>=!~\[(]", req, maxsplit=1)[0]))
    spec = importlib.util.find_spec("messente_omnichannel")
    where = Path(spec.origin).resolve() if spec and spec.origin else None
    if where is not None and Path(sys.prefix).resolve() not in where.parents:
        notes.append(f"ours is imported from {where.parent}, not from an installed package")
    extra = sorted(set(dists) - needed)
    if extra:
        shown = ", ".join(extra[:8]) + (" ..." if len(extra) > 8 else "")
        notes.append(f"not a clean bench venv (`make bench` makes one): also installed {shown}")
    if pins is not None and pins.is_file():
        pinned = {}
        for line in pins.read_text().splitlines():
            name, sep, version = line.strip().partition("==")
            if sep:
                pinned[_dist_name(name)] = version
        loose = [
            f"{n}=={v}"
            for n, v in sorted(dists.items())
            if pinned.get(n) != v and n not in ("messente-omnichannel", "pip")
        ]
        if loose:
            notes.append("installed but not pinned in mk/bench.mk: " + ", ".join(loose))
    return dists, notes


def build_rows(args: argparse.Namespace, port: int, run: Run) -> list[Row]:
    """Measure every row against the peer.

    Args:
        args: The command line.
        port: The peer's port.
        run: Where notes and transports go.

    Returns:
        The table's rows.
    """
    base_url = f"http://127.0.0.1:{port}/v1"
    slow_url = f"http://127.0.0.1:{port}/delay/20/v1"
    rounds, per_round = 10, max(1, round(200 * args.scale))

    started = time.monotonic()

    def step(name: str) -> None:
        print(f"... {time.monotonic() - started:5.1f} s: {name}", file=sys.stderr, flush=True)

    step("fresh processes: import and first send")
    imports, firsts = import_and_first_send(base_url, max(3, round(11 * args.scale)))
    step("build + prepare")
    built = build_and_prepare(run, rounds, per_round)
    step("sync send")
    sync = sync_send(run, base_url, rounds, per_round)
    step("threads sharing one cold client")
    per_thread = max(1, round(50 * args.scale))
    shapes = {"1": (1, 16 * per_thread), "16": (16, per_thread)}
    shared = shared_client(base_url, args.budget, run.notes, shapes)
    step("async: sequential, then 64 in flight against the 20 ms peer")
    total = 0 if args.no_throughput else max(200, round(2000 * args.scale))
    in_loop = asyncio.run(async_rows(base_url, slow_url, rounds, per_round, total, args.budget))
    run.transports.update(in_loop.transports)
    run.notes += in_loop.notes
    step("done")

    n = f"{rounds * per_round:,}"
    rows = [
        Row(
            "1. `import` in a fresh process",
            "ms",
            imports,
            [Target("messente", 0.3, "<= 0.3x Messente"), Target("httpx", 1.6, "<= 1.6x httpx")],
        ),
        Row(
            f"2. build + prepare WhatsApp+Viber+SMS body, no network (median of {n})",
            "us",
            built,
            [Target("messente", 0.5, "<= 0.5x Messente")],
        ),
        Row(
            f"3. one sync send, SMS built beforehand (median of {n})",
            "us",
            sync,
            [
                Target("messente", 1.0, "<= 1.0x Messente"),
                Target("httpx", 1.10, "<= 1.10x httpx"),
            ],
        ),
        *async_sequential_rows(in_loop, n),
        Row(
            "5. first send of a fresh process, after the import",
            "ms",
            firsts,
            [Target("self", 20.0, "ours <= 20 ms")],
        ),
        *shared_client_rows(shared, shapes),
        *async_in_flight_rows(in_loop, total),
    ]
    return rows


def _transport_words(kind: str, default: bool) -> str:
    if kind == "aiohttp":
        return "on httpx-aiohttp's transport (ours' default with its aiohttp extra)"
    return "on httpx's own transport" + ("" if default else " (ours without the aiohttp extra)")


def async_sequential_rows(figures: AsyncFigures, n: str) -> list[Row]:
    """Rows 4 and 4b: one async send at a time, per kind of transport, ours' default first.

    Args:
        figures: What the async rows measured.
        n: How many sends each median is of.

    Returns:
        The rows.
    """
    return [
        Row(
            f"4{'b' * i}. one async send {_transport_words(kind, i == 0)} (median of {n})",
            "us",
            cells,
            [Target("httpx", 1.10, "<= 1.10x raw httpx, same transport")],
        )
        for i, (kind, cells) in enumerate(figures.sequential.items())
    ]


def async_in_flight_rows(figures: AsyncFigures, total: int) -> list[Row]:
    """Rows 7 and 7b: throughput against the 20 ms peer, per kind of transport.

    Args:
        figures: What the async rows measured.
        total: Sends per column at most.

    Returns:
        The rows (none when row 7 was skipped).
    """
    rows = []
    for i, (kind, cells) in enumerate(figures.in_flight.items()):
        if i == 0:
            cells = {**cells, "messente": figures.messente}
        label = (
            f"7{'b' * i}. {total:,} sends to a 20 ms peer, 64 in flight "
            f"{_transport_words(kind, i == 0)}" + ("; Messente from 16 threads" if i == 0 else "")
        )
        rows.append(Row(label, "sends/s", cells))
    return rows


def shared_client_rows(
    shared: dict[str, dict[str, Cell]], shapes: dict[str, tuple[int, int]]
) -> list[Row]:
    """Rows 6a-6h: one cold client shared by 16 threads, against 1 thread.

    The target is on the process's peak RSS: a client whose first use loads the spec once
    per racing thread, instead of once, shows there as tens of MiB. The traced peak counts only
    what the sends allocate, so its ratio also grows with every connection the pool opens for
    the threads (raw httpx's does too): it is shown, without a target.

    Args:
        shared: What :func:`shared_client` measured.
        shapes: Shape name to (threads, sends per thread).

    Returns:
        The rows.
    """

    def ratio(name: str) -> dict[str, Cell]:
        cells: dict[str, Cell] = {}
        for kind in ("ours", "messente", "httpx"):
            one, many = shared[f"{name}1"].get(kind), shared[f"{name}16"].get(kind)
            if isinstance(one, float) and isinstance(many, float) and one > 0:
                cells[kind] = many / one
            else:
                cells[kind] = next((c for c in (many, one) if isinstance(c, str)), None)
        return cells

    (_, one_per), (many_threads, many_per) = shapes["1"], shapes["16"]
    one, many = f"1 thread x {one_per}", f"{many_threads} threads x {many_per}"
    return [
        Row(f"6a. peak RSS of a process sending {one}, cold client", "MiB", shared["rss1"]),
        Row(f"6b. peak RSS, {many} through one cold client", "MiB", shared["rss16"]),
        Row(
            f"6c. peak RSS, {many_threads} threads / 1 thread",
            "x",
            ratio("rss"),
            [Target("self", 1.10, "ours <= 1.10x (within 10 %)")],
            ratios=False,
        ),
        Row(f"6d. Python memory traced during {one} sends", "MiB", shared["traced1"]),
        Row(f"6e. Python memory traced during {many} sends", "MiB", shared["traced16"]),
        Row(f"6f. traced, {many_threads} threads / 1 thread", "x", ratio("traced"), ratios=False),
        Row(f"6g. {one} sends, cold client", "sends/s", shared["rate1"]),
        Row(f"6h. {many} sends, one cold client", "sends/s", shared["rate16"]),
    ]


def main() -> None:
    """Run every measurement against one peer and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply the iteration counts (0.1 to try)"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=5.0,
        help="seconds after which one run of rows 6 and 7 stops sending (default 5)",
    )
    parser.add_argument("--no-throughput", action="store_true", help="skip rows 7 and 7b")
    parser.add_argument("--profile", type=int, metavar="N", help="profile N of ours' sync sends")
    parser.add_argument("--pins", type=Path, help="the constraints the bench venv was made with")
    args = parser.parse_args()

    dists, notes = environment(args.pins)
    run = Run(notes=notes)
    load_before = os.getloadavg()[0]
    profile = ""
    with peer(run.notes) as port:
        rows = build_rows(args, port, run)
        if args.profile:
            profile = profile_ours(f"http://127.0.0.1:{port}/v1", args.profile)
    load_after = os.getloadavg()[0]

    names = ("messente-omnichannel", "messente-api", "httpx", "httpcore", "pydantic", "urllib3")
    versions = ", ".join(f"{n} {dists[n]}" for n in names if n in dists)
    print(
        f"python {platform.python_version()} in {sys.prefix}; {os.cpu_count()} cores, "
        f"load average {load_before:.1f} before and {load_after:.1f} after; {versions}"
    )
    print("transports: " + ", ".join(f"{k} {v}" for k, v in run.transports.items()))
    print()
    print(table(rows))
    print()
    print("\n".join(target_lines(rows)))
    errors = {c for row in rows for c in row.cells.values() if isinstance(c, str) and len(c) > 60}
    for note in [*run.notes, *sorted(errors)]:
        print(f"note: {note}")
    if profile:
        print()
        print(profile)
    if args.json:
        report = {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": [load_before, load_after],
            "packages": dists,
            "transports": run.transports,
            "notes": run.notes,
            "figures": [as_json(row) for row in rows],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
