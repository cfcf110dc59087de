"""The sandbox refuses what the client refuses, at the same paths, in the same words."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from messente_omnichannel import InvalidMessageError, validate
from messente_omnichannel.sandbox import ManualClock, Sandbox

AUTH = ("demo", "demo-password")
TO = "+37251000000"
LINK = "https://example.com/f.png"
SMS = {"channel": "sms", "text": "Hi"}


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with (
        Sandbox(clock=ManualClock()) as sandbox,
        httpx.Client(base_url="http://sandbox/v1", transport=sandbox.transport(), auth=AUTH) as c,
    ):
        yield c


def _sandbox_errors(client: httpx.Client, body: Any) -> list[tuple[str, str | None, str]]:
    response = client.post("/omnimessage", json=body)
    assert response.status_code == 400, response.text
    return [(e["code"], e["source"], e["detail"]) for e in response.json()["errors"]]


@pytest.mark.parametrize(
    ("message", "rule", "given"),
    [
        (
            {"channel": "whatsapp", "text": {"body": "Hi"}, "image": {"link": LINK}},
            "Exactly one WhatsApp content kind is required.",
            "Given: image + text.",
        ),
        (
            {
                "channel": "rcs",
                "sender": "Brand",
                "text": "Hi",
                "content_info": {"file_url": LINK, "force_refresh": False},
            },
            'Exactly one of "text", "rich_card" and "content_info" is required.',
            "Given: content_info + text.",
        ),
    ],
    ids=["whatsapp-text-and-image", "rcs-text-and-content-info"],
)
def test_two_content_kinds_name_the_rule(
    client: httpx.Client, message: dict[str, Any], rule: str, given: str
) -> None:
    [(code, source, detail)] = _sandbox_errors(client, {"to": TO, "messages": [SMS, message]})
    assert (code, source) == ("105", "messages[1]")
    assert detail.startswith(rule)
    assert detail.endswith(given)
    assert "more than one of the schemas" not in detail
    assert '"Hi"' not in detail  # the body is not echoed back


@pytest.mark.parametrize(
    "body",
    [
        {"to": TO, "messages": [SMS, {**SMS, "ttl": 60, "validity": 1}]},
        {"to": TO, "messages": [{"channel": "viber", "image_url": LINK, "text": "Hi"}]},
        {"to": "37251000000", "messages": [SMS]},
        {"to": TO, "messages": [SMS], "time_to_send": "2030-02-30T09:05"},
        {"to": TO, "messages": [SMS], "time_to_send": "22 June 2030"},
        {"to": "+0", "messages": [{"channel": "whatsapp", "image": {}}, {"channel": "fax"}]},
    ],
    ids=[
        "ttl-and-validity",
        "viber-combination",
        "e164",
        "naive-time-to-send-that-does-not-exist",
        "time-to-send-in-words",
        "several",
    ],
)
def test_client_and_sandbox_report_the_same_problems(client: httpx.Client, body: Any) -> None:
    with pytest.raises(InvalidMessageError) as caught:
        validate(body)
    expected = [(p.path, p.message) for p in caught.value.problems]
    found = [(source, detail) for _, source, detail in _sandbox_errors(client, body)]
    assert found == expected
