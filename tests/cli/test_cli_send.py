"""`send`: a fallback chain from options in command-line order, `--wait`, scheduling, errors."""

import argparse
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from messente_omnichannel import DeliveryUpdate, ReportReceiver, Tracker
from messente_omnichannel._cli._parser import parse_when

from .conftest import PASSWORD, USERNAME, Served

CHAIN = [
    "--whatsapp-template",
    "order_update",
    "--template-param",
    "4242",
    "--viber",
    "Order 4242 has shipped",
    "--sms",
    "Order 4242 has shipped",
    "--sender",
    "MyBrand",
]


def test_send_prints_the_accepted_chain(cli: Any) -> None:
    run = cli("send", "+37251000000", *CHAIN, "--sandbox")
    assert run.status == 0
    assert "Accepted omnimessage" in run.out
    assert [line.split()[1] for line in run.out.splitlines()[2:5]] == ["whatsapp", "viber", "sms"]
    assert "in-process sandbox" in run.err


def test_send_json_is_the_apis_answer(cli: Any) -> None:
    run = cli("send", "+37251000000", *CHAIN, "--sandbox", "--json")
    assert (run.status, run.err) == (0, "")
    data = run.json()
    assert data["to"] == "+37251000000"
    assert [m["channel"] for m in data["messages"]] == ["whatsapp", "viber", "sms"]
    assert {m["sender"] for m in data["messages"]} == {"MyBrand"}


def test_the_order_of_channel_options_is_the_order_of_the_chain(cli: Any) -> None:
    run = cli(
        "send",
        "+37251000000",
        "--sms",
        "a",
        "--viber",
        "b",
        "--rcs",
        "c",
        "--whatsapp-template",
        "t",
        "--sender",
        "MyBrand",
        "--sender",
        "sms=+37250000000",
        "--sandbox",
        "--json",
    )
    messages = run.json()["messages"]
    assert [m["channel"] for m in messages] == ["sms", "viber", "rcs", "whatsapp"]
    assert [m["sender"] for m in messages] == ["+37250000000", "MyBrand", "MyBrand", "MyBrand"]


def test_wait_follows_the_chain_to_the_channel_that_delivered(cli: Any) -> None:
    run = cli("send", "+37251000001", *CHAIN, "--sandbox", "--wait", "30")
    assert run.status == 0
    assert "whatsapp  UNDELIV  err 1 Delivery failure" in run.out
    assert run.out.rstrip().endswith("Delivered on viber.")


def test_wait_json_carries_the_outcome_and_statuses(cli: Any) -> None:
    run = cli("send", "+37251000001", *CHAIN, "--sandbox", "--wait", "30", "--json")
    assert (run.status, run.err) == (0, "")
    data = run.json()
    assert data["outcome"] == {
        "state": "delivered",
        "channel": "viber",
        "description": "delivered on viber",
    }
    assert [s["status"] for s in data["statuses"]] == ["UNDELIV", "DELIVRD"]


@pytest.mark.parametrize("as_json", [False, True])
def test_wait_exits_6_when_every_channel_failed(cli: Any, as_json: bool) -> None:
    run = cli("send", "+37251000002", *CHAIN, "--sandbox", "--wait", "30", *(["--json"] * as_json))
    assert run.status == 6
    if as_json:
        assert run.json()["outcome"]["state"] == "failed"
    else:
        assert "Not delivered: failed on every channel" in run.out


def test_wait_exits_7_when_the_outcome_is_still_open(cli: Any) -> None:
    # ...003 expires each channel after 5 minutes of sandbox time: seconds of real time.
    run = cli("send", "+37251000003", "--sms", "Hi", "--sandbox", "--wait", "0.1")
    assert run.status == 7
    assert "Still in progress" in run.out


def test_send_through_the_api_with_credentials_from_the_environment(
    cli: Any, served: Served
) -> None:
    sb, url = served
    run = cli("send", "+37251000000", "--sms", "Hi", "--base-url", url, "--json")
    assert run.status == 0
    assert [str(e.omnimessage_id) for e in sb.ledger] == [run.json()["omnimessage_id"]]


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_the_password_may_come_from_a_file_or_stdin(
    cli: Any,
    served: Served,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    source: str,
) -> None:
    _, url = served
    monkeypatch.setenv("MESSENTE_API_PASSWORD", "wrong")
    if source == "file":
        (tmp_path / "password").write_text(PASSWORD + "\n")
        where = str(tmp_path / "password")
    else:
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        where = "-"
    run = cli("send", "+37251000000", "--sms", "Hi", "--base-url", url, "--password-file", where)
    assert run.status == 0, run.err


@pytest.mark.parametrize("content", [None, ""])
def test_a_missing_or_empty_password_file_is_an_error(
    cli: Any, tmp_path: Path, content: str | None
) -> None:
    path = tmp_path / "password"
    if content is not None:
        path.write_text(content)
    run = cli(
        "send", "+37251000000", "--sms", "Hi", "--password-file", str(path), "--username", USERNAME
    )
    assert run.status == 1
    assert "password file" in run.err


def test_scheduled_sends_say_how_to_cancel(cli: Any, served: Served) -> None:
    sb, url = served
    at = (sb.clock.now() + timedelta(hours=1)).isoformat()
    run = cli("send", "+37251000000", "--sms", "Later", "--at", at, "--base-url", url)
    assert run.status == 0
    assert "Scheduled for 2030-01-01 01:00:00 UTC" in run.out
    assert "messente-omnichannel cancel" in run.out
    assert len(sb.ledger) == 1


def test_dlr_url_receives_the_reports(cli: Any, served: Served) -> None:
    sb, url = served
    updates: list[DeliveryUpdate] = []
    with ReportReceiver(updates.append, password=PASSWORD).serve() as receiver_url:
        run = cli(
            "send",
            "+37251000000",
            "--sms",
            "Hi",
            "--dlr-url",
            receiver_url,
            "--base-url",
            url,
            "--json",
        )
        sb.clock.advance(10)
        sb.flush_reports()
    tracker = Tracker()
    for update in updates:
        tracker.add(update)
    assert tracker.outcome(run.json()["omnimessage_id"]).describe() == "delivered on sms"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["+37251000000"], "give at least one of"),
        (["+37251000000", "--rcs", "Hi"], "RCS needs a sender"),
        (["not-a-number", "--sms", "Hi"], "to:"),
        (["+37251000000", "--viber", ""], "messages[0]"),
    ],
)
def test_an_invalid_message_exits_2_and_sends_nothing(
    cli: Any, argv: list[str], message: str
) -> None:
    run = cli("send", *argv, "--sandbox")
    assert run.status == 2
    error = [line for line in run.err.splitlines() if "error" in line]
    assert len(error) == 1
    assert message in error[0]
    json_run = cli("send", *argv, "--sandbox", "--json")
    assert json_run.error()["type"] == "InvalidMessageError"
    assert json_run.error()["exit_status"] == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["+37251000000", "--sms", "Hi", "--at", "tomorrow"],
        ["+37251000000", "--sms", "Hi", "--wait", "0"],
        ["+37251000000", "--sms", "Hi", "--sandbox", "--base-url", "http://127.0.0.1/v1"],
        [],
    ],
)
def test_bad_arguments_exit_2_on_one_line(cli: Any, argv: list[str]) -> None:
    run = cli("send", *argv)
    assert run.status == 2
    assert run.out == ""
    assert len(run.err.strip().splitlines()) == 1
    assert "see `messente-omnichannel send --help`" in run.err


def test_at_reads_relative_and_absolute_times() -> None:
    now = datetime(2030, 1, 1, tzinfo=UTC)
    assert parse_when("+30s", now) == now + timedelta(seconds=30)
    assert parse_when("+10m", now) == now + timedelta(minutes=10)
    assert parse_when("+2h", now) == now + timedelta(hours=2)
    assert parse_when("+1d", now) == now + timedelta(days=1)
    assert parse_when("2030-06-22T09:05") == datetime(2030, 6, 22, 9, 5, tzinfo=UTC)
    assert parse_when("2030-06-22T09:05:00+03:00").utcoffset() == timedelta(hours=3)
    with pytest.raises(argparse.ArgumentTypeError):
        parse_when("+5y")
