"""One definition of delivered and failed statuses, from the generated enum, read everywhere."""

import pytest

from messente_omnichannel import (
    ChainState,
    OmnimessageCreated,
    Tracker,
    parse_delivery_report,
    sign_report,
)
from messente_omnichannel._results import parse_report
from messente_omnichannel._statuses import DELIVERED_STATUSES, FAILED_STATUSES
from messente_omnichannel_client.models import DeliveryStatus

from .conftest import PASSWORD

IN_FLIGHT = {DeliveryStatus.ACCEPTD, DeliveryStatus.ACK, DeliveryStatus.UNKNOWN}
OMNI_ID = "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"
MESSAGE_ID = "00000000-0000-4000-8000-000000000001"


def test_every_generated_status_is_delivered_failed_or_in_flight() -> None:
    assert {DeliveryStatus.DELIVRD, DeliveryStatus.SEEN} == DELIVERED_STATUSES
    assert all(isinstance(s, DeliveryStatus) for s in DELIVERED_STATUSES | FAILED_STATUSES)
    assert DELIVERED_STATUSES.isdisjoint(FAILED_STATUSES)
    assert DELIVERED_STATUSES.isdisjoint(IN_FLIGHT) and FAILED_STATUSES.isdisjoint(IN_FLIGHT)
    # A status added to the spec must be placed here, not left to fall through.
    assert set(DeliveryStatus) == DELIVERED_STATUSES | FAILED_STATUSES | IN_FLIGHT


@pytest.mark.parametrize("status", list(DeliveryStatus))
def test_the_tracker_reads_the_definition(status: DeliveryStatus) -> None:
    signed = sign_report(
        password=PASSWORD, status=status.value, omnimessage_id=OMNI_ID, message_id=MESSAGE_ID
    )
    tracker = Tracker()
    # The plan: reports alone never make a chain failed (a next channel may follow).
    tracker.expect(
        OmnimessageCreated.from_dict(
            {
                "omnimessage_id": OMNI_ID,
                "to": "+37251000000",
                "messages": [{"channel": "sms", "message_id": MESSAGE_ID, "sender": "Messente"}],
            }
        )
    )
    tracker.add(parse_delivery_report(signed.body, signed.headers, PASSWORD))
    expected = (
        ChainState.DELIVERED
        if status in DELIVERED_STATUSES
        else ChainState.FAILED
        if status in FAILED_STATUSES
        else ChainState.IN_PROGRESS
    )
    assert tracker.outcome(OMNI_ID).state is expected


@pytest.mark.parametrize("status", list(DeliveryStatus))
def test_a_status_response_reads_the_definition(status: DeliveryStatus) -> None:
    result = {
        "channel": "sms",
        "message_id": MESSAGE_ID,
        "sender": "Messente",
        "status": status.value,
        "err": 0,
        "error": None,
        "timestamp": "2030-01-01T00:00:03.000000",
        "price_info": None,
    }
    report = parse_report({"omnimessage_id": OMNI_ID, "to": "+37251000000", "statuses": [result]})
    assert (report.delivered is not None) == (status in DELIVERED_STATUSES)
