"""`status ID` (a table of the chain's attempts) and `cancel ID`, in both output modes."""

from datetime import timedelta
from typing import Any

import pytest

from messente_omnichannel import SMS, Omnichannel, Omnimessage, Viber, WhatsApp

from .conftest import PASSWORD, USERNAME, Served

UNKNOWN_ID = "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"


def _send(served: Served, to: str, *, later: bool = False) -> str:
    sb, url = served
    message = Omnimessage(
        to=to,
        messages=[
            WhatsApp.template("order_update", "en", sender="MyBrand"),
            Viber(text="Shipped", sender="MyBrand"),
            SMS("Shipped", sender="MyBrand"),
        ],
        time_to_send=sb.clock.now() + timedelta(hours=1) if later else None,
    )
    with Omnichannel(USERNAME, PASSWORD, base_url=url) as client:
        return str(client.send(message).omnimessage_id)


def test_status_shows_a_row_per_attempt_and_the_outcome(cli: Any, served: Served) -> None:
    omnimessage_id = _send(served, "+37251000001")
    served[0].clock.advance(10)
    run = cli("status", omnimessage_id, "--base-url", served[1])
    assert run.status == 0
    lines = run.out.splitlines()
    assert lines[0] == f"Omnimessage {omnimessage_id} to +37251000001: delivered on viber"
    assert lines[1].split() == [
        "#",
        "CHANNEL",
        "STATUS",
        "ERR",
        "ERROR",
        "TIME",
        "(UTC)",
        "SENDER",
        "PRICE",
    ]
    assert lines[2].split()[:5] == ["1", "whatsapp", "UNDELIV", "1", "Delivery"]
    assert lines[3].split() == [
        "2",
        "viber",
        "DELIVRD",
        "0",
        "-",
        "2030-01-01",
        "00:00:06",
        "MyBrand",
        "0.0250",
    ]


def test_status_shows_an_attempt_still_processing(cli: Any, served: Served) -> None:
    omnimessage_id = _send(served, "+37251000000")
    run = cli("status", omnimessage_id, "--base-url", served[1])
    assert "in progress (whatsapp processing)" in run.out
    assert run.out.splitlines()[2].split()[:3] == ["1", "whatsapp", "processing"]


def test_status_json_is_the_apis_answer_with_the_outcome(cli: Any, served: Served) -> None:
    omnimessage_id = _send(served, "+37251000002")
    served[0].clock.advance(10)
    run = cli("status", omnimessage_id, "--base-url", served[1], "--json")
    assert (run.status, run.err) == (0, "")
    data = run.json()
    assert data["omnimessage_id"] == omnimessage_id
    assert [s["status"] for s in data["statuses"]] == ["FAILED", "FAILED", "FAILED"]
    assert data["statuses"][0]["err"] == 9
    assert data["outcome"]["state"] == "failed"


def test_scheduled_then_cancelled(cli: Any, served: Served) -> None:
    omnimessage_id = _send(served, "+37251000000", later=True)
    waiting = cli("status", omnimessage_id, "--base-url", served[1])
    assert "No channel attempted yet" in waiting.out
    run = cli("cancel", omnimessage_id, "--base-url", served[1])
    assert (run.status, run.out.strip()) == (
        0,
        f"Cancelled omnimessage {omnimessage_id}: it will not be sent.",
    )
    served[0].clock.advance(7200)
    gone = cli("status", omnimessage_id, "--base-url", served[1], "--json")
    assert (gone.status, gone.error()["status"]) == (3, 404)


def test_cancel_json(cli: Any, served: Served) -> None:
    omnimessage_id = _send(served, "+37251000000", later=True)
    run = cli("cancel", omnimessage_id, "--base-url", served[1], "--json")
    assert (run.status, run.err) == (0, "")
    assert run.json() == {"omnimessage_id": omnimessage_id, "cancelled": True}


@pytest.mark.parametrize("command", ["status", "cancel"])
def test_an_unknown_or_sent_message_exits_3(cli: Any, served: Served, command: str) -> None:
    sent = _send(served, "+37251000000")
    for omnimessage_id in (UNKNOWN_ID, sent) if command == "cancel" else (UNKNOWN_ID,):
        run = cli(command, omnimessage_id, "--base-url", served[1])
        assert run.status == 3
        assert run.out == ""
        assert len(run.err.splitlines()) == 1
        assert run.err.startswith("messente-omnichannel: error: HTTP 404")
        error = cli(command, omnimessage_id, "--base-url", served[1], "--json").error()
        assert (error["type"], error["status"], error["exit_status"]) == ("NotFoundError", 404, 3)


@pytest.mark.parametrize("command", ["status", "cancel"])
def test_a_malformed_id_exits_2_without_a_request(cli: Any, command: str) -> None:
    run = cli(command, "12345", "--sandbox", "--json")
    assert run.status == 2
    assert "is not a UUID" in run.error()["message"]


@pytest.mark.parametrize("command", ["status", "cancel"])
def test_a_fresh_in_process_sandbox_knows_no_message(cli: Any, command: str) -> None:
    run = cli(command, UNKNOWN_ID, "--sandbox")
    assert run.status == 3
    assert "in-process sandbox" in run.err
