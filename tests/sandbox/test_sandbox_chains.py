"""Fallback chains play out by recipient number, deterministically on a manual clock."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from messente_omnichannel.sandbox import MAGIC_ENDINGS, ManualClock, Sandbox, scenario_for
from messente_omnichannel.sandbox._scenarios import plan
from messente_omnichannel_client.models import DeliveryErrorCode, DeliveryStatus

START = datetime(2030, 1, 1, tzinfo=UTC)
AUTH = ("demo", "demo-password")
CHAIN: list[dict[str, Any]] = [
    {"channel": "whatsapp", "sender": "Brand", "text": {"body": "Hi"}},
    {"channel": "viber", "sender": "Brand", "text": "Hi"},
    {"channel": "sms", "text": "Hi"},
]


@pytest.fixture
def sb() -> Iterator[Sandbox[ManualClock]]:
    with Sandbox(clock=ManualClock(START)) as sandbox:
        yield sandbox


@pytest.fixture
def client(sb: Sandbox[ManualClock]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c:
        yield c


def send(client: httpx.Client, to: str, messages: list[dict[str, Any]] = CHAIN) -> str:
    response = client.post("/omnimessage", json={"to": to, "messages": messages})
    assert response.status_code == 201, response.text
    omnimessage_id: str = response.json()["omnimessage_id"]
    return omnimessage_id


def statuses(client: httpx.Client, omnimessage_id: str) -> list[dict[str, Any]]:
    response = client.get(f"/omnimessage/{omnimessage_id}/status")
    assert response.status_code == 200
    body = response.json()
    assert body["omnimessage_id"] == omnimessage_id
    result: list[dict[str, Any]] = body["statuses"]
    return result


def summary(client: httpx.Client, omnimessage_id: str) -> list[tuple[str, str | None, int | None]]:
    return [(s["channel"], s["status"], s["err"]) for s in statuses(client, omnimessage_id)]


def test_created_body_lists_every_channel_with_ids_and_senders(client: httpx.Client) -> None:
    response = client.post("/omnimessage", json={"to": "+37251000000", "messages": CHAIN})
    body = response.json()
    assert body["to"] == "+37251000000"
    assert [m["channel"] for m in body["messages"]] == ["whatsapp", "viber", "sms"]
    assert [m["sender"] for m in body["messages"]] == ["Brand", "Brand", "Messente"]
    assert len({m["message_id"] for m in body["messages"]}) == 3


def test_default_number_is_delivered_on_the_first_channel(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    oid = send(client, "+37251000000")
    processing = statuses(client, oid)
    assert len(processing) == 1
    assert all(processing[0][key] is None for key in ("status", "err", "error", "timestamp"))
    assert processing[0]["price_info"] is None
    sb.clock.advance(1)
    assert summary(client, oid) == [("whatsapp", "ACK", 0)]
    sb.clock.advance(2)
    [result] = statuses(client, oid)
    assert (result["status"], result["err"], result["error"]) == ("DELIVRD", 0, None)
    # Messente's own form: UTC, microseconds, no offset.
    assert result["timestamp"] == "2030-01-01T00:00:03.000000"
    assert result["price_info"] == {
        "part_price": "0.0380",
        "parts_count": 1,
        "total_price": "0.0380",
    }
    assert result["sender"] == "Brand"
    sb.clock.advance(3600)
    assert summary(client, oid) == [("whatsapp", "DELIVRD", 0)]


def test_001_fails_the_first_channel_and_delivers_the_second(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    oid = send(client, "+37251000001")
    sb.clock.advance(3)
    assert summary(client, oid) == [("whatsapp", "UNDELIV", 1), ("viber", None, None)]
    assert statuses(client, oid)[0]["error"] == "Delivery failure"
    sb.clock.advance(1)
    assert summary(client, oid)[1] == ("viber", "ACK", 0)
    sb.clock.advance(2)
    assert summary(client, oid) == [("whatsapp", "UNDELIV", 1), ("viber", "DELIVRD", 0)]
    sb.clock.advance(3600)
    assert len(statuses(client, oid)) == 2  # sms is never attempted


def test_002_fails_every_channel_in_send_order(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    oid = send(client, "+37251000002")
    sb.clock.advance(9)
    result = statuses(client, oid)
    assert [(s["channel"], s["status"], s["err"], s["error"]) for s in result] == [
        ("whatsapp", "FAILED", 9, "Unroutable"),
        ("viber", "FAILED", 9, "Unroutable"),
        ("sms", "FAILED", 9, "Unroutable"),
    ]
    stamps = [datetime.fromisoformat(s["timestamp"]).replace(tzinfo=UTC) for s in result]
    assert stamps == [START + timedelta(seconds=3 * n) for n in (1, 2, 3)]
    assert all(s["price_info"] is None for s in result)


def test_003_expires_each_channel_when_its_validity_or_ttl_runs_out(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    chain = [
        {"channel": "viber", "text": "Hi", "ttl": 60},
        {"channel": "sms", "text": "Hi", "validity": 2},
    ]
    oid = send(client, "+37251000003", chain)
    sb.clock.advance(59)
    assert summary(client, oid) == [("viber", "ACK", 0)]
    sb.clock.advance(1)
    assert summary(client, oid) == [("viber", "EXPIRED", 2), ("sms", None, None)]
    sb.clock.advance(119)
    assert summary(client, oid)[1] == ("sms", "ACCEPTD", 0)
    sb.clock.advance(1)
    result = statuses(client, oid)
    assert (result[1]["status"], result[1]["error"]) == ("EXPIRED", "Sending message expired")


def test_003_without_ttl_expires_after_the_default(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    oid = send(client, "+37251000003", [{"channel": "sms", "text": "Hi"}])
    sb.clock.advance(299)
    assert summary(client, oid) == [("sms", "ACCEPTD", 0)]
    sb.clock.advance(1)
    assert summary(client, oid) == [("sms", "EXPIRED", 2)]


def test_a_ttl_shorter_than_delivery_moves_on_to_the_next_channel(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    chain: list[dict[str, Any]] = [
        {"channel": "viber", "text": "Hi", "ttl": 2},
        # JSON Schema's integer admits 2.0: it must count as 2 s too.
        {"channel": "whatsapp", "text": {"body": "Hi"}, "ttl": 2.0},
        {"channel": "sms", "text": "Hi"},
    ]
    oid = send(client, "+37251000000", chain)
    sb.clock.advance(2)
    assert summary(client, oid) == [("viber", "EXPIRED", 2), ("whatsapp", None, None)]
    sb.clock.advance(2)
    assert summary(client, oid)[1:] == [("whatsapp", "EXPIRED", 2), ("sms", None, None)]
    sb.clock.advance(3)
    assert summary(client, oid)[2:] == [("sms", "DELIVRD", 0)]


def test_004_is_seen_on_whatsapp_and_viber_but_not_sms(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    seen = send(client, "+37251000004")
    sms = send(client, "+37251000004", [{"channel": "sms", "text": "Hi"}])
    sb.clock.advance(3)
    assert summary(client, seen) == [("whatsapp", "DELIVRD", 0)]
    sb.clock.advance(7)
    [result] = statuses(client, seen)
    assert (result["status"], result["err"], result["error"]) == ("SEEN", 10, "Seen")
    assert result["price_info"] is not None
    assert summary(client, sms) == [("sms", "DELIVRD", 0)]


def test_005_is_rejected_on_every_channel(client: httpx.Client, sb: Sandbox[ManualClock]) -> None:
    oid = send(client, "+37251000005")
    sb.clock.advance(3)
    result = statuses(client, oid)
    assert [(s["status"], s["err"], s["error"]) for s in result] == [
        ("REJECTD", 3, "Invalid number")
    ] * 3


def test_long_sms_is_priced_per_part(client: httpx.Client, sb: Sandbox[ManualClock]) -> None:
    gsm = send(client, "+37251000000", [{"channel": "sms", "text": "a" * 161}])
    ucs = send(client, "+37251000000", [{"channel": "sms", "text": "ä€ж" * 30}])
    sb.clock.advance(3)
    assert statuses(client, gsm)[0]["price_info"] == {
        "part_price": "0.0420",
        "parts_count": 2,
        "total_price": "0.0840",
    }
    assert statuses(client, ucs)[0]["price_info"]["parts_count"] == 2


def test_bulk_sends_each_omnimessage_with_its_own_chain(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    body = {
        "messages": [
            {"to": "+37251000001", "messages": CHAIN},
            {"to": "+37251000000", "messages": [{"channel": "sms", "text": "Hi"}]},
        ]
    }
    response = client.post("/omnimessages", json=body)
    assert response.status_code == 201
    first, second = (item["omnimessage_id"] for item in response.json()["messages"])
    sb.clock.advance(6)
    assert summary(client, first) == [("whatsapp", "UNDELIV", 1), ("viber", "DELIVRD", 0)]
    assert summary(client, second) == [("sms", "DELIVRD", 0)]
    assert len(sb.ledger) == 2


@pytest.mark.parametrize("ending", ["000", *MAGIC_ENDINGS])
def test_every_status_change_is_from_the_generated_enums_and_sent_as_plain_json(
    ending: str,
) -> None:
    messages = [*CHAIN, {"channel": "rcs", "sender": "agent", "text": "Hi"}]
    ids = [uuid.uuid4() for _ in messages]
    attempts = plan(scenario_for("+37251000" + ending), messages, START, ids)
    events = [(attempt, event) for attempt in attempts for event in attempt.events]
    assert events
    for attempt, event in events:
        assert isinstance(event.status, DeliveryStatus)
        assert isinstance(event.err, DeliveryErrorCode)
        result = attempt.report(event)
        assert (type(result["status"]), type(result["err"])) == (str, int)
        assert (result["status"], result["err"]) == (event.status.value, event.err.value)
