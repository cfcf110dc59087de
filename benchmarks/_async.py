"""Rows 4 and 7: async sends, one at a time and 64 in flight, on each transport ours can use.

``AsyncOmnichannel`` sends through httpx-aiohttp's transport when its ``aiohttp`` extra is
installed and through httpx's own otherwise, so both are measured: ours as built by default,
and ours built while ``aiohttp`` cannot be imported (what a venv without the extra gets). Each
is compared with raw httpx on the same kind of transport, each at its own defaults.
"""

import asyncio
import importlib
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

import httpx
from benchmarks._columns import messente, ours, raw_async_send, sms_body
from benchmarks._message import PASSWORD, USERNAME, messente_api_client, messente_sms, ours_sms
from benchmarks._timing import Cell, error_text, interleave_async

IN_FLIGHT = 64
MESSENTE_THREADS = 16


@contextmanager
def without_aiohttp() -> Iterator[None]:
    """Make ``aiohttp`` and ``httpx_aiohttp`` unimportable, as without ours' ``aiohttp`` extra.

    Yields:
        Nothing; the modules are importable again afterwards.
    """
    names = ("aiohttp", "httpx_aiohttp")
    modules = cast(dict[str, Any], sys.modules)
    saved = {name: modules[name] for name in names if name in modules}
    for name in names:
        modules[name] = None  # None in sys.modules makes `import name` raise ImportError
    try:
        yield
    finally:
        for name in names:
            if name in saved:
                modules[name] = saved[name]
            else:
                del modules[name]


def kind_of(transport: object) -> str:
    """Say which kind of transport this is.

    Args:
        transport: An httpx transport.

    Returns:
        ``aiohttp`` for httpx-aiohttp's transport (or a subclass), else ``httpx``.
    """
    try:
        aiohttp_transport = importlib.import_module("httpx_aiohttp").AiohttpTransport
    except ImportError:
        return "httpx"
    return "aiohttp" if isinstance(transport, aiohttp_transport) else "httpx"


def raw_client(kind: str) -> httpx.AsyncClient:
    """Return a raw ``httpx.AsyncClient`` on that kind of transport, at its defaults.

    Args:
        kind: ``aiohttp`` or ``httpx`` (see :func:`kind_of`).

    Returns:
        The client.
    """
    if kind == "aiohttp":
        return httpx.AsyncClient(
            transport=importlib.import_module("httpx_aiohttp").AiohttpTransport()
        )
    return httpx.AsyncClient()


@dataclass
class Variant:
    """Ours on one kind of transport, and raw httpx on the same kind."""

    kind: str
    ours_transport: str
    ours_fast: Any
    ours_slow: Any
    raw: httpx.AsyncClient


def _name(transport: object) -> str:
    cls = type(transport)
    return f"{cls.__module__}.{cls.__qualname__}"


def variants(base_url: str, slow_url: str) -> tuple[list[Variant], list[Any], str | None]:
    """Build ours by default and without aiohttp: one variant per kind of transport found.

    The one without aiohttp is built first: once ours has imported its aiohttp module, hiding
    aiohttp no longer changes what it builds.

    Args:
        base_url: The peer's base URL.
        slow_url: The base URL whose answers come after 20 ms.

    Returns:
        The variants, ours' default first (none if ours cannot be built); clients built but
        not needed (to close); and the error text if ours cannot be built.
    """
    try:
        m = ours()
        urls = (base_url, slow_url)
        with without_aiohttp():
            plain = [m.AsyncOmnichannel(USERNAME, PASSWORD, base_url=u) for u in urls]
        default = [m.AsyncOmnichannel(USERNAME, PASSWORD, base_url=u) for u in urls]
    except Exception as exc:
        return [], [], error_text(exc)
    found: list[Variant] = []
    spare: list[Any] = []
    for fast, slow in (default, plain):
        transport = getattr(fast, "_transport", None)
        kind = kind_of(transport)
        if any(v.kind == kind for v in found):
            spare += [fast, slow]
        else:
            found.append(Variant(kind, _name(transport), fast, slow, raw_client(kind)))
    return found, spare, None


async def _gather_rate(
    send: Callable[[], Awaitable[object]], total: int, budget: float
) -> tuple[float, int]:
    semaphore = asyncio.Semaphore(IN_FLIGHT)
    done = 0
    deadline = time.perf_counter_ns() + int(budget * 1e9)

    async def one() -> None:
        nonlocal done
        async with semaphore:
            if time.perf_counter_ns() < deadline:
                await send()
                done += 1

    await asyncio.gather(*(one() for _ in range(IN_FLIGHT)))  # warm-up: open the connections
    done = 0
    started = time.perf_counter_ns()
    deadline = started + int(budget * 1e9)
    await asyncio.gather(*(one() for _ in range(total)))
    return done / ((time.perf_counter_ns() - started) / 1e9), done


def messente_rate(slow_url: str, total: int, budget: float) -> tuple[float, int]:
    """Send from Messente's SDK in threads (it has no async) against the delayed peer.

    Args:
        slow_url: The base URL whose answers come after 20 ms.
        total: Sends at most.
        budget: Seconds after which no more sends start.

    Returns:
        Sends per second, and how many were sent.
    """
    api = messente()
    omni = messente_api_client(api, slow_url, pool=MESSENTE_THREADS)
    om = messente_sms(api)
    deadline = time.perf_counter_ns() + int(budget * 1e9)

    def one(_: int) -> bool:
        if time.perf_counter_ns() >= deadline:
            return False
        omni.send_omnimessage(om)
        return True

    with ThreadPoolExecutor(MESSENTE_THREADS) as pool:
        list(pool.map(one, range(IN_FLIGHT)))
        started = time.perf_counter_ns()
        deadline = started + int(budget * 1e9)
        sent = sum(pool.map(one, range(total)))
        return sent / ((time.perf_counter_ns() - started) / 1e9), sent


@dataclass
class AsyncFigures:
    """What the async rows measured, per kind of transport (``aiohttp``, ``httpx``)."""

    sequential: dict[str, dict[str, Cell]]
    in_flight: dict[str, dict[str, Cell]]
    transports: dict[str, str]
    notes: list[str]
    messente: Cell = None


async def async_rows(
    base_url: str,
    slow_url: str,
    rounds: int,
    per_round: int,
    total: int,
    budget: float,
) -> AsyncFigures:
    """Measure rows 4 and 7 in one event loop.

    Args:
        base_url: The peer's base URL.
        slow_url: The base URL whose answers come after 20 ms.
        rounds: Rounds of :func:`interleave_async` for row 4.
        per_round: Sends per case per round.
        total: Sends per column in row 7 (0 skips it).
        budget: Seconds after which a column of row 7 stops sending.

    Returns:
        The figures; the first kind in each dict is ours' default.
    """
    figures = AsyncFigures({}, {}, {}, [])
    found, spare, error = variants(base_url, slow_url)
    url, body = base_url + "/omnimessage", sms_body()
    cases: dict[str, Callable[[], Awaitable[object]] | str] = {}
    if error:
        found_raw = {"httpx": httpx.AsyncClient()}
        cases["ours httpx"] = error
    else:
        found_raw = {v.kind: v.raw for v in found}
    kinds = list(found_raw)
    for v in found:
        message = ours_sms(ours())
        cases[f"ours {v.kind}"] = partial(v.ours_fast.send, message)
        figures.transports[f"ours async ({v.kind})"] = v.ours_transport
    for kind, raw in found_raw.items():
        cases[f"raw {kind}"] = partial(raw_async_send, raw, url, body)
        figures.transports[f"raw httpx async ({kind})"] = _name(getattr(raw, "_transport", None))
    medians = await interleave_async(cases, rounds, per_round, warmup=200)
    for kind in kinds:
        figures.sequential[kind] = {
            "ours": medians.get(f"ours {kind}"),
            "messente": None,
            "httpx": medians.get(f"raw {kind}"),
        }

    slow_raw = slow_url + "/omnimessage"
    for kind in kinds if total else []:
        cells: dict[str, Cell] = {"messente": None}
        variant = next((v for v in found if v.kind == kind), None)
        if variant is None:
            cells["ours"] = error
        else:
            message = ours_sms(ours())
            try:
                cells["ours"], sent = await _gather_rate(
                    partial(variant.ours_slow.send, message), total, budget
                )
                if sent < total:
                    figures.notes.append(f"row 7, ours ({kind}): {sent} of {total} in {budget:g} s")
            except Exception as exc:
                cells["ours"] = error_text(exc)
        try:
            raw = found_raw[kind]
            cells["httpx"], sent = await _gather_rate(
                partial(raw_async_send, raw, slow_raw, body), total, budget
            )
            if sent < total:
                figures.notes.append(
                    f"row 7, raw httpx ({kind}): {sent} of {total} in {budget:g} s"
                )
        except Exception as exc:
            cells["httpx"] = error_text(exc)
        figures.in_flight[kind] = cells

    if total:
        try:
            figures.messente, sent = await asyncio.to_thread(messente_rate, slow_url, total, budget)
            if sent < total:
                figures.notes.append(f"row 7, Messente: {sent} of {total} in {budget:g} s")
        except Exception as exc:
            figures.messente = error_text(exc)

    for client in [*spare, *(c for v in found for c in (v.ours_fast, v.ours_slow))]:
        await _close(client.aclose, figures.notes)
    for raw in found_raw.values():
        await _close(raw.aclose, figures.notes)
    return figures


async def _close(close: Callable[[], Awaitable[object]], notes: list[str]) -> None:
    try:
        await close()
    except Exception as exc:
        notes.append(f"closing an async client: {error_text(exc)}")
