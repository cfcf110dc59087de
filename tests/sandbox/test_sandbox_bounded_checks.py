"""Checking one huge invalid request is bounded work; bad dlr_urls and deep nesting are 400s."""

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from messente_omnichannel._validation import MAX_PROBLEMS
from messente_omnichannel.sandbox import ManualClock, Sandbox

AUTH = ("demo", "demo-password")
SMS = {"channel": "sms", "text": "Hi"}


@pytest.fixture
def sb() -> Iterator[Sandbox[ManualClock]]:
    with Sandbox(clock=ManualClock()) as sandbox:
        yield sandbox


@pytest.fixture
def client(sb: Sandbox[ManualClock]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c:
        yield c


def _post(client: httpx.Client, path: str, body: bytes) -> httpx.Response:
    return client.post(path, content=body, headers={"Content-Type": "application/json"})


def test_a_large_invalid_bulk_request_reports_a_bounded_number_of_errors(
    client: httpx.Client,
) -> None:
    items = [{"to": "x", "messages": []} for _ in range(25_000)]  # 2 problems each
    body = json.dumps({"messages": items}, separators=(",", ":")).encode()
    assert len(body) < 1024 * 1024
    answer = _post(client, "/omnimessages", body)
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert len(errors) == MAX_PROBLEMS + 1
    assert [e["source"] for e in errors[:2]] == ["messages[0].messages", "messages[0].to"]
    assert errors[-1]["source"] is None
    assert f"at least {25_000 - MAX_PROBLEMS // 2} more problems" in errors[-1]["detail"]


def test_a_chain_of_many_invalid_messages_reports_a_bounded_number_of_errors(
    client: httpx.Client,
) -> None:
    messages = [{"channel": "sms", "text": ""} for _ in range(20_000)]
    body = json.dumps({"to": "+37251000000", "messages": messages}).encode()
    answer = _post(client, "/omnimessage", body)
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert len(errors) == MAX_PROBLEMS + 1
    assert "more problems" in errors[-1]["detail"]


@pytest.mark.parametrize(
    "url", ["http://", "https://[::1]:99999/dlr", "https://example.com:0/", "https://:80/x"]
)
def test_a_dlr_url_no_report_could_reach_is_a_400(
    sb: Sandbox[ManualClock], client: httpx.Client, url: str
) -> None:
    answer = client.post(
        "/omnimessage", json={"to": "+37251000000", "messages": [SMS], "dlr_url": url}
    )
    assert answer.status_code == 400, answer.text
    assert [e["source"] for e in answer.json()["errors"]] == ["dlr_url"]
    bulk = client.post(
        "/omnimessages",
        json={"messages": [{"to": "+37251000000", "messages": [SMS], "dlr_url": url}]},
    )
    assert bulk.status_code == 201
    (item,) = bulk.json()["messages"]
    assert [e["source"] for e in item["errors"]] == ["dlr_url"]
    assert len(sb.ledger) == 0


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_deep_nesting_is_a_400(client: httpx.Client, depth: int) -> None:
    deep: Any = 1
    for _ in range(depth):
        deep = {"a": deep}
    try:
        body = json.dumps({"to": "+37251000000", "messages": [{**SMS, "x": deep}]}).encode()
    except RecursionError:
        body = (
            b'{"to":"+37251000000","messages":[{"channel":"sms","text":"Hi","x":'
            + b'{"a":' * depth
            + b"1"
            + b"}" * depth
            + b"}]}"
        )
    answer = _post(client, "/omnimessage", body)
    assert answer.status_code == 400, answer.text
