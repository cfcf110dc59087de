"""A receiver that answers a delivery report with a redirect: followed, or failed and retried."""

import contextlib
import json
import logging
from collections.abc import Iterator

import httpx
import pytest

from messente_omnichannel._reports._signature import verify
from messente_omnichannel.sandbox import ManualClock, Sandbox
from messente_omnichannel.sandbox._dlr import MAX_REDIRECTS

DLR_URL = "https://receiver.example/dlr"
SMS_ONLY = [{"channel": "sms", "text": "Hi"}]


@contextlib.contextmanager
def sending(handler: httpx.MockTransport) -> Iterator[Sandbox[ManualClock]]:
    """Send one SMS whose reports go to ``handler``; play its first second (ACCEPTD)."""
    with Sandbox(clock=ManualClock(), dlr_transport=handler) as sb:
        auth = ("demo", "demo-password")
        with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=auth) as c:
            body = {"to": "+37251000000", "messages": SMS_ONLY, "dlr_url": DLR_URL}
            assert c.post("/omnimessage", json=body).status_code == 201
        sb.clock.advance(1)
        sb.flush_reports()
        yield sb


@pytest.mark.parametrize("status", [307, 308])
def test_a_307_or_308_is_followed_with_the_same_post(status: int) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/dlr":
            return httpx.Response(status, headers={"Location": "/dlr/"})
        return httpx.Response(200)

    with sending(httpx.MockTransport(handler)) as sb:
        attempts = sb.report_attempts
    first, followed = seen
    assert str(followed.url) == DLR_URL + "/"
    assert followed.method == "POST"
    assert followed.content == first.content
    assert json.loads(followed.content)["status"] == "ACCEPTD"
    signature = followed.headers["X-Messente-Signature"]
    assert verify(followed.content, signature, "demo-password")
    (attempt,) = attempts
    assert attempt.delivered
    assert (attempt.status_code, attempt.url) == (200, DLR_URL + "/")


@pytest.mark.parametrize("status", [301, 302, 303])
def test_another_redirect_is_a_failed_delivery_logged_and_retried(
    status: int, caplog: pytest.LogCaptureFixture
) -> None:
    answers = [httpx.Response(status, headers={"Location": "/elsewhere"})]

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.method == "POST"
        return answers.pop(0) if answers else httpx.Response(200)

    with (
        caplog.at_level(logging.WARNING, logger="messente_omnichannel.sandbox"),
        sending(httpx.MockTransport(handler)) as sb,
    ):
        sb.clock.advance(1)  # the retry, 1 s later
        sb.flush_reports()
        failed, retried = sb.report_attempts[:2]
    assert not failed.delivered
    assert failed.status_code == status
    assert failed.error is not None and "not followed" in failed.error
    assert retried.report is failed.report and retried.delivered
    assert f"HTTP {status} redirect to https://receiver.example/elsewhere" in caplog.text


def test_a_redirect_loop_fails_the_attempt() -> None:
    hops: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hops.append(request.url.path)
        return httpx.Response(307, headers={"Location": request.url.path + "x"})

    with sending(httpx.MockTransport(handler)) as sb:
        (attempt,) = sb.report_attempts
    assert len(hops) == MAX_REDIRECTS + 1
    assert not attempt.delivered
    assert attempt.error == f"more than {MAX_REDIRECTS} redirects"
