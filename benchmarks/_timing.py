"""Timing in this process: cases interleaved in rounds, medians of per-call samples.

A case that fails, in its setup or in any call, keeps its error text instead of a figure.
"""

import gc
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

Cell = float | str | None
"""A figure: a number, an error text, or ``None`` where the column has no such thing."""


def error_text(exc: BaseException) -> str:
    """Say what went wrong in one line.

    Args:
        exc: The exception.

    Returns:
        ``error: Type: message``, first line only.
    """
    lines = str(exc).strip().splitlines()
    return f"error: {type(exc).__name__}: {lines[0] if lines else ''}".rstrip(": ")


def attempt(make: Callable[[], Any]) -> Any:
    """Run a setup step; its exception becomes the case's error text.

    Args:
        make: The setup step.

    Returns:
        What it returned, or the error text.
    """
    try:
        return make()
    except Exception as exc:
        return error_text(exc)


def rotated(names: list[str], turn: int) -> list[str]:
    """Return the names rotated by ``turn``, so that no case always runs first.

    Args:
        names: The names.
        turn: The round number.

    Returns:
        A new list.
    """
    if not names:
        return []
    k = turn % len(names)
    return names[k:] + names[:k]


def _medians(results: dict[str, Cell], samples: dict[str, list[int]]) -> dict[str, Cell]:
    for name, values in samples.items():
        results.setdefault(name, statistics.median(values) / 1000 if values else None)
    return results


def interleave(
    cases: dict[str, Callable[[], object] | str], rounds: int, per_round: int, warmup: int
) -> dict[str, Cell]:
    """Time sync cases call by call, in rounds that rotate their order.

    Args:
        cases: Column name to a call (or an error text from its setup).
        rounds: How many rounds.
        per_round: Calls of each case per round.
        warmup: Untimed calls of each case first.

    Returns:
        Column name to the median microseconds per call, or an error text.
    """
    results: dict[str, Cell] = {k: v for k, v in cases.items() if isinstance(v, str)}
    calls = {k: v for k, v in cases.items() if not isinstance(v, str)}
    samples: dict[str, list[int]] = {k: [] for k in calls}
    clock = time.perf_counter_ns
    for name, call in calls.items():
        try:
            for _ in range(warmup):
                call()
        except Exception as exc:
            results[name] = error_text(exc)
    order = [k for k in calls if k not in results]
    for r in range(rounds):
        for name in rotated(order, r):
            if name in results:
                continue
            call, out = calls[name], samples[name]
            # Each batch starts without the garbage of the one before (pydantic's, say).
            gc.collect()
            try:
                for _ in range(per_round):
                    t = clock()
                    call()
                    out.append(clock() - t)
            except Exception as exc:
                results[name] = error_text(exc)
    return _medians(results, samples)


async def interleave_async(
    cases: dict[str, Callable[[], Awaitable[object]] | str],
    rounds: int,
    per_round: int,
    warmup: int,
) -> dict[str, Cell]:
    """Time async cases await by await, in one event loop; see :func:`interleave`.

    Args:
        cases: Column name to a coroutine function (or an error text from its setup).
        rounds: How many rounds.
        per_round: Awaits of each case per round.
        warmup: Untimed awaits of each case first.

    Returns:
        Column name to the median microseconds per await, or an error text.
    """
    results: dict[str, Cell] = {k: v for k, v in cases.items() if isinstance(v, str)}
    calls = {k: v for k, v in cases.items() if not isinstance(v, str)}
    samples: dict[str, list[int]] = {k: [] for k in calls}
    clock = time.perf_counter_ns
    for name, call in calls.items():
        try:
            for _ in range(warmup):
                await call()
        except Exception as exc:
            results[name] = error_text(exc)
    order = [k for k in calls if k not in results]
    for r in range(rounds):
        for name in rotated(order, r):
            if name in results:
                continue
            call, out = calls[name], samples[name]
            gc.collect()
            try:
                for _ in range(per_round):
                    t = clock()
                    await call()
                    out.append(clock() - t)
            except Exception as exc:
                results[name] = error_text(exc)
    return _medians(results, samples)
