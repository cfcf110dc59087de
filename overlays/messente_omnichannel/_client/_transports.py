"""The connection pools the clients build for themselves."""

import httpx

MAX_CONNECTIONS = 256
"""Connections a client keeps open at most: enough for bulk sending at 64-256 in flight."""


def sync_limits() -> httpx.Limits:
    """Return the connection limits of a client's own pool.

    Returns:
        Room for as many concurrent requests as bulk sending uses, each keeping its connection.
    """
    return httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS)


def async_transport() -> httpx.AsyncBaseTransport:
    """Return the transport of an asynchronous client that was given none.

    Returns:
        The aiohttp-backed transport when ``httpx-aiohttp`` is installed (the ``aiohttp``
        extra): about ten times less CPU per request than httpx's own pool with many requests
        in flight. Otherwise httpx's own transport. Both are sized for bulk sending.
    """
    try:
        from messente_omnichannel._client._aiohttp import aiohttp_transport
    except ImportError:
        return httpx.AsyncHTTPTransport(limits=sync_limits())
    return aiohttp_transport(MAX_CONNECTIONS)
