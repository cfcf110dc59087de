"""What runs in a fresh process: the import, the first send, and a cold client shared by threads.

Started by ``_fresh.py`` as :func:`main` with ``first-send COLUMN URL`` (prints the nanoseconds
of the import and of the first send after it) or ``threads COLUMN THREADS SENDS URL TRACE
SECONDS`` (prints a JSON report of THREADS threads each sending SENDS times through one client
created cold). COLUMN is ``ours``, ``messente`` or ``httpx``.

Only builtin modules are imported before the timed import: anything else (``json``, say)
would already be loaded when the library asks for it, and its cost would go missing.
"""

from __future__ import annotations

import time

# Not typing.TYPE_CHECKING: importing typing would take its cost out of every import timed here.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

MODULES = {"ours": "messente_omnichannel", "messente": "messente_api", "httpx": "httpx"}


def sender(kind: str, lib: Any, url: str, threads: int = 1) -> Callable[[], object]:
    """Create a client cold and return a function that sends the SMS omnimessage through it.

    Args:
        kind: The column.
        lib: Its module.
        url: The peer's base URL.
        threads: How many threads will share the client (Messente's pool size).

    Returns:
        One send, answer parsed.
    """
    from benchmarks import _message  # after the timed import (module docstring)

    if kind == "ours":
        client = lib.Omnichannel(_message.USERNAME, _message.PASSWORD, base_url=url)
        message = _message.ours_sms(lib)
        return lambda: client.send(message)
    if kind == "messente":
        api = _message.messente_api_client(lib, url, pool=threads if threads > 1 else None)
        om = _message.messente_sms(lib)
        return lambda: api.send_omnimessage(om)
    import json  # httpx has loaded it by now

    http = lib.Client()
    body = json.dumps(_message.SMS_JSON).encode()

    def send() -> object:
        response = http.post(url + "/omnimessage", content=body, headers=_message.RAW_HEADERS)
        if response.status_code != 201:
            raise RuntimeError(f"raw httpx got {response.status_code}")
        return response.json()

    return send


def peak_rss_kib() -> int:
    """Return the process's peak resident memory.

    Returns:
        KiB: ``VmHWM`` on Linux, where ``ru_maxrss`` would still hold the peak of the parent
        this process was forked from; ``ru_maxrss`` elsewhere.
    """
    import resource  # nothing is timed after the import here

    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def first_send(kind: str, url: str) -> None:
    """Time the import, then everything up to the first send's return.

    The first send builds its message and its client, as a script's first lines would.

    Args:
        kind: The column.
        url: The peer's base URL.
    """
    t0 = time.perf_counter_ns()
    lib = __import__(MODULES[kind])
    t1 = time.perf_counter_ns()
    sender(kind, lib, url)()
    t2 = time.perf_counter_ns()
    print(t1 - t0, t2 - t1)


def shared(kind: str, threads: int, per: int, url: str, trace: bool, budget: float) -> None:
    """Send from threads through one client created cold; report memory and time.

    The traced peak counts from before the threads exist, so their own cost is in it; the
    peak RSS is the whole process's (import and client included).

    Args:
        kind: The column.
        threads: How many threads.
        per: Sends per thread.
        url: The peer's base URL.
        trace: Trace Python allocations (slower: use another run for the rate).
        budget: Seconds after which each thread stops early, so a loaded machine cannot
            stretch the run.
    """
    import json  # nothing is timed before here
    import threading
    import tracemalloc

    send = sender(kind, __import__(MODULES[kind]), url, threads)
    errors: list[str] = []
    done = [0] * threads
    barrier = threading.Barrier(threads + 1)

    def work(i: int) -> None:
        barrier.wait()
        deadline = time.perf_counter_ns() + int(budget * 1e9)
        try:
            for _ in range(per):
                send()
                done[i] += 1
                if time.perf_counter_ns() > deadline:
                    break
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")

    if trace:
        tracemalloc.start()
    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    t0 = time.perf_counter_ns()
    barrier.wait()
    for worker in workers:
        worker.join()
    t1 = time.perf_counter_ns()
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    rss = peak_rss_kib()
    report = {
        "errors": errors,
        "ns": t1 - t0,
        "sends": sum(done),
        "traced_peak": peak,
        "peak_rss_kib": rss,
    }
    print(json.dumps(report))


def main(argv: list[str]) -> None:
    """Dispatch on the first argument.

    Args:
        argv: The arguments after the script's name.
    """
    if argv[0] == "first-send":
        first_send(argv[1], argv[2])
    else:
        kind, threads, per, url, trace, budget = argv[1:7]
        shared(kind, int(threads), int(per), url, trace == "1", float(budget))
