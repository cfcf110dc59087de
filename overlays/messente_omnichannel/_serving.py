"""Serving an ASGI app with uvicorn: the one place that knows how the package runs a server.

The sandbox (in the foreground and in a thread), the delivery-report receiver and ``listen``
share its settings, its listening socket and its background thread. It needs uvicorn, which
comes with the ``sandbox`` extra, so import this module only when something is to be served.
"""

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn

from messente_omnichannel._asgi import App

_START_TIMEOUT = 10.0
"""Seconds a background server has to start."""


def http_url(host: str, port: int, path: str = "/") -> str:
    """Return the URL of a server, with an IPv6 address in brackets.

    Args:
        host: The address it listens on.
        port: The port.
        path: The path, starting with ``/``.

    Returns:
        For example ``http://127.0.0.1:4010/v1`` or ``http://[::1]:8080/``.
    """
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{path}"


def listening_socket(host: str, port: int) -> socket.socket:
    """Bind a TCP socket and listen on it.

    Args:
        host: The address to listen on; IPv6 when it contains a colon.
        port: The port; 0 picks a free one.

    Returns:
        The socket; the caller closes it.

    Raises:
        OSError: The address cannot be bound (for example, the port is in use).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(1024)
    except OSError:
        sock.close()
        raise
    return sock


def make_server(
    app: App,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    log_level: str = "warning",
    log_filter: logging.Filter | None = None,
) -> uvicorn.Server:
    """Return a uvicorn server for one of the package's apps, not yet running.

    Args:
        app: The ASGI app.
        host: The address to listen on, when uvicorn binds the socket itself.
        port: The port, when uvicorn binds the socket itself.
        log_level: uvicorn's log level.
        log_filter: A filter for uvicorn's error log; uvicorn logs through one global logger,
            so the filter stays there (adding the same instance again changes nothing).

    Returns:
        The server, with no access log, no lifespan and no ``Server`` header; ``run()`` it, or
        ``run(sockets=[...])`` on a socket from :func:`listening_socket`.
    """
    if log_filter is not None:
        logging.getLogger("uvicorn.error").addFilter(log_filter)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        lifespan="off",
        server_header=False,
    )
    return uvicorn.Server(config)


@contextlib.contextmanager
def background_server(
    app: App,
    host: str,
    port: int,
    *,
    log_filter: logging.Filter | None = None,
    thread_name: str = "messente-omnichannel-server",
) -> Iterator[tuple[str, int]]:
    """Run uvicorn in a daemon thread until the block ends.

    Args:
        app: The ASGI app.
        host: The address to listen on.
        port: The port; 0 picks a free one.
        log_filter: A filter for uvicorn's error log (see :func:`make_server`).
        thread_name: The name of the server's thread.

    Yields:
        The bound host and port.

    Raises:
        OSError: The address cannot be bound.
        RuntimeError: The server did not start within 10 seconds (or stopped at once).
    """
    sock = listening_socket(host, port)
    server = make_server(app, host=host, port=port, log_filter=log_filter)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name=thread_name, daemon=True
    )
    thread.start()
    try:
        deadline = time.monotonic() + _START_TIMEOUT
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        if not server.started:
            raise RuntimeError(f"{thread_name} did not start within {_START_TIMEOUT:g} seconds")
        bound_host, bound_port = sock.getsockname()[:2]
        yield bound_host, bound_port
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
