"""A time_to_send without a timezone is read as UTC (the API reference), through the raw API."""

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from messente_omnichannel.sandbox import ManualClock, Sandbox

START = datetime(2030, 6, 22, 7, 0, tzinfo=UTC)
AUTH = ("demo", "demo-password")
SMS = [{"channel": "sms", "text": "Later"}]


@pytest.fixture
def sb() -> Iterator[Sandbox[ManualClock]]:
    with Sandbox(clock=ManualClock(START)) as sandbox:
        yield sandbox


@pytest.fixture
def client(sb: Sandbox[ManualClock]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c:
        yield c


def _attempts(client: httpx.Client, omnimessage_id: str) -> int:
    response = client.get(f"/omnimessage/{omnimessage_id}/status")
    assert response.status_code == 200, response.text
    return len(response.json()["statuses"])


@pytest.mark.parametrize(
    ("when", "due_in"),
    [
        ("2030-06-22T09:05:07", 2 * 3600 + 5 * 60 + 7),
        ("2030-06-22T09:05", 2 * 3600 + 5 * 60),
        ("2030-06-22T09:05:07.5", 2 * 3600 + 5 * 60 + 8),  # starts within that second
    ],
)
def test_a_naive_time_to_send_is_scheduled_at_that_utc_time(
    client: httpx.Client, sb: Sandbox[ManualClock], when: str, due_in: int
) -> None:
    response = client.post(
        "/omnimessage", json={"to": "+37251000000", "messages": SMS, "time_to_send": when}
    )
    assert response.status_code == 201, response.text
    oid = response.json()["omnimessage_id"]
    sb.clock.advance(due_in - 1)
    assert _attempts(client, oid) == 0  # still held: not read as local time or sent at once
    sb.clock.advance(1)
    assert _attempts(client, oid) == 1


def test_a_naive_time_to_send_can_be_cancelled_until_then(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    body = {"to": "+37251000000", "messages": SMS, "time_to_send": "2030-06-22T08:00:00"}
    oid = client.post("/omnimessage", json=body).json()["omnimessage_id"]
    sb.clock.advance(3599)
    assert client.delete(f"/omnimessage/{oid}").status_code == 202


def test_a_naive_time_in_a_bulk_request_is_read_as_utc_too(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    later = {"to": "+37251000000", "messages": SMS, "time_to_send": "2030-06-22T07:10"}
    response = client.post("/omnimessages", json={"messages": [later]})
    assert response.status_code == 201, response.text
    [item] = response.json()["messages"]
    sb.clock.advance(599)
    assert _attempts(client, item["omnimessage_id"]) == 0
    sb.clock.advance(1)
    assert _attempts(client, item["omnimessage_id"]) == 1


def test_a_naive_time_that_does_not_exist_is_refused(client: httpx.Client) -> None:
    body = {"to": "+37251000000", "messages": SMS, "time_to_send": "2031-02-29T09:05"}
    response = client.post("/omnimessage", json=body)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["code"], error["source"]) == ("105", "time_to_send")
    assert error["detail"] == 'is not a date that exists: "2031-02-29T09:05"'
