"""Plain http only to loopback, decided by the address, never by the name alone."""

import socket
from typing import Any

import pytest

from messente_omnichannel import MessenteError
from messente_omnichannel._client._config import resolve_base_url


def _resolver(*addresses: str) -> Any:
    def getaddrinfo(host: str, *args: object, **kwargs: object) -> list[Any]:
        assert host.endswith("localhost")
        family = socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, 0)) for address in addresses]

    return getaddrinfo


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:4010/v1", "http://127.7.0.1/v1", "http://[::1]:4010/v1"]
)
def test_literal_loopback_addresses_may_use_plain_http(url: str) -> None:
    assert resolve_base_url(url) == url


@pytest.mark.parametrize("url", ["http://localhost:4010/v1", "http://sandbox.localhost/v1"])
def test_localhost_resolving_to_loopback_only_may_use_plain_http(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _resolver("127.0.0.1", "::1", "::1%lo"))
    assert resolve_base_url(url) == url


@pytest.mark.parametrize("host", ["localhost", "foo.localhost"])
@pytest.mark.parametrize("addresses", [("203.0.113.7",), ("127.0.0.1", "203.0.113.7"), ()])
def test_localhost_resolving_elsewhere_is_refused(
    monkeypatch: pytest.MonkeyPatch, addresses: tuple[str, ...], host: str
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _resolver(*addresses))
    with pytest.raises(MessenteError, match="Refusing plain http"):
        resolve_base_url(f"http://{host}/v1")


def test_localhost_that_does_not_resolve_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> Any:
        raise socket.gaierror("no such name")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(MessenteError, match="Refusing plain http"):
        resolve_base_url("http://localhost/v1")


@pytest.mark.parametrize(
    "url", ["http://localhost.example.com/v1", "http://10.0.0.1/v1", "http://sandbox/v1"]
)
def test_other_names_are_refused_without_resolving(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    def never(*args: object, **kwargs: object) -> Any:
        raise AssertionError("resolved a name that is refused anyway")

    monkeypatch.setattr(socket, "getaddrinfo", never)
    with pytest.raises(MessenteError, match="Refusing plain http"):
        resolve_base_url(url)
