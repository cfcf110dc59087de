"""The tracker: each sandbox scenario's outcome, from reports in any order or a status response."""

import json
from typing import Any
from uuid import UUID

import pytest

from messente_omnichannel import (
    ChainState,
    DeliveryUpdate,
    OmnimessageCreated,
    Tracker,
    parse_delivery_report,
    sign_report,
)
from messente_omnichannel.sandbox import ManualClock, Sandbox

from .conftest import PASSWORD, Captured, chain, client_for

SCENARIOS = [
    # recipient, state, delivering channel, latest status of each attempt
    ("+37251000000", ChainState.DELIVERED, "whatsapp", ["DELIVRD"]),
    ("+37251000001", ChainState.DELIVERED, "viber", ["UNDELIV", "DELIVRD"]),
    ("+37251000002", ChainState.FAILED, None, ["FAILED", "FAILED", "FAILED"]),
    ("+37251000003", ChainState.FAILED, None, ["EXPIRED", "EXPIRED", "EXPIRED"]),
    ("+37251000004", ChainState.DELIVERED, "whatsapp", ["SEEN"]),
    ("+37251000005", ChainState.FAILED, None, ["REJECTD", "REJECTD", "REJECTD"]),
]
OMNI_ID = UUID("632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a")
WHATSAPP_ID = "00000000-0000-4000-8000-000000000001"
VIBER_ID = "00000000-0000-4000-8000-000000000002"


def played_out(
    sb: Sandbox[ManualClock], captured: Captured, to: str
) -> tuple[OmnimessageCreated, list[DeliveryUpdate], Any]:
    """Send the chain to ``to``, play it to its end; return the send, its reports, its status."""
    with client_for(sb) as client:
        created = client.send(chain(to))
        sb.clock.advance(3600)
        sb.flush_reports()
        report = client.status(created.omnimessage_id)
    updates = [parse_delivery_report(r.content, r.headers, PASSWORD) for r in captured.requests]
    return created, updates, report


@pytest.mark.parametrize(("to", "state", "channel", "latest"), SCENARIOS)
def test_each_scenario_from_its_delivery_reports(
    captured_sandbox: Sandbox[ManualClock],
    captured: Captured,
    to: str,
    state: ChainState,
    channel: str | None,
    latest: list[str],
) -> None:
    created, updates, _ = played_out(captured_sandbox, captured, to)
    tracker = Tracker()
    tracker.expect(created)
    assert all(tracker.add(u) for u in updates)
    outcome = tracker.outcome(created.omnimessage_id)
    assert outcome.state is state
    assert (None if outcome.channel is None else str(outcome.channel)) == channel
    assert [str(a.status) for a in outcome.attempts] == latest
    assert outcome.planned == ("whatsapp", "viber", "sms")


@pytest.mark.parametrize(("to", "state", "channel", "latest"), SCENARIOS)
def test_each_scenario_from_duplicated_reports_in_reverse_order(
    captured_sandbox: Sandbox[ManualClock],
    captured: Captured,
    to: str,
    state: ChainState,
    channel: str | None,
    latest: list[str],
) -> None:
    created, updates, _ = played_out(captured_sandbox, captured, to)
    tracker = Tracker()
    for update in reversed(updates):
        tracker.add(update)
    tracker.expect(created)  # the answer to the send may come after the first reports
    assert not any(tracker.add(u) for u in updates)  # every one a duplicate now
    outcome = tracker.outcome(created.omnimessage_id)
    assert (outcome.state, [str(a.status) for a in outcome.attempts]) == (state, latest)


@pytest.mark.parametrize(("to", "state", "channel", "latest"), SCENARIOS)
def test_each_scenario_from_a_status_response(
    captured_sandbox: Sandbox[ManualClock],
    captured: Captured,
    to: str,
    state: ChainState,
    channel: str | None,
    latest: list[str],
) -> None:
    _, _, report = played_out(captured_sandbox, captured, to)
    tracker = Tracker()
    assert tracker.add_status(report) is True
    assert tracker.add_status(report) is False
    outcome = tracker.outcome(report.omnimessage_id)
    assert (outcome.state, [str(a.status) for a in outcome.attempts]) == (state, latest)
    assert outcome.planned is None


def test_a_chain_is_in_progress_until_its_outcome(
    captured_sandbox: Sandbox[ManualClock], captured: Captured
) -> None:
    # ...002 fails each of the three channels 3 seconds after it starts: at 3, 6 and 9 s.
    sb = captured_sandbox
    tracker = Tracker()
    with client_for(sb) as client:
        created = client.send(chain("+37251000002"))
        tracker.expect(created)
        folded = 0
        for second in range(1, 10):
            sb.clock.advance(1)
            sb.flush_reports()
            for request in captured.requests[folded:]:
                update = parse_delivery_report(request.content, request.headers, PASSWORD)
                assert tracker.add(update)
                folded += 1
            tracker.add_status(client.status(created.omnimessage_id))
            assert tracker.outcome(created.omnimessage_id).in_progress is (second < 9)
    assert tracker.outcome(created.omnimessage_id).failed


DROP = object()


def report(**fields: Any) -> DeliveryUpdate:
    """A verified report of the WhatsApp attempt; a field set to ``DROP`` is left out."""
    base = {"omnimessage_id": str(OMNI_ID), "message_id": WHATSAPP_ID, "channel": "whatsapp"}
    kept = {k: v for k, v in {**base, **fields}.items() if v is not DROP}
    body = json.loads(sign_report(password=PASSWORD, **kept).body)
    signed = sign_report(
        {k: v for k, v in body.items() if fields.get(k) is not DROP}, password=PASSWORD
    )
    return parse_delivery_report(signed.body, signed.headers, PASSWORD)


def test_a_late_report_never_moves_an_attempt_backwards() -> None:
    tracker = Tracker()
    assert tracker.add(report(status="DELIVRD", timestamp="2030-01-01T00:00:03")) is True
    assert tracker.add(report(status="ACK", timestamp="2030-01-01T00:00:01")) is False
    assert tracker.add(report(status=None, err=None, timestamp=None)) is False
    outcome = tracker.outcome(OMNI_ID)
    assert [str(a.status) for a in outcome.attempts] == ["DELIVRD"]
    assert outcome.delivered


def test_a_status_response_older_than_the_reports_changes_nothing() -> None:
    tracker = Tracker()
    tracker.add(report(status="UNDELIV", err=1, timestamp="2030-01-01T00:00:03"))
    older = report(status="ACK", timestamp="2030-01-01T00:00:01")
    assert tracker.add(older) is False
    assert str(tracker.outcome(OMNI_ID).attempts[0].status) == "UNDELIV"


def test_the_same_timestamp_is_ordered_by_how_far_a_status_got() -> None:
    tracker = Tracker()
    tracker.add(report(status="DELIVRD", timestamp="2030-01-01T00:00:03"))
    assert tracker.add(report(status="SEEN", timestamp="2030-01-01T00:00:03")) is True
    assert tracker.add(report(status="ACK", timestamp="2030-01-01T00:00:03")) is False


def test_a_delivered_chain_stays_delivered_whatever_follows() -> None:
    tracker = Tracker()
    tracker.add(report(status="DELIVRD", timestamp="2030-01-01T00:00:03"))
    tracker.add(report(status="READ_LATER", timestamp="2030-01-01T00:00:09"))
    outcome = tracker.outcome(OMNI_ID)
    assert str(outcome.attempts[0].status) == "READ_LATER"
    assert outcome.delivered
    assert str(outcome.channel) == "whatsapp"


def test_unknown_statuses_are_in_progress() -> None:
    tracker = Tracker()
    tracker.add(report(status="QUEUED", timestamp="2030-01-01T00:00:01"))
    assert tracker.outcome(OMNI_ID).in_progress


def test_reports_alone_never_make_a_chain_failed_the_plan_does() -> None:
    failure = report(status="UNDELIV", err=1, timestamp="2030-01-01T00:00:03")
    unplanned = Tracker()
    unplanned.add(failure)
    assert unplanned.outcome(OMNI_ID).in_progress
    assert unplanned.outcome(OMNI_ID).describe() == (
        "not delivered so far (whatsapp UNDELIV); a later channel may still deliver"
    )
    planned = Tracker()
    planned.expect(
        OmnimessageCreated.from_dict(
            {
                "omnimessage_id": str(OMNI_ID),
                "to": "+37251000001",
                "messages": [
                    {"channel": "whatsapp", "message_id": WHATSAPP_ID, "sender": "MyBrand"},
                    {"channel": "viber", "message_id": VIBER_ID, "sender": "MyBrand"},
                ],
            }
        )
    )
    planned.add(failure)
    assert planned.outcome(OMNI_ID).in_progress
    planned.add(report(message_id=VIBER_ID, channel="viber", status="EXPIRED", err=2))
    assert planned.outcome(OMNI_ID).failed


def test_reports_without_message_id_are_matched_by_channel() -> None:
    tracker = Tracker()
    tracker.add(report(message_id=DROP, status="ACK", timestamp="2030-01-01T00:00:01"))
    tracker.add(report(message_id=DROP, status="DELIVRD", timestamp="2030-01-01T00:00:03"))
    assert [str(a.status) for a in tracker.outcome(OMNI_ID).attempts] == ["DELIVRD"]


def test_attempts_are_listed_in_chain_order_whatever_the_arrival() -> None:
    tracker = Tracker()
    tracker.add(report(message_id=VIBER_ID, channel="viber", timestamp="2030-01-01T00:00:06"))
    tracker.add(report(status="UNDELIV", err=1, timestamp="2030-01-01T00:00:03"))
    assert [str(a.channel) for a in tracker.outcome(OMNI_ID).attempts] == ["whatsapp", "viber"]


def test_an_unknown_omnimessage_is_in_progress_with_nothing_known() -> None:
    tracker = Tracker()
    outcome = tracker.outcome(str(OMNI_ID))
    assert outcome.in_progress
    assert outcome.attempts == ()
    assert outcome.describe() == "in progress (nothing reported yet)"
    assert len(tracker) == 0


def test_describe_says_where_the_chain_stands() -> None:
    tracker = Tracker()
    tracker.add(report(status="UNDELIV", err=1, timestamp="2030-01-01T00:00:03"))
    assert tracker.outcome(OMNI_ID).describe() == (
        "not delivered so far (whatsapp UNDELIV); a later channel may still deliver"
    )
    tracker.add(report(message_id=VIBER_ID, channel="viber", status=None, timestamp=None))
    assert tracker.outcome(OMNI_ID).describe() == (
        "in progress (whatsapp UNDELIV, viber processing)"
    )
    tracker.add(report(message_id=VIBER_ID, channel="viber", timestamp="2030-01-01T00:00:06"))
    assert tracker.outcome(OMNI_ID).describe() == "delivered on viber"
    assert list(tracker) == [OMNI_ID]
