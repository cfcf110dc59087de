"""time_to_send holds an omnimessage; DELETE cancels it until it starts sending."""

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from messente_omnichannel.sandbox import ManualClock, Sandbox

START = datetime(2030, 1, 1, tzinfo=UTC)
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


def schedule(client: httpx.Client, when: str) -> str:
    body = {"to": "+37251000000", "messages": SMS, "time_to_send": when}
    response = client.post("/omnimessage", json=body)
    assert response.status_code == 201, response.text
    omnimessage_id: str = response.json()["omnimessage_id"]
    return omnimessage_id


def statuses(client: httpx.Client, omnimessage_id: str) -> list[str | None]:
    body = client.get(f"/omnimessage/{omnimessage_id}/status").json()
    return [s["status"] for s in body["statuses"]]


def test_a_future_time_to_send_holds_the_omnimessage(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    oid = schedule(client, "2030-01-01T01:00:00+01:00")  # 00:00 UTC: due now
    assert statuses(client, oid) == [None]
    later = schedule(client, "2030-01-01T00:10:00Z")
    assert statuses(client, later) == []
    sb.clock.advance(599)
    assert statuses(client, later) == []
    sb.clock.advance(1)
    assert statuses(client, later) == [None]
    sb.clock.advance(3)
    assert statuses(client, later) == ["DELIVRD"]


def test_delete_cancels_before_the_start_and_404s_after(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    oid = schedule(client, "2030-01-01T00:10:00Z")
    started = schedule(client, "2030-01-01T00:00:05Z")
    sb.clock.advance(5)
    response = client.delete(f"/omnimessage/{oid}")
    assert (response.status_code, response.json()) == (202, {})
    sb.clock.advance(3600)
    gone = client.get(f"/omnimessage/{oid}/status")
    assert gone.status_code == 404
    assert "was cancelled" in gone.json()["errors"][0]["detail"]
    again = client.delete(f"/omnimessage/{oid}")
    assert again.status_code == 404
    assert again.json()["errors"][0]["code"] == "101"
    late = client.delete(f"/omnimessage/{started}")
    assert late.status_code == 404
    assert "started sending" in late.json()["errors"][0]["detail"]
    assert statuses(client, started) == ["DELIVRD"]


def test_an_immediate_omnimessage_cannot_be_cancelled(client: httpx.Client) -> None:
    response = client.post("/omnimessage", json={"to": "+37251000000", "messages": SMS})
    oid = response.json()["omnimessage_id"]
    assert client.delete(f"/omnimessage/{oid}").status_code == 404


def test_a_past_time_to_send_sends_at_once(client: httpx.Client) -> None:
    oid = schedule(client, "2020-06-22T09:05:07+00:00")
    assert statuses(client, oid) == [None]


def test_unknown_omnimessage_is_404_for_delete_and_status(client: httpx.Client) -> None:
    unknown = "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"
    for response in (
        client.delete(f"/omnimessage/{unknown}"),
        client.get(f"/omnimessage/{unknown}/status"),
    ):
        assert response.status_code == 404
        [error] = response.json()["errors"]
        assert (error["title"], error["code"], error["source"]) == ("Not found", "101", None)
        assert unknown in error["detail"]


def test_far_future_and_leap_second_times_are_accepted(client: httpx.Client) -> None:
    assert statuses(client, schedule(client, "9999-12-31T23:59:59-23:59")) == []
    assert statuses(client, schedule(client, "2031-12-31T23:59:60Z")) == []
