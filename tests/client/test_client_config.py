"""Configuration: credentials, base URL, timeouts, injection, and no secret anywhere."""

import logging
from collections.abc import Callable
from uuid import UUID

import httpx
import pytest

from messente_omnichannel import (
    SMS,
    ApiError,
    AsyncOmnichannel,
    InvalidMessageError,
    MessenteError,
    Omnichannel,
    Omnimessage,
    SendOutcomeUnknownError,
)
from messente_omnichannel._client._base import Call
from messente_omnichannel._client._operations import STATUS
from messente_omnichannel._results import parse_report

from .conftest import OMNI_ID, PASSWORD, USERNAME, Script, created_body, report_body

Build = Callable[..., Omnichannel]
MESSAGE = Omnimessage(to="+37251000000", messages=[SMS("Hello")])
REPORT = httpx.Response(200, json=report_body(status="DELIVRD"))
ENCODED = "dW5pdC11c2VyOnMzY3IzdC1QYTU1d29yZA=="  # base64 of USERNAME:PASSWORD


def _mock(script: Script) -> httpx.MockTransport:
    return httpx.MockTransport(script)


def test_basic_auth_is_sent(make_client: Build) -> None:
    script = Script(REPORT)
    make_client(script).status(OMNI_ID)
    assert script.requests[0].headers["Authorization"] == f"Basic {ENCODED}"


def test_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESSENTE_API_USERNAME", USERNAME)
    monkeypatch.setenv("MESSENTE_API_PASSWORD", PASSWORD)
    script = Script(REPORT)
    with Omnichannel(transport=_mock(script)) as client:
        client.status(OMNI_ID)
    assert script.requests[0].headers["Authorization"] == f"Basic {ENCODED}"


def test_missing_credentials_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MESSENTE_API_USERNAME", raising=False)
    monkeypatch.delenv("MESSENTE_API_PASSWORD", raising=False)
    with pytest.raises(MessenteError, match="MESSENTE_API_PASSWORD"):
        Omnichannel(username="someone")


def test_base_url_from_argument_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    script = Script(REPORT)
    monkeypatch.setenv("MESSENTE_BASE_URL", "https://env.example.com/v9/")
    with Omnichannel("u", "p", transport=_mock(script)) as client:
        assert client.base_url == "https://env.example.com/v9"
        client.status(OMNI_ID)
    with Omnichannel("u", "p", base_url="http://127.0.0.1:4010/v1", transport=_mock(script)) as c:
        c.status(OMNI_ID)
    assert [str(r.url) for r in script.requests] == [
        f"https://env.example.com/v9/omnimessage/{OMNI_ID}/status",
        f"http://127.0.0.1:4010/v1/omnimessage/{OMNI_ID}/status",
    ]


def test_default_base_url_is_the_real_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MESSENTE_BASE_URL", raising=False)
    with Omnichannel("u", "p", transport=_mock(Script(REPORT))) as client:
        assert client.base_url == "https://api.messente.com/v1"


@pytest.mark.parametrize(
    "url", ["http://localhost:8080/v1", "http://127.0.0.1/v1", "http://[::1]:4010/v1"]
)
def test_plain_http_to_loopback_is_allowed(url: str) -> None:
    with Omnichannel("u", "p", base_url=url, transport=_mock(Script(REPORT))) as client:
        assert client.base_url == url


@pytest.mark.parametrize(
    "url", ["http://api.messente.com/v1", "http://10.0.0.5/v1", "ftp://example.com", "nonsense"]
)
def test_plain_http_elsewhere_is_refused(url: str) -> None:
    with pytest.raises(MessenteError):
        Omnichannel("u", "p", base_url=url)


def test_credentials_in_the_url_are_refused_without_echoing_them() -> None:
    with pytest.raises(MessenteError) as caught:
        Omnichannel("u", "p", base_url=f"https://u:{PASSWORD}@api.messente.com/v1")
    assert PASSWORD not in str(caught.value)


def test_default_timeouts_are_finite(make_client: Build) -> None:
    script = Script(REPORT)
    client = make_client(script)
    client.status(OMNI_ID)
    timeout = script.requests[0].extensions["timeout"]
    assert timeout == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}
    assert client.options.timeout.read == 30.0


def test_infinite_timeout_is_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        Omnichannel("u", "p", timeout=httpx.Timeout(None))


def test_per_call_timeout_overrides_for_that_call_only(make_client: Build) -> None:
    script = Script(REPORT)
    client = make_client(script)
    client.status(OMNI_ID, timeout=2.5)
    client.status(OMNI_ID)
    first, second = (r.extensions["timeout"]["read"] for r in script.requests)
    assert (first, second) == (2.5, 30.0)


def test_with_options_copies_without_changing_the_original(make_client: Build) -> None:
    script = Script(REPORT)
    client = make_client(script, max_retries=5)
    quick = client.with_options(timeout=1, deadline=3)
    assert (quick.options.max_retries, quick.options.deadline) == (5, 3)
    assert client.options.deadline == 60
    quick.status(OMNI_ID)
    assert script.requests[0].extensions["timeout"]["read"] == 1.0
    quick.close()  # the copy does not own the connections
    client.status(OMNI_ID)


def test_options_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        Omnichannel("u", "p", max_retries=-1)
    with pytest.raises(ValueError, match="deadline"):
        Omnichannel("u", "p", deadline=0)


def test_a_transport_beside_a_given_client_is_refused_not_ignored() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    with httpx.Client() as http, pytest.raises(ValueError, match="not both"):
        Omnichannel("u", "p", http_client=http, transport=transport)
    with pytest.raises(ValueError, match="not both"):
        AsyncOmnichannel("u", "p", http_client=httpx.AsyncClient(), transport=transport)


def test_injected_httpx_client_is_used_unchanged_and_not_closed() -> None:
    script = Script(REPORT)
    seen: list[str] = []
    http = httpx.Client(
        transport=_mock(script),
        base_url="https://gateway.internal/",
        event_hooks={"request": [lambda request: seen.append(str(request.url))]},
    )
    before = (http.base_url, dict(http.event_hooks), dict(http.headers), http.timeout)
    with Omnichannel("u", "p", http_client=http) as client:
        client.status(OMNI_ID)
    assert not http.is_closed
    assert (http.base_url, dict(http.event_hooks), dict(http.headers), http.timeout) == before
    # The caller's own hooks run; the request goes to the API, not to the client's base URL.
    assert seen == [f"https://api.messente.com/v1/omnimessage/{OMNI_ID}/status"]
    assert script.requests[0].headers["Authorization"].startswith("Basic ")
    http.get("/other")  # the caller's own requests carry none of ours
    assert "Authorization" not in script.requests[1].headers
    assert script.requests[1].url == "https://gateway.internal/other"
    http.close()


def test_context_manager_closes_the_transport_it_was_given_or_built() -> None:
    closed: list[str] = []

    class Tracked(httpx.MockTransport):
        def close(self) -> None:
            closed.append("sync")

        async def aclose(self) -> None:
            closed.append("async")

    with Omnichannel("u", "p", transport=Tracked(Script(REPORT))) as client:
        client.with_options(max_retries=0).close()  # a copy shares, and does not close
    assert closed == ["sync"]


@pytest.mark.anyio
async def test_async_context_manager_and_injected_client() -> None:
    script = Script(REPORT)
    http = httpx.AsyncClient(transport=httpx.MockTransport(script.handle_async))
    async with AsyncOmnichannel("u", "p", http_client=http) as client:
        await client.status(OMNI_ID)
    assert not http.is_closed
    await http.aclose()
    closed: list[bool] = []

    class Tracked(httpx.MockTransport):
        async def aclose(self) -> None:
            closed.append(True)

    async with AsyncOmnichannel("u", "p", transport=Tracked(script.handle_async)) as c:
        quick = c.with_options(max_retries=0)
        await quick.status(OMNI_ID)
        await quick.aclose()
        assert closed == []
    assert closed == [True]


def test_no_credential_in_repr_logs_or_exceptions(
    make_client: Build, caplog: pytest.LogCaptureFixture
) -> None:
    def echo_auth(request: httpx.Request) -> httpx.Response:
        # A misbehaving proxy that echoes the Authorization header into its error page.
        return httpx.Response(502, text=f"bad gateway for {request.headers['Authorization']}")

    script = Script(echo_auth)
    client = make_client(script)
    caplog.set_level(logging.DEBUG, logger="messente_omnichannel")
    texts = [repr(client), str(client), repr(client._credentials)]
    # The per-attempt state sits in a local of the retry loop: tracebacks that dump locals
    # (Sentry, pytest --showlocals) print its repr.
    call = Call(STATUS, STATUS.path_for(UUID(OMNI_ID)), parse_report)
    texts += [repr(call), repr(client._request(call, 1.0))]
    with pytest.raises(ApiError) as read_error:
        client.status(OMNI_ID)
    with pytest.raises(SendOutcomeUnknownError) as send_error:
        client.send(MESSAGE)
    with pytest.raises(InvalidMessageError) as invalid:
        client.send(Omnimessage(to="abc", messages=[SMS("")]))
    for error in (read_error.value, send_error.value, invalid.value):
        texts += [str(error), repr(error), str(error.__cause__), repr(vars(error))]
    texts += [record.getMessage() for record in caplog.records]
    assert "bad gateway for Basic <redacted>" in read_error.value.body  # scrubbed, not lost
    assert any("'authorization': '<redacted>'" in t for t in texts)
    for text in texts:
        assert PASSWORD not in text
        assert ENCODED not in text
        assert USERNAME not in text


def test_requests_are_logged_with_authorization_redacted(
    make_client: Build, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="messente_omnichannel")
    make_client(Script(httpx.Response(503), REPORT)).status(OMNI_ID)
    messages = [r.getMessage() for r in caplog.records if r.name == "messente_omnichannel"]
    assert any("'authorization': '<redacted>'" in m for m in messages)
    assert any(m.startswith("Retrying GET") and "HTTP 503" in m for m in messages)


def test_post_body_is_the_validated_json(make_client: Build) -> None:
    script = Script(lambda r: httpx.Response(201, json=created_body(r)))
    make_client(script).send(MESSAGE)
    request = script.requests[0]
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"].startswith("messente-omnichannel-python/")
    assert request.url.path == "/v1/omnimessage"
