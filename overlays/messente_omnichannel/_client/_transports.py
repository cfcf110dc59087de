"""The connection pools the clients build for themselves."""

import httpx

MAX_CONNECTIONS = 256
"""Connections a client keeps open at most: enough for bulk sending at 64-256 in flight."""


def sync_limits() -> httpx.Limits:
    """Return the connection limits of a synchronous client's own pool.

    Returns:
        Room for as many threads as bulk sending uses, each keeping its connection.
    """
    return httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS)


def async_transport() -> httpx.AsyncBaseTransport:
    """Return the transport of an asynchronous client that was given none.

    Returns:
        httpx's own transport, sized for bulk sending.
    """
    return httpx.AsyncHTTPTransport(limits=sync_limits())
