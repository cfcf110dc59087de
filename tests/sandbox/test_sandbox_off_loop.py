"""A large request is parsed, checked and accepted off the event loop, so others are answered."""

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from messente_omnichannel.sandbox import ManualClock, Sandbox
from messente_omnichannel.sandbox._validation import SpecValidator

AUTH = ("demo", "demo-password")


def _on_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.fixture
def checked_on(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records, for every body check, whether it ran on the event loop's thread."""
    seen: list[bool] = []
    real = SpecValidator.check_body

    def recording(self: SpecValidator, operation_id: str, body: Any) -> Any:
        seen.append(_on_loop())
        return real(self, operation_id, body)

    monkeypatch.setattr(SpecValidator, "check_body", recording)
    return seen


@pytest.fixture
def client() -> Iterator[tuple[Sandbox[ManualClock], httpx.Client]]:
    with (
        Sandbox(clock=ManualClock()) as sb,
        httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c,
    ):
        yield sb, c


@pytest.mark.parametrize("valid", [True, False])
def test_a_large_body_is_checked_off_the_loop_and_a_small_one_on_it(
    client: tuple[Sandbox[ManualClock], httpx.Client], checked_on: list[bool], valid: bool
) -> None:
    sb, c = client
    to = "+37251000000" if valid else "nope"
    small = {"messages": [{"to": to, "messages": [{"channel": "sms", "text": "Hi"}]}]}
    large = {"messages": small["messages"] * 2_000}  # about 100 KB
    for body in (small, large):
        answer = c.post("/omnimessages", json=body)
        assert answer.status_code == (201 if valid else 400), answer.text
    assert checked_on == [True, False]
    assert len(sb.ledger) == (2_001 if valid else 0)


def test_a_large_single_omnimessage_is_checked_off_the_loop(
    client: tuple[Sandbox[ManualClock], httpx.Client], checked_on: list[bool]
) -> None:
    _, c = client
    body = {"to": "+37251000000", "messages": [{"channel": "sms", "text": "x" * 100_000}]}
    answer = c.post("/omnimessage", json=body)
    assert answer.status_code == 201, answer.text
    assert checked_on == [False]
