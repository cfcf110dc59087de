"""Answers of any shape end as a documented exception type, and never show a credential."""

import base64
import json
import logging
import math
from collections.abc import Callable

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from messente_omnichannel import (
    SMS,
    ApiConnectionError,
    ApiError,
    MessenteError,
    Omnichannel,
    Omnimessage,
)
from messente_omnichannel._client._retry import retry_after

from .conftest import OMNI_ID, PASSWORD, USERNAME, FakeTime, Script

Build = Callable[..., Omnichannel]
MESSAGE = Omnimessage(to="+37251000000", messages=[SMS("Hello")])
TOKEN = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
SECRETS = (PASSWORD, TOKEN, f"Basic {TOKEN}")


@pytest.mark.parametrize("status", [200, 201, 202, 400, 404, 429, 500])
def test_deeply_nested_json_answer_is_an_api_error(make_client: Build, status: int) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    script = Script(httpx.Response(status, content=deep))
    with pytest.raises(MessenteError) as caught:
        make_client(script, max_retries=0).status(OMNI_ID)
    assert not isinstance(caught.value, RecursionError)


@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", "inf", "1e999", "-inf"])
def test_retry_after_that_is_not_a_finite_number_is_ignored(value: str) -> None:
    seconds = retry_after(httpx.Headers({"Retry-After": value}))
    assert seconds is None or math.isfinite(seconds)


def test_retry_after_nan_on_a_read_falls_back_to_backoff(
    make_client: Build, fake_time: FakeTime
) -> None:
    script = Script(
        httpx.Response(503, headers={"Retry-After": "nan"}),
        httpx.Response(200, json={"to": "+37251000000", "omnimessage_id": OMNI_ID, "statuses": []}),
    )
    make_client(script).status(OMNI_ID)
    assert len(fake_time.sleeps) == 1 and math.isfinite(fake_time.sleeps[0])


_ECHOES = {
    "title": lambda s: {"errors": [{"title": s, "code": "105", "detail": "x"}]},
    "code": lambda s: {"errors": [{"title": "Invalid data", "code": s, "detail": "x"}]},
    "source": lambda s: {"errors": [{"title": "Invalid data", "code": "105", "source": s}]},
    "detail": lambda s: {"errors": [{"title": "Invalid data", "code": "105", "detail": s}]},
}


@pytest.mark.parametrize("secret", SECRETS)
@pytest.mark.parametrize("field", sorted(_ECHOES))
@pytest.mark.parametrize("status", [400, 401, 404, 503])
def test_credentials_echoed_in_error_items_are_redacted(
    make_client: Build, field: str, secret: str, status: int
) -> None:
    script = Script(httpx.Response(status, json=_ECHOES[field](f"bad {secret} here")))
    with pytest.raises(ApiError) as caught:
        make_client(script, max_retries=0).status(OMNI_ID)
    error = caught.value
    shown = " ".join(
        [
            str(error),
            repr(error),
            error.body,
            *(f"{i.title} {i.code} {i.source} {i.detail}" for i in error.errors),
        ]
    )
    for leaked in SECRETS:
        assert leaked not in shown
    assert "<redacted>" in str(error)


@pytest.mark.parametrize("status", [400, 418, 503])
def test_credentials_echoed_in_the_reason_phrase_are_redacted(
    make_client: Build, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        phrase = f"Denied {request.headers['authorization']} {PASSWORD}".encode()
        return httpx.Response(status, extensions={"reason_phrase": phrase})

    caplog.set_level(logging.DEBUG)
    with pytest.raises(MessenteError) as caught:
        make_client(Script(echo), max_retries=0).send(MESSAGE)
    text = f"{caught.value} {caught.value!r} {caught.value.__cause__}"
    for leaked in SECRETS:
        assert leaked not in text
        assert leaked not in caplog.text


def test_httpcore_debug_lines_never_show_credentials(caplog: pytest.LogCaptureFixture) -> None:
    """A real socket, so httpcore logs its own DEBUG lines, with the echoed reason phrase."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]

    def serve() -> None:
        connection, _ = server.accept()
        with connection:
            data = b""
            while b"\r\n\r\n" not in data:
                data += connection.recv(65536)
            auth = next(
                line.split(b":", 1)[1].strip()
                for line in data.split(b"\r\n")
                if line.lower().startswith(b"authorization:")
            )
            connection.sendall(
                b"HTTP/1.1 403 Forbidden " + auth + b" " + PASSWORD.encode() + b"\r\n"
                b"Content-Length: 0\r\nConnection: close\r\n\r\n"
            )

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    caplog.set_level(logging.DEBUG)
    with (
        Omnichannel(USERNAME, PASSWORD, base_url=f"http://127.0.0.1:{port}/v1", max_retries=0) as c,
        pytest.raises(ApiError) as caught,
    ):
        c.status(OMNI_ID)
    thread.join(5)
    server.close()
    assert any(r.name.startswith("httpcore") for r in caplog.records)
    for leaked in SECRETS:
        assert leaked not in caplog.text
        assert leaked not in str(caught.value)


_STATUSES = st.one_of(
    st.sampled_from([200, 201, 202, 204, 400, 401, 404, 429, 500, 503]), st.integers(100, 599)
)
_HEADER_VALUES = st.one_of(
    st.sampled_from(["nan", "inf", "-1", "1e999", "", "Wed, 21 Oct 2015 07:28:00 GMT", "0.01"]),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30),
)
_BODIES = st.one_of(
    st.binary(max_size=200),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "errors",
                        "title",
                        "code",
                        "detail",
                        "source",
                        "statuses",
                        "omnimessage_id",
                        "to",
                        "messages",
                        "channel",
                        "status",
                        "x",
                    ]
                ),
                inner,
                max_size=5,
            )
        ),
        max_leaves=20,
    ).map(lambda v: json.dumps(v).encode()),
    st.integers(1, 5_000).map(lambda n: b"[" * n + b"]" * n),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    status=_STATUSES,
    retry=_HEADER_VALUES,
    content_type=st.sampled_from(["application/json", "text/html", "", "application/json; x"]),
    body=_BODIES,
    operation=st.sampled_from(["send", "bulk", "status", "cancel"]),
)
def test_junk_answers_end_as_success_or_a_documented_error(
    status: int, retry: str, content_type: str, body: bytes, operation: str
) -> None:
    headers = {"Retry-After": retry}
    if content_type:
        headers["Content-Type"] = content_type
    script = Script(httpx.Response(status, headers=headers, content=body))
    time = FakeTime()
    with Omnichannel(
        USERNAME,
        PASSWORD,
        transport=httpx.MockTransport(script),
        sleep=time.sleep,
        clock=time.clock,
        max_retries=2,
    ) as client:
        try:
            if operation == "send":
                client.send(MESSAGE)
            elif operation == "bulk":
                client.send_bulk([MESSAGE])
            elif operation == "status":
                client.status(OMNI_ID)
            else:
                client.cancel(OMNI_ID)
        except (ApiError, ApiConnectionError) as error:
            for leaked in SECRETS:
                assert leaked not in str(error)


def test_httpx_request_lines_of_a_given_client_never_show_credentials(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The httpx logger has a line per request, reason phrase included, with a given client."""

    def echo(request: httpx.Request) -> httpx.Response:
        phrase = f"Denied {request.headers['authorization']}".encode()
        return httpx.Response(403, extensions={"reason_phrase": phrase})

    caplog.set_level(logging.DEBUG)
    with (
        httpx.Client(transport=httpx.MockTransport(echo)) as http,
        Omnichannel(USERNAME, PASSWORD, http_client=http, max_retries=0) as client,
        pytest.raises(ApiError),
    ):
        client.status(OMNI_ID)
    assert any(r.name == "httpx" for r in caplog.records)
    for leaked in SECRETS:
        assert leaked not in caplog.text


@pytest.mark.parametrize(
    ("failure", "meaning"),
    [
        (
            httpx.ReadError(""),
            "ReadError: Failed to receive data from the network (after 1 attempt)",
        ),
        (
            httpx.RemoteProtocolError("Server disconnected without sending a response."),
            "RemoteProtocolError: Server disconnected without sending a response (after 1 attempt)",
        ),
    ],
)
def test_transport_errors_read_as_sentences(
    make_client: Build, failure: Exception, meaning: str
) -> None:
    with pytest.raises(ApiConnectionError) as caught:
        make_client(Script(failure), max_retries=0).send(MESSAGE)
    text = str(caught.value)
    assert meaning in text
    assert ":  " not in text and ". (" not in text and ". after" not in text
