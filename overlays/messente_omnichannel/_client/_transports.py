"""The transports the clients build for themselves when given none.

A client that was given no ``httpx`` client sends each request straight through its transport:
cookies, redirects, auth flows and event hooks are nothing this API uses, and skipping
``httpx.Client.send`` takes about a fifth off a loopback round trip (measured: 990 us through
it, 775 us without). What the client would have read from the environment is read here:
proxies, and ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` (read by httpx's transport itself).
"""

import ssl
import urllib.request

import httpx

MAX_CONNECTIONS = 256
"""Connections a client opens at most: room for bulk sending at 64-256 requests in flight."""

KEEPALIVE_CONNECTIONS = 20
"""Idle connections httpx's own pools keep. More is slower: httpcore checks every kept
connection for every waiting request (measured: 56 sends/s with 256 kept, 165 with 20)."""

_LIMITS = httpx.Limits(
    max_connections=MAX_CONNECTIONS, max_keepalive_connections=KEEPALIVE_CONNECTIONS
)


def _verify(base_url: str) -> ssl.SSLContext | bool:
    """Return what the transport verifies TLS with, for a base URL.

    A plain-http base URL (only ever a loopback address, such as a local sandbox) never uses TLS,
    and building httpx's verifying context (certifi's bundle) costs tens of milliseconds of the
    first call. An empty context trusts no certificate, so anything that did try TLS would fail
    closed.
    """
    if base_url.startswith("http://"):
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return True


def _environment_proxy(base_url: str) -> httpx.Proxy | None:
    """Return the proxy for the base URL, as httpx's own client would pick it.

    ``HTTPS_PROXY``, ``HTTP_PROXY`` or ``ALL_PROXY``, unless ``NO_PROXY`` exempts the host, read
    as the standard library reads them (as httpx does).
    """
    url = httpx.URL(base_url)
    proxies = urllib.request.getproxies()
    if not proxies or urllib.request.proxy_bypass(url.host):
        return None
    address = proxies.get(url.scheme) or proxies.get("all")
    return httpx.Proxy(address) if address else None


def sync_transport(base_url: str) -> httpx.BaseTransport:
    """Return the transport of a synchronous client that was given none.

    Args:
        base_url: The API base URL the client sends to.

    Returns:
        httpx's own transport, sized for many threads.
    """
    return httpx.HTTPTransport(
        verify=_verify(base_url), limits=_LIMITS, proxy=_environment_proxy(base_url)
    )


def async_transport(base_url: str) -> httpx.AsyncBaseTransport:
    """Return the transport of an asynchronous client that was given none.

    Args:
        base_url: The API base URL the client sends to.

    Returns:
        The aiohttp-backed transport when ``httpx-aiohttp`` is installed (the ``aiohttp``
        extra): about a tenth of the CPU per request of httpx's own pool with many requests in
        flight. Otherwise httpx's own transport. Both are sized for bulk sending.
    """
    try:
        from messente_omnichannel._client._aiohttp import aiohttp_transport
    except ImportError:
        return httpx.AsyncHTTPTransport(
            verify=_verify(base_url), limits=_LIMITS, proxy=_environment_proxy(base_url)
        )
    return aiohttp_transport(
        MAX_CONNECTIONS, verify=_verify(base_url), proxy=_environment_proxy(base_url)
    )
