"""`send --dry-run`: the exact body and each SMS's encoding and parts, nothing sent, no login."""

import json
from typing import Any

import pytest

from messente_omnichannel import SMS, Omnimessage, Viber
from messente_omnichannel._cli import _commands
from messente_omnichannel._client._prepare import prepare_omnimessage

TO = "+37251234567"


@pytest.fixture(autouse=True)
def _no_credentials_no_client(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MESSENTE_API_USERNAME", "MESSENTE_API_PASSWORD", "MESSENTE_BASE_URL"):
        monkeypatch.delenv(name, raising=False)

    def no_client(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a dry run must not open a client")

    monkeypatch.setattr(_commands, "Omnichannel", no_client)


def test_prints_the_exact_body_and_the_parts_of_each_sms(cli: Any) -> None:
    run = cli("send", TO, "--viber", "Hi", "--sms", "a" * 161, "--sms", "ж" * 71, "--dry-run")
    assert run.status == 0, run.err
    expected = prepare_omnimessage(
        Omnimessage(to=TO, messages=[Viber(text="Hi"), SMS("a" * 161), SMS("ж" * 71)])
    ).decode("utf-8")
    lines = run.out.splitlines()
    assert "nothing was sent" in lines[0]
    assert lines[1] == expected
    assert (
        "SMS (messages[1]): GSM-7, 2 parts of up to 153 septets; 161 used, 145 left in the "
        "last part" in lines
    )
    assert (
        "SMS (messages[2]): UCS-2, 2 parts of up to 67 UTF-16 units; 71 used, 63 left in the "
        "last part" in lines
    )
    assert "  UCS-2 because of: U+0436 ж" in lines
    # The account's Auto Replace settings are unknown: each SMS says so.
    assert sum("Auto Replace" in line for line in lines) == 2


def test_json_has_the_body_and_every_sms_count(cli: Any) -> None:
    text = "The „best“ offer"
    run = cli("send", TO, "--sms", text, "--autoconvert", "full", "--dry-run", "--json")
    assert (run.status, run.err) == (0, "")
    data = run.json()
    assert data["dry_run"] is True
    assert data["body"] == {
        "to": TO,
        "messages": [{"channel": "sms", "text": text, "autoconvert": "full"}],
    }
    (sms,) = data["sms"]
    assert sms == {
        "index": 0,
        "text": 'The "best" offer',
        "encoding": "GSM-7",
        "parts": 1,
        "per_part": 160,
        "part_lengths": [16],
        "length": 16,
        "remaining": 144,
        "ucs2_characters": [],
        "replacements": [["„", '"'], ["“", '"']],
        "autoconvert": "full",
        "depends_on_account": False,
        "note": None,
    }


def test_full_shows_what_the_text_becomes(cli: Any) -> None:
    run = cli("send", TO, "--sms", "Brontë…", "--autoconvert", "full", "--dry-run")
    assert run.status == 0, run.err
    assert "  autoconvert full replaces: U+00EB ë -> 'e', U+2026 … -> '...'" in run.out
    assert '  text as counted: "Bronte..."' in run.out


def test_a_chain_without_sms_prints_only_the_body(cli: Any) -> None:
    run = cli("send", TO, "--viber", "Hi", "--dry-run")
    assert run.status == 0, run.err
    assert "SMS (" not in run.out
    assert cli("send", TO, "--viber", "Hi", "--dry-run", "--json").json()["sms"] == []


def test_a_control_character_is_shown_not_sent_to_the_terminal(cli: Any) -> None:
    run = cli("send", TO, "--sms", "a\x1b[2Jb", "--dry-run")
    assert run.status == 0, run.err
    assert "\x1b" not in run.out
    assert "U+001B '\\x1b'" in run.out


def test_invalid_input_exits_2_and_prints_no_body(cli: Any) -> None:
    run = cli("send", "37251234567", "--sms", "Hi", "--dry-run")
    assert run.status == 2
    assert run.out == ""
    assert "to" in run.err


def test_wait_with_dry_run_is_invalid(cli: Any) -> None:
    run = cli("send", TO, "--sms", "Hi", "--dry-run", "--wait")
    assert run.status == 2
    assert "nothing to wait for" in run.err


def test_without_dry_run_the_client_is_opened(cli: Any) -> None:
    # The fixture's stand-in proves the dry runs above never reached it.
    run = cli("send", TO, "--sms", "Hi", "--json")
    assert run.status == 1
    assert "must not open a client" in json.dumps(run.error())
