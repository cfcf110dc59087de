"""The transports a client builds for itself: TLS verified where it is used, pools sized."""

import ssl

import httpx

from messente_omnichannel._client._transports import (
    KEEPALIVE_CONNECTIONS,
    MAX_CONNECTIONS,
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
