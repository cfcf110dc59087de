"""The sandbox bills an SMS by the parts sms_parts() counts: escapes, emoji, a UDH, autoconvert."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from messente_omnichannel import SMS
from messente_omnichannel.sandbox import ManualClock, Sandbox

START = datetime(2030, 1, 1, tzinfo=UTC)
AUTH = ("demo", "demo-password")
MESSENTE_EXAMPLE = (
    "The last book I read was called „Wuthering Heights“ by by Emily Brontë - I really enjoyed it!"
)


@pytest.fixture
def sb() -> Iterator[Sandbox[ManualClock]]:
    with Sandbox(clock=ManualClock(START)) as sandbox:
        yield sandbox


@pytest.fixture
def client(sb: Sandbox[ManualClock]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c:
        yield c


def _delivered_price(client: httpx.Client, sb: Sandbox[ManualClock], sms: SMS) -> dict[str, Any]:
    body = {"to": "+37251000000", "messages": [sms.to_dict()]}
    response = client.post("/omnimessage", json=body)
    assert response.status_code == 201, response.text
    sb.clock.advance(3)
    status = client.get(f"/omnimessage/{response.json()['omnimessage_id']}/status").json()
    (result,) = status["statuses"]
    assert result["status"] == "DELIVRD"
    price: dict[str, Any] = result["price_info"]
    return price


@pytest.mark.parametrize(
    ("sms", "parts"),
    [
        # 81 euro signs are 162 septets (escape + character each): two parts, not one.
        pytest.param(SMS("€" * 81), 2, id="extension-characters-cost-two-septets"),
        # 36 emoji are 72 UTF-16 units, over the 70 of one part.
        pytest.param(SMS("\N{GRINNING FACE}" * 36), 2, id="emoji-are-two-units"),
        # A 6-octet UDH leaves 153 septets in one part.
        pytest.param(SMS("a" * 154, udh="050003CC0201"), 2, id="udh-takes-its-octets"),
        pytest.param(SMS("a" * 153, udh="050003CC0201"), 1, id="udh-one-part"),
        # Messente's own example: 2 SMS as given, 1 after full's look-alikes.
        pytest.param(SMS(MESSENTE_EXAMPLE, autoconvert="full"), 1, id="autoconvert-full"),
        pytest.param(SMS(MESSENTE_EXAMPLE, autoconvert="off"), 2, id="autoconvert-off"),
        pytest.param(SMS(MESSENTE_EXAMPLE), 2, id="autoconvert-on-counts-as-given"),
        pytest.param(SMS("ж" * 135), 3, id="ucs2-67x2+1"),
    ],
)
def test_parts_count_and_price_follow_the_sms_count(
    client: httpx.Client, sb: Sandbox[ManualClock], sms: SMS, parts: int
) -> None:
    price = _delivered_price(client, sb, sms)
    assert price["parts_count"] == parts == sms.parts.parts
    assert price["part_price"] == "0.0420"
    assert price["total_price"] == f"{0.0420 * parts:.4f}"


def test_a_udh_that_leaves_no_room_is_billed_one_part_not_a_crash(
    client: httpx.Client, sb: Sandbox[ManualClock]
) -> None:
    # Valid by the spec's pattern, but 136 octets leave room for 4 septets and no split.
    sms = SMS("a" * 10, udh="00" * 136)
    with pytest.raises(ValueError, match="no room"):
        _ = sms.parts
    assert _delivered_price(client, sb, sms)["parts_count"] == 1
