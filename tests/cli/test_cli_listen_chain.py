"""`listen` on a viber -> sms chain: a failed first channel is not "failed on every channel"."""

from typing import Any

from messente_omnichannel import sign_report
from messente_omnichannel.sandbox import DEMO_PASSWORD

from .test_cli_listen import Listening, post

OMNI_ID = "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"
VIBER_ID = "00000000-0000-4000-8000-000000000001"
SMS_ID = "00000000-0000-4000-8000-000000000002"


def report(channel: str, message_id: str, status: str, second: int, err: int = 0) -> Any:
    return sign_report(
        password=DEMO_PASSWORD,
        omnimessage_id=OMNI_ID,
        message_id=message_id,
        channel=channel,
        status=status,
        err=err,
        error="Delivery failure" if err else None,
        timestamp=f"2030-01-01T00:00:0{second}",
    )


def test_listen_does_not_call_a_chain_failed_before_its_next_channel_reports(cli: Any) -> None:
    reports = [
        report("viber", VIBER_ID, "ACK", 1),
        report("viber", VIBER_ID, "UNDELIV", 3, err=1),
        report("sms", SMS_ID, "ACCEPTD", 4),
        report("sms", SMS_ID, "DELIVRD", 6),
    ]
    with Listening(cli, "--sandbox", "--count", str(len(reports))) as listening:
        for signed in reports:
            assert post(listening.url, signed) == 200
    run = listening.run
    assert run is not None and run.status == 0
    outcomes = [line.split("  -> ")[1] for line in run.out.splitlines()]
    assert outcomes == [
        "in progress (viber ACK)",
        "not delivered so far (viber UNDELIV); a later channel may still deliver",
        "in progress (viber UNDELIV, sms ACCEPTD)",
        "delivered on sms",
    ]
    assert "every channel" not in run.out
