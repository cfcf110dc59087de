"""Where the client connects: the base URL and the rule that keeps basic auth off plain http."""

import ipaddress
import os
import socket
from collections.abc import Mapping

import httpx

from messente_omnichannel._errors import MessenteError

BASE_URL_ENV = "MESSENTE_BASE_URL"
DEFAULT_BASE_URL = "https://api.messente.com/v1"


def _is_loopback(host: str) -> bool:
    """Tell whether a host is a loopback address, or a ``localhost`` name resolving only to them.

    A name is never trusted for what it says (a resolver may answer a public address for
    ``localhost``); a name outside ``localhost`` is refused without a lookup.
    """
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    name = host.lower().rstrip(".")
    if name != "localhost" and not name.endswith(".localhost"):
        return False
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {info[4][0] for info in found}
    return bool(addresses) and all(_loopback_address(a) for a in addresses)


def _loopback_address(address: object) -> bool:
    try:
        # An IPv6 address may carry a zone ("::1%lo"), which ip_address does not read.
        return ipaddress.ip_address(str(address).partition("%")[0]).is_loopback
    except ValueError:
        return False


def resolve_base_url(base_url: str | None, environ: Mapping[str, str] | None = None) -> str:
    """Choose and check the base URL.

    Args:
        base_url: The URL given by the caller, or ``None`` for ``MESSENTE_BASE_URL`` or the
            production API.
        environ: The environment to read; ``os.environ`` by default.

    Returns:
        The base URL, without a trailing slash.

    Raises:
        MessenteError: The URL is not http(s), carries credentials, or is plain http to a host
            other than loopback (basic auth would travel in clear text).
    """
    env = os.environ if environ is None else environ
    raw = base_url if base_url is not None else env.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    try:
        url = httpx.URL(raw)
    except httpx.InvalidURL as exc:
        raise MessenteError(f"The base URL is not a valid URL: {exc}") from None
    if url.userinfo:
        # The URL itself is not echoed: it holds a secret.
        raise MessenteError(
            "The base URL must not contain a username or password; pass them as username= and "
            "password= (or MESSENTE_API_USERNAME / MESSENTE_API_PASSWORD) instead."
        )
    if url.scheme not in ("http", "https") or not url.host:
        raise MessenteError(f"The base URL must be an absolute http(s) URL, got {raw!r}.")
    if url.scheme == "http" and not _is_loopback(url.host):
        raise MessenteError(
            f"Refusing plain http to {url.host}: the API password would be sent unencrypted. "
            "Use https, or plain http only to a loopback address such as 127.0.0.1 (a local "
            "sandbox)."
        )
    return str(url).rstrip("/")
