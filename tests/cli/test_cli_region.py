"""`send --region`: national numbers, and numbers refused before anything is sent."""

from typing import Any

import pytest

from .conftest import Served


def test_a_national_number_with_region_is_sent_in_e164(cli: Any, served: Served) -> None:
    sb, url = served
    run = cli("send", "5100 0001", "--region", "ee", "--sms", "Hi", "--base-url", url, "--json")
    assert run.status == 0, run.err
    assert run.json()["to"] == "+37251000001"
    assert sb.ledger.count(to="+37251000001") == 1


@pytest.mark.parametrize(
    ("number", "said"),
    [
        ("+3725", "is too short"),
        ("640 0000", "is a fixed-line number"),
        ("5100 0001 0000 0000", "too long for a number of +372 (EE)"),
    ],
)
def test_a_number_that_cannot_receive_is_refused_before_sending(
    cli: Any, served: Served, number: str, said: str
) -> None:
    sb, url = served
    run = cli("send", number, "--region", "EE", "--sms", "Hi", "--base-url", url)
    assert run.status == 2
    assert said in run.err
    assert len(sb.ledger) == 0


@pytest.mark.parametrize("region", ["EST", "X1", "XX"])
def test_a_region_that_is_no_country_is_a_usage_error(cli: Any, region: str) -> None:
    run = cli("send", "5100 0001", "--region", region, "--sms", "Hi", "--sandbox")
    assert run.status == 2
    assert "--region" in run.err and "country" in run.err
