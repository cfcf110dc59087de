"""Spec-valid requests never get a 500; a bulk request that does is all-or-nothing."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from messente_omnichannel.sandbox import ManualClock, Sandbox, _scenarios, _service

AUTH = ("demo", "demo-password")


@pytest.fixture
def sb() -> Iterator[Sandbox[ManualClock]]:
    with Sandbox(clock=ManualClock()) as sandbox:
        yield sandbox


@pytest.fixture
def client(sb: Sandbox[ManualClock]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c:
        yield c


def _sms(**extra: Any) -> dict[str, Any]:
    return {"channel": "sms", "text": "Hi", **extra}


@pytest.mark.parametrize(
    "body",
    [
        {"to": "+37251000003", "messages": [_sms(ttl=10**12) for _ in range(90)]},
        {"to": "+37251000002", "messages": [_sms(ttl=10**12) for _ in range(90)]},
        {
            "to": "+37251000003",
            "time_to_send": "8999-01-01T00:00:00Z",
            "messages": [*(_sms(ttl=10**12) for _ in range(14)), _sms(validity=10**10)],
        },
        {"to": "+37251000000", "time_to_send": "9999-12-31T23:59:59Z", "messages": [_sms()]},
    ],
    ids=["ttl-chain-expires", "ttl-chain-fails", "late-time-to-send", "last-second"],
)
def test_chains_running_past_year_9999_are_accepted(
    sb: Sandbox[ManualClock], client: httpx.Client, body: dict[str, Any]
) -> None:
    created = client.post("/omnimessage", json=body)
    assert created.status_code == 201, created.text
    omnimessage_id = created.json()["omnimessage_id"]
    sb.clock.advance(10**7)
    report = client.get(f"/omnimessage/{omnimessage_id}/status")
    assert report.status_code == 200, report.text
    bulk = client.post("/omnimessages", json={"messages": [body, body]})
    assert bulk.status_code == 201, bulk.text


def test_a_lone_surrogate_with_text_store_sha256_is_a_400(client: httpx.Client) -> None:
    raw = (
        b'{"to":"+37251000000","text_store":"sha256",'
        b'"messages":[{"channel":"sms","text":"a\\ud800b"}]}'
    )
    for path in ("/omnimessage", "/omnimessages"):
        content = raw if path == "/omnimessage" else b'{"messages":[' + raw + b"]}"
        answer = client.post(path, content=content, headers={"Content-Type": "application/json"})
        assert answer.status_code == 400, answer.text


def test_a_bulk_request_that_fails_unexpectedly_accepts_none_of_its_items(
    sb: Sandbox[ManualClock], client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _scenarios.plan
    calls = 0

    def plan_then_fail(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("an unexpected failure on the third item")
        return real(*args, **kwargs)

    monkeypatch.setattr(_service, "plan", plan_then_fail)
    items = [{"to": "+37251000000", "messages": [_sms()]} for _ in range(4)]
    answer = client.post("/omnimessages", json={"messages": items})
    assert answer.status_code == 500
    assert len(sb.ledger) == 0
    assert len(sb._service.store) == 0
    monkeypatch.setattr(_service, "plan", real)
    assert client.post("/omnimessages", json={"messages": items}).status_code == 201
    assert len(sb.ledger) == 4
