"""Rows measured in fresh processes (``_child.py``): import, first send, threads on a cold client.

Children run with ``-E -s`` (no ``PYTHON*`` variables, no user site), so they see only this
venv and the repo root (for ``benchmarks._child``), and start through ``-c``: ``-m`` would
import runpy, contextlib and importlib.util before the timed import.
"""

import json
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks._table import COLUMNS
from benchmarks._timing import Cell, error_text, rotated

ROOT = Path(__file__).resolve().parents[1]
BOOT = "import sys; from benchmarks._child import main; main(sys.argv[1:])"


def run_child(
    *args: str, timeout: float = 120, boot: str = BOOT, python: str = sys.executable
) -> str:
    """Run ``_child.py`` in a fresh interpreter of this venv.

    Args:
        *args: Its arguments.
        timeout: Seconds before it is killed.
        boot: The code the interpreter runs (another module's ``main(sys.argv[1:])``).
        python: The interpreter (another venv's, for what this one lacks).

    Returns:
        Its stdout.

    Raises:
        RuntimeError: It failed; the message is the last line of its stderr.
    """
    result = subprocess.run(  # noqa: S603 - this interpreter, code of this directory
        [python, "-E", "-s", "-c", boot, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or [f"exit {result.returncode}"]
        raise RuntimeError(lines[-1])
    return result.stdout


def import_and_first_send(base_url: str, runs: int) -> tuple[dict[str, Cell], dict[str, Cell]]:
    """Measure rows 1 and 5 from the same fresh processes, columns taking turns.

    Args:
        base_url: The peer's base URL.
        runs: Fresh processes per column, after one untimed run that warms the file cache.

    Returns:
        Median milliseconds of the import, and of the first send after it, per column.
    """
    imports: dict[str, list[float]] = {k: [] for k in COLUMNS}
    firsts: dict[str, list[float]] = {k: [] for k in COLUMNS}
    errors: dict[str, str] = {}
    for r in range(runs + 1):
        for kind in rotated(list(COLUMNS), r):
            if kind in errors:
                continue
            try:
                import_ns, first_ns = run_child("first-send", kind, base_url).split()
            except Exception as exc:
                errors[kind] = error_text(exc)
                continue
            if r:
                imports[kind].append(int(import_ns) / 1e6)
                firsts[kind].append(int(first_ns) / 1e6)

    def medians(samples: dict[str, list[float]]) -> dict[str, Cell]:
        return {k: errors.get(k) or statistics.median(v) for k, v in samples.items()}

    return medians(imports), medians(firsts)


def shared_client(
    base_url: str, budget: float, notes: list[str], shapes: dict[str, tuple[int, int]]
) -> dict[str, dict[str, Cell]]:
    """Measure row 6: one cold client shared by many threads, against one thread.

    Each shape runs twice per column, in fresh processes: traced (the peak of Python memory
    during the sends) and not (the rate, and the process's peak RSS).

    Args:
        base_url: The peer's base URL.
        budget: Seconds after which a child's threads stop sending.
        notes: Where runs cut short by the budget are reported.
        shapes: Shape name to (threads, sends per thread).

    Returns:
        ``traced<shape>``, ``rss<shape>`` and ``rate<shape>`` to their cells (MiB, MiB,
        sends/s).
    """
    out: dict[str, dict[str, Cell]] = {
        f"{name}{shape}": {} for name in ("traced", "rss", "rate") for shape in shapes
    }
    for kind in COLUMNS:
        for shape, (threads, per) in shapes.items():
            for trace in ("0", "1"):
                args = (kind, str(threads), str(per), base_url, trace, str(budget))
                try:
                    report = json.loads(run_child("threads", *args))
                    if report["errors"]:
                        raise RuntimeError(report["errors"][0])
                except Exception as exc:
                    for name in ("traced", "rss", "rate"):
                        out[f"{name}{shape}"].setdefault(kind, error_text(exc))
                    continue
                if report["sends"] < threads * per:
                    traced = ", traced" if trace == "1" else ""
                    notes.append(
                        f"row 6, {kind}, {threads} thread(s){traced}: {report['sends']} of "
                        f"{threads * per} sends within {budget:g} s"
                    )
                if trace == "1":
                    out[f"traced{shape}"][kind] = report["traced_peak"] / 2**20
                else:
                    out[f"rss{shape}"][kind] = report["peak_rss_kib"] / 1024
                    out[f"rate{shape}"][kind] = report["sends"] / (report["ns"] / 1e9)
    return out
