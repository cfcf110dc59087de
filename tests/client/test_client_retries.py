"""The retry policy: reads and cancels retried, sends only when provably not processed."""

import json
from collections.abc import Callable

import httpx
import pytest

from messente_omnichannel import (
    SMS,
    ApiConnectionError,
    ApiTimeoutError,
    ApiUnreachableError,
    AsyncOmnichannel,
    NotFoundError,
    Omnichannel,
    Omnimessage,
    RateLimitError,
    SendOutcomeUnknownError,
    ServerError,
)

from .conftest import OMNI_ID, PASSWORD, USERNAME, FakeTime, Script, created_body, report_body

MESSAGE = Omnimessage(to="+37251000000", messages=[SMS("Hello", sender="MyBrand")])
REPORT = httpx.Response(200, json=report_body(channel="sms", status="DELIVRD"))
Build = Callable[..., Omnichannel]


def _created(request: httpx.Request) -> httpx.Response:
    return httpx.Response(201, json=created_body(request))


def _dropped_after_processing(request: httpx.Request) -> httpx.Response:
    """The server accepted the message, then the connection died before the answer."""
    raise httpx.RemoteProtocolError("Server disconnected without sending a response.")


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("dropped"),
        httpx.Response(429),
        httpx.Response(500),
        httpx.Response(503, text="busy"),
    ],
    ids=["connect", "read-timeout", "dropped", "429", "500", "503"],
)
def test_get_is_retried_then_succeeds(
    make_client: Build, fake_time: FakeTime, failure: httpx.Response | Exception
) -> None:
    script = Script(failure, failure, REPORT)
    report = make_client(script).status(OMNI_ID)
    assert report.statuses[0].status == "DELIVRD"
    assert len(script.requests) == 3
    # Backoff doubles from 0.5 s; random() == 1.0 takes the top of the jitter range.
    assert fake_time.sleeps == [0.5, 1.0]


def test_jitter_spreads_the_delay(fake_time: FakeTime) -> None:
    script = Script(httpx.Response(503), REPORT)
    with Omnichannel(
        "u",
        "p",
        transport=httpx.MockTransport(script),
        sleep=fake_time.sleep,
        clock=fake_time.clock,
        random=lambda: 0.0,
    ) as client:
        client.status(OMNI_ID)
    assert fake_time.sleeps == [0.25]


def test_get_gives_up_after_max_retries(make_client: Build, fake_time: FakeTime) -> None:
    script = Script(httpx.Response(503, json={"errors": []}))
    with pytest.raises(ServerError) as caught:
        make_client(script, max_retries=3).status(OMNI_ID)
    assert caught.value.status == 503
    assert len(script.requests) == 4
    assert fake_time.sleeps == [0.5, 1.0, 2.0]


def test_max_retries_zero_means_one_attempt(make_client: Build) -> None:
    script = Script(httpx.ReadTimeout("slow"))
    with pytest.raises(ApiTimeoutError):
        make_client(script, max_retries=0).status(OMNI_ID)
    assert len(script.requests) == 1


def test_retry_after_is_honoured(make_client: Build, fake_time: FakeTime) -> None:
    script = Script(httpx.Response(429, headers={"Retry-After": "7"}), REPORT)
    make_client(script).status(OMNI_ID)
    assert fake_time.sleeps == [7.0]


def test_retry_after_as_http_date_in_the_past_means_now(
    make_client: Build, fake_time: FakeTime
) -> None:
    past = "Wed, 21 Oct 2015 07:28:00 GMT"
    script = Script(httpx.Response(503, headers={"Retry-After": past}), REPORT)
    make_client(script).status(OMNI_ID)
    assert fake_time.sleeps == [0.0]


def test_deadline_stops_retries(make_client: Build, fake_time: FakeTime) -> None:
    script = Script(httpx.Response(429, headers={"Retry-After": "30"}))
    with pytest.raises(RateLimitError) as caught:
        make_client(script, deadline=20).status(OMNI_ID)
    assert caught.value.retry_after == 30.0
    assert len(script.requests) == 1
    assert fake_time.sleeps == []


def test_deadline_caps_each_request_timeout(make_client: Build, fake_time: FakeTime) -> None:
    def slow_then_ok(request: httpx.Request) -> httpx.Response:
        fake_time.now += 9  # the attempt used up 9 s of the deadline
        return httpx.Response(503)

    script = Script(slow_then_ok, REPORT)
    make_client(script, deadline=10, timeout=5).status(OMNI_ID)
    first, second = (r.extensions["timeout"] for r in script.requests)
    assert first == {"connect": 5.0, "read": 5.0, "write": 5.0, "pool": 5.0}
    assert second["read"] == pytest.approx(0.5)  # 10 - 9 - 0.5 s of backoff


def test_delete_is_retried(make_client: Build) -> None:
    script = Script(httpx.ReadError("reset"), httpx.Response(202, json={}))
    make_client(script).cancel(OMNI_ID)
    assert [r.method for r in script.requests] == ["DELETE", "DELETE"]


def test_retried_delete_answering_404_says_an_earlier_attempt_may_have_cancelled(
    make_client: Build,
) -> None:
    script = Script(httpx.ReadTimeout("slow"), httpx.Response(404, json={"errors": []}))
    with pytest.raises(NotFoundError, match="earlier attempt"):
        make_client(script).cancel(OMNI_ID)


@pytest.mark.parametrize(
    "failure",
    [httpx.ConnectError("refused"), httpx.ConnectTimeout("no route"), httpx.Response(429)],
    ids=["connect-error", "connect-timeout", "429"],
)
def test_post_is_retried_when_provably_not_processed(
    make_client: Build, failure: httpx.Response | Exception
) -> None:
    script = Script(failure, _created)
    created = make_client(script).send(MESSAGE)
    assert str(created.omnimessage_id) == OMNI_ID
    assert len(script.requests) == 2


def test_post_connect_failures_exhausted_raise_connect_error(make_client: Build) -> None:
    script = Script(httpx.ConnectError("refused"))
    with pytest.raises(ApiUnreachableError, match="not sent"):
        make_client(script).send(MESSAGE)
    assert len(script.requests) == 3
    assert script.processed == 0


def test_post_rate_limited_to_the_end_raises_rate_limit_error(make_client: Build) -> None:
    script = Script(httpx.Response(429, headers={"Retry-After": "1"}))
    with pytest.raises(RateLimitError):
        make_client(script).send(MESSAGE)
    assert len(script.requests) == 3


@pytest.mark.parametrize(
    ("failure", "status"),
    [
        (httpx.ReadTimeout("slow"), None),
        (httpx.WriteTimeout("slow"), None),
        (httpx.ReadError("reset"), None),
        (_dropped_after_processing, None),
        (httpx.Response(500, json={"errors": []}), 500),
        (httpx.Response(502, text="<html>Bad gateway</html>"), 502),
        (httpx.Response(503), 503),
    ],
    ids=["read-timeout", "write-timeout", "read-error", "dropped", "500", "502", "503"],
)
def test_post_with_unknown_outcome_is_not_retried(
    make_client: Build,
    failure: httpx.Response | Exception | Callable[[httpx.Request], httpx.Response],
    status: int | None,
) -> None:
    script = Script(failure, _created)
    with pytest.raises(SendOutcomeUnknownError) as caught:
        make_client(script).send(MESSAGE)
    assert len(script.requests) == 1
    error = caught.value
    assert error.status == status
    assert error.path == "/omnimessage"
    assert error.payload == json.loads(script.requests[0].content)
    assert "may or may not have been accepted" in str(error)
    assert "retry_uncertain_sends=True" in str(error)


def test_dropped_connection_after_processing_sends_once(make_client: Build) -> None:
    script = Script(_dropped_after_processing, _created)
    with pytest.raises(SendOutcomeUnknownError) as caught:
        make_client(script).send(MESSAGE)
    assert script.processed == 1
    assert isinstance(caught.value, ApiConnectionError)
    assert caught.value.payload["messages"] == [
        {"channel": "sms", "text": "Hello", "sender": "MyBrand"}
    ]


def test_server_error_on_post_is_the_cause(make_client: Build) -> None:
    body = {"errors": [{"title": "Internal Server Error", "code": "104", "detail": "x"}]}
    script = Script(httpx.Response(500, json=body))
    with pytest.raises(SendOutcomeUnknownError) as caught:
        make_client(script).send(MESSAGE)
    assert isinstance(caught.value.__cause__, ServerError)
    assert caught.value.__cause__.errors[0].code == "104"


def test_resending_the_payload_of_an_unknown_outcome(make_client: Build) -> None:
    script = Script(httpx.ReadTimeout("slow"), _created)
    client = make_client(script)
    with pytest.raises(SendOutcomeUnknownError) as caught:
        client.send(MESSAGE)
    client.send(caught.value.payload)
    assert script.requests[0].content == script.requests[1].content


def test_opt_in_retries_uncertain_sends(make_client: Build) -> None:
    script = Script(httpx.ReadTimeout("slow"), httpx.Response(502), _created)
    created = make_client(script, retry_uncertain_sends=True).send(MESSAGE)
    assert str(created.omnimessage_id) == OMNI_ID
    assert len(script.requests) == 3


def test_opt_in_still_reports_unknown_when_retries_run_out(make_client: Build) -> None:
    script = Script(httpx.ReadTimeout("slow"), httpx.Response(429))
    with pytest.raises(SendOutcomeUnknownError):
        make_client(script, retry_uncertain_sends=True, max_retries=1).send(MESSAGE)


def test_with_options_turns_on_opt_in_for_one_copy(make_client: Build) -> None:
    script = Script(httpx.Response(503), _created)
    client = make_client(script)
    client.with_options(retry_uncertain_sends=True).send(MESSAGE)
    assert len(script.requests) == 2
    assert client.options.retry_uncertain_sends is False


def test_bulk_with_unknown_outcome_carries_the_bulk_payload(make_client: Build) -> None:
    script = Script(httpx.ReadTimeout("slow"))
    with pytest.raises(SendOutcomeUnknownError) as caught:
        make_client(script).send_bulk([MESSAGE, MESSAGE])
    assert caught.value.path == "/omnimessages"
    assert len(caught.value.payload["messages"]) == 2
    assert len(script.requests) == 1


def test_unsupported_protocol_is_not_retried(make_client: Build) -> None:
    script = Script(httpx.UnsupportedProtocol("nope"))
    with pytest.raises(ApiConnectionError):
        make_client(script).status(OMNI_ID)
    assert len(script.requests) == 1


@pytest.mark.anyio
async def test_async_get_is_retried(
    make_async_client: Callable[..., AsyncOmnichannel], fake_time: FakeTime
) -> None:
    script = Script(httpx.Response(503), httpx.ConnectError("refused"), REPORT)
    async with make_async_client(script) as client:
        report = await client.status(OMNI_ID)
    assert report.statuses[0].status == "DELIVRD"
    assert fake_time.sleeps == [0.5, 1.0]


@pytest.mark.anyio
async def test_async_dropped_connection_after_processing_sends_once(
    make_async_client: Callable[..., AsyncOmnichannel],
) -> None:
    script = Script(_dropped_after_processing, _created)
    async with make_async_client(script) as client:
        with pytest.raises(SendOutcomeUnknownError):
            await client.send(MESSAGE)
    assert script.processed == 1


@pytest.mark.anyio
async def test_async_post_retried_on_429(
    make_async_client: Callable[..., AsyncOmnichannel],
) -> None:
    script = Script(
        httpx.Response(429, headers={"Retry-After": "2"}), _created, httpx.Response(202, json={})
    )
    async with make_async_client(script) as client:
        created = await client.send(MESSAGE)
        await client.cancel(created.omnimessage_id)
    assert [r.method for r in script.requests] == ["POST", "POST", "DELETE"]


def test_a_wait_that_overshoots_the_deadline_ends_with_what_the_last_attempt_said(
    fake_time: FakeTime,
) -> None:
    """The sleep ran long: no bare timeout, the caller learns what really happened."""

    def overslept(seconds: float) -> None:
        fake_time.sleep(seconds + 5.0)

    slow = Script(httpx.Response(503, headers={"Retry-After": "0.7"}), REPORT)
    with (
        Omnichannel(
            USERNAME,
            PASSWORD,
            transport=httpx.MockTransport(slow),
            sleep=overslept,
            clock=fake_time.clock,
            deadline=1.0,
        ) as client,
        pytest.raises(ServerError),
    ):
        client.status(OMNI_ID)
    assert len(slow.requests) == 1

    lost = Script(_dropped_after_processing, httpx.Response(429, headers={"Retry-After": "0.7"}))
    with (
        Omnichannel(
            USERNAME,
            PASSWORD,
            transport=httpx.MockTransport(lost),
            sleep=overslept,
            clock=fake_time.clock,
            deadline=7.0,
            random=lambda: 1.0,
            retry_uncertain_sends=True,
        ) as client,
        pytest.raises(SendOutcomeUnknownError),
    ):
        client.send(MESSAGE)
    assert len(lost.requests) == 2
