"""A cancel whose answer was lost says it may have cancelled; so does a send that may have sent."""

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from messente_omnichannel import (
    SMS,
    ApiTimeoutError,
    ApiUnreachableError,
    AsyncOmnichannel,
    CancelOutcomeUnknownError,
    NotFoundError,
    Omnichannel,
    Omnimessage,
    RateLimitError,
    SendOutcomeUnknownError,
)
from messente_omnichannel.sandbox import Faults, ManualClock, Sandbox

from .conftest import OMNI_ID, PASSWORD, USERNAME, FakeTime, Script

Build = Callable[..., Omnichannel]
MESSAGE = Omnimessage(to="+37251000000", messages=[SMS("Hello")])


def _overslept_client(fake_time: FakeTime, script: Script, **kwargs: object) -> Omnichannel:
    def overslept(seconds: float) -> None:
        fake_time.sleep(seconds + 5.0)

    return Omnichannel(
        USERNAME,
        PASSWORD,
        transport=httpx.MockTransport(script),
        sleep=overslept,
        clock=fake_time.clock,
        random=lambda: 1.0,
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_send_whose_retry_wait_overshoots_the_deadline_is_an_unknown_outcome(
    fake_time: FakeTime,
) -> None:
    """Attempt 1 dropped after processing, attempt 2 got 429, the wait ran past the deadline."""
    script = Script(
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.Response(429, headers={"Retry-After": "0.72"}),
        httpx.Response(429, headers={"Retry-After": "0.72"}),
    )
    with (
        _overslept_client(fake_time, script, deadline=7.0, retry_uncertain_sends=True) as client,
        pytest.raises(SendOutcomeUnknownError) as caught,
    ):
        client.send(MESSAGE)
    assert len(script.requests) == 2
    assert not isinstance(caught.value, TimeoutError)


def test_a_cancel_whose_retry_wait_overshoots_the_deadline_may_have_cancelled(
    fake_time: FakeTime,
) -> None:
    script = Script(
        httpx.ReadTimeout("slow"),
        httpx.Response(429, headers={"Retry-After": "0.72"}),
        httpx.Response(202, json={}),
    )
    with (
        _overslept_client(fake_time, script, deadline=7.0) as client,
        pytest.raises(CancelOutcomeUnknownError) as caught,
    ):
        client.cancel(OMNI_ID)
    assert len(script.requests) == 2
    error = caught.value
    assert "may or may not have cancelled" in str(error)
    assert error.omnimessage_id == OMNI_ID
    assert error.status == 429
    assert isinstance(error.__cause__, RateLimitError)


@pytest.mark.parametrize(
    "last",
    [httpx.ReadTimeout("slow"), httpx.ReadError(""), httpx.Response(503), httpx.Response(500)],
    ids=["timeout", "read-error", "503", "500"],
)
def test_a_cancel_ending_without_a_clear_answer_may_have_cancelled(
    make_client: Build, last: httpx.Response | Exception
) -> None:
    with pytest.raises(CancelOutcomeUnknownError, match="may or may not have cancelled"):
        make_client(Script(last), max_retries=1).cancel(OMNI_ID)


def test_a_cancel_timeout_keeps_the_timeout_as_its_cause(make_client: Build) -> None:
    with pytest.raises(CancelOutcomeUnknownError) as caught:
        make_client(Script(httpx.ReadTimeout("slow")), max_retries=0).cancel(OMNI_ID)
    assert isinstance(caught.value.__cause__, ApiTimeoutError)
    assert caught.value.status is None


def test_a_cancel_that_provably_never_left_is_not_uncertain(make_client: Build) -> None:
    with pytest.raises(ApiUnreachableError) as caught:
        make_client(Script(httpx.ConnectError("refused")), max_retries=1).cancel(OMNI_ID)
    assert not isinstance(caught.value, CancelOutcomeUnknownError)


def test_a_clear_404_after_an_uncertain_attempt_stays_not_found(make_client: Build) -> None:
    script = Script(httpx.ReadTimeout("slow"), httpx.Response(404, json={"errors": []}))
    with pytest.raises(NotFoundError, match="may have cancelled"):
        make_client(script).cancel(OMNI_ID)


def test_a_read_timeout_is_no_cancel_outcome(make_client: Build) -> None:
    with pytest.raises(ApiTimeoutError) as caught:
        make_client(Script(httpx.ReadTimeout("slow")), max_retries=0).status(OMNI_ID)
    assert not isinstance(caught.value, CancelOutcomeUnknownError)


def test_cancel_timing_out_against_a_slow_sandbox_says_it_may_have_cancelled() -> None:
    """The sandbox goes on with a request whose client gave up: it did cancel."""
    start = datetime(2030, 1, 1, tzinfo=UTC)
    with (
        Sandbox(clock=ManualClock(start=start)) as sandbox,
        Omnichannel("demo", "demo-password", transport=sandbox.transport()) as client,
    ):
        scheduled = Omnimessage(
            to="+37251000000",
            messages=[SMS("Later")],
            time_to_send=start + timedelta(hours=1),
        )
        created = client.send(scheduled)
        sandbox.faults = Faults(latency=0.03)
        with pytest.raises(CancelOutcomeUnknownError):
            client.with_options(max_retries=0).cancel(created.omnimessage_id, timeout=0.01)
        sandbox.faults = None
        for _ in range(500):  # the server finishes the request in its own time
            if sandbox._service.store.is_cancelled("demo", created.omnimessage_id):
                break
            time.sleep(0.01)
        assert sandbox._service.store.is_cancelled("demo", created.omnimessage_id)


@pytest.mark.anyio
async def test_an_async_cancel_without_a_clear_answer_may_have_cancelled(
    make_async_client: Callable[..., AsyncOmnichannel],
) -> None:
    async with make_async_client(Script(httpx.ReadTimeout("slow")), max_retries=1) as client:
        with pytest.raises(CancelOutcomeUnknownError):
            await client.cancel(OMNI_ID)
