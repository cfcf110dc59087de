"""Campaigns: ``send_many`` beside Messente's SDK in a loop, in thread pools and in bulk.

Run by ``make bench`` after ``bench_client.py``, in the same venv (``build/bench-venv``: the
built package and ``messente-api`` 2.7.0, all pinned).
Every case runs alone in a fresh process (``_campaign_child.py``), so the peak RSS it reports
is that case's own; the figures are omnimessages accepted per second, from the first send to
the last result, with the client already built (the campaign's connections, threads and lazy
imports included). Every omnimessage is one SMS, built as it is sent (a recipient of its own,
bench_client's text and sender), by each library's own models.

Against the benchmark peer (``_peer.py``) answering each request after 20 ms, 10,000
omnimessages per case:

1. ours' ``send_many(bulk=False)`` (one ``POST /omnimessage`` each; sync and async client, at
   their defaults) against Messente's SDK in a plain loop of ``send_omnimessage``, cut short
   after ``--loop-budget`` seconds (its rate is what counts);
2. the same against the SDK's best thread pool of single sends (16 and 64 threads sharing one
   client, both measured, ``pool.map`` as users write it);
3. the peak RSS of those processes;
4. ours' ``send_many(bulk=True)`` (batches of 50) against the SDK sending the same batches of 50
   through ``BulkMessagingApi.send_bulk_omnimessage`` from 16 threads;
5. ours with a ``SqliteJournal`` (in a temporary directory) against ours without, per message
   and batched, each pair run in turns (2 and 3 times: see :data:`REPEATED`), medians compared;
   rows 1, 2 and 4 use the same medians.

Then 6: both modes on the in-process sandbox (no network, the sandbox checks every request
against the spec; run by ``--sandbox-python``, an interpreter with the ``sandbox`` extra,
which the bench venv lacks on purpose: see ``mk/bench.mk``), and 7: a lazily generated
source of 1,000,000 omnimessages through ``send_many(bulk=True)`` on an
``httpx.MockTransport`` answering at once, its VmRSS sampled as results stream (the first and
the last 10 % of the run compared). ``--scale`` shrinks every count; row 7 stops after
``--million-budget`` seconds (90 by default: about 6,000 omnimessages per second on a 2-core
machine, so a run there does not reach the end; the row says how far it got). A row that
misses a rate target gets a cProfile of ours' case (3,000 omnimessages), printed below the
table: of the async client, since the sync one runs its campaign in a thread of its own, which
cProfile does not see (the engine is the same). ``--no-profile`` skips them.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from benchmarks._campaign_child import Case
from benchmarks._fresh import run_child
from benchmarks._table import Row, Target, as_json, table, target_lines, verdicts
from benchmarks._timing import Cell, error_text
from benchmarks.bench_client import environment, peer

BOOT = "import sys; from benchmarks._campaign_child import main; main(sys.argv[1:])"
HEADERS = (("ours", "ours", ""), ("against", "compared with", "ours/that"))
COLUMNS = ("ours", "against")
EDGE = 0.10
"""The share of row 7's results at each end whose RSS is compared."""
PROFILED = 3_000
"""Omnimessages sent under the profiler, at most (it slows a send several times over)."""


@dataclass
class Measured:
    """One case's figures, or its error text in each."""

    rate: Cell
    rss: Cell
    report: dict[str, Any] = field(default_factory=dict)


def measure(name: str, case: Case, notes: list[str], python: str = sys.executable) -> Measured:
    """Run one case in a fresh process.

    Args:
        name: The case's name, for notes.
        case: The case.
        notes: Where errors and runs cut short go.
        python: The interpreter.

    Returns:
        Omnimessages accepted per second and the peak RSS in MiB.
    """
    try:
        out = run_child(
            json.dumps(asdict(case)), timeout=case.budget + 180, boot=BOOT, python=python
        )
        report: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    except Exception as exc:
        text = error_text(exc)
        return Measured(text, text)
    if report["errors"]:
        notes.append(f"{name}: {report['total'] - report['sent']} not sent, first errors: ")
        notes[-1] += "; ".join(report["errors"])
    if report["total"] < case.count:
        notes.append(f"{name}: stopped by its budget after {report['total']:,} of {case.count:,}")
    if not report["sent"]:
        text = f"error: nothing sent ({report['errors'][0] if report['errors'] else 'no error'})"
        return Measured(text, text, report)
    return Measured(report["sent"] / (report["ns"] / 1e9), report["peak_rss_kib"] / 1024, report)


def edges(samples: list[list[int]], total: int) -> tuple[Cell, Cell]:
    """Return the highest VmRSS in the first and in the last :data:`EDGE` of a run, in MiB.

    Args:
        samples: ``[results so far, VmRSS KiB]`` pairs, in order.
        total: Results of the run.

    Returns:
        The two figures (``None`` where no sample fell).
    """
    first = [kib for seen, kib in samples if seen <= EDGE * total]
    last = [kib for seen, kib in samples if seen > (1 - EDGE) * total]
    return (max(first) / 1024 if first else None, max(last) / 1024 if last else None)


@dataclass
class Plan:
    """The counts and budgets of one run, scaled."""

    count: int
    sandbox: int
    million: int
    loop_budget: float
    budget: float
    million_budget: float

    @classmethod
    def scaled(cls, args: argparse.Namespace) -> "Plan":
        """Scale the counts of the command line.

        Args:
            args: The command line.

        Returns:
            The plan.
        """
        s = args.scale
        return cls(
            count=max(200, round(10_000 * s)),
            sandbox=max(100, round(5_000 * s)),
            million=max(1_000, round(1_000_000 * s)),
            loop_budget=max(2.0, args.loop_budget * min(1.0, s)),
            budget=args.budget,
            million_budget=args.million_budget,
        )


def cases(plan: Plan, slow_url: str) -> dict[str, Case]:
    """Every case, in the order they run (Messente's and ours alternating).

    Args:
        plan: The counts.
        slow_url: The peer's base URL whose answers come after 20 ms.

    Returns:
        Case name to case.
    """
    n, budget = plan.count, plan.budget
    ours = Case("ours", n, slow_url, budget)
    sandbox = replace(ours, count=plan.sandbox, url="sandbox")
    return {
        "Messente loop": Case("messente-loop", n, slow_url, plan.loop_budget),
        "ours sync": ours,
        "ours sync journal": replace(ours, journal=True),
        "Messente pool 16": Case("messente-pool", n, slow_url, budget, threads=16),
        "ours async": replace(ours, client="async"),
        "Messente pool 64": Case("messente-pool", n, slow_url, budget, threads=64),
        "Messente bulk 16": Case("messente-bulk", n, slow_url, budget, threads=16),
        "ours sync bulk": replace(ours, bulk=True),
        "ours sync bulk journal": replace(ours, bulk=True, journal=True),
        "ours async bulk": replace(ours, client="async", bulk=True),
        "sandbox sync": sandbox,
        "sandbox sync bulk": replace(sandbox, bulk=True),
        "sandbox async": replace(sandbox, client="async"),
        "sandbox async bulk": replace(sandbox, client="async", bulk=True),
        "million": Case(
            "ours",
            plan.million,
            "null",
            plan.million_budget,
            client="async",
            bulk=True,
            sample_rss=True,
        ),
    }


REPEATED = (("ours sync", "ours sync journal", 2), ("ours sync bulk", "ours sync bulk journal", 3))
"""Row 5's pairs (journal off, on), run in turns this many times: the figure is the median."""


def schedule(planned: dict[str, Case]) -> list[str]:
    """Return the order the cases run in: row 5's pairs taking turns, the rest once.

    Args:
        planned: The cases, in their order.

    Returns:
        Case names, some more than once.
    """
    order: list[str] = []
    for name in planned:
        pair = next((p for p in REPEATED if name in p[:2]), None)
        if pair is None:
            order.append(name)
        elif name == pair[0]:
            order += [pair[0], pair[1]] * pair[2]
    return order


def combined(runs: list[Measured]) -> Measured:
    """Combine the runs of one case: the median rate, the highest peak RSS.

    Args:
        runs: Its runs, at least one.

    Returns:
        One figure; the first error text if any run failed.
    """
    failed = next((r for r in runs if isinstance(r.rate, str)), None)
    if failed is not None or len(runs) == 1:
        return failed or runs[0]
    rates = [r.rate for r in runs if isinstance(r.rate, float)]
    rss = [r.rss for r in runs if isinstance(r.rss, float)]
    report = {**runs[-1].report, "runs": [r.rate for r in runs]}
    return Measured(statistics.median(rates), max(rss) if rss else None, report)


def _pair(ours: Cell, against: Cell) -> dict[str, Cell]:
    return {"ours": ours, "against": against}


def build_rows(plan: Plan, got: dict[str, Measured]) -> tuple[list[Row], dict[str, str]]:
    """Turn the measured cases into the table's rows.

    Args:
        plan: The counts.
        got: Case name to its figures.

    Returns:
        The rows, and for each row with a rate target, the ours case behind it.
    """
    pools = {k: got[k] for k in ("Messente pool 16", "Messente pool 64")}
    rated = {k: v.rate for k, v in pools.items() if isinstance(v.rate, float)}
    best_name = max(rated, key=lambda k: rated[k]) if rated else "Messente pool 64"
    best = pools[best_name]
    threads = best_name.rsplit(" ", 1)[1]
    n = f"{plan.count:,}"
    peer = f"{n} SMS to a 20 ms peer"
    at_least = {
        25.0: Target("against", 25.0, ">= 25x", at_least=True),
        3.0: Target("against", 3.0, ">= 3x", at_least=True),
        2.0: Target("against", 2.0, ">= 2x", at_least=True),
        0.85: Target("against", 0.85, "within 15 % (>= 0.85x)", at_least=True),
    }
    loop_s = f"{plan.loop_budget:g} s of"
    rows = [
        Row(
            f"1. {peer}, one request each: send_many(bulk=False), sync client, 64 in flight; "
            f"Messente SDK: a plain loop of send_omnimessage ({loop_s} it)",
            "msgs/s",
            _pair(got["ours sync"].rate, got["Messente loop"].rate),
            [at_least[25.0]],
        ),
        Row(
            "1b. the same, async client",
            "msgs/s",
            _pair(got["ours async"].rate, got["Messente loop"].rate),
            [at_least[25.0]],
        ),
        Row(
            f"2. {peer}, one request each: sync client; Messente SDK: its best thread pool "
            f"of single sends ({threads} threads)",
            "msgs/s",
            _pair(got["ours sync"].rate, best.rate),
            [at_least[3.0]],
        ),
        Row(
            "2b. the same, async client",
            "msgs/s",
            _pair(got["ours async"].rate, best.rate),
            [at_least[3.0]],
        ),
        Row(
            "2c. Messente SDK's thread pool of single sends, 16 threads",
            "msgs/s",
            _pair(None, got["Messente pool 16"].rate),
        ),
        Row(
            "2d. Messente SDK's thread pool of single sends, 64 threads",
            "msgs/s",
            _pair(None, got["Messente pool 64"].rate),
        ),
        Row(
            f"3. peak RSS of the process (fresh, one case each): rows 2's sync client; "
            f"Messente's {threads}-thread pool",
            "MiB",
            _pair(got["ours sync"].rss, best.rss),
            [Target("against", 1.0, "<= 1.0x")],
        ),
        Row(
            "3b. the same, async client",
            "MiB",
            _pair(got["ours async"].rss, best.rss),
            [Target("against", 1.0, "<= 1.0x")],
        ),
        Row(
            f"4. {peer} in batches of 50: send_many(bulk=True), sync client, 8 in flight; "
            "Messente SDK: send_bulk_omnimessage from 16 threads",
            "msgs/s",
            _pair(got["ours sync bulk"].rate, got["Messente bulk 16"].rate),
            [at_least[2.0]],
        ),
        Row(
            "4b. the same, async client",
            "msgs/s",
            _pair(got["ours async bulk"].rate, got["Messente bulk 16"].rate),
            [at_least[2.0]],
        ),
        Row(
            f"5. {peer}, sync client, bulk=False: with a SqliteJournal; without (row 1); "
            "median of 2 runs each, in turns",
            "msgs/s",
            _pair(got["ours sync journal"].rate, got["ours sync"].rate),
            [at_least[0.85]],
        ),
        Row(
            "5b. the same, bulk=True: with a SqliteJournal; without (row 4); median of 3 runs each",
            "msgs/s",
            _pair(got["ours sync bulk journal"].rate, got["ours sync bulk"].rate),
            [at_least[0.85]],
        ),
        Row(
            f"6. {plan.sandbox:,} SMS to the in-process sandbox, sync client: bulk=True; "
            "bulk=False",
            "msgs/s",
            _pair(got["sandbox sync bulk"].rate, got["sandbox sync"].rate),
        ),
        Row(
            "6b. the same, async client",
            "msgs/s",
            _pair(got["sandbox async bulk"].rate, got["sandbox async"].rate),
        ),
    ]
    million = got["million"]
    first, last = edges(million.report.get("rss", []), million.report.get("total", 0))
    if isinstance(million.rss, str):
        first = last = million.rss
    total = million.report.get("total", plan.million)
    rows += [
        Row(
            f"7. {total:,} lazily generated SMS, bulk=True, async client, null transport: "
            f"VmRSS, highest in the last {EDGE:.0%} of results; in the first {EDGE:.0%}",
            "MiB",
            _pair(last, first),
            [Target("against", 1.05, "flat: <= 1.05x")],
        ),
        Row("7b. the same run's rate", "msgs/s", _pair(million.rate, None)),
    ]
    behind = {
        "1": "ours sync",
        "1b": "ours async",
        "2": "ours sync",
        "2b": "ours async",
        "4": "ours sync bulk",
        "4b": "ours async bulk",
        "5": "ours sync journal",
        "5b": "ours sync bulk journal",
    }
    return rows, behind


def profiles(rows: list[Row], behind: dict[str, str], plan: Plan, slow_url: str) -> list[str]:
    """Profile ours' case behind each rate target missed (each case once).

    Args:
        rows: The rows, targets checked.
        behind: Row number to the ours case behind it.
        plan: The counts.
        slow_url: The peer's delayed base URL.

    Returns:
        One text per case profiled.
    """
    missed = []
    for row in rows:
        name = behind.get(row.number)
        checked = [ok for _, _, ok in verdicts(row)]
        if name and False in checked and name not in missed:
            missed.append(name)
    out = []
    for name in missed:
        case = cases(plan, slow_url)[name]
        case = replace(case, count=min(case.count, PROFILED), client="async", profile=True)
        try:
            report = json.loads(run_child(json.dumps(asdict(case)), boot=BOOT).splitlines()[-1])
        except Exception as exc:
            out.append(f"profile of {name}: {error_text(exc)}")
            continue
        rate = report["sent"] / (report["ns"] / 1e9) if report["ns"] else 0.0
        out.append(
            f"profile of {name} (run as the async client, {report['sent']:,} sent, "
            f"{rate:,.0f} msgs/s under the profiler):\n{report['profile']}"
        )
    return out


def main() -> None:
    """Run every case and print the table, the targets and the profiles of the misses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every count (0.1)")
    parser.add_argument(
        "--loop-budget",
        type=float,
        default=15.0,
        help="seconds of Messente's plain loop (default 15; its rate is what counts)",
    )
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds at most per other case (default 60)"
    )
    parser.add_argument(
        "--million-budget",
        type=float,
        default=90.0,
        help="seconds at most for row 7 (default 90)",
    )
    parser.add_argument("--no-profile", action="store_true", help="profile no missed target")
    parser.add_argument(
        "--sandbox-python",
        default=sys.executable,
        help="an interpreter with the sandbox extra, for row 6 (make bench passes .venv's)",
    )
    parser.add_argument("--pins", type=Path, help="the constraints the bench venv was made with")
    args = parser.parse_args()

    dists, notes = environment(args.pins)
    plan = Plan.scaled(args)
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    runs: dict[str, list[Measured]] = {}
    with peer(notes) as port:
        slow_url = f"http://127.0.0.1:{port}/delay/20/v1"
        planned = cases(plan, slow_url)
        for name in schedule(planned):
            print(f"... {time.monotonic() - started:5.1f} s: {name}", file=sys.stderr, flush=True)
            case = planned[name]
            python = args.sandbox_python if case.url == "sandbox" else sys.executable
            runs.setdefault(name, []).append(measure(name, case, notes, python))
        got = {name: combined(measured) for name, measured in runs.items()}
        rows, behind = build_rows(plan, got)
        load_after = os.getloadavg()[0]
        texts = [] if args.no_profile else profiles(rows, behind, plan, slow_url)

    names = ("messente-omnichannel", "messente-api", "httpx", "aiohttp", "pydantic", "urllib3")
    versions = ", ".join(f"{n} {dists[n]}" for n in names if n in dists)
    print(
        f"python {platform.python_version()} in {sys.prefix}; {os.cpu_count()} cores, "
        f"load average {load_before:.1f} before and {load_after:.1f} after; {versions}"
    )
    print()
    print(table(rows, HEADERS))
    print()
    print("\n".join(target_lines(rows)))
    errors = {c for row in rows for c in row.cells.values() if isinstance(c, str) and len(c) > 60}
    for note in [*notes, *sorted(errors)]:
        print(f"note: {note}")
    for text in texts:
        print()
        print(text)
    if args.json:
        rss = got["million"].report.get("rss", [])
        report = {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": [load_before, load_after],
            "packages": dists,
            "notes": notes,
            "figures": [as_json(row, COLUMNS) for row in rows],
            "cases": {
                name: {
                    "case": asdict(case),
                    "rate": got[name].rate,
                    "peak_rss_mib": got[name].rss,
                    **{k: v for k, v in got[name].report.items() if k not in ("rss", "profile")},
                }
                for name, case in cases(plan, "").items()
            },
            "million_rss_kib": rss,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
