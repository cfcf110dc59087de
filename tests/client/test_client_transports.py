"""The transports a client builds for itself: TLS verified where it is used, pools sized."""

import ssl

import httpx
import pytest

from messente_omnichannel._client._transports import (
    KEEPALIVE_CONNECTIONS,
    MAX_CONNECTIONS,
    _environment_proxy,
    _verify,
    sync_transport,
)


def test_https_verifies_with_the_default_certificates() -> None:
    assert _verify("https://api.messente.com/v1") is True


def test_plain_http_gets_a_context_that_trusts_nothing() -> None:
    """Loopback http never uses TLS; were anything to try, the empty context fails closed."""
    context = _verify("http://127.0.0.1:4010/v1")
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.cert_store_stats()["x509_ca"] == 0


def test_the_sync_pool_is_sized_for_bulk_sending() -> None:
    transport = sync_transport("https://api.messente.com/v1")
    assert isinstance(transport, httpx.HTTPTransport)
    pool = transport._pool
    assert (pool._max_connections, pool._max_keepalive_connections) == (
        MAX_CONNECTIONS,
        KEEPALIVE_CONNECTIONS,
    )
    transport.close()


def test_the_environment_names_the_proxy_as_for_httpx_own_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    assert _environment_proxy("https://api.messente.com/v1") is None
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    proxy = _environment_proxy("https://api.messente.com/v1")
    assert proxy is not None
    assert proxy.url == httpx.URL("http://proxy.internal:3128")
    assert _environment_proxy("http://127.0.0.1:4010/v1") is None  # no HTTP_PROXY set
    monkeypatch.setenv("NO_PROXY", "api.messente.com")
    assert _environment_proxy("https://api.messente.com/v1") is None
