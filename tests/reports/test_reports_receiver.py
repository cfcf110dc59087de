"""The ASGI receiver: verify, parse, de-duplicate, hand on; refuse anything unproven."""

import subprocess
import sys
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from messente_omnichannel import (
    Deduplicator,
    DeliveryUpdate,
    MessenteError,
    ReportError,
    ReportReceiver,
    Tracker,
    WrongSignatureError,
    sign_report,
)
from messente_omnichannel.sandbox import ManualClock, Sandbox

from .conftest import PASSWORD, chain, client_for, sandbox

pytestmark = pytest.mark.anyio

SIGNED = sign_report(password=PASSWORD)


class Inbox:
    """A callback recording what it is handed, optionally failing first."""

    def __init__(self, failures: int = 0) -> None:
        self.updates: list[DeliveryUpdate] = []
        self.threads: list[int] = []
        self.failures = failures

    def __call__(self, update: DeliveryUpdate) -> None:
        self.threads.append(threading.get_ident())
        if self.failures:
            self.failures -= 1
            raise RuntimeError("database down")
        self.updates.append(update)


def post(
    app: Any, body: bytes, headers: dict[str, str], method: str = "POST", path: str = "/"
) -> Awaitable[httpx.Response]:
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://r")

    async def send() -> httpx.Response:
        async with client:
            return await client.request(method, path, content=body, headers=headers)

    return send()


async def test_a_verified_report_reaches_the_callback_and_gets_200() -> None:
    inbox = Inbox()
    response = await post(ReportReceiver(inbox, password=PASSWORD), SIGNED.body, SIGNED.headers)
    assert response.status_code == 200
    assert [str(u.status) for u in inbox.updates] == ["DELIVRD"]


async def test_a_plain_callback_runs_in_a_worker_thread_and_an_async_one_on_the_loop() -> None:
    inbox = Inbox()
    await post(ReportReceiver(inbox, password=PASSWORD), SIGNED.body, SIGNED.headers)
    assert inbox.threads != [threading.get_ident()]
    handed: list[int] = []

    async def on_report(update: DeliveryUpdate) -> None:
        handed.append(threading.get_ident())

    await post(ReportReceiver(on_report, password=PASSWORD), SIGNED.body, SIGNED.headers)
    assert handed == [threading.get_ident()]


async def test_a_redelivered_report_is_answered_200_but_handed_on_once() -> None:
    inbox = Inbox()
    receiver = ReportReceiver(inbox, password=PASSWORD)
    first = await post(receiver, SIGNED.body, SIGNED.headers)
    again = await post(receiver, SIGNED.body, SIGNED.headers)
    assert (first.status_code, again.status_code) == (200, 200)
    assert "Duplicate" in again.text
    assert len(inbox.updates) == 1


async def test_dedupe_can_be_shared_or_turned_off() -> None:
    shared = Deduplicator()
    inbox = Inbox()
    await post(ReportReceiver(inbox, password=PASSWORD, dedupe=shared), SIGNED.body, SIGNED.headers)
    await post(ReportReceiver(inbox, password=PASSWORD, dedupe=shared), SIGNED.body, SIGNED.headers)
    assert len(inbox.updates) == 1
    every = ReportReceiver(inbox, password=PASSWORD, dedupe=False)
    await post(every, SIGNED.body, SIGNED.headers)
    await post(every, SIGNED.body, SIGNED.headers)
    assert len(inbox.updates) == 3


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Messente-Signature": "0" * 64},
        sign_report(password="other-password").headers,  # noqa: S106
    ],
)
async def test_an_unproven_report_gets_401_and_never_reaches_the_callback(
    headers: dict[str, str],
) -> None:
    inbox = Inbox()
    rejected: list[ReportError] = []
    receiver = ReportReceiver(inbox, password=PASSWORD, on_reject=rejected.append)
    response = await post(receiver, SIGNED.body, headers)
    assert response.status_code == 401
    assert inbox.threads == []
    assert len(rejected) == 1
    assert PASSWORD not in response.text


async def test_a_tampered_report_gets_401() -> None:
    inbox = Inbox()
    tampered = SIGNED.body.replace(b"DELIVRD", b"UNDELIV")
    response = await post(ReportReceiver(inbox, password=PASSWORD), tampered, SIGNED.headers)
    assert response.status_code == 401
    assert inbox.threads == []


@pytest.mark.parametrize(
    "signed", [sign_report(b"not json", password=PASSWORD), sign_report(password=PASSWORD, to=5)]
)
async def test_a_signed_body_that_is_not_a_report_gets_400(signed: Any) -> None:
    inbox = Inbox()
    response = await post(ReportReceiver(inbox, password=PASSWORD), signed.body, signed.headers)
    assert response.status_code == 400
    assert inbox.threads == []


async def test_a_failing_callback_gets_500_and_the_redelivery_is_handed_on() -> None:
    inbox = Inbox(failures=1)
    receiver = ReportReceiver(inbox, password=PASSWORD)
    assert (await post(receiver, SIGNED.body, SIGNED.headers)).status_code == 500
    assert (await post(receiver, SIGNED.body, SIGNED.headers)).status_code == 200
    assert len(inbox.updates) == 1


async def test_only_post_is_accepted() -> None:
    response = await post(ReportReceiver(Inbox(), password=PASSWORD), b"", {}, method="GET")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


async def test_an_oversized_body_gets_413() -> None:
    receiver = ReportReceiver(Inbox(), password=PASSWORD, max_body_bytes=16)
    response = await post(receiver, SIGNED.body, SIGNED.headers)
    assert response.status_code == 413


async def _asgi(
    app: ReportReceiver, scope: dict[str, Any], messages: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0)

    async def send(message: Any) -> None:
        sent.append(dict(message))

    await app(scope, receive, send)
    return sent


def _http_scope(headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {"type": "http", "method": "POST", "path": "/", "headers": headers}


async def test_a_declared_oversized_body_gets_413_before_it_is_read() -> None:
    receiver = ReportReceiver(Inbox(), password=PASSWORD, max_body_bytes=16)
    # No body message at all: reading one would fail the test.
    sent = await _asgi(receiver, _http_scope([(b"content-length", b"17")]), [])
    assert sent[0]["status"] == 413


async def test_an_oversized_streamed_body_without_length_gets_413() -> None:
    receiver = ReportReceiver(Inbox(), password=PASSWORD, max_body_bytes=16)
    chunks = [{"type": "http.request", "body": b"x" * 10, "more_body": True}] * 3
    sent = await _asgi(receiver, _http_scope([]), list(chunks))
    assert sent[0]["status"] == 413


async def test_a_body_in_chunks_is_verified_whole() -> None:
    inbox = Inbox()
    receiver = ReportReceiver(inbox, password=PASSWORD)
    half = len(SIGNED.body) // 2
    messages = [
        {"type": "http.request", "body": SIGNED.body[:half], "more_body": True},
        {"type": "http.request", "body": SIGNED.body[half:], "more_body": False},
    ]
    headers = [(b"x-messente-signature", SIGNED.signature.encode())]
    sent = await _asgi(receiver, _http_scope(headers), messages)
    assert sent[0]["status"] == 200
    assert len(inbox.updates) == 1


async def test_a_client_that_disconnects_gets_no_answer() -> None:
    sent = await _asgi(
        ReportReceiver(Inbox(), password=PASSWORD), _http_scope([]), [{"type": "http.disconnect"}]
    )
    assert sent == []


async def test_lifespan_events_are_acknowledged() -> None:
    messages = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent = await _asgi(ReportReceiver(Inbox(), password=PASSWORD), {"type": "lifespan"}, messages)
    assert [m["type"] for m in sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


async def test_it_mounts_in_starlette() -> None:
    inbox = Inbox()
    app = Starlette(routes=[Mount("/dlr", app=ReportReceiver(inbox, password=PASSWORD))])
    response = await post(app, SIGNED.body, SIGNED.headers, path="/dlr/")
    assert response.status_code == 200
    assert len(inbox.updates) == 1


def test_the_password_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESSENTE_API_PASSWORD", PASSWORD)
    receiver = ReportReceiver(Inbox())
    assert PASSWORD not in repr(receiver)
    monkeypatch.delenv("MESSENTE_API_PASSWORD")
    with pytest.raises(MessenteError, match="MESSENTE_API_PASSWORD"):
        ReportReceiver(Inbox())
    with pytest.raises(MessenteError, match="empty"):
        ReportReceiver(Inbox(), password=[PASSWORD, ""])


# --- end to end: the sandbox's real, signed delivery reports -----------------------------------


def _play(sb: Sandbox[ManualClock], to: str) -> str:
    with client_for(sb) as client:
        created = client.send(chain(to))
        sb.clock.advance(3600)
        sb.flush_reports()
    return str(created.omnimessage_id)


def test_every_sandbox_report_is_verified_and_handed_on_once_in_process() -> None:
    inbox = Inbox()
    receiver = ReportReceiver(inbox, password=PASSWORD)
    with sandbox(httpx.ASGITransport(app=receiver)) as sb:
        omnimessage_id = _play(sb, "+37251000001")
        attempts = sb.report_attempts
    assert [a.status_code for a in attempts] == [200] * 4
    tracker = Tracker()
    for update in inbox.updates:
        tracker.add(update)
    assert [(str(u.channel), str(u.status)) for u in inbox.updates] == [
        ("whatsapp", "ACK"),
        ("whatsapp", "UNDELIV"),
        ("viber", "ACK"),
        ("viber", "DELIVRD"),
    ]
    assert tracker.outcome(omnimessage_id).describe() == "delivered on viber"


def test_reports_signed_with_another_accounts_password_are_refused_and_retried() -> None:
    inbox = Inbox()
    receiver = ReportReceiver(inbox, password="not-the-sending-account")  # noqa: S106
    rejected: list[ReportError] = []
    receiver.on_reject = rejected.append
    with sandbox(httpx.ASGITransport(app=receiver)) as sb:
        _play(sb, "+37251000000")
        sb.clock.advance(1)  # the first retry falls due
        sb.flush_reports()
        codes = [a.status_code for a in sb.report_attempts]
    assert inbox.threads == []
    assert set(codes) == {401}
    assert len(codes) > 2  # the first reports and at least one retry
    assert all(isinstance(e, WrongSignatureError) for e in rejected)


def test_reports_over_loopback_http_from_the_sandbox() -> None:
    inbox = Inbox()
    receiver = ReportReceiver(inbox, password=PASSWORD)
    with receiver.serve() as url, sandbox() as sb:
        with client_for(sb) as client:
            created = client.send(chain("+37251000002", dlr_url=url + "dlr"))
            sb.clock.advance(3600)
            sb.flush_reports()
        assert [a.status_code for a in sb.report_attempts] == [200] * 6
    tracker = Tracker()
    tracker.expect(created)
    for update in inbox.updates:
        tracker.add(update)
    assert tracker.outcome(created.omnimessage_id).failed


def test_serve_answers_on_loopback() -> None:
    serve: Callable[..., Any] = ReportReceiver(Inbox(), password=PASSWORD).serve
    with serve(port=0) as url:
        assert httpx.get(url).status_code == 405


@pytest.mark.slow
def test_serving_the_receiver_runs_its_own_thread_without_the_sandbox() -> None:
    # A fresh interpreter: this test session has imported the sandbox already.
    code = (
        "import sys, threading, httpx\n"
        "from messente_omnichannel import ReportReceiver\n"
        "with ReportReceiver(print, password='pw').serve() as url:\n"
        "    names = {t.name for t in threading.enumerate()}\n"
        "    assert 'messente-report-receiver' in names, names\n"
        "    assert httpx.get(url).status_code == 405\n"
        "loaded = [m for m in sys.modules if m.startswith('messente_omnichannel.sandbox')]\n"
        "assert not loaded, loaded\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
