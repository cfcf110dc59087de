"""One background thread with an event loop, for the sandbox's own work.

It bridges the sync transport to the ASGI app, sends delivery reports and, on a clock that moves
by itself, wakes up when the next status change falls due. A daemon thread, so a sandbox that is
never closed does not keep the interpreter alive.
"""

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class Runtime:
    """A lazily started event loop in a daemon thread; its methods are safe from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The loop, started on first use."""
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                ready = threading.Event()

                def run() -> None:
                    asyncio.set_event_loop(loop)
                    loop.call_soon(ready.set)
                    loop.run_forever()

                self._thread = threading.Thread(target=run, name="messente-sandbox", daemon=True)
                self._thread.start()
                ready.wait()
                self._loop = loop
            return self._loop

    @property
    def started(self) -> bool:
        """Whether the loop is running."""
        with self._lock:
            return self._loop is not None

    def call(self, coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        """Run a coroutine on the loop and wait for its result.

        Args:
            coro: The coroutine.
            timeout: Seconds to wait at most.

        Returns:
            Its result.
        """
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Start a coroutine on the loop without waiting for it.

        Args:
            coro: The coroutine.
        """
        asyncio.run_coroutine_threadsafe(coro, self.loop)

    def soon(self, callback: Callable[[], Any]) -> None:
        """Call a function on the loop's thread.

        Args:
            callback: The function.
        """
        self.loop.call_soon_threadsafe(callback)

    def close(self) -> None:
        """Cancel the loop's tasks, stop it and wait for its thread."""
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None or thread is None:
            return

        async def shutdown() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        try:
            asyncio.run_coroutine_threadsafe(shutdown(), loop).result(5)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(5)
            loop.close()
