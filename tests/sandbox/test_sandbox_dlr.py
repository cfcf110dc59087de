"""Delivery reports: one per status change, signed, retried with backoff, never blocking."""

import asyncio
import json
import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema_rs
import pytest

from messente_omnichannel._reports._signature import verify
from messente_omnichannel._spec import load_spec
from messente_omnichannel.sandbox import ManualClock, Sandbox

ACCOUNTS = {"demo": "demo-password", "other": "other-password"}
DLR_URL = "https://receiver.example/dlr"
CHAIN = [{"channel": "viber", "text": "Hi"}, {"channel": "sms", "text": "Hi"}]


class Receiver:
    """Captures delivery reports; answers from a script, then 200."""

    def __init__(self, answers: list[int | Exception] | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.answers = list(answers or [])

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if self.answers else 200
        if isinstance(answer, Exception):
            raise answer
        return httpx.Response(answer)

    @property
    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests]


def make(receiver: Receiver) -> Sandbox[ManualClock]:
    return Sandbox(ACCOUNTS, clock=ManualClock(), dlr_transport=httpx.MockTransport(receiver))


def send(sb: Sandbox[ManualClock], to: str, account: str = "demo", **extra: Any) -> str:
    auth = (account, ACCOUNTS[account])
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=auth) as c:
        body = {"to": to, "messages": CHAIN, "dlr_url": DLR_URL, **extra}
        response = c.post("/omnimessage", json=body)
        assert response.status_code == 201, response.text
        omnimessage_id: str = response.json()["omnimessage_id"]
        return omnimessage_id


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture
def sb(receiver: Receiver) -> Iterator[Sandbox[ManualClock]]:
    with make(receiver) as sandbox:
        yield sandbox


def test_every_status_change_is_reported_in_order(
    sb: Sandbox[ManualClock], receiver: Receiver
) -> None:
    oid = send(sb, "+37251000001")
    sb.flush_reports()
    assert receiver.requests == []
    sb.clock.advance(10)
    sb.flush_reports()
    assert [(b["channel"], b["status"], b["err"]) for b in receiver.bodies] == [
        ("viber", "ACK", 0),
        ("viber", "UNDELIV", 1),
        ("sms", "ACCEPTD", 0),
        ("sms", "DELIVRD", 0),
    ]
    assert {b["omnimessage_id"] for b in receiver.bodies} == {oid}
    assert {b["to"] for b in receiver.bodies} == {"+37251000001"}
    assert all(str(r.url) == DLR_URL and r.method == "POST" for r in receiver.requests)


def test_reports_match_the_spec_callback_schema(
    sb: Sandbox[ManualClock], receiver: Receiver
) -> None:
    send(sb, "+37251000004")
    sb.clock.advance(20)
    sb.flush_reports()
    spec = load_spec()
    schema = {"$ref": "#/components/schemas/DeliveryReportCallback", **spec}
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    assert len(receiver.bodies) == 3  # ACK, DELIVRD, SEEN
    for body in receiver.bodies:
        validator.validate(body)
        # Messente's own form, which clients must read as UTC: no offset.
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}", body["timestamp"])


def test_reports_are_signed_with_the_sending_accounts_password(
    sb: Sandbox[ManualClock], receiver: Receiver
) -> None:
    send(sb, "+37251000000", account="demo")
    send(sb, "+37251000000", account="other")
    sb.clock.advance(1)
    sb.flush_reports()
    demo, other = receiver.requests
    pairs = ((demo, "demo-password", "other-password"), (other, "other-password", "demo-password"))
    for request, password, wrong in pairs:
        signature = request.headers["X-Messente-Signature"]
        assert len(signature) == 64
        assert verify(request.content, signature, password)
        assert not verify(request.content, signature, wrong)
        assert request.headers["content-type"] == "application/json"


def test_failed_reports_are_retried_with_backoff() -> None:
    receiver = Receiver([500, httpx.ConnectError("refused"), 404])
    with make(receiver) as sb:
        send(sb, "+37251000000", messages=[{"channel": "sms", "text": "Hi"}])
        sb.clock.advance(1)  # ACCEPTD: fails with 500
        sb.flush_reports()
        assert len(receiver.requests) == 1
        sb.clock.advance(1)  # retry 1 s later: unreachable
        sb.flush_reports()
        assert len(receiver.requests) == 2
        sb.clock.advance(1)  # 2 s after, not yet; then DELIVRD is due and fails with 404
        sb.flush_reports()
        assert [b["status"] for b in receiver.bodies] == ["ACCEPTD", "ACCEPTD", "DELIVRD"]
        sb.clock.advance(1)  # ACCEPTD's retry, 2 s after its second failure: delivered
        sb.flush_reports()
        sb.clock.advance(1)  # DELIVRD's retry, 1 s after its failure: delivered
        sb.flush_reports()
        attempts = sb.report_attempts
        assert [a.status_code for a in attempts] == [500, None, 404, 200, 200]
        assert attempts[1].error is not None and "refused" in attempts[1].error
        assert [b["status"] for b in receiver.bodies] == [
            "ACCEPTD",
            "ACCEPTD",
            "DELIVRD",
            "ACCEPTD",
            "DELIVRD",
        ]
        # One body per report: a retry sends the same bytes and signature.
        assert receiver.requests[0].content == receiver.requests[3].content


def test_a_blocked_receiver_never_blocks_the_api() -> None:
    release = threading.Event()

    def handler(request: httpx.Request) -> httpx.Response:
        release.wait(10)
        return httpx.Response(200)

    with Sandbox(clock=ManualClock(), dlr_transport=httpx.MockTransport(handler)) as sb:
        auth = ("demo", "demo-password")
        with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=auth) as c:
            body = {"to": "+37251000000", "messages": CHAIN, "dlr_url": DLR_URL}
            oid = c.post("/omnimessage", json=body).json()["omnimessage_id"]
            sb.clock.advance(5)  # reports are queued; the receiver hangs
            started = time.perf_counter()
            for _ in range(20):
                assert c.post("/omnimessage", json=body).status_code == 201
                assert c.get(f"/omnimessage/{oid}/status").status_code == 200
            assert time.perf_counter() - started < 5
            with pytest.raises(TimeoutError):
                sb.flush_reports(timeout=0.1)
            release.set()
            sb.flush_reports()


def test_cancelled_omnimessages_send_no_reports(
    sb: Sandbox[ManualClock], receiver: Receiver
) -> None:
    oid = send(sb, "+37251000000", time_to_send="2030-01-01T00:01:00Z")
    auth = ("demo", "demo-password")
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=auth) as c:
        assert c.delete(f"/omnimessage/{oid}").status_code == 202
    sb.clock.advance(3600)
    sb.flush_reports()
    assert receiver.requests == []


def test_no_dlr_url_no_reports(sb: Sandbox[ManualClock], receiver: Receiver) -> None:
    auth = ("demo", "demo-password")
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=auth) as c:
        c.post("/omnimessage", json={"to": "+37251000000", "messages": CHAIN})
    sb.clock.advance(3600)
    sb.flush_reports()
    assert receiver.requests == []


def test_an_accelerated_clock_sends_reports_by_itself(receiver: Receiver) -> None:
    transport = httpx.MockTransport(receiver)
    with Sandbox(speed=100, dlr_transport=transport) as sb:
        auth = ("demo", "demo-password")
        with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=auth) as c:
            body = {"to": "+37251000001", "messages": CHAIN, "dlr_url": DLR_URL}
            assert c.post("/omnimessage", json=body).status_code == 201
        deadline = time.monotonic() + 5
        while len(receiver.requests) < 4 and time.monotonic() < deadline:
            time.sleep(0.01)  # 6 sandbox seconds take 60 ms at speed 100
        assert [b["status"] for b in receiver.bodies] == ["ACK", "UNDELIV", "ACCEPTD", "DELIVRD"]


def test_a_hanging_receiver_does_not_hold_up_another_urls_reports() -> None:
    released = asyncio.Event()
    delivered: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "stuck.example":
            await released.wait()
        delivered.append(request.url.host)
        return httpx.Response(200)

    sb = Sandbox(ACCOUNTS, clock=ManualClock(), dlr_transport=httpx.MockTransport(handler))
    with sb:
        send(sb, "+37251000000", dlr_url="https://stuck.example/dlr")
        send(sb, "+37251000000", dlr_url="https://fine.example/dlr")
        sb.clock.advance(1)
        deadline = time.monotonic() + 10
        while "fine.example" not in delivered and time.monotonic() < deadline:
            time.sleep(0.01)
        assert delivered == ["fine.example"]
        sb._runtime.soon(released.set)
        sb.flush_reports(timeout=10)
        assert sorted(delivered) == ["fine.example", "stuck.example"]
