"""Headers a caller adds: client-wide ``default_headers`` and per-call ``extra_headers``.

The client sets ``Authorization`` from its credentials and the body's framing headers from the
bytes it validated. A caller's header may replace any other (``User-Agent``, ``Accept``) or add
one (a correlation ID), but never those: a second account's credentials belong in a second
client, and a wrong ``Content-Length`` would corrupt the request, so both are refused loudly
instead of one silently winning.
"""

from collections.abc import Mapping

import httpx

HeadersLike = Mapping[str, str]
"""Header names and values, for example ``{"X-Request-ID": "42"}``."""

_RESERVED = {
    "authorization": "it comes from the client's credentials; use another client for another "
    "account",
    "proxy-authorization": "set a proxy's credentials on the http_client or the proxy URL",
    "content-type": "the client sends the JSON it validated",
    "content-length": "the client frames the body it sends",
    "transfer-encoding": "the client frames the body it sends",
    "host": "it comes from the base URL",
}


def checked_headers(headers: HeadersLike | None, where: str) -> httpx.Headers | None:
    """Check headers a caller gave, before anything is sent.

    Args:
        headers: The caller's headers, or ``None``.
        where: The argument's name, for the error (``default_headers``, ``extra_headers``).

    Returns:
        The headers, or ``None`` when there are none.

    Raises:
        ValueError: A header the client sets itself (``Authorization``, ``Content-Type``,
            ``Content-Length``, ``Transfer-Encoding``, ``Host``, ``Proxy-Authorization``), a
            name or value that is not text, or a value that is not ASCII or holds a line break.
    """
    if not headers:
        return None
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise ValueError(f"{where}: header names and values must be str, got {name!r}")
        reason = _RESERVED.get(name.strip().lower())
        if reason is not None:
            raise ValueError(f"{where} cannot set {name}: {reason}.")
        if "\r" in value or "\n" in value or "\r" in name or "\n" in name:
            raise ValueError(f"{where}: header {name!r} holds a line break")
    try:
        return httpx.Headers(dict(headers))
    except UnicodeEncodeError:
        raise ValueError(f"{where}: header names and values must be ASCII") from None


def merged(base: httpx.Headers, extra: httpx.Headers | None) -> httpx.Headers:
    """Return ``base`` with ``extra`` on top (a name in both takes ``extra``'s value).

    Args:
        base: The client's headers.
        extra: The headers to add, or ``None``.

    Returns:
        ``base`` itself when there is nothing to add, else a new ``httpx.Headers``.
    """
    if extra is None:
        return base
    headers = httpx.Headers(base)
    headers.update(extra)
    return headers
